import {
  closeSync,
  copyFileSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { State } from '../core/types.js';
import { Failure } from '../errors.js';
import { keepInterrupted } from './log-file.js';
import type { StorePaths } from './paths.js';

/**
 * An import writes many log entries at once, before config.json. Killed in between, it leaves
 * them past config.json's mark, where they read like history the file doesn't know (an older
 * copy put back), and every change refused until `doctor --repair` completed the import the
 * person had stopped. A change's single entry is known as interrupted by its count alone; an
 * import's batch is known by this record, written (and flushed) before the log is touched.
 *
 * While config.json is still the very file it was when the import began (its inode, size and
 * time of change; a write always makes a new file), the import never finished, and the log is
 * put back as config.json knows it.
 */
export interface PendingBatch {
  /** merge appended entries after the mark; replace rewrote the whole log, copied to `copy`. */
  kind: 'merge' | 'replace';
  /** When the import began, as the command's clock read. */
  at: string;
  /** config.json's stamp (fileStamp) when the import began. */
  config: string;
  /** The log's committed bytes then: config.json's mark. */
  mark: number;
  /** The log's size once the whole batch is written. */
  size: number;
  entries: number;
  /** replace: the name in backups/ of the log's copy; null when there was no log. */
  copy: string | null;
  /** The batch's first bytes (ids and dates): what lies past the mark must begin so. */
  head: string;
  /** The catalogs the import writes or removes, named if it is interrupted. */
  catalogs: string[];
  /** Whether copies of catalogs it replaces or removes went to backups/ first. */
  catalogCopies: boolean;
}

/** How much of a batch is kept to recognise it by: its first entry's id and date. */
export const HEAD_LENGTH = 96;

/** What tells one version of a file from another: its inode, size and time of change. */
export function fileStamp(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.ino} ${stats.size} ${stats.mtimeMs}`;
  } catch {
    return 'none';
  }
}

export const pendingPath = (paths: Pick<StorePaths, 'dir'>): string =>
  join(paths.dir, 'activity.pending.json');

/** Records a batch before its first byte reaches the log. */
export function recordPendingBatch(paths: StorePaths, batch: PendingBatch): void {
  const path = pendingPath(paths);
  try {
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, JSON.stringify(batch));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Failure(
      code === 'EISDIR'
        ? `${path} is a folder; roadmap keeps a file there while an import runs. Nothing was imported.`
        : `Could not write ${path} (${code === 'ENOSPC' ? 'the disk is full' : code}). Nothing was imported.`,
      code === 'EISDIR'
        ? 'Move that folder somewhere else, then import again.'
        : 'Check the config directory (`roadmap doctor`), then import again.',
    );
  }
}

/** The batch is in config.json, or was taken back: its record goes. */
export function clearPendingBatch(paths: StorePaths): void {
  if (isPendingFile(paths)) rmSync(pendingPath(paths), { force: true });
}

/** Whether a record is there: a file (a folder of that name is no record of roadmap's). */
function isPendingFile(paths: StorePaths): boolean {
  try {
    return statSync(pendingPath(paths)).isFile();
  } catch {
    return false;
  }
}

function readPending(paths: StorePaths): PendingBatch | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(pendingPath(paths), 'utf8'));
  } catch {
    // Missing, or cut short by a kill while it was written: the log wasn't touched yet.
    return null;
  }
  const batch = value as PendingBatch;
  const shaped =
    typeof value === 'object' &&
    value !== null &&
    (batch.kind === 'merge' || batch.kind === 'replace') &&
    typeof batch.at === 'string' &&
    typeof batch.config === 'string' &&
    Number.isSafeInteger(batch.mark) &&
    Number.isSafeInteger(batch.size) &&
    Number.isSafeInteger(batch.entries) &&
    (batch.copy === null || (typeof batch.copy === 'string' && !batch.copy.includes('/'))) &&
    typeof batch.head === 'string' &&
    Array.isArray(batch.catalogs) &&
    batch.catalogs.every((id) => typeof id === 'string') &&
    typeof batch.catalogCopies === 'boolean';
  return shaped ? batch : null;
}

/** Whether the log, from byte `from`, begins as `head` does, as far as either goes. */
function beginsWith(path: string, from: number, head: string): boolean {
  const expected = Buffer.from(head);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return expected.length === 0 || from === 0;
  }
  try {
    const found = Buffer.alloc(expected.length);
    const read = readSync(fd, found, 0, found.length, from);
    return found.subarray(0, read).equals(expected.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}

/**
 * The import `state` (as config.json holds it) doesn't know it began, when one was interrupted:
 * config.json is unchanged since it began, and the log is as far as the batch could have
 * taken it. Null otherwise. Reads only.
 */
export function findInterruptedBatch(paths: StorePaths, state: State | null): PendingBatch | null {
  if (!isPendingFile(paths)) return null;
  const batch = readPending(paths);
  if (batch === null || fileStamp(paths.config) !== batch.config) return null;
  // No state: config.json is missing, as it was when an import into a new directory began.
  if ((state?.log.bytes ?? 0) !== batch.mark) return null;
  let size: number;
  try {
    size = statSync(paths.log).size;
  } catch {
    size = 0;
  }
  // merge: one write after the mark, so the log holds the mark and at most the batch. replace:
  // the log was cut to nothing and written again; its copy holds what the mark counts. Either
  // way, what was written begins as the batch does.
  if (batch.kind === 'merge') {
    const whole = size >= batch.mark && size <= batch.size;
    return whole && beginsWith(paths.log, batch.mark, batch.head) ? batch : null;
  }
  if (size > batch.size || !beginsWith(paths.log, 0, size === 0 ? '' : batch.head)) return null;
  if (batch.copy === null) return batch.mark === 0 ? batch : null;
  return existsSync(join(paths.backups, batch.copy)) ? batch : null;
}

/**
 * The file that holds the log config.json records: the log, or, while an interrupted replacing
 * import hasn't been put back yet, the copy of the log it replaced. For reads that take no lock.
 */
export function committedLog(paths: StorePaths, state: State): string {
  if (!isPendingFile(paths)) return paths.log;
  const batch = findInterruptedBatch(paths, state);
  return batch?.kind === 'replace' && batch.copy !== null
    ? join(paths.backups, batch.copy)
    : paths.log;
}

/**
 * Under the lock, before a change writes: puts the log back as config.json knows it when an
 * import was interrupted (its entries kept in activity.interrupted.jsonl, a replaced log copied
 * back), and removes a record the import outlived. Returns the interrupted batch, or null.
 */
export function settleInterruptedBatch(
  paths: StorePaths,
  state: State | null,
  /** Called before anything is written: the lock is still this command's. */
  beforeWrite: () => void,
): (PendingBatch & { kept: number }) | null {
  if (!isPendingFile(paths)) return null;
  beforeWrite();
  const batch = findInterruptedBatch(paths, state);
  if (batch === null) {
    clearPendingBatch(paths);
    return null;
  }
  let kept = 0;
  try {
    if (batch.kind === 'merge') kept = takeBackAppended(paths, batch.mark);
    else putLogBack(paths, batch.copy);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Failure(
      `An earlier import was interrupted, and its changes to the activity log ${paths.log} couldn't be taken back (${code === 'ENOSPC' ? 'the disk is full' : (code ?? (error as Error).message)}). Nothing was changed.`,
      'Free some space or check the disk (`roadmap doctor`), then run the command again.',
    );
  }
  clearPendingBatch(paths);
  return { ...batch, kept };
}

/** Keeps the whole entries past `mark` aside, then cuts the log back to it. Returns how many. */
function takeBackAppended(paths: StorePaths, mark: number): number {
  // Killed before its first write, an import into a new directory leaves no log at all.
  if (!existsSync(paths.log)) return 0;
  const fd = openSync(paths.log, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size <= mark) return 0;
    const buffer = Buffer.alloc(size - mark);
    readSync(fd, buffer, 0, buffer.length, mark);
    // A line without its newline was cut short by the kill; it is no entry.
    const lines = buffer.toString('utf8').split('\n').slice(0, -1);
    if (lines.length > 0) keepInterrupted(paths, lines.join('\n'));
    ftruncateSync(fd, mark);
    fsyncSync(fd);
    return lines.length;
  } finally {
    closeSync(fd);
  }
}

/** The log as it was before a replacing import: its copy in backups/, or none at all. */
export function putLogBack(paths: StorePaths, copy: string | null): void {
  // Named like conf's temporary files, so that `doctor` lists one a kill leaves behind.
  const temp = `${paths.config}.tmp-restore-${process.pid}`;
  if (copy === null) {
    const fd = openSync(temp, 'w');
    fsyncSync(fd);
    closeSync(fd);
  } else {
    copyFileSync(join(paths.backups, copy), temp);
    const fd = openSync(temp, 'r');
    fsyncSync(fd);
    closeSync(fd);
  }
  renameSync(temp, paths.log);
}

/** What a command says once it has put the log back from an interrupted import. */
export function interruptedBatchNotice(
  batch: PendingBatch & { kept: number },
  paths: StorePaths,
  when: string,
): string {
  const undone =
    batch.kind === 'replace'
      ? batch.copy === null
        ? 'the log it began is emptied again'
        : `the log it replaced was put back from ${join(paths.backups, batch.copy)}`
      : batch.kept === 0
        ? 'the log is as your roadmap records it'
        : `the ${batch.kept === 1 ? 'log entry' : `${batch.kept} log entries`} it had added ${batch.kept === 1 ? 'is' : 'are'} kept in ${paths.interrupted}`;
  const catalogs =
    batch.catalogs.length === 0
      ? ''
      : ` ${catalogsChanged(batch.catalogs, batch.catalogCopies, paths, 'may have been changed')}`;
  return `an earlier import (begun ${when}) was interrupted before it was saved, so it was not recorded; ${undone}.${catalogs} Run it again if you meant it.`;
}

/**
 * "Its catalogs were changed all the same (a, b), with a copy of each one it replaced or removed
 * in …/backups." for an import that didn't record the roadmap.
 */
export function catalogsChanged(
  ids: readonly string[],
  copies: boolean,
  paths: Pick<StorePaths, 'backups'>,
  were = 'were changed',
): string {
  const copied = copies
    ? `, with a copy of each one it replaced or removed in ${paths.backups}`
    : '';
  return `Its catalogs ${were} all the same (${ids.join(', ')})${copied}.`;
}
