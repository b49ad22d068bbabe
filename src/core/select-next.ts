import type { CatalogIndex } from '../catalog/catalog-index.js';
import type { CatalogCourse, CatalogModule } from '../catalog/types.js';
import { projectSettled, viewFocus } from './focus.js';
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
      /** Every module of the course is done or skipped; its project is the step left. */
      kind: 'project';
      reason: null;
      course: CatalogCourse;
      module: null;
      position: null;
      /** The course's optional modules still to do, passed over because of skip-optional. */
      optionalLeft: number;
    }
  | {
      kind: null;
      /**
       * empty: no roadmap. finished: every course is finished or dropped. no-active-course: what
       * is left is parked, so there is nothing in focus to study.
       */
      reason: 'empty' | 'finished' | 'no-active-course';
      course: null;
      module: null;
      position: null;
      /** Optional modules still to do in courses not dropped, passed over because of skip-optional. */
      optionalLeft: number;
    };

export interface NextOptions {
  skipOptional?: boolean;
}

export function isTodo(state: State, moduleId: string): boolean {
  return !state.progress.has(moduleId);
}

/**
 * The next step within one course: its first module neither done nor skipped, else its project
 * while that is neither shipped nor waived. Only optional modules left with skip-optional on are
 * offered all the same, since the course can't finish without them. Null for a finished course.
 */
export function nextInCourse(
  course: CatalogCourse,
  state: State,
  options: NextOptions = {},
): Extract<NextResult, { kind: 'module' | 'project' }> | null {
  const pick = (skipOptional: boolean) =>
    course.modules.findIndex((m) => isTodo(state, m.id) && !(skipOptional && m.optional));
  let index = pick(options.skipOptional === true);
  if (index < 0 && !projectSettled(state, course.id)) {
    const optionalLeft = course.modules.filter((m) => m.optional && isTodo(state, m.id)).length;
    return { kind: 'project', reason: null, course, module: null, position: null, optionalLeft };
  }
  if (index < 0) index = pick(false);
  if (index < 0) return null;
  return {
    kind: 'module',
    reason: null,
    course,
    module: course.modules[index]!,
    position: { index: index + 1, total: course.modules.length },
  };
}

/**
 * What to do next, from the active courses in roadmap order (the focus rules say which are
 * active; a roadmap with no active course gets its first planned one): the next step in the
 * first active course (nextInCourse). Courses whose catalog isn't loaded are passed over rather
 * than failing.
 */
export function selectNextModule(
  catalog: CatalogIndex,
  state: State,
  options: NextOptions = {},
): NextResult {
  const nothing = (reason: 'empty' | 'finished' | 'no-active-course', optionalLeft = 0) =>
    ({ kind: null, reason, course: null, module: null, position: null, optionalLeft }) as const;
  if (state.roadmap.length === 0) return nothing('empty');
  const view = viewFocus(catalog, state);
  for (const id of view.active) {
    const course = catalog.courseById.get(id);
    const step = course ? nextInCourse(course, state, options) : null;
    if (step) return step;
  }
  let optionalLeft = 0;
  for (const entry of options.skipOptional ? state.roadmap : []) {
    if (view.statuses.get(entry.courseId) === 'dropped') continue;
    for (const m of catalog.courseById.get(entry.courseId)?.modules ?? []) {
      if (m.optional && isTodo(state, m.id)) optionalLeft += 1;
    }
  }
  const waiting = state.roadmap.some((r) => {
    const status = view.statuses.get(r.courseId);
    return status === 'parked' || status === 'active';
  });
  return nothing(waiting ? 'no-active-course' : 'finished', optionalLeft);
}
