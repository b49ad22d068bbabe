import { closeSync, readFileSync, rmSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { ProgressMap, type StoredProgress } from '../core/progress-map.js';
import { emptyState, type ProgressEntry, STATE_SCHEMA_VERSION, type State } from '../core/types.js';
import { Failure } from '../errors.js';
import { jsonSyntaxProblem } from '../json-syntax.js';
import { NOT_A_FILE, openRegularFile, readText } from '../read-text.js';
import { migrateState, NewerStateError } from './migrate.js';
import type { StorePaths } from './paths.js';
import { findInterruptedBatch } from './pending-batch.js';
import { findStateProblems, progressItems } from './validate-state.js';

/** The config file can't be used as it is. It is never overwritten; `doctor --repair` keeps a copy. */
export class CorruptStateError extends Failure {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(
      `Your roadmap file ${path} can't be read: ${problem}. It was left untouched.`,
      'Run `roadmap doctor` for details, then `roadmap doctor --repair` to set it aside and salvage what it can.',
    );
  }
}

export const IS_DIRECTORY = 'it is a directory, not a file';
const PARENT_IS_FILE = 'a parent of it is a file, not a directory';

export type RawRead =
  | { kind: 'missing' }
  | { kind: 'text'; text: string; stamp: string }
  | { kind: 'unreadable'; problem: string };

/**
 * What identifies one version of the file: its size and time of change, to the nearest
 * millisecond. Not its inode or nanoseconds, so that a copy that keeps times (a restored backup,
 * `cp -p`, Node's own copy, which rounds to the millisecond) is still known.
 */
const stampOf = (stats: Stats): string => `${stats.size}:${Math.round(stats.mtimeMs)}`;

export function readRaw(path: string): RawRead {
  try {
    const { fd, stats } = openRegularFile(path);
    try {
      const stamp = stampOf(stats);
      // Notepad and some other editors start a UTF-8 file they save with a byte-order mark,
      // which JSON.parse refuses: a valid hand edit would read as a damaged file.
      const text = readText(fd);
      return { kind: 'text', text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, stamp };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    if (code === 'EISDIR') return { kind: 'unreadable', problem: IS_DIRECTORY };
    if (code === 'ENOTDIR') return { kind: 'unreadable', problem: PARENT_IS_FILE };
    if (code === 'ENOTREG') return { kind: 'unreadable', problem: NOT_A_FILE };
    if (code === 'EACCES' || code === 'EPERM')
      return { kind: 'unreadable', problem: 'permission denied' };
    return { kind: 'unreadable', problem: (error as Error).message };
  }
}

/**
 * Validating every entry of a big state costs as much as parsing it, so roadmap notes what it
 * wrote (see noteWritten), and a file that is still exactly that version is only parsed. Any
 * other file, edited by hand or by another program, is checked in full.
 */
export function isAsWritten(checkedPath: string, stamp: string, bytes: number): boolean {
  if (bytes < TRUST_FROM_BYTES) return false;
  try {
    return readFileSync(checkedPath, 'utf8') === `${STATE_SCHEMA_VERSION} ${stamp}\n`;
  } catch {
    return false;
  }
}

/**
 * Below this size checking every entry costs less than reading the note, so small states are
 * always checked and no note is kept for them.
 */
export const TRUST_FROM_BYTES = 256 * 1024;

/** Records the version of the state file roadmap has just written. Failing only costs speed. */
export function noteWritten(path: string, checkedPath: string): void {
  try {
    const stats = statSync(path);
    if (stats.size < TRUST_FROM_BYTES) {
      rmSync(checkedPath, { force: true });
      return;
    }
    writeFileSync(checkedPath, `${STATE_SCHEMA_VERSION} ${stampOf(stats)}\n`);
  } catch {
    rmSync(checkedPath, { force: true });
  }
}

/**
 * Parses, migrates and validates state text. Throws CorruptStateError with the first problem.
 * `trusted`: the text is a file roadmap wrote (isAsWritten), so its entries aren't checked again.
 */
export function parseState(text: string, path: string, trusted = false): State {
  if (text.trim() === '') throw new CorruptStateError(path, 'it is empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CorruptStateError(path, `it is not valid JSON (${jsonSyntaxProblem(text, error)})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new CorruptStateError(path, 'it does not hold a JSON object');
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateState(data as Record<string, unknown>);
  } catch (error) {
    if (error instanceof NewerStateError) {
      throw new Failure(
        `Your roadmap file ${path} was written by a newer version of roadmap (schema version ${error.version}). It was left untouched.`,
        'Update roadmap (npm install -g of the newest release, or git pull and npm install) to use it.',
      );
    }
    throw error;
  }
  const problems = trusted ? [] : findStateProblems(migrated);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new CorruptStateError(path, `${problems[0]}${more}`);
  }
  return toState(migrated);
}

/**
 * Valid parsed state as the core uses it. Progress roadmap wrote stays undecoded; progress still
 * in schema 2's per-id form is grouped now, and written in the per-course form next time.
 */
function toState(data: Record<string, unknown>): State {
  const stored = data.progress as Record<string, unknown>;
  const perCourse = Object.keys(stored).every((key) => Array.isArray(stored[key]));
  const progress = perCourse
    ? ProgressMap.fromStored(stored as StoredProgress)
    : ProgressMap.fromEntries(
        progressItems(data).map(({ id, entry }) => [id!, entry as ProgressEntry] as const),
      );
  return { ...(data as unknown as State), progress };
}

/**
 * Whether the activity log holds anything. A config.json gone from beside a log with history is
 * not a new roadmap: the first change would start the log afresh, and the history with it.
 */
export function logHasHistory(logPath: string): boolean {
  try {
    return statSync(logPath).size > 0;
  } catch {
    return false;
  }
}

export class LostStateError extends Failure {
  constructor(path: string, logPath: string) {
    super(
      `Your roadmap file ${path} is missing, but the activity log beside it (${logPath}) holds your history. Nothing was changed.`,
      'Run `roadmap doctor --repair` to rebuild your roadmap from the log. To start afresh instead, move the log away as well.',
    );
  }
}

/**
 * A missing config.json: an empty roadmap, unless the log beside it says otherwise. A log that
 * only an interrupted import into this new directory wrote says nothing (pending-batch.ts); the
 * next change empties it again.
 */
export function missingState(paths: StorePaths): State {
  if (logHasHistory(paths.log) && findInterruptedBatch(paths, null) === null)
    throw new LostStateError(paths.config, paths.log);
  return emptyState();
}

/** Reads the state once. A missing file is an empty roadmap; nothing is created. */
export function readState(paths: StorePaths): State {
  const raw = readRaw(paths.config);
  if (raw.kind === 'missing') return missingState(paths);
  if (raw.kind === 'unreadable') throw unreadableError(paths.config, raw.problem);
  return parseState(raw.text, paths.config);
}

/** A directory in the file's place can be set aside by `doctor --repair`; the rest can't. */
export function unreadableError(path: string, problem: string): Failure {
  if (problem === IS_DIRECTORY) return new CorruptStateError(path, problem);
  if (problem === PARENT_IS_FILE) {
    return new Failure(
      `The config directory for ${path} is not a directory: a file is in its place.`,
      'Choose another directory with --config-dir or ROADMAP_CONFIG_DIR, or move that file away.',
    );
  }
  if (problem === NOT_A_FILE) {
    return new Failure(
      `Can't read ${path}: ${problem}.`,
      'roadmap keeps its state in a regular file: move that one out of the way (`ls -l` shows what it is), or choose another directory with --config-dir.',
    );
  }
  return new Failure(
    `Can't read ${path}: ${problem}.`,
    problem === 'permission denied'
      ? 'Check the permissions of the file and its directory, or choose another with --config-dir.'
      : 'Check the path, or choose another directory with --config-dir.',
  );
}
