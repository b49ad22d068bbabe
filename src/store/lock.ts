import {
  accessSync,
  constants,
  mkdir,
  mkdirSync,
  readFileSync,
  realpath,
  rmdir,
  rmdirSync,
  rmSync,
  stat,
  statSync,
  utimes,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { Failure } from '../errors.js';
import type { StorePaths } from './paths.js';

/** A holder that stops refreshing the lock for this long is presumed dead (killed, crashed). */
export const LOCK_STALE_MS = 10_000;

/** Who holds the lock, as the holder wrote it beside the lock once it had it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** Whether that process is running; null when it runs on another machine (a synced folder). */
  running: boolean | null;
}

/** The file beside the lock that names its holder. */
export const lockOwnerPath = (paths: StorePaths): string => `${paths.lock}.owner`;

/** Whether a process with this id runs on this machine. */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's holder as its owner file names it, or null when there is none to read. */
export function lockHolder(paths: StorePaths): LockHolder | null {
  try {
    const owner = JSON.parse(readFileSync(lockOwnerPath(paths), 'utf8')) as Partial<LockHolder>;
    if (!Number.isSafeInteger(owner.pid) || typeof owner.host !== 'string') return null;
    const pid = owner.pid!;
    return {
      pid,
      host: owner.host,
      running: owner.host === hostname() ? isProcessRunning(pid) : null,
    };
  } catch {
    return null;
  }
}

/**
 * A lock whose holder is running is never taken over, however long since it refreshed it. Its
 * refresh is a timer, which can't run while the holder is stopped (Ctrl+Z) or blocked in a
 * slow write; taking over then would let it rename its file over the taker's change once it
 * goes on. proper-lockfile removes a stale lock with `rmdir`, so that is where it is refused.
 */
function guardedFs(paths: StorePaths) {
  return {
    mkdir,
    stat,
    utimes,
    realpath,
    rmdir(path: string, callback: (error: NodeJS.ErrnoException | null) => void) {
      const holder = path === paths.lock ? lockHolder(paths) : null;
      if (holder?.running && holder.pid !== process.pid) {
        callback(
          Object.assign(new Error('the lock is held by a running command'), { code: 'ELOCKED' }),
        );
        return;
      }
      rmdir(path, callback);
    },
  };
}

/**
 * A lock no running command holds, that changes would wait for or be refused by: older than
 * LOCK_STALE_MS (its holder was killed), or dated in the future. Null when there is none, or
 * while its holder runs.
 */
export function leftLock(paths: StorePaths): string | null {
  let mtimeMs: number;
  try {
    const lock = statSync(paths.lock);
    if (!lock.isDirectory()) return null;
    mtimeMs = lock.mtimeMs;
  } catch {
    return null;
  }
  const holder = lockHolder(paths);
  if (holder?.running) return null;
  if (mtimeMs > Date.now() + LOCK_STALE_MS) {
    return `a lock dated in the future, left by a roadmap command that is no longer running: ${paths.lock}`;
  }
  if (mtimeMs < Date.now() - LOCK_STALE_MS) {
    return `a lock left by a roadmap command that is no longer running, which each change waits about ${LOCK_STALE_MS / 1000} s for: ${paths.lock}`;
  }
  return null;
}

/** Removes a lock `leftLock` found, with its owner file. */
export function removeLeftLock(paths: StorePaths): void {
  if (leftLock(paths) === null) return;
  rmSync(lockOwnerPath(paths), { force: true });
  try {
    rmdirSync(paths.lock);
  } catch {
    // Taken meanwhile by a command that runs, or gone.
  }
}

/**
 * A lock dated in the future (its holder's clock was ahead, or the clock was set back since)
 * would not go stale until that time; one whose holder isn't running is removed.
 */
function clearFutureLock(paths: StorePaths): void {
  try {
    if (statSync(paths.lock).mtimeMs <= Date.now() + LOCK_STALE_MS) return;
    if (lockHolder(paths)?.running) return;
    rmdirSync(paths.lock);
  } catch {
    // No lock, or it went meanwhile: the lock below sees for itself.
  }
}

/**
 * Runs `fn` while holding the config directory's lock. Waits, bounded, for other roadmap
 * commands rather than failing at once: proper-lockfile's defaults neither retry nor accept a
 * file that doesn't exist yet, hence these options.
 */
/** A plain file where the lock directory goes (left by hand or by another tool). */
export function isStrayLockFile(paths: StorePaths): boolean {
  try {
    return !statSync(paths.lock).isDirectory();
  } catch {
    return false;
  }
}

export async function withLock<T>(
  paths: StorePaths,
  fn: () => Promise<T> | T,
  onWait?: () => void,
  options: { wait?: boolean } = {},
): Promise<T> {
  // CommonJS module: named exports are not reliably visible through import() once bundled.
  const lockfile = await import('proper-lockfile');
  const lock = lockfile.lock ?? (lockfile as unknown as { default: typeof lockfile }).default.lock;
  let release: () => Promise<void>;
  try {
    // proper-lockfile retries every error, so a directory we can't write would cost the
    // whole retry budget before failing; ask first.
    accessSync(paths.dir, constants.W_OK);
    if (isStrayLockFile(paths)) {
      throw new Failure(
        `${paths.lock} is a file, where roadmap keeps its lock directory; nothing was changed.`,
        'Run `roadmap doctor --repair` to remove it.',
      );
    }
    clearFutureLock(paths);
    // Say so when the wait is long enough to notice, rather than seem to hang.
    const notice = onWait ? setTimeout(onWait, 1000) : undefined;
    release = await lock(paths.dir, {
      lockfilePath: paths.lock,
      realpath: false,
      fs: guardedFs(paths),
      stale: LOCK_STALE_MS,
      update: LOCK_STALE_MS / 4,
      // About 12 s at most, so ten or fifty commands started at once all get their turn.
      retries:
        options.wait === false
          ? 0
          : { retries: 80, factor: 1.15, minTimeout: 15, maxTimeout: 200, randomize: true },
      onCompromised: () => {
        // Only reachable if this process stalled longer than LOCK_STALE_MS, and no other
        // command takes a lock over from a running holder; carry on rather than crash mid-change.
      },
    }).finally(() => clearTimeout(notice));
    try {
      writeFileSync(lockOwnerPath(paths), JSON.stringify({ pid: process.pid, host: hostname() }));
    } catch {
      // Without it a stalled holder can be taken over after LOCK_STALE_MS, as before; the change
      // itself fails on its own if the directory can't be written.
    }
  } catch (error) {
    if (error instanceof Failure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOCKED') throw lockedError(paths);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new Failure(
        `Can't write to the config directory ${paths.dir} (${code === 'EROFS' ? 'read-only file system' : 'permission denied'}); nothing was changed.`,
        'Fix its permissions, or choose another directory with --config-dir or ROADMAP_CONFIG_DIR. Read commands still work.',
      );
    }
    throw new Failure(
      `Could not lock ${paths.dir}: ${(error as Error).message}.`,
      'Check that the directory exists and that you can write to it (`roadmap doctor`).',
    );
  }
  try {
    return await fn();
  } finally {
    // The owner file first: a lock without one goes stale as usual if this process dies now.
    rmSync(lockOwnerPath(paths), { force: true });
    await release().catch(() => {});
  }
}

/** Why the lock couldn't be had: another command holds it, stalled or not. */
function lockedError(paths: StorePaths): Failure {
  const holder = lockHolder(paths);
  let quiet = 0;
  try {
    quiet = Date.now() - statSync(paths.lock).mtimeMs;
  } catch {
    // Released meanwhile.
  }
  if (holder?.running && quiet > LOCK_STALE_MS) {
    return new Failure(
      `Another roadmap command (process ${holder.pid}) holds the lock on ${paths.dir} but has not moved for ${Math.round(quiet / 1000)} s: it may be stopped (Ctrl+Z; \`fg\` resumes it) or waiting on a slow disk. Nothing was changed.`,
      'Let it finish, or end it, and run this command again. Its lock is never taken over while it runs, so neither change can undo the other.',
    );
  }
  return new Failure(
    `Another roadmap command is still changing ${paths.dir} (lock ${paths.lock}).`,
    'Wait a moment and run the command again.',
  );
}

/** Whether a file stands where `path` or a folder above it should be. */
export function blockedByFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOTDIR';
  }
}

/** Makes the config directory, or says plainly why it can't: a file in its place, say. */
export function ensureConfigDir(paths: StorePaths): void {
  try {
    mkdirSync(paths.dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Failure(
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `The config directory ${paths.dir} can't be made: a file is in its place, or in a folder's place above it.`
        : `Could not create the config directory ${paths.dir} (${code}).`,
      'Choose another with --config-dir or ROADMAP_CONFIG_DIR, or fix the path.',
    );
  }
}
