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
}

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
  const fd = openSync(pendingPath(paths), 'w');
  try {
    writeSync(fd, JSON.stringify(batch));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The batch is in config.json, or was taken back: its record goes. */
export function clearPendingBatch(paths: StorePaths): void {
  rmSync(pendingPath(paths), { force: true });
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
    (batch.copy === null || (typeof batch.copy === 'string' && !batch.copy.includes('/')));
  return shaped ? batch : null;
}

/**
 * The import `state` (as config.json holds it) doesn't know it began, when one was interrupted:
 * config.json is unchanged since it began, and the log is as far as the batch could have
 * taken it. Null otherwise. Reads only.
 */
export function findInterruptedBatch(paths: StorePaths, state: State): PendingBatch | null {
  if (!existsSync(pendingPath(paths))) return null;
  const batch = readPending(paths);
  if (batch === null || fileStamp(paths.config) !== batch.config) return null;
  if (state.log.bytes !== batch.mark) return null;
  let size: number;
  try {
    size = statSync(paths.log).size;
  } catch {
    size = 0;
  }
  // merge: one write after the mark, so the log holds the mark and at most the batch. replace:
  // the log was cut to nothing and written again; its copy holds what the mark counts.
  if (batch.kind === 'merge') return size >= batch.mark && size <= batch.size ? batch : null;
  if (batch.copy === null) return batch.mark === 0 ? batch : null;
  return existsSync(join(paths.backups, batch.copy)) ? batch : null;
}

/**
 * The file that holds the log config.json records: the log, or, while an interrupted replacing
 * import hasn't been put back yet, the copy of the log it replaced. For reads that take no lock.
 */
export function committedLog(paths: StorePaths, state: State): string {
  if (!existsSync(pendingPath(paths))) return paths.log;
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
  state: State,
  /** Called before anything is written: the lock is still this command's. */
  beforeWrite: () => void,
): (PendingBatch & { kept: number }) | null {
  if (!existsSync(pendingPath(paths))) return null;
  beforeWrite();
  const batch = findInterruptedBatch(paths, state);
  if (batch === null) {
    clearPendingBatch(paths);
    return null;
  }
  let kept = 0;
  if (batch.kind === 'merge') kept = takeBackAppended(paths, batch.mark);
  else putLogBack(paths, batch.copy);
  clearPendingBatch(paths);
  return { ...batch, kept };
}

/** Keeps the whole entries past `mark` aside, then cuts the log back to it. Returns how many. */
function takeBackAppended(paths: StorePaths, mark: number): number {
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
  const temp = `${paths.log}.restore-${process.pid}`;
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
      ? `the log it replaced was put back from ${join(paths.backups, batch.copy ?? '')}`
      : batch.kept === 0
        ? 'it had added nothing to the log yet'
        : `the ${batch.kept === 1 ? 'log entry' : `${batch.kept} log entries`} it had added ${batch.kept === 1 ? 'is' : 'are'} kept in ${paths.interrupted}`;
  return `an earlier import (begun ${when}) was interrupted before it was saved, so it was not recorded; ${undone}. Run it again if you meant it.`;
}
