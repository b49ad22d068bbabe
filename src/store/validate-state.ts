import { decodeProgressLine, groupOf } from '../core/progress-map.js';
import {
  type Before,
  type CourseRecord,
  type CourseTransition,
  type JournalEntry,
  type Note,
  type ProgressEntry,
  type Project,
  type ProjectStage,
  type RoadmapEntry,
  type SettingValue,
  STATE_SCHEMA_VERSION,
  type State,
  type StudySession,
} from '../core/types.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const ID = /^[a-z0-9][a-z0-9._/-]*$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO_IN_RANGE =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,3})?Z$/;

const LONG_MONTHS = new Set([1, 3, 5, 7, 8, 10, 12]);

/**
 * A stored time: ISO's shape, with every field in range, on a day that exists (JavaScript reads
 * 2026-02-31 as 3 March, and 25:99 as no time at all). One regular expression does most of it:
 * most reads check only a few hundred of these, before V8 has optimised anything, and a hand-
 * written loop over the characters cost several times as much there (and no less at 100,000).
 */
export const isIso = (v: unknown): v is string =>
  typeof v === 'string' && ISO_IN_RANGE.test(v) && dayExists(v);

/** Whether the 29th, 30th or 31st of the month exists, for a string ISO_IN_RANGE accepts. */
function dayExists(v: string): boolean {
  const day = (v.charCodeAt(8) - 48) * 10 + v.charCodeAt(9) - 48;
  if (day < 29) return true;
  const month = (v.charCodeAt(5) - 48) * 10 + v.charCodeAt(6) - 48;
  if (month !== 2) return day < 31 || LONG_MONTHS.has(month);
  if (day > 29) return false;
  const year = Number(v.slice(0, 4));
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Why a value isn't a stored time, for messages. */
const notIso = (v: unknown): string =>
  typeof v === 'string' && ISO.test(v)
    ? 'a date or time of day that does not exist'
    : 'not an ISO date-time';

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

export const isModuleId = (v: string): boolean => ID.test(v);
export const isSettingKey = (v: string): boolean => /^[a-z][a-z0-9-]*$/.test(v);

export function isRoadmapEntry(v: unknown): v is RoadmapEntry {
  return isObject(v) && typeof v.courseId === 'string' && ID.test(v.courseId) && isIso(v.addedAt);
}

export function isNote(v: unknown): v is Note {
  return isObject(v) && isIso(v.at) && typeof v.text === 'string';
}

export function isProgressEntry(v: unknown): v is ProgressEntry {
  return (
    isObject(v) &&
    (v.status === 'done' || v.status === 'skipped') &&
    isIso(v.at) &&
    (v.minutes === undefined || (Number.isInteger(v.minutes) && (v.minutes as number) > 0)) &&
    Array.isArray(v.notes) &&
    (v.notes.length === 0 || v.notes.every(isNote))
  );
}

/** What is wrong with a roadmap entry, field by field, for messages: null when it is fine. */
export function roadmapEntryProblem(v: unknown): string | null {
  if (!isObject(v)) return 'is not an object {courseId, addedAt}';
  if (typeof v.courseId !== 'string' || !ID.test(v.courseId)) return 'courseId is not a course id';
  if (!isIso(v.addedAt)) return `addedAt is ${shown(v.addedAt)}, ${notIso(v.addedAt)}`;
  return null;
}

/** What is wrong with a progress entry, field by field, for messages: null when it is fine. */
export function progressEntryProblem(v: unknown): string | null {
  if (!isObject(v)) return 'is not an object {status, at, minutes?, notes?}';
  if (v.status !== 'done' && v.status !== 'skipped')
    return `status is ${shown(v.status)}, not "done" or "skipped"`;
  if (!isIso(v.at)) return `at is ${shown(v.at)}, ${notIso(v.at)}`;
  if (v.minutes !== undefined && !isMinutes(v.minutes)) {
    // NaN: a stored line whose minutes field isn't a number at all.
    const is = Number.isNaN(v.minutes) ? 'is not' : `is ${shown(v.minutes)}, not`;
    return `minutes ${is} a whole number above 0`;
  }
  if (!Array.isArray(v.notes) || !v.notes.every(isNote)) return 'notes is not a list of {at, text}';
  return null;
}

/** A value as a message quotes it, kept short. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  // JSON.parse reads 1e400 as Infinity, which JSON.stringify would show as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

export const isMinutes = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
export const isOptionalText = (v: unknown): boolean => v === undefined || typeof v === 'string';
const COURSE_STATES = new Set(['planned', 'active', 'parked', 'dropped']);
const CAUSES = new Set(['auto', 'study', 'switch', 'limit', 'removed']);
const PROJECT_STAGES = new Set(['idea', 'started', 'shipped', 'waived']);

export function isSession(s: unknown): s is StudySession {
  return isObject(s) && isIso(s.at) && isMinutes(s.minutes) && isOptionalText(s.note);
}

export function isJournalEntry(v: unknown): v is JournalEntry {
  return (
    isObject(v) &&
    Array.isArray(v.sessions) &&
    v.sessions.every(isSession) &&
    Array.isArray(v.notes) &&
    v.notes.every(isNote)
  );
}

export function isTransition(t: unknown): t is CourseTransition {
  return (
    isObject(t) &&
    isIso(t.at) &&
    COURSE_STATES.has(t.state as string) &&
    isOptionalText(t.reason) &&
    (t.cause === undefined || CAUSES.has(t.cause as string)) &&
    (t.switchedTo === undefined || (typeof t.switchedTo === 'string' && ID.test(t.switchedTo)))
  );
}

export function isCourseRecord(v: unknown): v is CourseRecord {
  return (
    isObject(v) &&
    Array.isArray(v.transitions) &&
    v.transitions.length > 0 &&
    v.transitions.every(isTransition)
  );
}

export function isProject(v: unknown): v is Project {
  return (
    isObject(v) &&
    isOptionalText(v.title) &&
    isProjectStage(v.stage) &&
    isOptionalText(v.goal) &&
    (v.estimateMinutes === undefined || isMinutes(v.estimateMinutes)) &&
    isOptionalText(v.ideaId) &&
    isOptionalText(v.repo) &&
    isOptionalText(v.shippedRef) &&
    (v.shippedAt === undefined || isIso(v.shippedAt)) &&
    isOptionalText(v.waiveReason) &&
    Array.isArray(v.stages) &&
    v.stages.every(isStageChange) &&
    (v.sessions === undefined || (Array.isArray(v.sessions) && v.sessions.every(isSession)))
  );
}

export const isProjectStage = (v: unknown): v is ProjectStage => PROJECT_STAGES.has(v as string);

export function isStageChange(s: unknown): s is Project['stages'][number] {
  return isObject(s) && isIso(s.at) && isProjectStage(s.stage);
}

/** The keyed parts besides progress and settings, with the check each value must pass. */
export const ENTRY_CHECKS = {
  journal: isJournalEntry,
  courses: isCourseRecord,
  projects: isProject,
} as const;

export function isSettingValue(v: unknown): v is SettingValue {
  return typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v);
}

export interface ProgressItem {
  /** Null for a line that doesn't have the shape of one. */
  id: string | null;
  entry: unknown;
  /** Where it is, for messages: `progress["hf-course/chapter1/2"]`. */
  place: string;
  /** The course it is kept under, in the per-course form; null in the per-id form. */
  group: string | null;
}

/**
 * Every progress entry of parsed state, undecided whether valid. Both stored forms are read: the
 * per-course lines roadmap writes (schema 3; see progress-map.ts) and the per-id objects of
 * schema 2, which a file keeps until its next write.
 */
export function progressItems(data: Record<string, unknown>): ProgressItem[] {
  const items: ProgressItem[] = [];
  const progress = isObject(data.progress) ? data.progress : {};
  // Object.keys, not Object.entries: a big roadmap has 40,000 entries, and this runs on reads.
  for (const key of Object.keys(progress)) {
    const value = progress[key];
    if (!Array.isArray(value)) {
      // Keys become object properties: `__proto__` and friends must never get that far.
      items.push({ id: key, entry: value, place: `progress[${JSON.stringify(key)}]`, group: null });
      continue;
    }
    value.forEach((line: unknown, i) => {
      const decoded = typeof line === 'string' ? decodeProgressLine(line) : null;
      items.push(
        decoded
          ? {
              id: decoded.id,
              entry: decoded.entry,
              place: `progress[${JSON.stringify(decoded.id)}]`,
              group: key,
            }
          : {
              id: null,
              entry: line,
              place: `progress[${JSON.stringify(key)}][${i}]`,
              group: key,
            },
      );
    });
  }
  return items;
}

/** What is wrong with the progress of parsed state (or with some of its courses' lines). */
export function progressProblems(data: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { id, entry, place, group } of progressItems(data)) {
    if (id === null) problems.push(`${place} is not a line of progress (id status date)`);
    else if (!ID.test(id)) problems.push(`${place} is not a module id`);
    else if (seen.has(id)) problems.push(`${place} appears twice`);
    else if (group !== null && groupOf(id) !== group)
      problems.push(`${place} is kept under ${JSON.stringify(group)}, not its own course`);
    else if (!isProgressEntry(entry)) problems.push(`${place}: ${progressEntryProblem(entry)}`);
    if (id !== null) seen.add(id);
  }
  return problems;
}

/**
 * What is wrong with the parts of `state` a change touched (`touched`, its log entry's `before`):
 * the courses whose progress it rebuilt, and the values it wrote under the keys it names. A big
 * file read on trust (config.checked) has these checked before a change writes them.
 */
export function touchedProblems(state: State, touched: Before): string[] {
  const problems = progressProblems({
    progress: Object.fromEntries(state.progress.rebuiltLines()),
  });
  if (touched.roadmap) {
    state.roadmap.forEach((entry, i) => {
      if (!isRoadmapEntry(entry)) problems.push(`roadmap[${i}]: ${roadmapEntryProblem(entry)}`);
    });
  }
  for (const [part, check] of Object.entries(ENTRY_CHECKS)) {
    const values = state[part as keyof typeof ENTRY_CHECKS] as Record<string, unknown>;
    for (const id of Object.keys(touched[part as keyof typeof ENTRY_CHECKS] ?? {})) {
      if (Object.hasOwn(values, id) && !check(values[id]))
        problems.push(`${part}[${JSON.stringify(id)}] is malformed`);
    }
  }
  for (const key of Object.keys(touched.settings ?? {})) {
    const value = state.settings[key];
    if (Object.hasOwn(state.settings, key) && !isSettingValue(value))
      problems.push(`settings[${JSON.stringify(key)}] has a value that doesn't fit it`);
  }
  return problems;
}

/**
 * Checks the shape of a parsed, migrated state. Returns the problems found, each naming its
 * place (`progress["hf-course/chapter1/1"].at`); an empty list means valid.
 */
export function findStateProblems(data: unknown): string[] {
  if (!isObject(data)) return ['the top level is not an object'];
  const problems: string[] = [];
  // Migration leaves a version it can't read as it is, for this to report.
  if (data.schemaVersion !== STATE_SCHEMA_VERSION) {
    problems.push(
      `schemaVersion is ${shown(data.schemaVersion)}, not a whole number from 0 to ${STATE_SCHEMA_VERSION}`,
    );
  }
  if (!Array.isArray(data.roadmap)) problems.push('roadmap is not a list');
  else {
    const seen = new Set<string>();
    data.roadmap.forEach((entry, i) => {
      if (!isRoadmapEntry(entry)) problems.push(`roadmap[${i}]: ${roadmapEntryProblem(entry)}`);
      else if (seen.has(entry.courseId)) problems.push(`roadmap[${i}] repeats ${entry.courseId}`);
      else seen.add(entry.courseId);
    });
  }
  if (!isObject(data.progress)) problems.push('progress is not an object');
  else problems.push(...progressProblems(data));
  for (const [part, check] of Object.entries(ENTRY_CHECKS)) {
    const values = data[part];
    if (!isObject(values)) {
      problems.push(`${part} is not an object`);
      continue;
    }
    for (const id of Object.keys(values)) {
      if (!ID.test(id)) problems.push(`${part}[${JSON.stringify(id)}] is not an id`);
      else if (!check(values[id])) problems.push(`${part}[${JSON.stringify(id)}] is malformed`);
    }
  }
  if (!isObject(data.settings)) problems.push('settings is not an object');
  else {
    // A value out of a setting's range (one a later release made stricter) is no damage: the
    // default stands in for it (effectiveSettings), and `doctor` names it.
    for (const [key, value] of Object.entries(data.settings)) {
      if (!isSettingKey(key) || !isSettingValue(value)) {
        problems.push(`settings[${JSON.stringify(key)}] has a value that doesn't fit it`);
      }
    }
  }
  if (
    !isObject(data.log) ||
    !isCount(data.log.bytes) ||
    !isCount(data.log.entries) ||
    (data.log.floor !== undefined && !isCount(data.log.floor))
  ) {
    problems.push('log is not {bytes, entries, floor?}');
  }
  return problems;
}
