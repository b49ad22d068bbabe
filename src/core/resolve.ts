import type { CatalogIndex, ModuleRef } from '../catalog/catalog-index.js';
import type { CatalogCourse } from '../catalog/types.js';
import { UsageError } from '../errors.js';
import { didYouMean, suggestIds } from './suggest.js';
import type { State } from './types.js';

function allIds(catalog: CatalogIndex): string[] {
  return [...catalog.courseById.keys(), ...catalog.tracks.keys(), ...catalog.moduleById.keys()];
}

/** Expands course and track ids into course ids, in the order given (a track in catalog order). */
export function resolveCourseArgs(catalog: CatalogIndex, args: string[]): string[] {
  const ids: string[] = [];
  for (const arg of args) {
    const course = catalog.courseById.get(arg);
    const track = catalog.tracks.get(arg);
    if (course) ids.push(course.id);
    else if (track) ids.push(...track);
    else throw unknownCourse(catalog, arg);
  }
  return [...new Set(ids)];
}

export function resolveCourse(catalog: CatalogIndex, arg: string): CatalogCourse {
  const course = catalog.courseById.get(arg);
  if (!course) throw unknownCourse(catalog, arg);
  return course;
}

function unknownCourse(catalog: CatalogIndex, arg: string): UsageError {
  const asModule = catalog.moduleById.get(arg);
  if (asModule) {
    return new UsageError(
      `\`${arg}\` is a module, not a course.`,
      `Its course is \`${asModule.course.id}\`.`,
    );
  }
  const hint = didYouMean(suggestIds(arg, allIds(catalog)));
  return new UsageError(
    `Unknown course or track \`${arg}\`.`,
    hint ?? 'Run `roadmap catalog` to list the courses.',
  );
}

/**
 * A module argument is a full id, or a suffix at a `/` boundary that is unique among the courses
 * on the roadmap (`chapter3/2` for `hf-course/chapter3/2`).
 */
export function resolveModule(catalog: CatalogIndex, state: State, arg: string): ModuleRef {
  const onRoadmap = new Set(state.roadmap.map((r) => r.courseId));
  const exact = catalog.moduleById.get(arg);
  if (exact) {
    if (!onRoadmap.has(exact.course.id)) {
      throw new UsageError(
        `\`${arg}\` belongs to \`${exact.course.id}\`, which is not on your roadmap.`,
        `Add it first: roadmap add ${exact.course.id}`,
      );
    }
    return exact;
  }
  const matches: ModuleRef[] = [];
  for (const entry of state.roadmap) {
    const course = catalog.courseById.get(entry.courseId);
    for (const [index, module] of (course?.modules ?? []).entries()) {
      if (module.id.endsWith(`/${arg}`)) matches.push({ module, course: course!, index });
    }
  }
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new UsageError(
      `\`${arg}\` matches ${matches.length} modules on your roadmap: ${matches.map((m) => m.module.id).join(', ')}.`,
      'Pass the full module id.',
    );
  }
  const roadmapModules = state.roadmap.flatMap(
    (r) => catalog.courseById.get(r.courseId)?.modules.map((m) => m.id) ?? [],
  );
  const hint = didYouMean(suggestIds(arg, [...roadmapModules, ...catalog.moduleById.keys()]));
  return invalid(arg, hint);
}

function invalid(arg: string, hint: string | undefined): never {
  throw new UsageError(
    `Unknown module \`${arg}\`.`,
    hint ?? 'Run `roadmap show <course>` to list its modules.',
  );
}
