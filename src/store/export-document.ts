import { CATALOG_FILE_ID } from '../catalog/check-user.js';
import type { Catalog } from '../catalog/types.js';
import { validateCatalog } from '../catalog/validate.js';
import { MAX_NOTE_LENGTH, withCommas } from '../core/inputs.js';
import { ProgressMap } from '../core/progress-map.js';
import {
  type Before,
  emptyState,
  KEYED_PARTS,
  type LogEntry,
  type ProgressEntry,
  type State,
  type StudySession,
} from '../core/types.js';
import { malformedParts } from './salvage.js';
import {
  ENTRY_CHECKS,
  isIso,
  isModuleId,
  isProgressEntry,
  isRoadmapEntry,
  isSettingKey,
  isSettingValue,
  progressEntryProblem,
  roadmapEntryProblem,
} from './validate-state.js';

export const EXPORT_FORMAT = 'roadmap-export';
export const EXPORT_VERSION = 1;

/**
 * The export document (version 1): everything in the config directory, as one JSON value. Lists
 * rather than maps, so the document reads well and diffs well; every id is a value, never a key.
 */
export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  roadmap: State['roadmap'];
  progress: Array<
    { moduleId: string } & Omit<ProgressEntry, 'notes'> & { notes?: ProgressEntry['notes'] }
  >;
  journal: Array<{ moduleId: string } & State['journal'][string]>;
  courses: Array<{ courseId: string } & State['courses'][string]>;
  projects: Array<{ courseId: string } & State['projects'][string]>;
  settings: State['settings'];
  log: LogEntry[];
  catalogs: Catalog[];
}

export function buildExport(
  state: State,
  log: LogEntry[],
  catalogs: Catalog[],
  now: Date,
): ExportDocument {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    roadmap: state.roadmap,
    progress: state.progress.entries().map(([moduleId, { notes, ...entry }]) => ({
      moduleId,
      ...entry,
      ...(notes.length > 0 && { notes }),
    })),
    journal: Object.entries(state.journal).map(([moduleId, entry]) => ({ moduleId, ...entry })),
    courses: Object.entries(state.courses).map(([courseId, entry]) => ({ courseId, ...entry })),
    projects: Object.entries(state.projects).map(([courseId, entry]) => ({ courseId, ...entry })),
    settings: state.settings,
    log,
    catalogs,
  };
}

/** An export document read back: the state it describes, its log and its catalogs. */
export interface ParsedExport {
  exportedAt: string;
  state: State;
  log: LogEntry[];
  catalogs: Catalog[];
}

const LOG_TYPES = new Set([
  'done',
  'skip',
  'study',
  'note',
  'goal',
  'course',
  'project',
  'reset',
  'add',
  'remove',
  'move',
  'config',
  'undo',
  'repair',
  'import',
]);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && isModuleId(v);

/** The parts a log entry records: known parts only, each value valid (or null: absent). */
function isParts(v: unknown): v is Before {
  if (!isObject(v)) return false;
  for (const [part, value] of Object.entries(v)) {
    if (part === 'roadmap') {
      if (!Array.isArray(value) || !value.every(isRoadmapEntry)) return false;
      continue;
    }
    if (!(KEYED_PARTS as readonly string[]).includes(part) || !isObject(value)) return false;
    for (const [key, item] of Object.entries(value)) {
      const keyOk = part === 'settings' ? isSettingKey(key) : isModuleId(key);
      if (!keyOk) return false;
      if (item === null) continue;
      const ok =
        part === 'settings'
          ? // Settings as an older release allowed them too: a log entry records what was.
            isSettingKey(key) && isSettingValue(item)
          : isModuleId(key) &&
            (part === 'progress'
              ? isProgressEntry(item)
              : ENTRY_CHECKS[part as keyof typeof ENTRY_CHECKS](item));
      if (!ok) return false;
    }
  }
  return true;
}

/** A log line as roadmap writes it: one an export may carry, and one a repair may replay. */
export function isLogEntry(v: unknown): v is LogEntry {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    /^[A-Za-z0-9_-]{1,100}$/.test(v.id) &&
    isIso(v.at) &&
    LOG_TYPES.has(v.type as string) &&
    isParts(v.before) &&
    isParts(v.after)
  );
}

/**
 * `--at` refuses dates before 1 January 2000 in local time, which began at 10:00 UTC the day before
 * in the easternmost zone (UTC+14): what it accepted anywhere must import anywhere.
 */
const EARLIEST = Date.parse('1999-12-31T10:00:00.000Z');
const MAX_SESSION_MINUTES = 1440;
/** Minutes on one progress entry: a month of days at most (older versions added by amending). */
const MAX_ENTRY_MINUTES = 1440 * 30;

/**
 * Values the CLI itself would never write: dates before 2000 or in the future (a day of clock
 * difference between machines allowed), and minutes beyond a day per session. Importing them
 * would give reports like "last worked in 73 years". Dates are held to this machine's clock, not
 * to the export's date: an export made while its machine's clock was behind (set back, or a
 * `ROADMAP_NOW` earlier than its entries) holds later dates, and is still a backup to restore.
 */
function findImplausible(state: State, exportedAt: string, now: Date): string[] {
  const problems: string[] = [];
  if (Date.parse(exportedAt) > now.getTime() + 86_400_000)
    problems.push(`exportedAt ${exportedAt} is in the future`);
  // As times, not text: past 9999 a date is written with a sign (`+010000-…`), which sorts first.
  const latest = now.getTime() + 86_400_000;
  const clock = now.toISOString();
  const checkAt = (where: string, at: string) => {
    const time = Date.parse(at);
    if (time < EARLIEST) problems.push(`${where}: ${at} is before 2000`);
    else if (time > latest)
      problems.push(
        `${where}: ${at} is in the future, more than a day after this machine's clock (${clock})`,
      );
  };
  // As `note` and `--note` take them: not blank, and at most MAX_NOTE_LENGTH characters.
  const checkNote = (where: string, note: { at: string; text: string }) => {
    checkAt(where, note.at);
    if (note.text.trim() === '') problems.push(`${where}: the text is blank`);
    else if ([...note.text].length > MAX_NOTE_LENGTH)
      problems.push(`${where}: the text is longer than ${withCommas(MAX_NOTE_LENGTH)} characters`);
  };
  for (const [id, entry] of state.progress.entries()) {
    checkAt(`progress ${id}`, entry.at);
    if ((entry.minutes ?? 0) > MAX_ENTRY_MINUTES) {
      problems.push(`progress ${id}: ${entry.minutes} minutes is more than ${MAX_ENTRY_MINUTES}`);
    }
    for (const note of entry.notes) checkNote(`progress ${id} note`, note);
  }
  // As `study` and `project --minutes` take them: a day at most, with a note that isn't blank.
  const checkSession = (where: string, session: StudySession) => {
    checkAt(where, session.at);
    if (session.minutes > MAX_SESSION_MINUTES)
      problems.push(`${where}: ${session.minutes} minutes is more than a day`);
    if (session.note !== undefined) checkNote(where, { at: session.at, text: session.note });
  };
  for (const [id, entry] of Object.entries(state.journal)) {
    for (const session of entry.sessions) checkSession(`journal ${id} session`, session);
    for (const note of entry.notes) checkNote(`journal ${id} note`, note);
  }
  for (const [id, project] of Object.entries(state.projects)) {
    for (const stage of project.stages) checkAt(`projects ${id} stage ${stage.stage}`, stage.at);
    if (project.shippedAt !== undefined) checkAt(`projects ${id} shippedAt`, project.shippedAt);
    for (const session of project.sessions ?? []) checkSession(`projects ${id} session`, session);
  }
  for (const entry of state.roadmap) checkAt(`roadmap ${entry.courseId}`, entry.addedAt);
  for (const [id, record] of Object.entries(state.courses)) {
    for (const t of record.transitions) checkAt(`courses ${id} transition`, t.at);
  }
  return problems;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Where the document holds a `__proto__`, `constructor` or `prototype` key. JSON.parse keeps them
 * as plain data, but copying such an object with assignment could change a prototype, so they
 * are refused outright. Walks without recursion, so deep nesting can't overflow the stack.
 */
export function findForbiddenKeys(data: unknown, limit = 20): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[data, '']];
  while (stack.length > 0 && found.length < limit) {
    const [value, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`]);
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) found.push(`${at}: the key "${key}" is not allowed`);
      else stack.push([(value as Record<string, unknown>)[key], at]);
    }
  }
  return found;
}

/**
 * Checks the whole document before anything is changed, and collects every problem. Returns the
 * state it describes, or the problems.
 */
export function readExport(
  data: unknown,
  now: Date,
  options: { whole?: boolean } = {},
): { value: ParsedExport | null; problems: string[] } {
  if (!isObject(data)) return { value: null, problems: ['the document is not a JSON object'] };
  const forbidden = findForbiddenKeys(data);
  if (forbidden.length > 0) return { value: null, problems: forbidden };
  if (data.format !== EXPORT_FORMAT) {
    // A catalog given to the wrong command: say which one takes it.
    const catalog = data.format === undefined && 'formatVersion' in data && 'courses' in data;
    return {
      value: null,
      problems: [
        catalog
          ? 'this is a catalog of courses, not a roadmap export; import it with `roadmap catalog import FILE`'
          : data.format === undefined
            ? `it has no "format": "${EXPORT_FORMAT}", so it is not a roadmap export (\`roadmap export\` writes one)`
            : `its format is ${JSON.stringify(data.format)}, not "${EXPORT_FORMAT}", so it is not a roadmap export`,
      ],
    };
  }
  if (!Number.isInteger(data.version) || (data.version as number) < 1) {
    return {
      value: null,
      problems: [`version ${JSON.stringify(data.version)} is not a version number`],
    };
  }
  if ((data.version as number) > EXPORT_VERSION) {
    return {
      value: null,
      problems: [
        `version ${data.version} is newer than this roadmap reads (${EXPORT_VERSION}); update roadmap to import it`,
      ],
    };
  }
  const problems: string[] = [];
  const state = emptyState();
  // A merge takes what a document has, so a part left out merges nothing. A replace (`whole`)
  // needs every part of the state: one left out would read as empty and take the place of your
  // progress. The log and the catalogs may be left out even then; an `import` entry then
  // records the state.
  const list = (key: string): unknown[] => {
    const value = data[key];
    if (value === undefined) {
      if (options.whole && key !== 'log' && key !== 'catalogs')
        problems.push(`${key} is missing (a list, possibly empty), which --replace would empty`);
      return [];
    }
    if (!Array.isArray(value)) {
      problems.push(`${key} is not a list`);
      return [];
    }
    return value;
  };
  if (!isIso(data.exportedAt)) problems.push('exportedAt is not an ISO date-time that exists');

  const courses = new Set<string>();
  list('roadmap').forEach((entry, i) => {
    if (!isRoadmapEntry(entry)) problems.push(`roadmap[${i}]: ${roadmapEntryProblem(entry)}`);
    else if (courses.has(entry.courseId)) problems.push(`roadmap[${i}] repeats ${entry.courseId}`);
    else {
      courses.add(entry.courseId);
      state.roadmap.push({ courseId: entry.courseId, addedAt: entry.addedAt });
    }
  });
  const progress = new Map<string, ProgressEntry>();
  list('progress').forEach((item, i) => {
    if (!isObject(item)) {
      problems.push(`progress[${i}] is not an object {moduleId, status, at, minutes?, notes?}`);
      return;
    }
    if (!isId(item.moduleId)) {
      problems.push(`progress[${i}].moduleId is not a module id`);
      return;
    }
    const { moduleId, ...rest } = item;
    const entry = { ...rest, notes: rest.notes ?? [] };
    if (!isProgressEntry(entry))
      problems.push(`progress[${i}] (${moduleId}): ${progressEntryProblem(entry)}`);
    else if (progress.has(moduleId)) problems.push(`progress[${i}] repeats ${moduleId}`);
    else progress.set(moduleId, entry);
  });
  state.progress = ProgressMap.fromEntries(progress);
  const keyed = [
    ['journal', 'moduleId'],
    ['courses', 'courseId'],
    ['projects', 'courseId'],
  ] as const;
  for (const [part, idKey] of keyed) {
    list(part).forEach((item, i) => {
      if (!isObject(item)) {
        problems.push(`${part}[${i}] is not an object`);
        return;
      }
      if (!isId(item[idKey])) {
        problems.push(`${part}[${i}].${idKey} is not an id`);
        return;
      }
      const { [idKey]: id, ...rest } = item;
      const target = state[part] as Record<string, unknown>;
      if (!ENTRY_CHECKS[part](rest)) {
        const parts = malformedParts(part, id as string, rest);
        problems.push(
          `${part}[${i}] (${id}) is malformed${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`,
        );
      } else if (Object.hasOwn(target, id as string)) problems.push(`${part}[${i}] repeats ${id}`);
      else target[id as string] = rest;
    });
  }
  if (data.settings === undefined && options.whole)
    problems.push('settings is missing (an object, possibly empty), which --replace would empty');
  else if (data.settings !== undefined && !isObject(data.settings))
    problems.push('settings is not an object');
  // A value out of a setting's range is kept, as a roadmap reads it: the default stands in.
  for (const [key, value] of Object.entries(isObject(data.settings) ? data.settings : {})) {
    if (!isSettingKey(key) || !isSettingValue(value)) {
      problems.push(`settings[${JSON.stringify(key)}] has a value that doesn't fit it`);
    } else state.settings[key] = value;
  }
  // `roadmap goal` keeps a deadline only beside a goal, and an export holds what it kept.
  if (
    (state.settings['goal-deadline'] ?? null) !== null &&
    (state.settings['goal-minutes-per-week'] ?? null) === null
  ) {
    problems.push(
      'settings["goal-deadline"] is set without settings["goal-minutes-per-week"]: a deadline needs a goal',
    );
  }
  const log: LogEntry[] = [];
  const ids = new Set<string>();
  list('log').forEach((entry, i) => {
    if (!isLogEntry(entry)) problems.push(`log[${i}] is not an activity-log entry`);
    else if (ids.has(entry.id)) problems.push(`log[${i}] repeats the id ${entry.id}`);
    else {
      ids.add(entry.id);
      log.push(entry);
    }
  });
  const catalogs: Catalog[] = [];
  const catalogIds = new Set<string>();
  list('catalogs').forEach((item, i) => {
    const { catalog, problems: found } = validateCatalog(item);
    for (const p of found) problems.push(`catalogs[${i}].${p.path}: ${p.message}`);
    if (!catalog) return;
    // Each is kept in a file named by its id; the checks of `roadmap catalog import` apply.
    if (catalog.id === 'bundled' || !CATALOG_FILE_ID.test(catalog.id))
      problems.push(
        `catalogs[${i}].id: ${JSON.stringify(catalog.id)} can't be an imported catalog's id`,
      );
    if (catalogIds.has(catalog.id))
      problems.push(`catalogs[${i}] repeats the catalog id ${catalog.id}`);
    catalogIds.add(catalog.id);
    if (found.length === 0) catalogs.push(catalog);
  });
  if (problems.length === 0)
    problems.push(...findImplausible(state, data.exportedAt as string, now));
  if (problems.length > 0) return { value: null, problems };
  return { value: { exportedAt: data.exportedAt as string, state, log, catalogs }, problems };
}
