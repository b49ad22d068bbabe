import type { CatalogIndex } from '../catalog/catalog-index.js';
import { daysSince } from './calendar.js';
import {
  type CourseStatus,
  type FocusView,
  finishedAt,
  type LastAction,
  lastAction,
  lastTransition,
  viewFocus,
} from './focus.js';
import { type ProjectJson, projectJson, projectOf } from './projects.js';
import { effectiveSettings } from './settings.js';
import type { State } from './types.js';

/** `idle` in `next --json` and `status --json`. */
export interface IdleJson {
  courseId: string;
  /** Whole days since `lastActivityAt`. */
  days: number;
  lastActivityAt: string;
  last: LastAction;
}

/**
 * The nudge for an active course with no study for `idle-days` days or more (0 turns it off).
 * A course made active without study since counts from when it became active, so time spent
 * parked never makes a course look idle.
 */
export function idleFor(
  catalog: CatalogIndex,
  state: State,
  courseId: string,
  now: Date,
): IdleJson | null {
  const limit = effectiveSettings(state)['idle-days'];
  // A course whose catalog isn't loaded can't be studied: "one step now" would lead nowhere, and
  // its last study can't be named. `status` and `next` say what holds it instead.
  if (limit === 0 || !catalog.courseById.has(courseId)) return null;
  const last = lastAction(catalog, state, courseId);
  if (last === null) return null;
  const days = daysSince(new Date(last.at), now);
  if (days < limit) return null;
  return { courseId, days, lastActivityAt: last.at, last };
}

export function hasProgress(catalog: CatalogIndex, state: State, courseId: string): boolean {
  // Time on the project is study too.
  const project = Object.hasOwn(state.projects, courseId) ? state.projects[courseId] : undefined;
  if ((project?.sessions?.length ?? 0) > 0) return true;
  return (catalog.courseById.get(courseId)?.modules ?? []).some(
    (m) =>
      state.progress.has(m.id) ||
      (Object.hasOwn(state.journal, m.id) && state.journal[m.id]!.sessions.length > 0),
  );
}

/** `hopping` in `status --json`. */
export interface HoppingJson {
  /** Courses started and never finished: parked or dropped, with progress. */
  startedUnfinished: number;
  courses: string[];
  warning: string | null;
}

/** More than this many parked unfinished courses earns a warning. */
export const PARKED_WARNING_AT = 3;

function list(ids: string[]): string {
  return ids.length <= 1 ? (ids[0] ?? '') : `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
}

/** The parked courses with progress, most advanced first: the ones worth resuming. */
export function parkedUnfinished(catalog: CatalogIndex, state: State, view: FocusView): string[] {
  const done = (id: string) =>
    (catalog.courseById.get(id)?.modules ?? []).filter((m) => state.progress.has(m.id)).length /
    Math.max(1, catalog.courseById.get(id)?.modules.length ?? 1);
  return state.roadmap
    .map((r) => r.courseId)
    .filter((id) => view.statuses.get(id) === 'parked' && hasProgress(catalog, state, id))
    .sort((a, b) => done(b) - done(a));
}

/** The warning for starting a course while others sit parked unfinished, or null. */
export function startWarning(courseId: string, parked: string[]): string | null {
  const others = parked.filter((id) => id !== courseId);
  if (others.length === 0) return null;
  return `You started ${courseId} while ${list(others)} ${others.length === 1 ? 'is' : 'are'} parked unfinished. Finishing beats starting: \`roadmap resume ${others[0]}\` when you can.`;
}

export function hopping(catalog: CatalogIndex, state: State, view: FocusView): HoppingJson {
  const courses = state.roadmap
    .map((r) => r.courseId)
    .filter((id) => {
      const status = view.statuses.get(id);
      return (status === 'parked' || status === 'dropped') && hasProgress(catalog, state, id);
    });
  const parked = parkedUnfinished(catalog, state, view);
  let warning: string | null = null;
  if (parked.length >= PARKED_WARNING_AT) {
    warning = `${parked.length} courses are parked unfinished (${list(parked)}). Finish one before you start another: \`roadmap resume ${parked[0]}\`.`;
  } else {
    // A course in its first stint of focus that began when (or after) an unfinished course was
    // parked is a new start made while that course waits. A switch parks and activates at the
    // same instant, hence the tie counts.
    // A course the focus rules brought in is no start of the learner's until they study it.
    const firstStint = (id: string) => {
      const transitions = Object.hasOwn(state.courses, id) ? state.courses[id]!.transitions : [];
      const stints = transitions.filter((t) => t.state !== 'planned');
      if (stints.length !== 1 || stints[0]!.state !== 'active') return null;
      if (stints[0]!.cause === 'auto' && !hasProgress(catalog, state, id)) return null;
      return stints[0]!.at;
    };
    const parkedAt = (id: string) => lastTransition(state, id)?.at ?? '';
    // A course taken off the roadmap and added back comes back parked, dated when it was taken
    // off: the course that came into focus then was no start made while it waited.
    const setAside = (id: string) => lastTransition(state, id)?.cause === 'removed';
    for (const id of view.active) {
      const since = firstStint(id);
      const waiting =
        since === null ? [] : parked.filter((p) => since >= parkedAt(p) && !setAside(p));
      if (waiting.length > 0) {
        warning = startWarning(id, waiting);
        break;
      }
    }
  }
  return { startedUnfinished: courses.length, courses, warning };
}

/** What `status --json` adds to each course. */
export interface CourseFocusJson {
  state: CourseStatus;
  /** The reason given for the course's last state change, if any. */
  reason: string | null;
  /** When it came to that state; for a finished course, when it finished. */
  stateSince: string | null;
  /** For a course a switch parked: the course it made room for (the reason is the switch's). */
  parkedFor: string | null;
  project: ProjectJson | null;
  idle: IdleJson | null;
}

/** `focus` in `status --json`. */
export interface FocusJson {
  limit: number;
  active: string[];
  /**
   * Courses stored as active whose catalog isn't loaded: they keep their place in the focus, so
   * they count against the limit.
   */
  unloaded: string[];
}

export interface FocusReport {
  focus: FocusJson;
  hopping: HoppingJson;
  courses: Map<string, CourseFocusJson>;
}

export function focusReport(catalog: CatalogIndex, state: State, now: Date): FocusReport {
  const view = viewFocus(catalog, state);
  const courses = new Map<string, CourseFocusJson>();
  for (const { courseId } of state.roadmap) {
    const status = view.statuses.get(courseId)!;
    const transition = lastTransition(state, courseId);
    const project = projectOf(state, courseId);
    // Not stored yet: the rules' choice, which the next change writes.
    const virtual = courseId === view.autoActivated || view.overLimit.includes(courseId);
    courses.set(courseId, {
      state: status,
      // A finished course's state is derived, not a change with a reason, except a waiver's.
      reason:
        status === 'finished'
          ? project?.stage === 'waived'
            ? (project.waiveReason ?? null)
            : null
          : virtual
            ? null
            : (transition?.reason ?? null),
      stateSince:
        status === 'finished'
          ? finishedAt(catalog, state, courseId)
          : virtual
            ? null
            : (transition?.at ?? null),
      parkedFor:
        status === 'parked' && !virtual && transition?.cause === 'switch'
          ? (transition.switchedTo ?? null)
          : null,
      project: project ? projectJson(catalog, courseId, project) : null,
      idle: status === 'active' ? idleFor(catalog, state, courseId, now) : null,
    });
  }
  return {
    focus: { limit: view.limit, active: view.active, unloaded: view.unloaded },
    hopping: hopping(catalog, state, view),
    courses,
  };
}
