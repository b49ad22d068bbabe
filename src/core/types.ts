import { ProgressMap } from './progress-map.js';

/**
 * The learner's state as stored in config.json (schemaVersion 3). Progress is keyed by module id,
 * never by position, so catalog reordering can't corrupt it. Version 3 differs from 2 only in how
 * the progress is written (see progress-map.ts).
 */
export const STATE_SCHEMA_VERSION = 3;

export interface RoadmapEntry {
  courseId: string;
  /** ISO date-time (UTC). */
  addedAt: string;
}

export interface Note {
  at: string;
  text: string;
}

export type ProgressStatus = 'done' | 'skipped';

export interface ProgressEntry {
  status: ProgressStatus;
  /** When it was done or skipped: ISO date-time (UTC). */
  at: string;
  minutes?: number;
  notes: Note[];
}

export type SettingValue = string | number | boolean;

/** Time spent on a module without finishing it (`roadmap study`). */
export interface StudySession {
  at: string;
  minutes: number;
  note?: string;
}

/**
 * What a learner recorded about a module apart from its status: study sessions and notes. It
 * survives `reset`, because the time was spent whatever the module's status is now.
 */
export interface JournalEntry {
  sessions: StudySession[];
  notes: Note[];
}

/** A course's stored state; `finished` is never stored, it is derived from progress and project. */
export type CourseState = 'planned' | 'active' | 'parked' | 'dropped';

/**
 * Why a course changed state when the learner didn't name it in a `park`, `resume` or `drop`:
 * `auto`, the focus rule made it active (a course a switch parked, or the first planned one); `study`, studying one of its
 * modules made it active; `switch`, it was parked to make room for another course; `limit`, it
 * was parked because more courses were active than the focus limit allows; `removed`, it was
 * taken off the roadmap while active.
 */
export type TransitionCause = 'auto' | 'study' | 'switch' | 'limit' | 'removed';

export interface CourseTransition {
  at: string;
  state: CourseState;
  reason?: string;
  cause?: TransitionCause;
  /** For a course parked by a switch: the course that took its place. */
  switchedTo?: string;
}

/** A course's history of states, oldest first; the last one is its state now. */
export interface CourseRecord {
  transitions: CourseTransition[];
}

export type ProjectStage = 'idea' | 'started' | 'shipped' | 'waived';

/** The learner's own project for a course. */
export interface Project {
  /** Absent only for a project waived before it had a title. */
  title?: string;
  goal?: string;
  estimateMinutes?: number;
  /** The catalog idea it was taken from, if any. */
  ideaId?: string;
  stage: ProjectStage;
  repo?: string;
  shippedRef?: string;
  shippedAt?: string;
  waiveReason?: string;
  /** Every stage change with its date, oldest first. */
  stages: Array<{ at: string; stage: ProjectStage }>;
  /** Time spent building it (`project <course> --minutes`), oldest first; absent when none. */
  sessions?: StudySession[];
}

export interface State {
  schemaVersion: number;
  roadmap: RoadmapEntry[];
  progress: ProgressMap;
  /** Study sessions and notes, by module id. */
  journal: Record<string, JournalEntry>;
  /** Course states, by course id. */
  courses: Record<string, CourseRecord>;
  /** The learner's projects, by course id. */
  projects: Record<string, Project>;
  settings: Record<string, SettingValue>;
  /**
   * How much of activity.jsonl is committed. The log is appended before the state is written, so
   * bytes past this mark belong to a change that never completed and are ignored (and cut off by
   * the next write).
   */
  log: {
    bytes: number;
    entries: number;
    /** How many of the oldest entries `undo` may not revert: those an import brought in. */
    floor?: number;
  };
}

export type LogType =
  | 'done'
  | 'skip'
  | 'study'
  | 'note'
  | 'goal'
  | 'course'
  | 'project'
  | 'reset'
  | 'add'
  | 'remove'
  | 'move'
  | 'config'
  | 'undo'
  | 'repair'
  | 'import';

/**
 * The values of the parts of the state a change touched. A log entry holds them as they were
 * (`before`, which `undo` puts back) and as they became (`after`, which a replay applies).
 */
export interface Before {
  roadmap?: RoadmapEntry[];
  /** null: the module had no progress entry. */
  progress?: Record<string, ProgressEntry | null>;
  journal?: Record<string, JournalEntry | null>;
  courses?: Record<string, CourseRecord | null>;
  projects?: Record<string, Project | null>;
  /** null: the setting was not set. */
  settings?: Record<string, SettingValue | null>;
}

/** The parts of the state that are maps keyed by id; a change records only the keys it touched. */
export const KEYED_PARTS = ['progress', 'journal', 'courses', 'projects', 'settings'] as const;
export type KeyedPart = (typeof KEYED_PARTS)[number];

/** One line of activity.jsonl. */
export interface LogEntry {
  id: string;
  at: string;
  type: LogType;
  courseId?: string;
  moduleId?: string;
  minutes?: number;
  note?: string;
  reason?: string;
  /** For `undo`: the id of the entry it reverts. */
  undoes?: string;
  /** For `add`: every course added (courseId holds the first). For `config`: the key. */
  courseIds?: string[];
  key?: string;
  /** For `course`: the state the course moved to. For `project`: the stage. */
  state?: CourseState;
  stage?: ProjectStage;
  /** For `goal`: the deadline set, yyyy-mm-dd (the weekly minutes are in `minutes`). */
  deadline?: string;
  /** Every course state change the entry made, its own and those the focus rules added. */
  transitions?: LoggedTransition[];
  /**
   * Courses the entry finished (their last module, or the project shipped or waived). Finished is
   * worked out from progress and projects, never stored as a transition, so it is named here.
   */
  finished?: string[];
  /** For `config`: the new value, or null when the setting was unset. */
  value?: SettingValue | null;
  before: Before;
  /** The same parts after the change. For `repair` and `import`: the whole resulting state. */
  after: Before;
}

/** A course state change as a log entry lists it. */
export interface LoggedTransition {
  courseId: string;
  state: CourseState;
  reason?: string;
  cause?: TransitionCause;
  switchedTo?: string;
}

/** A log entry before the store gives it an id and records what the change left. */
export type LogDraft = Omit<LogEntry, 'id' | 'after'>;

export function emptyState(): State {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    roadmap: [],
    progress: ProgressMap.EMPTY,
    journal: {},
    courses: {},
    projects: {},
    settings: {},
    log: { bytes: 0, entries: 0 },
  };
}

/** The result of a pure state change. */
export interface Change<T = object> {
  state: State;
  /** null when nothing changed: nothing is written or logged. */
  entry: LogDraft | null;
  info: T;
}
