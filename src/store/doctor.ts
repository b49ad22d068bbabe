import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { replayLog, wholeState } from '../core/snapshot.js';
import { emptyState, type LogDraft, type LogEntry, type State } from '../core/types.js';
import { Failure } from '../errors.js';
import { jsonSyntaxProblem } from '../json-syntax.js';
import { openRegular } from '../read-text.js';
import { isLogEntry } from './export-document.js';
import {
  abandonedLockBuilds,
  assertLockHeld,
  ensureConfigDir,
  isLockBuild,
  leftLock,
  leftTakeover,
  lockHolder,
  removeLeftLock,
  removeLockLeftover,
  strayLockFile,
  withLock,
} from './lock.js';
import {
  appendToLog,
  foreignLines,
  isHistoryAhead,
  isInterruptedChange,
  LogAheadError,
  readLog,
  tailOf,
} from './log-file.js';
import { migrateState, NewerStateError } from './migrate.js';
import type { StorePaths } from './paths.js';
import {
  findInterruptedBatch,
  type PendingBatch,
  settleInterruptedBatch,
} from './pending-batch.js';
import { IS_DIRECTORY, logHasHistory, parseState, readRaw, readState } from './read-state.js';
import { salvageState } from './salvage.js';
import { writeState } from './store.js';
import { findStateProblems } from './validate-state.js';

export type ConfigHealth =
  | { kind: 'missing' }
  /** config.json is gone, but the log beside it has history to rebuild it from. */
  | { kind: 'lost' }
  | { kind: 'ok' }
  | { kind: 'newer'; version: number }
  | { kind: 'blocked'; problem: string }
  | { kind: 'corrupt'; problems: string[]; parsed: unknown };

export interface Diagnosis {
  paths: StorePaths;
  config: ConfigHealth;
  /**
   * A valid config.json whose log holds more than it records, beyond what an interrupted change
   * leaves: the file is older than its log, and --repair rebuilds it from the log.
   */
  logAhead: boolean;
  /** The log config.json records is gone: a repair has nothing to set aside, only starts anew. */
  logMissing: boolean;
  /**
   * Leftover temporary files from interrupted atomic writes, and lock folders an interrupted
   * command began and never put in place (abandonedLockBuilds).
   */
  tempFiles: string[];
  /** Problems with activity.jsonl. */
  logProblems: string[];
  /**
   * Why activity.jsonl can't be written, when it can't: every change fails, and only the person
   * can fix it (a repair would set a healthy log aside).
   */
  logBlocked: string | null;
  /** Why the config directory can't be written, when it can't: every change fails. */
  dirBlocked: string | null;
  /**
   * A plain file where the lock directory or its takeover marker goes, or null; every change
   * refuses to run past it.
   */
  strayLock: string | null;
  /** A lock left by a command no longer running, that changes wait for (see leftLock). */
  leftLock: string | null;
  /**
   * The process id of another roadmap command changing the directory now, or null. Its temp
   * file is its own, being written, so it isn't listed as a leftover.
   */
  busy: number | null;
  /**
   * The log entry of a change interrupted before its state was written (not recorded), when one
   * is past the mark and no command is at work; the next change moves it to
   * activity.interrupted.jsonl. Null otherwise.
   */
  interrupted: LogEntry | null;
  /**
   * An import interrupted before it wrote its state (pending-batch.ts), when no command is at
   * work; the next change puts the log back as config.json knows it. Null otherwise.
   */
  interruptedBatch: PendingBatch | null;
}

/** Reads without changing anything, whatever state the directory is in. */
export function diagnose(paths: StorePaths): Diagnosis {
  const raw = readRaw(paths.config);
  let config: ConfigHealth;
  if (raw.kind === 'missing')
    config =
      logHasHistory(paths.log) && findInterruptedBatch(paths, null) === null
        ? { kind: 'lost' }
        : { kind: 'missing' };
  else if (raw.kind === 'unreadable') {
    // A directory in the file's place can be set aside; a missing parent or permissions can't.
    config =
      raw.problem === IS_DIRECTORY
        ? { kind: 'corrupt', problems: [raw.problem], parsed: undefined }
        : { kind: 'blocked', problem: raw.problem };
  } else config = inspectText(raw.text);
  const holder = lockHolder(paths);
  const busy = holder?.running && holder.pid !== process.pid ? holder.pid : null;
  // A lock folder never put in place is judged by its own builder, whoever holds the lock.
  const takeover = leftTakeover(paths);
  const tempFiles = [
    ...(busy === null ? listTempFiles(paths) : []),
    ...abandonedLockBuilds(paths),
    ...(takeover === null ? [] : [takeover]),
  ];
  const strayLock = strayLockFile(paths);
  const state =
    config.kind === 'ok' && raw.kind === 'text' ? parseState(raw.text, paths.config) : null;
  // What such an import left in the log is no damage and no history: the next change undoes it
  // (or, while a command holds the lock, the import is still at work).
  const batch =
    state !== null || config.kind === 'missing' ? findInterruptedBatch(paths, state) : null;
  const interruptedBatch = busy === null ? batch : null;
  let logProblems = batch
    ? []
    : state
      ? inspectLog(paths, state)
      : config.kind === 'lost' || config.kind === 'corrupt'
        ? damagedLines(paths, recoverLog(paths))
        : [];
  // Past an intact committed part, more than an interrupted change leaves is history the file
  // doesn't know. (A damaged committed part is a damaged log, whatever lies past it.)
  const tail =
    state && !batch && logProblems.length === 0
      ? tailOf(paths.log, state.log.bytes, paths.config)
      : null;
  const logAhead = tail !== null && isHistoryAhead(tail);
  if (tail !== null && !isInterruptedChange(tail)) {
    const { message } = new LogAheadError(paths.log, paths.config, tail);
    logProblems = [message.replace(/ Nothing was changed\.$/, '')];
  }
  let interrupted: LogEntry | null = null;
  if (tail !== null && busy === null && tail.entries === 1 && isInterruptedChange(tail)) {
    try {
      interrupted = JSON.parse(tail.lastEntry) as LogEntry;
    } catch {
      // Counted as an entry, so it parses; should it not, there is nothing to name.
    }
  }
  return {
    paths,
    config,
    interrupted,
    interruptedBatch,
    logAhead,
    logMissing: state !== null && state.log.bytes > 0 && !existsSync(paths.log),
    tempFiles,
    logProblems,
    logBlocked: logBlocked(paths),
    dirBlocked: dirBlocked(paths),
    strayLock,
    leftLock: leftLock(paths),
    busy,
  };
}

function inspectText(text: string): ConfigHealth {
  if (text.trim() === '')
    return { kind: 'corrupt', problems: ['the file is empty'], parsed: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      kind: 'corrupt',
      problems: [`not valid JSON: ${jsonSyntaxProblem(text, error)}`],
      parsed: undefined,
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { kind: 'corrupt', problems: ['the file does not hold a JSON object'], parsed };
  }
  try {
    const migrated = migrateState(parsed as Record<string, unknown>);
    const problems = findStateProblems(migrated);
    return problems.length === 0 ? { kind: 'ok' } : { kind: 'corrupt', problems, parsed: migrated };
  } catch (error) {
    if (error instanceof NewerStateError) return { kind: 'newer', version: error.version };
    throw error;
  }
}

function listTempFiles(paths: StorePaths): string[] {
  try {
    // Only files: roadmap never makes a folder of that name, so one is not its to remove.
    return readdirSync(paths.dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /^config\.json\.tmp-/.test(entry.name))
      .map((entry) => join(paths.dir, entry.name));
  } catch {
    return [];
  }
}

/**
 * Why the config directory can't be written, when it can't: config.json is replaced through a
 * new file beside it, so every change fails, while the files themselves read as healthy.
 */
function dirBlocked(paths: StorePaths): string | null {
  try {
    accessSync(paths.dir, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return `${paths.dir} can't be written (${code === 'EROFS' ? 'a read-only file system' : 'permission denied'}), so every change fails, though reading works; check its permissions (\`ls -ld\`)`;
  }
}

function logBlocked(paths: StorePaths): string | null {
  try {
    if (statSync(paths.log).isDirectory()) return null; // a log problem: --repair sets it aside
    accessSync(paths.log, constants.W_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return `${paths.log} can't be written (${code === 'EROFS' ? 'a read-only file system' : 'permission denied'}), so every change fails; check its permissions (\`ls -l\`)`;
  }
}

function inspectLog(paths: StorePaths, state: State): string[] {
  const { log } = state;
  if (log.bytes === 0) return [];
  let size: number;
  try {
    const stats = statSync(paths.log);
    if (stats.isDirectory()) return [`${paths.log} is a directory, not a file`];
    if (!stats.isFile())
      return [`${paths.log} is not a regular file (a pipe, a device or a socket)`];
    size = stats.size;
  } catch {
    return [`${paths.log} is missing, but the state records ${log.bytes} bytes of it`];
  }
  if (isReencoded(paths)) {
    return [
      `${paths.log} was saved again with a byte-order mark or Windows line ends (as some editors and git's autocrlf do), so the places roadmap recorded in it are off; \`roadmap doctor --repair\` takes them out and keeps every entry`,
    ];
  }
  if (size < log.bytes) {
    const { damaged } = recoverLog(paths, log.bytes);
    const lines =
      damaged.length === 0
        ? ''
        : `; ${damaged.length === 1 ? 'line' : 'lines'} ${damaged.join(', ')} ${damaged.length === 1 ? 'is' : 'are'} damaged`;
    return [`${paths.log} is shorter (${size} bytes) than recorded (${log.bytes})${lines}`];
  }
  const counted = recoverLog(paths, log.bytes, log.entries);
  if (counted.realigned) {
    const { damaged } = counted;
    const lines =
      damaged.length === 0
        ? 'every line still reads'
        : `${damaged.length === 1 ? 'line' : 'lines'} ${damaged.join(', ')} ${damaged.length === 1 ? 'is' : 'are'} damaged`;
    return [
      `${paths.log}: its first ${log.entries} lines no longer end where config.json records: a line was edited to another length (${lines}); \`roadmap doctor --repair\` keeps every whole line`,
    ];
  }
  try {
    const entries = readLog(paths.log, log.bytes);
    // A line can be JSON and still not an entry (`{}`, or one edited to keep the file's length).
    if (!entries.every(isLogEntry)) return damagedLines(paths, recoverLog(paths, log.bytes));
    if (entries.length !== log.entries) {
      return [
        `${paths.log} holds ${entries.length} entries where the state records ${log.entries}`,
      ];
    }
  } catch (error) {
    return [error instanceof Failure ? error.message : `${paths.log}: ${(error as Error).message}`];
  }
  return [];
}

/** The damaged lines of a log, as one problem; none when there are none. */
function damagedLines(paths: StorePaths, recovered: LogRecovery): string[] {
  const { damaged } = recovered;
  if (damaged.length === 0) return [];
  const which = damaged.length === 1 ? `line ${damaged[0]} is` : `lines ${damaged.join(', ')} are`;
  return [`${paths.log}: ${which} damaged (not an activity-log entry)`];
}

/** Why the log, which is there, can't be read (permission denied), or null. */
function unreadableLog(paths: StorePaths): string | null {
  try {
    closeSync(openRegular(paths.log));
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : null;
  }
}

/**
 * Whether an editor, or git with autocrlf, saved the log again with a byte-order mark or Windows
 * line ends: every line is still whole, but every byte offset the state records is off.
 */
function isReencoded(paths: StorePaths): boolean {
  try {
    const fd = openRegular(paths.log);
    try {
      return hasReencoding(readFileSync(fd));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** Lines that aren't blank, each ended by its newline. */
function linesIn(bytes: Buffer): number {
  let count = 0;
  for (
    let start = 0, end = bytes.indexOf(10);
    end >= 0;
    start = end + 1, end = bytes.indexOf(10, start)
  )
    if (end > start) count++;
  return count;
}

const hasReencoding = (bytes: Buffer): boolean =>
  (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || bytes.includes('\r\n');

interface LogRecovery {
  /** The file had a byte-order mark or Windows line ends, read without them (isReencoded). */
  reencoded?: boolean;
  /**
   * The recorded length ends partway through a line (one before it was edited to another
   * length), so the committed part is its first `entries` lines instead.
   */
  realigned?: boolean;
  /** Lines past the committed part, when that was found by counting lines. */
  past?: number;
  entries: LogEntry[];
  /** Their lines, as the log holds them. */
  lines: string[];
  /** Bytes of the log that hold those entries, when no line before them is damaged. */
  bytes: number;
  /** Line numbers (from 1) of complete lines that don't parse. */
  damaged: number[];
  /** The line number of a last line without its newline, or 0 when the log ends with one. */
  unfinished: number;
}

/**
 * The log entries that can be read back: every complete line that parses, within the first
 * `limit` bytes. A last line without its newline is a write cut short by a crash, never
 * committed, so it is not counted as damage. A log saved again with a byte-order mark or
 * Windows line ends is read without them, whole, and its first `entries` entries are the
 * committed ones (the byte limit no longer falls where it did).
 */
function recoverLog(
  paths: StorePaths,
  limit = Number.POSITIVE_INFINITY,
  entries = Number.POSITIVE_INFINITY,
): LogRecovery {
  const recovery: LogRecovery = { entries: [], lines: [], bytes: 0, damaged: [], unfinished: 0 };
  let text: string;
  try {
    const fd = openRegular(paths.log);
    try {
      const bytes = readFileSync(fd);
      recovery.reencoded = hasReencoding(bytes);
      // A line edited to another length moves every line after it, so the recorded length ends
      // partway through a later line, which would read as cut short though it is whole.
      // One edited to a length that moves the mark onto another line's end holds another
      // number of lines before the mark than config.json records.
      recovery.realigned =
        !recovery.reencoded &&
        Number.isFinite(entries) &&
        limit > 0 &&
        limit <= bytes.length &&
        (bytes[limit - 1] !== 10 || linesIn(bytes.subarray(0, limit)) !== entries);
      text = recovery.reencoded
        ? bytes
            .toString('utf8')
            .replace(/^\uFEFF/, '')
            .replaceAll('\r\n', '\n')
        : recovery.realigned
          ? bytes.toString('utf8')
          : bytes.subarray(0, limit).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return recovery;
  }
  let lines = text.split('\n');
  if ((recovery.reencoded || recovery.realigned) && Number.isFinite(entries)) {
    // Up to the end of the line that holds the last committed entry (blank lines don't count).
    let seen = 0;
    let end = 0;
    while (end < lines.length - 1 && seen < entries) if (lines[end++] !== '') seen++;
    recovery.past = lines.slice(end).filter((line) => line !== '').length;
    lines = [...lines.slice(0, end), ''];
  }
  if (lines.at(-1) !== '') recovery.unfinished = lines.length;
  lines.slice(0, -1).forEach((line, index) => {
    if (line === '') {
      // A blank line is no entry, but its byte still counts toward where the next one starts.
      if (recovery.damaged.length === 0) recovery.bytes += 1;
      return;
    }
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      entry = undefined;
    }
    // JSON that isn't an entry (`{}`, `null`) is as damaged as a line that isn't JSON.
    if (!isLogEntry(entry)) {
      recovery.damaged.push(index + 1);
      return;
    }
    recovery.entries.push(entry);
    recovery.lines.push(line);
    if (recovery.damaged.length === 0) recovery.bytes += Buffer.byteLength(line) + 1;
  });
  return recovery;
}

/**
 * A log with damaged lines is set aside (kept, never cut short: the lines after a damaged one are
 * history too), and a new one starts with the lines that can be read. Returns the mark of the
 * new log, and where the old one went.
 */
function rewriteLog(
  paths: StorePaths,
  now: Date,
  recovered: LogRecovery,
  report: RepairReport,
): State['log'] {
  report.logMovedTo = asideName(paths.log, now);
  renameSync(paths.log, report.logMovedTo);
  report.dropped.push(...recovered.damaged.map((line) => `activity.jsonl line ${line}`));
  const text = recovered.lines.map((line) => `${line}\n`).join('');
  return {
    bytes: text === '' ? 0 : appendToLog(paths.log, 0, text),
    entries: recovered.lines.length,
  };
}

export interface RepairReport {
  movedTo: string | null;
  /**
   * salvaged: entries kept from the damaged file; replayed: rebuilt from the activity log; fresh:
   * neither was possible; log: the state was fine and a damaged log was started anew.
   */
  method: 'salvaged' | 'replayed' | 'fresh' | 'log' | 'nothing' | null;
  kept: number;
  dropped: string[];
  replayed: number;
  removedTempFiles: string[];
  /** The lock removed: a file in its place, or one left by a command no longer running. */
  removedLock: string | null;
  /** Where a log with damaged lines was set aside; its readable lines start the new one. */
  logMovedTo: string | null;
  /** An import interrupted before it saved the state, taken back as the next change would. */
  importTakenBack: (PendingBatch & { kept: number }) | null;
}

function asideName(path: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  let candidate = `${path}.corrupt-${stamp}`;
  for (let n = 2; existsSync(candidate); n++) candidate = `${path}.corrupt-${stamp}-${n}`;
  return candidate;
}

function committedMark(parsed: unknown, recovered: LogRecovery): State['log'] {
  const log = (parsed as { log?: { bytes?: unknown; entries?: unknown } } | undefined)?.log;
  const fits =
    Number.isInteger(log?.bytes) &&
    Number.isInteger(log?.entries) &&
    (log!.bytes as number) <= recovered.bytes;
  return fits
    ? (log as State['log'])
    : { bytes: recovered.bytes, entries: recovered.entries.length };
}

/**
 * The state the log gives at a damaged file's own mark, when the log is whole up to there: the
 * file recorded exactly those entries, so replaying them gives back everything roadmap wrote to
 * it. Null when the mark can't be read or falls anywhere but after a readable entry.
 */
function replayToMark(parsed: unknown, recovered: LogRecovery): State | null {
  if (recovered.damaged.length > 0) return null;
  const log = (parsed as { log?: { bytes?: unknown; entries?: unknown } } | undefined)?.log;
  const count = Number.isInteger(log?.entries) ? (log!.entries as number) : 0;
  if (count < 1 || count > recovered.entries.length) return null;
  let bytes = 0;
  for (const line of recovered.lines.slice(0, count)) bytes += Buffer.byteLength(line) + 1;
  // A blank line before the mark makes the sum fall short: then it is no mark to trust.
  if (bytes !== log!.bytes) return null;
  return { ...replayLog(recovered.entries.slice(0, count)), log: { bytes, entries: count } };
}

/**
 * Sets a damaged config file aside (never deleting it) and writes a usable one: what still
 * validates in the old file, or the state rebuilt from the activity log when it isn't JSON at
 * all, or when salvage would drop entries the log holds up to the file's mark. A `repair` entry
 * records the result, so `undo` never reaches back across it. Leftover temp files are removed.
 * Runs under the lock like any other change.
 */
export async function repair(
  paths: StorePaths,
  now: Date,
  newId: () => string,
  onWait?: () => void,
): Promise<RepairReport> {
  const first = diagnose(paths);
  // Not a lock anyone holds, and it would stop the lock below from being taken.
  if (first.strayLock !== null) rmSync(first.strayLock, { force: true });
  if (first.leftLock !== null) removeLeftLock(paths);
  const removedLock = first.strayLock ?? (first.leftLock !== null ? paths.lock : null);
  const untouched = (method: RepairReport['method']): RepairReport => ({
    movedTo: null,
    method,
    kept: 0,
    dropped: [],
    replayed: 0,
    removedTempFiles: [],
    removedLock,
    logMovedTo: null,
    importTakenBack: null,
  });
  const interrupted = first.interruptedBatch !== null;
  if (first.config.kind === 'missing' && first.tempFiles.length === 0 && !interrupted)
    return untouched('nothing');
  const healthy =
    first.config.kind === 'ok' &&
    !first.logAhead &&
    first.tempFiles.length === 0 &&
    first.logProblems.length === 0 &&
    !interrupted;
  // Nothing to change, so nothing to lock: a read-only directory is no reason to fail.
  if (healthy && first.strayLock === null && first.leftLock === null) return untouched(null);
  ensureConfigDir(paths);
  return withLock(
    paths,
    async () => {
      const diagnosis = diagnose(paths);
      const removedTempFiles: string[] = [];
      for (const file of diagnosis.tempFiles) {
        if (isLockBuild(paths, file)) removeLockLeftover(paths, file);
        else rmSync(file, { force: true });
        removedTempFiles.push(file);
      }
      const { config } = diagnosis;
      if (config.kind === 'newer') {
        throw new Failure(
          `${paths.config} was written by a newer roadmap (schema version ${config.version}); it is not damaged, so it was not repaired.`,
          'Update roadmap to use it.',
        );
      }
      if (config.kind === 'blocked') {
        throw new Failure(
          `${paths.config} can't be repaired here: ${config.problem}.`,
          'Fix the path or its permissions, or choose another directory with --config-dir.',
        );
      }
      // A log that is there but can't be read (its permissions) is no damaged log: starting a new
      // one would leave all of its history behind as "gone".
      const unreadable = unreadableLog(paths);
      if (unreadable !== null) {
        throw new Failure(
          `${paths.log} can't be repaired here: ${unreadable}. Nothing was changed.`,
          'Fix its permissions (`ls -l`), then run `roadmap doctor` again.',
        );
      }
      const report: RepairReport = { ...untouched(null), removedTempFiles };
      // What the next change would do anyway, done now: whoever runs --repair wants it settled.
      if (diagnosis.interruptedBatch !== null) {
        const state = config.kind === 'ok' ? readState(paths) : null;
        report.importTakenBack = settleInterruptedBatch(paths, state, () => assertLockHeld(paths));
        if (config.kind === 'missing') report.method = 'nothing';
      }
      const { logAhead } = diagnosis;
      if (config.kind === 'ok' && !logAhead && diagnosis.logProblems.length > 0)
        return repairLog(paths, now, newId, report);
      // A config.json older than its log is set aside, and the log, which is newer, rebuilds it.
      if (config.kind !== 'corrupt' && config.kind !== 'lost' && !logAhead) return report;
      const parsed = config.kind === 'corrupt' ? config.parsed : undefined;
      const recovered = recoverLog(paths);
      // With no config.json to say what was committed, an unfinished last line may be the only
      // trace of a change, so the log is set aside with it rather than cut.
      const cutsUnfinished = recovered.unfinished > 0 && parsed === undefined;
      const rewritten =
        recovered.damaged.length > 0 || cutsUnfinished
          ? rewriteLog(paths, now, recovered, report)
          : null;
      if (cutsUnfinished)
        report.dropped.push(`activity.jsonl line ${recovered.unfinished} (unfinished)`);
      let state: State;
      const salvage = parsed === undefined ? null : salvageState(parsed);
      // Salvage drops each damaged entry; a log whole up to the file's own mark holds them all.
      const atMark = salvage && salvage.dropped.length > 0 ? replayToMark(parsed, recovered) : null;
      if (atMark) {
        state = atMark;
        Object.assign(report, { method: 'replayed', replayed: atMark.log.entries });
      } else if (salvage) {
        state = salvage.state;
        state.log = rewritten ?? committedMark(parsed, recovered);
        Object.assign(report, {
          method: 'salvaged',
          kept: salvage.kept,
          dropped: [...salvage.dropped, ...report.dropped],
        });
      } else if (recovered.entries.length > 0) {
        state = {
          ...replayLog(recovered.entries),
          log: rewritten ?? { bytes: recovered.bytes, entries: recovered.entries.length },
        };
        Object.assign(report, { method: 'replayed', replayed: recovered.entries.length });
      } else {
        state = emptyState();
        report.method = 'fresh';
      }
      if (config.kind === 'corrupt' || logAhead) {
        report.movedTo = asideName(paths.config, now);
        renameSync(paths.config, report.movedTo);
      }
      // A salvaged file's mark can fall short of entries the log holds; they are kept aside.
      const tail = tailOf(paths.log, state.log.bytes);
      if (tail && !isInterruptedChange(tail) && report.logMovedTo === null) {
        report.logMovedTo = asideName(paths.log, now);
        copyFileSync(paths.log, report.logMovedTo);
        report.dropped.push(`activity.jsonl: ${tail.lines} entries past the salvaged file's mark`);
      }
      const draft: LogDraft = { at: now.toISOString(), type: 'repair', before: {} };
      const entry = {
        id: newId(),
        ...draft,
        after: wholeState(state),
      };
      const bytes = appendToLog(paths.log, state.log.bytes, `${JSON.stringify(entry)}\n`, {
        cut: true,
      });
      await writeState(paths, { ...state, log: { bytes, entries: state.log.entries + 1 } });
      return report;
    },
    onWait,
  );
}

/** Entries config.json records that the log no longer holds at all, past its last line. */
function lostEntries(recorded: number, recovered: LogRecovery): string[] {
  const found =
    recovered.entries.length + recovered.damaged.length + (recovered.unfinished > 0 ? 1 : 0);
  const lost = recorded - found;
  if (lost <= 0) return [];
  return [
    `activity.jsonl: ${lost} ${lost === 1 ? 'entry' : 'entries'} that config.json records, gone from its end`,
  ];
}

/**
 * A damaged log with a valid state: the log is set aside (kept) and a new one starts with a
 * repair entry holding the current state. Undo history before it stays in the old file.
 */
async function repairLog(
  paths: StorePaths,
  now: Date,
  newId: () => string,
  report: RepairReport,
): Promise<RepairReport> {
  const state = readState(paths);
  // The readable committed entries carry over, so `log` still shows the history before the
  // repair; what lies past the state's mark never took effect.
  const recovered = recoverLog(paths, state.log.bytes, state.log.entries);
  // Past the committed entries of a re-saved or edited log, byte offsets say nothing.
  const byLines = recovered.reencoded || recovered.realigned;
  const tail = byLines ? null : tailOf(paths.log, state.log.bytes);
  const aside = asideName(paths.log, now);
  if (existsSync(paths.log)) renameSync(paths.log, aside);
  const entry = {
    id: newId(),
    at: now.toISOString(),
    type: 'repair' as const,
    before: {},
    after: wholeState(state),
  };
  const text = [...recovered.lines, JSON.stringify(entry)].map((line) => `${line}\n`).join('');
  const bytes = appendToLog(paths.log, 0, text);
  await writeState(paths, { ...state, log: { bytes, entries: recovered.lines.length + 1 } });
  return {
    ...report,
    method: 'log',
    kept: recovered.lines.length,
    dropped: [
      ...recovered.damaged.map((line) => `activity.jsonl line ${line}`),
      // A log cut short (by hand, or a disk that lost its end) ends partway through an entry.
      ...(recovered.unfinished > 0
        ? [`activity.jsonl line ${recovered.unfinished} (cut short)`]
        : []),
      ...lostEntries(state.log.entries, recovered),
      ...(tail && tail.foreign > 0
        ? [`activity.jsonl: ${foreignLines(tail.foreign)}, past the committed part`]
        : []),
      ...(byLines && recovered.past
        ? [
            `activity.jsonl: ${recovered.past === 1 ? '1 line' : `${recovered.past} lines`} past the committed part`,
          ]
        : []),
    ],
    movedTo: existsSync(aside) ? aside : null,
    logMovedTo: existsSync(aside) ? aside : null,
  };
}
