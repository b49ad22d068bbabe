import type { CatalogIndex } from '../catalog/catalog-index.js';
import type { ProjectIdea } from '../catalog/types.js';
import { Failure, UsageError } from '../errors.js';
import { compareText } from './compare.js';
import type { MoveCheck } from './focus.js';
import type { Change, LogDraft, Project, ProjectStage, State, StudySession } from './types.js';

/** A project's stage, or `none` before the learner has recorded one. */
export type StageOrNone = ProjectStage | 'none';

export const STAGES: StageOrNone[] = ['none', 'idea', 'started', 'shipped', 'waived'];

/**
 * The project stage machine. Stages only move forward, except that a waived project can be taken
 * up again. Shipped is final: a mistaken `--shipped` is for `undo`.
 */
const STAGE_MOVES: Record<StageOrNone, readonly ProjectStage[]> = {
  none: ['idea', 'started', 'shipped', 'waived'],
  idea: ['started', 'shipped', 'waived'],
  started: ['shipped', 'waived'],
  shipped: [],
  waived: ['idea', 'started', 'shipped'],
};

export function checkStageMove(from: StageOrNone, to: ProjectStage): MoveCheck {
  if (from === to) return 'same';
  return STAGE_MOVES[from].includes(to) ? 'allowed' : 'refused';
}

export function projectOf(state: State, courseId: string): Project | null {
  return Object.hasOwn(state.projects, courseId) ? state.projects[courseId]! : null;
}

/** What `roadmap project <course> …` asks for; the command has parsed and checked each value. */
export interface ProjectRequest {
  title?: string;
  goal?: string;
  estimateMinutes?: number;
  ideaId?: string;
  repo?: string;
  shipped?: string;
  waiveReason?: string;
}

export interface ProjectOutcome {
  previous: Project | null;
  project: Project;
  from: StageOrNone;
  /** The stage it moved to, or null when only its details changed (or nothing did). */
  to: ProjectStage | null;
  /** The details that changed, by option name. */
  edited: string[];
}

/** The stage a request asks for, given the project as it is. */
function requestedStage(previous: Project | null, request: ProjectRequest): ProjectStage | null {
  const from: StageOrNone = previous?.stage ?? 'none';
  if (request.waiveReason !== undefined) return 'waived';
  if (request.shipped !== undefined) return 'shipped';
  // A repo recorded on a project that is already under way is a detail, not a step back.
  if (request.repo !== undefined && (from === 'none' || from === 'idea' || from === 'waived')) {
    return 'started';
  }
  if (from === 'none') return 'idea';
  // Taken up again, it is where it was: started, if it had a repo.
  if (from === 'waived' && request.title !== undefined)
    return previous?.repo !== undefined ? 'started' : 'idea';
  return null;
}

/**
 * The stages a move passes through on its way, dated with it: a project recorded and shipped in
 * one command was an idea first, and one given its repo as it ships was started.
 */
function stagesOnTheWay(
  from: StageOrNone,
  to: ProjectStage,
  request: ProjectRequest,
): ProjectStage[] {
  if (to === 'waived' || to === 'idea') return [to];
  const way: ProjectStage[] = [];
  if (from === 'none') way.push('idea');
  if (to === 'shipped' && request.repo !== undefined && from !== 'started') way.push('started');
  way.push(to);
  return way.filter((stage, i) => i === way.length - 1 || stage !== from);
}

const DETAILS = [
  ['title', 'title'],
  ['goal', 'goal'],
  ['estimateMinutes', 'estimate'],
  ['ideaId', 'idea'],
  ['repo', 'repo'],
  ['shippedRef', 'shipped'],
  ['waiveReason', 'reason'],
] as const;

const MOVE_DETAIL: Partial<Record<ProjectStage, (typeof DETAILS)[number][0]>> = {
  // Taking a waived project up again with a title: the title is part of the move.
  idea: 'title',
  started: 'repo',
  shipped: 'shippedRef',
  waived: 'waiveReason',
};

/**
 * Records a project or moves it along its stages. Each stage change is dated in `stages`; a
 * change of details alone keeps the stage. Refused moves throw, so nothing is written.
 */
export function changeProject(
  state: State,
  courseId: string,
  request: ProjectRequest,
  now: Date,
): Change<ProjectOutcome> {
  const previous = projectOf(state, courseId);
  const from: StageOrNone = previous?.stage ?? 'none';
  const to = requestedStage(previous, request);
  // Waived before it had one, it has no title either: what would be started or shipped?
  const untitled = from === 'none' || (from === 'waived' && previous?.title === undefined);
  if (untitled && to !== 'waived' && to !== null && request.title === undefined) {
    throw new UsageError(
      from === 'none'
        ? `${courseId} has no project yet, so it needs a title first.`
        : `The project for ${courseId} was waived before it had a title, so it needs one first.`,
      `For example: roadmap project ${courseId} "A dashboard for my own data"${request.repo !== undefined ? ` --repo ${request.repo}` : ''}`,
    );
  }
  const check = to === null ? 'same' : checkStageMove(from, to);
  if (check === 'refused') throw refusal(courseId, from, to!);
  const at = now.toISOString();
  const next: Project = { ...(previous ?? { stage: 'idea', stages: [] }) };
  if (request.title !== undefined) next.title = request.title;
  if (request.goal !== undefined) next.goal = request.goal;
  if (request.estimateMinutes !== undefined) next.estimateMinutes = request.estimateMinutes;
  if (request.ideaId !== undefined) next.ideaId = request.ideaId;
  if (request.repo !== undefined) next.repo = request.repo;
  if (request.shipped !== undefined) next.shippedRef = request.shipped;
  if (request.waiveReason !== undefined) next.waiveReason = request.waiveReason;
  const moved = check === 'allowed';
  if (moved) {
    next.stage = to!;
    next.stages = [
      ...next.stages,
      ...stagesOnTheWay(from, to!, request).map((stage) => ({ at, stage })),
    ];
    if (to === 'shipped') next.shippedAt = at;
    // Taken up again: the waiver stays in the stage history and the log, not on the project.
    if (from === 'waived') delete next.waiveReason;
  }
  // A move's own detail (the repo of `started`, the ref of `shipped`, the waiver's reason) is
  // part of the move, not an edit.
  const ownDetail = moved ? MOVE_DETAIL[to!] : undefined;
  const edited =
    previous === null
      ? []
      : DETAILS.filter(
          ([key]) =>
            previous[key] !== next[key] && key !== ownDetail && !(moved && key === 'waiveReason'),
        ).map(([, name]) => name);
  const info: ProjectOutcome = { previous, project: next, from, to: moved ? to : null, edited };
  if (!moved && edited.length === 0) return { state, entry: null, info };
  const reason = request.waiveReason !== undefined && { reason: request.waiveReason };
  return replaceProject(state, courseId, { previous, next, at, extra: { ...reason } }, info);
}

/** Minutes logged on a course's project (`project <course> --minutes`). */
export function projectMinutesLogged(project: Project | null): number {
  let minutes = 0;
  for (const session of project?.sessions ?? []) minutes += session.minutes;
  return minutes;
}

/**
 * Logs time spent building a course's project. The project must be recorded first (its title
 * says what the time went into), and a waived one taken up again. The stage stays as it is:
 * `--repo` and `--shipped` say where the work stands.
 */
export function logProjectTime(
  state: State,
  courseId: string,
  options: { minutes: number; note?: string; at?: Date },
  now: Date,
): Change<{ project: Project }> {
  const project = projectOf(state, courseId);
  if (project === null) {
    throw new UsageError(
      `${courseId} has no project yet, so there is nothing to log time on.`,
      `Record what you are building first: roadmap project ${courseId} "title" (or pick an idea: roadmap project ${courseId})`,
    );
  }
  if (project.stage === 'waived') {
    throw new UsageError(
      `The project for ${courseId} is waived, so there is nothing to log time on.`,
      `Take it up again first: roadmap project ${courseId} "title"${project.title === undefined ? '' : ` (it was “${project.title}”)`}`,
    );
  }
  const at = (options.at ?? now).toISOString();
  const session: StudySession = {
    at,
    minutes: options.minutes,
    ...(options.note !== undefined && { note: options.note }),
  };
  const sessions = [...(project.sessions ?? []), session].sort((a, b) => compareText(a.at, b.at));
  const next: Project = { ...project, sessions };
  const note = options.note !== undefined && { note: options.note };
  return replaceProject(
    state,
    courseId,
    { previous: project, next, at, extra: { minutes: options.minutes, ...note } },
    { project: next },
  );
}

/** The change that puts `next` in place of a course's project, with its `project` log entry. */
function replaceProject<T>(
  state: State,
  courseId: string,
  change: { previous: Project | null; next: Project; at: string; extra: Partial<LogDraft> },
  info: T,
): Change<T> {
  const { previous, next, at, extra } = change;
  return {
    state: { ...state, projects: { ...state.projects, [courseId]: next } },
    entry: {
      at,
      type: 'project',
      courseId,
      stage: next.stage,
      ...extra,
      before: { projects: { [courseId]: previous } },
    },
    info,
  };
}

function refusal(courseId: string, from: StageOrNone, to: ProjectStage): Failure {
  if (from === 'shipped') {
    return new Failure(
      `The project for ${courseId} has shipped; it can't be ${to === 'waived' ? 'waived' : `moved back to ${to}`}.`,
      'If shipping it was a mistake, `roadmap undo` reverts that.',
    );
  }
  return new Failure(`The project for ${courseId} is ${from}; it can't go back to ${to}.`);
}

/** The next step on a course's project, and the command that takes it. */
export interface ProjectStep {
  step: 'choose' | 'start' | 'ship' | null;
  command: string | null;
}

export function projectStep(state: State, courseId: string): ProjectStep {
  const stage = projectOf(state, courseId)?.stage ?? 'none';
  if (stage === 'none') return { step: 'choose', command: `roadmap project ${courseId} "<title>"` };
  if (stage === 'idea') {
    return { step: 'start', command: `roadmap project ${courseId} --repo <url-or-path>` };
  }
  if (stage === 'started') {
    return { step: 'ship', command: `roadmap project ${courseId} --shipped <url-or-commit>` };
  }
  return { step: null, command: null };
}

export function ideasOf(catalog: CatalogIndex, courseId: string): ProjectIdea[] {
  return catalog.courseById.get(courseId)?.projectIdeas ?? [];
}

/** Where a project's estimate comes from: the learner's own, the idea it was taken from, or none. */
export type EstimateSource = 'yours' | 'idea' | null;

export function projectEstimate(
  catalog: CatalogIndex,
  courseId: string,
  project: Project,
): { minutes: number | null; source: EstimateSource } {
  if (project.estimateMinutes !== undefined) {
    return { minutes: project.estimateMinutes, source: 'yours' };
  }
  const idea = ideasOf(catalog, courseId).find((i) => i.id === project.ideaId);
  return idea ? { minutes: idea.minutes, source: 'idea' } : { minutes: null, source: null };
}

/**
 * Project minutes still ahead for a course, for its ETA: the project's own estimate, else its
 * idea's, while it is neither shipped nor waived. Without a project, or without an estimate,
 * the course's first suggested idea stands in (`suggested`), since the course can't finish
 * without some project; `none` when there is nothing to go by.
 */
export function remainingProjectMinutes(
  catalog: CatalogIndex,
  state: State,
  courseId: string,
): { minutes: number; basis: 'yours' | 'idea' | 'suggested' | 'none' } {
  const project = projectOf(state, courseId);
  if (project && (project.stage === 'shipped' || project.stage === 'waived')) {
    return { minutes: 0, basis: 'none' };
  }
  if (project) {
    const { minutes, source } = projectEstimate(catalog, courseId, project);
    if (minutes !== null && source !== null) return { minutes, basis: source };
  }
  const [first] = ideasOf(catalog, courseId);
  return first ? { minutes: first.minutes, basis: 'suggested' } : { minutes: 0, basis: 'none' };
}

/**
 * The project minutes still ahead once calibrated (`factor`, for a catalog idea's estimate; an
 * estimate of your own is taken as you gave it), less the time logged on the project so far,
 * never below zero: as time studied comes off a module's estimate.
 */
export function projectMinutesLeft(
  catalog: CatalogIndex,
  state: State,
  courseId: string,
  factor: number,
): { minutes: number; basis: 'yours' | 'idea' | 'suggested' | 'none' } {
  const { minutes, basis } = remainingProjectMinutes(catalog, state, courseId);
  if (basis === 'none') return { minutes, basis };
  const scaled = basis === 'yours' ? minutes : minutes * factor;
  return {
    minutes: Math.max(0, scaled - projectMinutesLogged(projectOf(state, courseId))),
    basis,
  };
}

/** A project as `status --json`, `next --json` and `project --json` show it. */
export interface ProjectJson {
  title: string | null;
  goal: string | null;
  stage: ProjectStage;
  repo: string | null;
  shippedRef: string | null;
  shippedAt: string | null;
  waived: boolean;
  waiveReason: string | null;
  /** The project's own estimate, else its idea's; null when neither is known. */
  estimateMinutes: number | null;
  estimateSource: EstimateSource;
  ideaId: string | null;
  /** Every stage change with its date, oldest first. */
  stages: Array<{ at: string; stage: ProjectStage }>;
  /** Minutes logged on it with `project <course> --minutes`; 0 when none. */
  minutesLogged: number;
}

export function projectJson(
  catalog: CatalogIndex,
  courseId: string,
  project: Project,
): ProjectJson {
  const estimate = projectEstimate(catalog, courseId, project);
  return {
    title: project.title ?? null,
    goal: project.goal ?? null,
    stage: project.stage,
    repo: project.repo ?? null,
    shippedRef: project.shippedRef ?? null,
    shippedAt: project.shippedAt ?? null,
    waived: project.stage === 'waived',
    waiveReason: project.waiveReason ?? null,
    estimateMinutes: estimate.minutes,
    estimateSource: estimate.source,
    ideaId: project.ideaId ?? null,
    stages: project.stages,
    minutesLogged: projectMinutesLogged(project),
  };
}

/** A course's project and what to do about it: `next --json` (kind "project") and `project --json`. */
export interface ProjectStepJson extends ProjectStep {
  current: ProjectJson | null;
  ideas: ProjectIdea[];
}

export function projectStepJson(
  catalog: CatalogIndex,
  state: State,
  courseId: string,
): ProjectStepJson {
  const project = projectOf(state, courseId);
  return {
    ...projectStep(state, courseId),
    current: project ? projectJson(catalog, courseId, project) : null,
    ideas: ideasOf(catalog, courseId),
  };
}
