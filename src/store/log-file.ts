import {
  appendFileSync,
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import type { LogEntry } from '../core/types.js';
import { Failure } from '../errors.js';
import { openRegular, openRegularFile } from '../read-text.js';
import type { StorePaths } from './paths.js';

/** What the log holds past its committed mark. */
export interface LogTail {
  /** Lines past the mark, a last one without its newline included. */
  lines: number;
  /** Whether the mark falls at the start of a line. */
  aligned: boolean;
  /** Those lines that are whole log entries. */
  entries: number;
  /**
   * Those lines that are neither an entry nor the start of one cut short (a last line without its
   * newline): text something else appended, not roadmap history.
   */
  foreign: number;
  /** The first foreign line, as found; '' when there is none. */
  firstForeign: string;
  /** The last whole entry, as written; '' when there is none. */
  lastEntry: string;
  /**
   * One whole entry past the mark, but config.json was written after the log was: no change
   * interrupted before writing its state leaves that, a config.json put back from a copy does.
   */
  restored: boolean;
}

/** Reads what lies past `committedBytes` in a log of `size` bytes open at `fd`. */
export function readTail(
  fd: number,
  committedBytes: number,
  size: number,
  configPath?: string,
): LogTail {
  const from = Math.max(0, committedBytes - 1);
  const buffer = Buffer.alloc(size - from);
  readSync(fd, buffer, 0, buffer.length, from);
  const aligned = committedBytes === 0 || buffer[0] === 10;
  const tail = committedBytes === 0 ? buffer : buffer.subarray(1);
  const texts = tail.toString('utf8').split('\n');
  const unfinished = texts.pop()!;
  const result: LogTail = {
    lines: 0,
    aligned,
    entries: 0,
    foreign: 0,
    firstForeign: '',
    lastEntry: '',
    restored: false,
  };
  const count = (line: string, kind: 'entry' | 'foreign' | 'cut') => {
    result.lines++;
    if (kind === 'entry') {
      result.entries++;
      result.lastEntry = line;
    }
    if (kind !== 'foreign') return;
    if (result.foreign++ === 0) result.firstForeign = line;
  };
  for (const line of texts) count(line, isEntryLine(line) ? 'entry' : 'foreign');
  if (unfinished !== '') {
    // Every entry is written as one line starting `{"`, so a write cut short starts so too.
    const cut = unfinished.startsWith('{"') || '{"'.startsWith(unfinished);
    count(unfinished, isEntryLine(unfinished) ? 'entry' : cut ? 'cut' : 'foreign');
  }
  result.restored =
    result.entries === 1 && configPath !== undefined && writtenAfter(configPath, fd);
  return result;
}

/**
 * Whether the file was changed after the log open at `fd` last was. A change appends to the log
 * before it writes config.json, so one killed in between leaves the log the newer of the two.
 */
function writtenAfter(configPath: string, fd: number): boolean {
  try {
    return statSync(configPath).mtimeMs > fstatSync(fd).mtimeMs;
  } catch {
    return false;
  }
}

/** A line that reads as a log entry: a JSON object with an id, a date and a type. */
function isEntryLine(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const value = JSON.parse(line) as Record<string, unknown> | null;
    return (
      typeof value === 'object' &&
      value !== null &&
      typeof value.id === 'string' &&
      typeof value.at === 'string' &&
      typeof value.type === 'string'
    );
  } catch {
    return false;
  }
}

/** What a log file holds past `committedBytes`; null when nothing (or it can't be read). */
export function tailOf(path: string, committedBytes: number, configPath?: string): LogTail | null {
  let fd: number;
  let stats: Stats;
  try {
    ({ fd, stats } = openRegularFile(path));
  } catch {
    return null;
  }
  try {
    return stats.size > committedBytes
      ? readTail(fd, committedBytes, stats.size, configPath)
      : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a tail is what an interrupted change leaves: its one entry, whole or cut short. The log
 * is appended before the state is written, so a change killed between the two leaves exactly
 * that. More is history config.json doesn't know, as when an older copy of it was put back; so
 * is one entry when config.json is the newer file.
 */
export const isInterruptedChange = (tail: LogTail): boolean =>
  tail.aligned && tail.lines <= 1 && tail.foreign === 0 && !tail.restored;

/**
 * History config.json doesn't know: entries past its mark, beyond an interrupted change. Lines
 * that aren't entries are no history, so a log with only those past the mark is not ahead.
 */
export const isHistoryAhead = (tail: LogTail): boolean =>
  tail.aligned && tail.entries > 0 && !isInterruptedChange(tail);

/** The log holds more than config.json records; cutting it could lose history. */
export class LogAheadError extends Failure {
  constructor(path: string, configPath: string, tail: LogTail) {
    super(logAheadMessage(path, configPath, tail), logAheadHint(tail));
  }
}

function logAheadMessage(path: string, configPath: string, tail: LogTail): string {
  if (!tail.aligned)
    return `${configPath} records a length of the activity log ${path} that ends partway through a line: a line before it was edited, or the two don't belong together. Nothing was changed.`;
  const foreign =
    tail.foreign === 0
      ? ''
      : `${foreignLines(tail.foreign)} (the first: ${quoteLine(tail.firstForeign)})`;
  if (tail.entries === 0)
    return `The activity log ${path} ends with ${foreign}, past what ${configPath} records: something else wrote to it. Nothing was changed.`;
  const also = foreign === '' ? '' : `, and ${foreign}`;
  return `The activity log ${path} holds ${tail.entries} ${tail.entries === 1 ? 'entry' : 'entries'} more than ${configPath} records${also}: the file looks older than its log (put back from a copy?). Nothing was changed.`;
}

function logAheadHint(tail: LogTail): string {
  // Only a valid file older than an intact log is rebuilt from it; a length that matches no line
  // is a damaged log, and so are lines that aren't entries: --repair sets the log aside (kept)
  // and starts it again from the state.
  if (!tail.aligned) return 'Run `roadmap doctor` for details, then `roadmap doctor --repair`.';
  return tail.entries === 0
    ? 'Run `roadmap doctor --repair`: it keeps a copy of the log and starts it again without those lines; your roadmap is unchanged.'
    : 'Run `roadmap doctor --repair`: it sets that config.json aside and rebuilds your roadmap from the log.';
}

/** "2 lines that aren't roadmap's" */
export const foreignLines = (count: number): string =>
  count === 1 ? "1 line that isn't roadmap's" : `${count} lines that aren't roadmap's`;

/** A line as a message shows it: on one line, printable, and not too long. */
function quoteLine(line: string): string {
  const printable = line.replace(/[\p{Cc}\p{Cf}]/gu, '?');
  return `"${printable.length > 40 ? `${printable.slice(0, 40)}…` : printable}"`;
}

/**
 * Appends lines after the committed part of the log, first cutting off anything past it: the
 * remains of a change that was interrupted before its state was written. More than that is
 * refused (LogAheadError) unless `cut` says the caller has kept it: a repair or a replacing import.
 * An interrupted change's whole entry goes to `onCut` first.
 * Returns the new size.
 */
export function appendToLog(
  path: string,
  committedBytes: number,
  text: string,
  options: { configPath?: string; cut?: boolean; onCut?: (entry: string) => void } = {},
): number {
  let fd: number;
  try {
    // Only a log with nothing committed yet may be created: a missing one lost its entries, and
    // a failed change must leave no new file behind.
    fd = openSync(path, committedBytes === 0 ? 'a+' : 'r+');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new Failure(
        `The activity log ${path} can't be written (${code === 'EROFS' ? 'a read-only file system' : 'permission denied'}). Nothing was changed.`,
        'Check the permissions of the file and its directory (`ls -l`), or choose another directory with --config-dir.',
      );
    }
    throw new Failure(
      code === 'EISDIR'
        ? `The activity log ${path} is a directory, not a file. Nothing was changed.`
        : `The activity log ${path} is ${code === 'ENOENT' ? 'missing' : `unreadable (${code})`}; it should hold ${committedBytes} bytes. Nothing was changed.`,
      'Run `roadmap doctor --repair`: it starts a new log from your current state.',
    );
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile())
      throw new Failure(
        `The activity log ${path} is not a regular file (a pipe, a device or a socket). Nothing was changed.`,
        'Run `roadmap doctor --repair`: it sets it aside and starts a new log from your current state.',
      );
    const size = stats.size;
    // A log shorter than recorded lost entries; writing at the mark would pad it with zeros.
    if (size < committedBytes) {
      throw new Failure(
        `The activity log ${path} is shorter (${size} bytes) than recorded (${committedBytes}); nothing was changed.`,
        'Run `roadmap doctor --repair`: it keeps the damaged log and starts a new one from your current state.',
      );
    }
    if (size > committedBytes) {
      if (!options.cut) {
        const tail = readTail(fd, committedBytes, size, options.configPath);
        if (!isInterruptedChange(tail))
          throw new LogAheadError(path, options.configPath ?? 'config.json', tail);
        // A whole entry is a change the person may think was made: handed over before the cut.
        if (tail.entries === 1) options.onCut?.(tail.lastEntry);
      }
      ftruncateSync(fd, committedBytes);
    }
    const buffer = Buffer.from(text, 'utf8');
    try {
      writeSync(fd, buffer, 0, buffer.length, committedBytes);
      fsyncSync(fd);
    } catch (error) {
      throw logWriteFailure(fd, path, committedBytes, error as NodeJS.ErrnoException);
    }
    return committedBytes + buffer.length;
  } finally {
    closeSync(fd);
  }
}

/**
 * A write to the log that failed (a full disk, an I/O error): what it may have left past the mark
 * is cut off again where that still works (the next change would cut it anyway, as an
 * interrupted change), and the person is told that nothing was changed.
 */
function logWriteFailure(
  fd: number,
  path: string,
  committedBytes: number,
  error: NodeJS.ErrnoException,
): Failure {
  try {
    ftruncateSync(fd, committedBytes);
  } catch {
    // Left past the mark, it is no history: the next change cuts it.
  }
  const why =
    error.code === 'ENOSPC' || error.code === 'EDQUOT'
      ? 'the disk is full'
      : (error.code ?? error.message);
  return new Failure(
    `Could not write to the activity log ${path} (${why}). Nothing was changed.`,
    error.code === 'ENOSPC' || error.code === 'EDQUOT'
      ? 'Free some space, then run the command again.'
      : 'Check the disk (`roadmap doctor` checks the config directory), then run the command again.',
  );
}

/** Cuts the log back to `bytes`: a change whose state could not be written takes its entries back. */
export function cutLog(path: string, bytes: number): void {
  const fd = openSync(path, 'r+');
  try {
    if (fstatSync(fd).size > bytes) {
      ftruncateSync(fd, bytes);
      fsyncSync(fd);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Keeps an interrupted change's entry, one per line, before a change cuts it from the log: the
 * person may believe it was made.
 */
export function keepInterrupted(paths: Pick<StorePaths, 'interrupted'>, entry: string): void {
  try {
    appendFileSync(paths.interrupted, `${entry}\n`);
  } catch (error) {
    // Cut without a copy, the entry would be gone: the change stops here, before the cut.
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Failure(
      `The activity log ends with a change that was interrupted, and its entry can't be kept in ${paths.interrupted} (${code}). Nothing was changed.`,
      'Move that file out of the way or fix its permissions, then run the command again.',
    );
  }
}

/** Opens a log the state says holds `committedBytes`, or says clearly why it can't. */
function openCommitted(path: string, committedBytes: number): number {
  try {
    return openRegular(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const is =
      code === 'ENOENT'
        ? 'missing'
        : code === 'ENOTREG'
          ? 'not a regular file (a pipe, a device or a socket)'
          : `unreadable (${code})`;
    throw new Failure(
      `The activity log ${path} is ${is}; it should hold ${committedBytes} bytes.`,
      'Run `roadmap doctor` to check the config directory; `roadmap doctor --repair` starts a new log from your current state.',
    );
  }
}

function readCommitted(path: string, committedBytes: number): string {
  if (committedBytes === 0) return '';
  const fd = openCommitted(path, committedBytes);
  try {
    const buffer = Buffer.alloc(committedBytes);
    const read = readSync(fd, buffer, 0, committedBytes, 0);
    if (read < committedBytes) {
      throw new Failure(
        `The activity log ${path} is shorter than recorded (${read} of ${committedBytes} bytes).`,
        'Run `roadmap doctor` to check the config directory.',
      );
    }
    if (buffer[committedBytes - 1] !== 10) throw new LogMisalignedError(path);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * The log's committed part, by config.json's record, ends partway through a line: a damaged line
 * would be the wrong one to name, since the line cut there is usually whole.
 */
export class LogMisalignedError extends Failure {
  constructor(path: string) {
    super(
      `The activity log ${path} doesn't end a line where config.json records its length: a line before that was edited to another length, or the two don't belong together.`,
      'Run `roadmap doctor` for details, then `roadmap doctor --repair`.',
    );
  }
}

/** The committed entries, oldest first. */
export function readLog(path: string, committedBytes: number): LogEntry[] {
  const text = readCommitted(path, committedBytes);
  const entries: LogEntry[] = [];
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber += 1;
    if (line === '') continue;
    try {
      entries.push(JSON.parse(line) as LogEntry);
    } catch {
      throw new Failure(
        `The activity log ${path} has a damaged line ${lineNumber}.`,
        'Run `roadmap doctor` to check the config directory.',
      );
    }
  }
  return entries;
}

const CHUNK = 64 * 1024;

/**
 * The committed entries, newest first, read from the end of the file in chunks: `undo` usually
 * needs only the last few, and the log grows without bound.
 */
export function* readLogNewestFirst(path: string, committedBytes: number): Generator<LogEntry> {
  if (committedBytes === 0) return;
  const fd = openCommitted(path, committedBytes);
  try {
    // Read past its end, a short log would look like a damaged line of zeros.
    const size = fstatSync(fd).size;
    if (size < committedBytes) {
      throw new Failure(
        `The activity log ${path} is shorter (${size} bytes) than recorded (${committedBytes}).`,
        'Run `roadmap doctor` to check the config directory.',
      );
    }
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, committedBytes - 1);
    if (last[0] !== 10) throw new LogMisalignedError(path);
    let end = committedBytes;
    // The start of a line whose beginning is in a chunk not read yet.
    let carry = Buffer.alloc(0);
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const chunk = Buffer.alloc(end - start);
      readSync(fd, chunk, 0, chunk.length, start);
      const buffer = Buffer.concat([chunk, carry]);
      end = start;
      // Before the first newline may be only the end of a longer line, unless this is the start.
      const cut = start === 0 ? -1 : buffer.indexOf(10);
      if (start > 0 && cut === -1) {
        carry = buffer;
        continue;
      }
      carry = buffer.subarray(0, cut + 1);
      const lines = buffer
        .subarray(cut + 1)
        .toString('utf8')
        .split('\n');
      for (let i = lines.length - 1; i >= 0; i--) {
        if (lines[i] === '') continue;
        let entry: LogEntry;
        try {
          entry = JSON.parse(lines[i]!) as LogEntry;
        } catch {
          const before = lines.slice(0, i).reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
          const line = lineNumberAt(fd, start + cut + 1 + before);
          throw new Failure(
            `The activity log ${path} has a damaged line ${line}.`,
            'Run `roadmap doctor` to check the config directory.',
          );
        }
        yield entry;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** The line number (from 1) of the line starting at byte `offset`: only for an error message. */
function lineNumberAt(fd: number, offset: number): number {
  const prefix = Buffer.alloc(offset);
  readSync(fd, prefix, 0, offset, 0);
  let line = 1;
  for (let at = prefix.indexOf(10); at >= 0; at = prefix.indexOf(10, at + 1)) line++;
  return line;
}
