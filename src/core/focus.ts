import { type CatalogIndex, hiddenModuleIdsOf, moduleIdsOf } from '../catalog/catalog-index.js';
import { compareText } from './compare.js';
import { effectiveSettings } from './settings.js';
import type {
  Before,
  Change,
  CourseRecord,
  CourseState,
  CourseTransition,
  LogDraft,
  LoggedTransition,
  State,
  TransitionCause,
} from './types.js';

/** A course's state as the learner sees it: the stored one, or `finished`, which is derived. */
export type CourseStatus = CourseState | 'finished';

export const COURSE_STATUSES: CourseStatus[] = [
  'planned',
  'active',
  'parked',
  'dropped',
  'finished',
];

/**
 * The course state machine. A course leaves `planned` when it becomes active (or is dropped before
 * it starts); nothing goes back to `planned`, and a finished course changes only when its modules
 * or its project do (through `reset` or `undo`), never by a state change.
 */
const MOVES: Record<CourseStatus, readonly CourseState[]> = {
  planned: ['active', 'dropped'],
  active: ['parked', 'dropped'],
  parked: ['active', 'dropped'],
  dropped: ['active'],
  finished: [],
};

export type MoveCheck = 'allowed' | 'same' | 'refused';

export function checkCourseMove(from: CourseStatus, to: CourseState): MoveCheck {
  if (from === to) return 'same';
  return MOVES[from].includes(to) ? 'allowed' : 'refused';
}

function record(state: State, courseId: string): CourseRecord | undefined {
  return Object.hasOwn(state.courses, courseId) ? state.courses[courseId] : undefined;
}

/** The stored state: the last transition, or `planned` for a course that has none yet. */
export function storedState(state: State, courseId: string): CourseState {
  return record(state, courseId)?.transitions.at(-1)?.state ?? 'planned';
}

/** The last transition, if any: when the course came to its state, and why. */
export function lastTransition(state: State, courseId: string): CourseTransition | null {
  return record(state, courseId)?.transitions.at(-1) ?? null;
}

/** Every module of the course is done or skipped. A course no catalog has can't be checked. */
export function modulesComplete(catalog: CatalogIndex, state: State, courseId: string): boolean {
  const course = catalog.courseById.get(courseId);
  if (!course) return false;
  // Asked many times per command (focus, ETAs, idle checks) of every course on the roadmap, so
  // the answer is kept for as long as the progress object it was computed from lives.
  let known = completeCourses.get(state.progress);
  if (!known) {
    known = new WeakMap();
    completeCourses.set(state.progress, known);
  }
  const cached = known.get(course);
  if (cached !== undefined) return cached;
  const ids = moduleIdsOf(course);
  const complete = ids.length > 0 && state.progress.hasAll(ids);
  known.set(course, complete);
  return complete;
}

const completeCourses = new WeakMap<State['progress'], WeakMap<object, boolean>>();

export function projectSettled(state: State, courseId: string): boolean {
  const stage = Object.hasOwn(state.projects, courseId) ? state.projects[courseId]!.stage : null;
  return stage === 'shipped' || stage === 'waived';
}

/** Finished is derived, never stored: all modules done or skipped, and the project shipped or waived. */
export function isFinished(catalog: CatalogIndex, state: State, courseId: string): boolean {
  // The project first: it is one lookup, and most courses with every module marked still have one
  // to build, so the module check (50 lookups a course) is rarely needed.
  if (!projectSettled(state, courseId)) return false;
  // Without its catalog the modules can't be counted. A shipped or waived project is the last
  // step of a course, so the course still reads as finished, not as active and in focus.
  return !catalog.courseById.has(courseId) || modulesComplete(catalog, state, courseId);
}

/**
 * Dropped and not finished: out of the totals, the ETAs and the plan. A dropped course finished
 * all the same (its last module marked, its project shipped) counts as any finished course does.
 */
export function isDropped(catalog: CatalogIndex, state: State, courseId: string): boolean {
  return storedState(state, courseId) === 'dropped' && !isFinished(catalog, state, courseId);
}

export function courseStatus(catalog: CatalogIndex, state: State, courseId: string): CourseStatus {
  return isFinished(catalog, state, courseId) ? 'finished' : storedState(state, courseId);
}

/** The last thing the learner did in a course. */
export interface LastAction {
  kind: 'done' | 'skipped' | 'study' | 'note' | 'project' | 'activated';
  /** The module it concerned, for done, skipped, study and note. */
  moduleId: string | null;
  at: string;
}

/**
 * Study and project work come first, so on a tie (a switch made by `done`) the work is what is
 * remembered, not the activation it caused.
 */
export function lastAction(
  catalog: CatalogIndex,
  state: State,
  courseId: string,
): LastAction | null {
  let last: LastAction | null = null;
  const consider = (kind: LastAction['kind'], at: string | undefined, moduleId: string | null) => {
    if (at !== undefined && (last === null || at > last.at)) last = { kind, moduleId, at };
  };
  // Work on a module an override hid since is still work in the course.
  const course = catalog.courseById.get(courseId);
  const ids = course ? [...moduleIdsOf(course), ...hiddenModuleIdsOf(catalog, courseId)] : [];
  for (const id of ids) {
    const progress = state.progress.get(id);
    if (progress) {
      consider(progress.status === 'done' ? 'done' : 'skipped', progress.at, id);
      for (const note of progress.notes) consider('note', note.at, id);
    }
    const journal = Object.hasOwn(state.journal, id) ? state.journal[id] : undefined;
    for (const session of journal?.sessions ?? []) consider('study', session.at, id);
    for (const note of journal?.notes ?? []) consider('note', note.at, id);
  }
  const project = Object.hasOwn(state.projects, courseId) ? state.projects[courseId] : undefined;
  for (const stage of project?.stages ?? []) consider('project', stage.at, null);
  for (const session of project?.sessions ?? []) consider('project', session.at, null);
  consider('activated', lastActivation(state, courseId), null);
  return last;
}

/** When the course was last worked on: study, marks, notes, project stages, or becoming active. */
export function lastWorkedAt(catalog: CatalogIndex, state: State, courseId: string): string | null {
  return lastAction(catalog, state, courseId)?.at ?? null;
}

/**
 * When a finished course finished: its last module mark or project stage, whichever came last.
 * Null for a course that isn't finished.
 */
export function finishedAt(catalog: CatalogIndex, state: State, courseId: string): string | null {
  if (!isFinished(catalog, state, courseId)) return null;
  const course = catalog.courseById.get(courseId);
  // Without its catalog, the modules are those its id prefixes (see isFinished).
  const latest = course
    ? state.progress.latestAt(moduleIdsOf(course))
    : state.progress
        .ofCourse(courseId)
        // biome-ignore lint/complexity/useMathMinMax: these are ISO dates, compared as text.
        .reduce((at, [, entry]) => (entry.at > at ? entry.at : at), '');
  const stage = state.projects[courseId]!.stages.at(-1)?.at ?? '';
  // biome-ignore lint/complexity/useMathMinMax: these are ISO dates, compared as text.
  return stage > latest ? stage : latest;
}

/** When the course last became active, if it ever did. */
export function lastActivation(state: State, courseId: string): string | undefined {
  return record(state, courseId)
    ?.transitions.filter((t) => t.state === 'active')
    .at(-1)?.at;
}

/** What the focus rules make of the roadmap, without writing anything. */
export interface FocusView {
  limit: number;
  /**
   * Every roadmap course's status, with the focus rule applied; undefined for a course not on
   * the roadmap. Worked out per course when first asked: whether a course is finished means
   * reading its progress, and a change needs only a few of a thousand courses.
   */
  statuses: CourseStatuses;
  /** Active courses in roadmap order, those whose catalog is loaded. */
  active: string[];
  /**
   * Courses stored as active whose catalog isn't loaded (removed, or damaged). They can't be
   * studied, but they keep their place in the focus: a broken file must not move the learner's
   * focus to another course, which would still hold it once the catalog is back.
   */
  unloaded: string[];
  /**
   * The course the focus rule makes active because none is (nextInFocus): one a switch parked,
   * or the first planned one. It is not stored yet. Never while a course in `unloaded` holds the
   * focus.
   */
  autoActivated: string | null;
  /**
   * Courses stored as active beyond the focus limit, in roadmap order: a catalog update that
   * gave a finished course a new module reopens it while its successor holds the focus. They
   * count as parked, as the next change stores them (settleFocus), so that every command agrees
   * on what is in focus meanwhile.
   */
  overLimit: string[];
}

export class CourseStatuses {
  readonly #known = new Map<string, CourseStatus>();
  readonly #onRoadmap: Set<string>;

  constructor(
    private readonly catalog: CatalogIndex,
    private readonly state: State,
  ) {
    this.#onRoadmap = new Set(state.roadmap.map((r) => r.courseId));
  }

  get(courseId: string): CourseStatus | undefined {
    if (!this.#onRoadmap.has(courseId)) return undefined;
    let status = this.#known.get(courseId);
    if (status === undefined) {
      status = courseStatus(this.catalog, this.state, courseId);
      this.#known.set(courseId, status);
    }
    return status;
  }

  /** Applies the focus rule's choice of a course to make active. */
  activate(courseId: string): void {
    this.#known.set(courseId, 'active');
  }

  /** Applies the focus rule's choice of a course to park (see FocusView.overLimit). */
  park(courseId: string): void {
    this.#known.set(courseId, 'parked');
  }
}

/**
 * The course to come into focus by itself. One a switch parked to make room for another comes
 * back first: that room is free again, and finishing beats starting. Of several, the one parked
 * last, as the course that made room for the one just ended (A parked for B, B for C: C ends, B
 * comes back; B ends, A does). So does an active course taken off the roadmap and added back,
 * which was parked on the way out, and one a lower focus-limit parked. Otherwise the first
 * planned course in roadmap order. A course the learner parked themselves stays parked.
 */
function nextInFocus(catalog: CatalogIndex, state: State, statuses: CourseStatuses) {
  const loaded = (id: string) => catalog.courseById.has(id);
  let madeRoom: { courseId: string; at: string } | null = null;
  for (const { courseId } of state.roadmap) {
    const last = lastTransition(state, courseId);
    // Parked by a switch, by a lower focus-limit, or on the way off the roadmap and added back:
    // not parked by hand.
    if (
      last?.state !== 'parked' ||
      (last.cause !== 'switch' && last.cause !== 'removed' && last.cause !== 'limit') ||
      !loaded(courseId) ||
      statuses.get(courseId) !== 'parked'
    )
      continue;
    // yyyy-mm-ddThh:mm:ss.sssZ dates order as text.
    if (madeRoom === null || last.at > madeRoom.at) madeRoom = { courseId, at: last.at };
  }
  if (madeRoom) return madeRoom.courseId;
  return (
    state.roadmap.find((r) => statuses.get(r.courseId) === 'planned' && loaded(r.courseId))
      ?.courseId ?? null
  );
}

export function viewFocus(catalog: CatalogIndex, state: State): FocusView {
  const statuses = new CourseStatuses(catalog, state);
  // A finished course is never active, but only a course stored as active can be: the others
  // aren't checked for finished.
  let active = state.roadmap
    .map((r) => r.courseId)
    .filter(
      (id) =>
        storedState(state, id) === 'active' &&
        statuses.get(id) === 'active' &&
        catalog.courseById.has(id),
    );
  const unloaded = state.roadmap
    .map((r) => r.courseId)
    .filter(
      (id) =>
        !catalog.courseById.has(id) &&
        storedState(state, id) === 'active' &&
        !isFinished(catalog, state, id),
    );
  let autoActivated: string | null = null;
  if (active.length === 0 && unloaded.length === 0) {
    autoActivated = nextInFocus(catalog, state, statuses);
    if (autoActivated !== null) {
      statuses.activate(autoActivated);
      active = [autoActivated];
    }
  }
  const limit = effectiveSettings(state)['focus-limit'];
  let overLimit: string[] = [];
  if (active.length > limit) {
    const parked = new Set(parkOrder(catalog, state, active).slice(0, active.length - limit));
    overLimit = active.filter((id) => parked.has(id));
    active = active.filter((id) => !parked.has(id));
    for (const id of overLimit) statuses.park(id);
  }
  return { limit, statuses, active, unloaded, autoActivated, overLimit };
}

/**
 * The first course on the roadmap that `roadmap resume` could bring in to study now: planned or
 * parked, and in a loaded catalog (one "catalog not loaded" can't be studied either). `skip`
 * leaves out courses the caller knows are about to lose their catalog.
 */
export function resumableCourse(
  catalog: CatalogIndex,
  state: State,
  view: FocusView,
  skip: (courseId: string) => boolean = () => false,
): string | undefined {
  return state.roadmap.find((r) => {
    const status = view.statuses.get(r.courseId);
    return (
      !skip(r.courseId) &&
      catalog.courseById.has(r.courseId) &&
      (status === 'planned' || status === 'parked')
    );
  })?.courseId;
}

/**
 * The courses left to study, in the order they will be: the courses in focus first, then the
 * others (planned and parked), each group in roadmap order. Dropped courses are left out. The
 * ETA and the plan follow it, so they start where `next` does, not with a course parked ahead.
 */
export function studyOrder(catalog: CatalogIndex, state: State): string[] {
  const active = new Set(viewFocus(catalog, state).active);
  const ids = state.roadmap.map((r) => r.courseId);
  const rest = ids.filter((id) => !active.has(id) && !isDropped(catalog, state, id));
  return [...ids.filter((id) => active.has(id)), ...rest];
}

export interface TransitionOptions {
  reason?: string;
  cause?: TransitionCause;
  switchedTo?: string;
}

/** Appends a transition to a course's record, leaving the given state untouched. */
export function withTransition(
  state: State,
  courseId: string,
  to: CourseState,
  now: Date,
  options: TransitionOptions = {},
): State {
  const transition: CourseTransition = {
    at: now.toISOString(),
    state: to,
    ...(options.reason !== undefined && { reason: options.reason }),
    ...(options.cause !== undefined && { cause: options.cause }),
    ...(options.switchedTo !== undefined && { switchedTo: options.switchedTo }),
  };
  const previous = record(state, courseId)?.transitions ?? [];
  return {
    ...state,
    courses: { ...state.courses, [courseId]: { transitions: [...previous, transition] } },
  };
}

/**
 * Oldest work first. On a tie, the course that became active first goes first: finishing a
 * course brings the next one into focus at the same instant, and if the finished course is
 * reopened, the one that took over keeps the focus. Then the course later on the roadmap.
 */
function leastRecentlyWorked(catalog: CatalogIndex, state: State, ids: string[]): string[] {
  const order = new Map(state.roadmap.map((r, i) => [r.courseId, i]));
  const worked = new Map(ids.map((id) => [id, lastWorkedAt(catalog, state, id) ?? '']));
  const activated = new Map(ids.map((id) => [id, lastActivation(state, id) ?? '']));
  return [...ids].sort(
    (a, b) =>
      compareText(worked.get(a)!, worked.get(b)!) ||
      compareText(activated.get(a)!, activated.get(b)!) ||
      (order.get(b) ?? 0) - (order.get(a) ?? 0),
  );
}

/**
 * Which courses over the focus limit to park, first to last. A course whose project is shipped or
 * waived goes first: over the limit, that is a finished course a catalog update reopened, and the
 * course that took over keeps the focus even if the reopened one was worked on since (a note, a
 * review session) or finished at the same instant. The rest go least recently worked first.
 */
function parkOrder(catalog: CatalogIndex, state: State, ids: string[]): string[] {
  const settled = ids.filter((id) => projectSettled(state, id));
  const others = ids.filter((id) => !projectSettled(state, id));
  return [
    ...leastRecentlyWorked(catalog, state, settled),
    ...leastRecentlyWorked(catalog, state, others),
  ];
}

/**
 * Applies the focus rules after a change. More active courses than the limit allows (a lower
 * limit, a finished course reopened by `reset`, an import): the least recently worked are
 * parked, those that were not active before the change first. No active course: the first
 * planned one becomes active.
 */
export function settleFocus(catalog: CatalogIndex, before: State, after: State, now: Date): State {
  let state = after;
  const limit = effectiveSettings(state)['focus-limit'];
  // A course whose catalog isn't loaded is never parked here: its stored state waits for the
  // catalog to come back, and while it is active no course comes into focus by itself.
  const stored = viewFocus(catalog, state);
  const active = stored.autoActivated === null ? [...stored.active, ...stored.overLimit] : [];
  if (active.length > limit) {
    const wasActive = (id: string) => courseStatus(catalog, before, id) === 'active';
    const newcomers = parkOrder(
      catalog,
      state,
      active.filter((id) => !wasActive(id)),
    );
    const others = parkOrder(
      catalog,
      state,
      active.filter((id) => wasActive(id)),
    );
    for (const id of [...newcomers, ...others].slice(0, active.length - limit)) {
      state = withTransition(state, id, 'parked', now, { cause: 'limit' });
    }
  }
  state = reopenFinished(catalog, before, state, now);
  state = returnLimitParked(catalog, before, state, now);
  const view = viewFocus(catalog, state);
  if (view.autoActivated !== null) {
    const at = takeOverTime(catalog, before, state, view.autoActivated, now);
    state = withTransition(state, view.autoActivated, 'active', at, { cause: 'auto' });
  }
  return state;
}

/**
 * A raised focus-limit gives back the room a lower one took: the courses it parked come back,
 * the one parked last first, while the focus has room. (With none active, one comes back by
 * itself anyway: nextInFocus.)
 */
function returnLimitParked(catalog: CatalogIndex, before: State, after: State, now: Date): State {
  const limit = effectiveSettings(after)['focus-limit'];
  if (limit <= effectiveSettings(before)['focus-limit']) return after;
  const view = viewFocus(catalog, after);
  let room = limit - view.active.length - view.unloaded.length;
  if (view.autoActivated !== null || room <= 0) return after;
  const parked = after.roadmap
    .map((r) => ({ id: r.courseId, last: lastTransition(after, r.courseId) }))
    .filter(
      ({ id, last }) =>
        last?.state === 'parked' &&
        last.cause === 'limit' &&
        catalog.courseById.has(id) &&
        view.statuses.get(id) === 'parked',
    )
    // yyyy-mm-ddThh:mm:ss.sssZ dates order as text; the latest first, ties in roadmap order.
    .sort((a, b) => compareText(b.last!.at, a.last!.at));
  let state = after;
  for (const { id } of parked) {
    if (room-- <= 0) break;
    state = withTransition(state, id, 'active', now, { cause: 'auto' });
  }
  return state;
}

/**
 * A finished course that a change reopens (`reset`). Stored as `active` from before it finished
 * and keeping its place in the focus, it would read as in focus all along, and pace, streaks and
 * the idle nudge would count the time since as time in focus. Finished while parked or dropped
 * (its last module marked without coming back into focus), it would go back to that old state,
 * with its old reason, as if the finish had never happened. Either way it is recorded as out of
 * focus from when it finished (parked, no cause), and active again now while the focus has room.
 */
function reopenFinished(catalog: CatalogIndex, before: State, after: State, now: Date): State {
  let state = after;
  const active = new Set(viewFocus(catalog, after).active);
  for (const { courseId: id } of after.roadmap) {
    const stored = storedState(state, id);
    const wasActive = active.has(id);
    if (!wasActive && stored !== 'parked' && stored !== 'dropped') continue;
    if (courseStatus(catalog, before, id) !== 'finished' || isFinished(catalog, state, id))
      continue;
    const finished = finishedAt(catalog, before, id)!;
    const last = lastTransition(state, id)?.at ?? '';
    if (!(finished > last && finished < now.toISOString())) continue;
    state = withTransition(state, id, 'parked', new Date(finished));
    const view = viewFocus(catalog, state);
    if (wasActive || view.active.length + view.unloaded.length < view.limit)
      state = withTransition(state, id, 'active', now);
  }
  return state;
}

/**
 * When a course that comes into focus by itself does: when the change finished the course before
 * it, at that finish, which a `done --at` can date in the past. Dated now, the days between would
 * read as a time with nothing in focus, and pace and streaks would leave them out. Never before
 * the course's own last state change or its place on the roadmap, so its history stays in order.
 */
function takeOverTime(
  catalog: CatalogIndex,
  before: State,
  after: State,
  courseId: string,
  now: Date,
): Date {
  let at = '';
  for (const id of viewFocus(catalog, before).active) {
    const finished = finishedAt(catalog, after, id);
    if (finished !== null && finished > at) at = finished;
  }
  if (at === '' || at >= now.toISOString()) return now;
  const floor = [
    lastTransition(after, courseId)?.at ?? '',
    after.roadmap.find((r) => r.courseId === courseId)?.addedAt ?? '',
  ];
  for (const f of floor) if (f > at) at = f;
  return new Date(at);
}

/** What studying or resuming a course would do to the focus. */
export type ActivationPlan =
  | { kind: 'already' }
  | { kind: 'finished' }
  /** It becomes active; the limit has room. */
  | { kind: 'start'; from: CourseState }
  /** It becomes active, and `parks` is parked to keep within the limit. */
  | { kind: 'switch'; from: CourseState; parks: string };

export function planActivation(
  catalog: CatalogIndex,
  state: State,
  courseId: string,
): ActivationPlan {
  const view = viewFocus(catalog, state);
  const status = view.statuses.get(courseId) ?? courseStatus(catalog, state, courseId);
  if (status === 'active') return { kind: 'already' };
  if (status === 'finished') return { kind: 'finished' };
  // A course in focus whose catalog isn't loaded still holds its place (see FocusView.unloaded).
  const inFocus = [...view.active, ...view.unloaded];
  if (inFocus.length < view.limit) return { kind: 'start', from: status };
  const [parks] = leastRecentlyWorked(catalog, state, inFocus);
  return { kind: 'switch', from: status, parks: parks! };
}

/**
 * Makes a course active as planned: a switch parks the least recently worked active course, so
 * the limit is never exceeded. Expects a state the focus rules have settled (see withFocus).
 */
export function activate(
  catalog: CatalogIndex,
  state: State,
  courseId: string,
  now: Date,
  options: { cause?: TransitionCause; reason?: string } = {},
): { state: State; plan: ActivationPlan } {
  const plan = planActivation(catalog, state, courseId);
  if (plan.kind === 'already' || plan.kind === 'finished') return { state, plan };
  let next = state;
  if (plan.kind === 'switch') {
    next = withTransition(next, plan.parks, 'parked', now, {
      cause: 'switch',
      switchedTo: courseId,
      ...(options.reason !== undefined && { reason: options.reason }),
    });
  }
  next = withTransition(next, courseId, 'active', now, options);
  return { state: next, plan };
}

export interface FocusInfo {
  /** Every course state change the command made, in order, as its log entry lists them. */
  transitions: LoggedTransition[];
}

function logged(courseId: string, t: CourseTransition): LoggedTransition {
  const { at: _at, ...rest } = t;
  return { courseId, ...rest };
}

/**
 * Runs a change under the focus rules. The rules are applied first (so a course that would
 * become active by itself is active before the change looks at it) and again after it. The log
 * entry then records every course the whole of it touched, as each was before, so `undo` reverts
 * the change together with what it caused, and lists the transitions. A change that writes
 * nothing leaves the state exactly as it was: what the rules would do stays unwritten.
 */
export function withFocus<T extends object>(
  catalog: CatalogIndex,
  state: State,
  now: Date,
  compute: (base: State) => Change<T>,
): Change<T & FocusInfo> {
  const base = settleFocus(catalog, state, state, now);
  const change = compute(base);
  if (!change.entry) return { state, entry: null, info: { ...change.info, transitions: [] } };
  const after = settleFocus(catalog, base, change.state, now);
  const courses: NonNullable<Before['courses']> = {};
  const transitions: LoggedTransition[] = [];
  const ids = new Set([...Object.keys(state.courses), ...Object.keys(after.courses)]);
  for (const id of ids) {
    const was = record(state, id);
    const is = record(after, id);
    if (was === is) continue;
    courses[id] = was ?? null;
    for (const t of is?.transitions.slice(was?.transitions.length ?? 0) ?? []) {
      transitions.push(logged(id, t));
    }
  }
  // Parked before activated, so a switch reads in the order it happened.
  transitions.sort((a, b) => rank(a) - rank(b));
  const { courses: _ignored, ...rest } = change.entry.before;
  const before: Before = Object.keys(courses).length > 0 ? { ...rest, courses } : rest;
  const finished = finishedBy(catalog, state, after, change.entry);
  return {
    state: after,
    entry: {
      ...change.entry,
      before,
      ...(transitions.length > 0 && { transitions }),
      ...(finished.length > 0 && { finished }),
    },
    info: { ...change.info, transitions },
  };
}

/**
 * An undo's change with the course it finishes again named in `finished`: stored as active, a
 * finished course would otherwise read as made active (`focus: mlep-intro active`), beside a
 * `status` that calls it finished and out of focus.
 */
export function withFinished<T>(
  catalog: CatalogIndex,
  before: State,
  change: Change<T>,
  about: Pick<LogDraft, 'courseId' | 'moduleId'>,
): Change<T> {
  if (!change.entry) return change;
  const finished = finishedBy(catalog, before, change.state, about);
  if (finished.length === 0) return change;
  const transitions = (change.entry.transitions ?? []).filter(
    (t) => !finished.includes(t.courseId),
  );
  const { transitions: _old, ...entry } = change.entry;
  return {
    ...change,
    entry: { ...entry, ...(transitions.length > 0 && { transitions }), finished },
  };
}

/** The course an entry is about (its own, or its module's) if the entry finished it. */
function finishedBy(
  catalog: CatalogIndex,
  before: State,
  after: State,
  entry: Pick<LogDraft, 'courseId' | 'moduleId'>,
): string[] {
  const courseId =
    entry.courseId ??
    (entry.moduleId === undefined ? undefined : catalog.moduleById.get(entry.moduleId)?.course.id);
  if (courseId === undefined || !catalog.courseById.has(courseId)) return [];
  return isFinished(catalog, after, courseId) && !isFinished(catalog, before, courseId)
    ? [courseId]
    : [];
}

function rank(t: LoggedTransition): number {
  if (t.cause === 'auto') return 2;
  return t.state === 'active' ? 1 : 0;
}
