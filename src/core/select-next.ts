import type { CatalogIndex } from '../catalog/catalog-index.js';
import type { CatalogCourse, CatalogModule } from '../catalog/types.js';
import type { State } from './types.js';

export type NextResult =
  | {
      kind: 'module';
      reason: null;
      course: CatalogCourse;
      module: CatalogModule;
      /** 1-based position of the module in its course. */
      position: { index: number; total: number };
    }
  | {
      kind: null;
      reason: 'empty' | 'finished';
      course: null;
      module: null;
      position: null;
      /** Optional modules still to do, passed over because of skip-optional. */
      optionalLeft: number;
    };

export interface NextOptions {
  skipOptional?: boolean;
}

export function isTodo(state: State, moduleId: string): boolean {
  return !Object.hasOwn(state.progress, moduleId);
}

/**
 * The first module that is neither done nor skipped, in the first unfinished course, in roadmap
 * order. Courses whose catalog isn't loaded are passed over rather than failing.
 */
export function selectNextModule(
  catalog: CatalogIndex,
  state: State,
  options: NextOptions = {},
): NextResult {
  if (state.roadmap.length === 0) {
    return {
      kind: null,
      reason: 'empty',
      course: null,
      module: null,
      position: null,
      optionalLeft: 0,
    };
  }
  for (const entry of state.roadmap) {
    const course = catalog.courseById.get(entry.courseId);
    if (!course) continue;
    const index = course.modules.findIndex(
      (m) => isTodo(state, m.id) && !(options.skipOptional && m.optional),
    );
    if (index >= 0) {
      return {
        kind: 'module',
        reason: null,
        course,
        module: course.modules[index]!,
        position: { index: index + 1, total: course.modules.length },
      };
    }
  }
  let optionalLeft = 0;
  for (const entry of state.roadmap) {
    for (const m of catalog.courseById.get(entry.courseId)?.modules ?? []) {
      if (m.optional && isTodo(state, m.id)) optionalLeft += 1;
    }
  }
  return {
    kind: null,
    reason: 'finished',
    course: null,
    module: null,
    position: null,
    optionalLeft,
  };
}
