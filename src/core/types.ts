/**
 * The learner's state as stored in config.json (schemaVersion 1). Progress is keyed by module id,
 * never by position, so catalog reordering can't corrupt it.
 */
export const STATE_SCHEMA_VERSION = 1;

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

export interface State {
  schemaVersion: number;
  roadmap: RoadmapEntry[];
  progress: Record<string, ProgressEntry>;
  settings: Record<string, SettingValue>;
  /**
   * How much of activity.jsonl is committed. The log is appended before the state is written, so
   * bytes past this mark belong to a change that never completed and are ignored (and cut off by
   * the next write).
   */
  log: { bytes: number; entries: number };
}

export type LogType =
  | 'done'
  | 'skip'
  | 'note'
  | 'reset'
  | 'add'
  | 'remove'
  | 'move'
  | 'config'
  | 'undo'
  | 'repair';

/**
 * The values of the parts of the state a change touched. A log entry holds them as they were
 * (`before`, which `undo` puts back) and as they became (`after`, which a replay applies).
 */
export interface Before {
  roadmap?: RoadmapEntry[];
  /** null: the module had no progress entry. */
  progress?: Record<string, ProgressEntry | null>;
  /** null: the setting was not set. */
  settings?: Record<string, SettingValue | null>;
}

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
  /** For `config`: the new value, or null when the setting was unset. */
  value?: SettingValue | null;
  before: Before;
  /** The same parts after the change. For `repair`: the whole repaired state. */
  after: Before;
}

/** A log entry before the store gives it an id and records what the change left. */
export type LogDraft = Omit<LogEntry, 'id' | 'after'>;

export function emptyState(): State {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    roadmap: [],
    progress: {},
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
