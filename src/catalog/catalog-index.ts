import type { Catalog, CatalogCourse, CatalogModule } from './types.js';

export interface ModuleRef {
  module: CatalogModule;
  course: CatalogCourse;
  /** 0-based position within its course. */
  index: number;
}

/** Lookup tables over every loaded catalog, built once per command. */
export interface CatalogIndex {
  courses: CatalogCourse[];
  courseById: Map<string, CatalogCourse>;
  moduleById: Map<string, ModuleRef>;
  /** Track id -> its course ids, in catalog order. */
  tracks: Map<string, string[]>;
}

export function indexCatalogs(catalogs: Catalog[]): CatalogIndex {
  const courses: CatalogCourse[] = [];
  const courseById = new Map<string, CatalogCourse>();
  const moduleById = new Map<string, ModuleRef>();
  const tracks = new Map<string, string[]>();
  for (const catalog of catalogs) {
    for (const course of catalog.courses) {
      courses.push(course);
      courseById.set(course.id, course);
      course.modules.forEach((module, index) => {
        moduleById.set(module.id, { module, course, index });
      });
      if (course.track) {
        const list = tracks.get(course.track) ?? [];
        list.push(course.id);
        tracks.set(course.track, list);
      }
    }
  }
  return { courses, courseById, moduleById, tracks };
}
