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
import { join } from 'node:path';
import { Failure } from '../errors.js';
import type { StorePaths } from './paths.js';

/** A holder that stops refreshing the lock for this long is presumed dead (killed, crashed). */
export const LOCK_STALE_MS = 10_000;

/**
 * A lock that names no holder is taken over only after this long: its holder may be stopped
 * between creating it and naming itself, or killed there.
 */
export const UNNAMED_LOCK_STALE_MS = 60_000;

/** Who holds the lock, as the holder wrote it in the lock once it had it. */
export interface LockHolder {
  pid: number;
  host: string;
  /**
   * Whether that process still runs; null when it runs on another machine (a synced folder).
   * A process started since under the same id (after a reboot, say) is not it.
   */
  running: boolean | null;
}

/**
 * The file in the lock that names its holder. Inside, so that it goes with the lock: a new lock
 * never finds a name its last holder left.
 */
export const lockOwnerPath = (paths: StorePaths): string => join(paths.lock, 'owner');

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

/**
 * When a process started, as Linux counts it (clock ticks since boot), or null where there is
 * no /proc. It tells a holder from a later process given the same id.
 */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The name in parentheses may hold spaces; the start time is the 20th field after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** The lock's holder as its owner file names it, or null when there is none to read. */
export function lockHolder(paths: StorePaths): LockHolder | null {
  try {
    const owner = JSON.parse(readFileSync(lockOwnerPath(paths), 'utf8')) as {
      pid?: unknown;
      host?: unknown;
      started?: unknown;
    };
    if (!Number.isSafeInteger(owner.pid) || typeof owner.host !== 'string') return null;
    const pid = owner.pid as number;
    if (owner.host !== hostname()) return { pid, host: owner.host, running: null };
    const started = typeof owner.started === 'string' ? owner.started : null;
    const now = started === null ? null : startTimeOf(pid);
    const running = isProcessRunning(pid) && (now === null || now === started);
    return { pid, host: owner.host, running };
  } catch {
    return null;
  }
}

/** How long ago the lock was last refreshed, in ms (negative when dated in the future); null without one. */
function lockQuietFor(paths: StorePaths): number | null {
  try {
    const lock = statSync(paths.lock);
    return lock.isDirectory() ? Date.now() - lock.mtimeMs : null;
  } catch {
    return null;
  }
}

/**
 * Whether a lock another command may still hold must be left alone: its holder runs, or it
 * names none and is younger than UNNAMED_LOCK_STALE_MS (and not dated in the future).
 */
function mayBeHeld(paths: StorePaths): boolean {
  const holder = lockHolder(paths);
  if (holder !== null) return holder.running === true && holder.pid !== process.pid;
  const quiet = lockQuietFor(paths);
  return quiet !== null && quiet >= -LOCK_STALE_MS && quiet < UNNAMED_LOCK_STALE_MS;
}

/** Removes the lock and the name in it; false when it can't (taken, or gone, meanwhile). */
function removeLock(paths: StorePaths): boolean {
  try {
    rmSync(lockOwnerPath(paths), { force: true });
    rmdirSync(paths.lock);
    return true;
  } catch {
    return false;
  }
}

/**
 * A lock whose holder is running is never taken over, however long since it refreshed it. Its
 * refresh is a timer, which can't run while the holder is stopped (Ctrl+Z) or blocked in a
 * slow write; taking over then would let it rename its file over the taker's change once it
 * goes on. proper-lockfile removes a stale lock with `rmdir`, so that is where it is refused;
 * its own release (`releasing`) goes through.
 */
function guardedFs(paths: StorePaths, releasing: () => boolean) {
  const held = (): NodeJS.ErrnoException =>
    Object.assign(new Error('the lock is held by a running command'), { code: 'ELOCKED' });
  return {
    mkdir,
    stat,
    utimes,
    realpath,
    rmdir(path: string, callback: (error: NodeJS.ErrnoException | null) => void) {
      if (path !== paths.lock) return rmdir(path, callback);
      if (releasing()) {
        removeLock(paths);
        return callback(null);
      }
      if (mayBeHeld(paths)) return callback(held());
      callback(takeOver(paths) ? null : held());
    },
  };
}

/**
 * Removes a lock no running command holds, one taker at a time. Two commands that found the
 * same dead holder could otherwise both remove it: the second, coming after the first had
 * taken the lock anew, would remove that lock too, and both would change the state at once.
 * So a taker first makes `config.lock.takeover` (as the lock itself is made, atomically),
 * looks again, and only then removes the lock. False when another taker is at it, or the lock
 * turned out to be held.
 */
function takeOver(paths: StorePaths): boolean {
  const marker = `${paths.lock}.takeover`;
  try {
    mkdirSync(marker);
  } catch {
    // Another taker's; one left by a taker that died is cleared once it is old.
    try {
      if (Date.now() - statSync(marker).mtimeMs > LOCK_STALE_MS) rmdirSync(marker);
    } catch {
      // Gone meanwhile.
    }
    return false;
  }
  try {
    // Gone already (the first taker's, or its holder's release): nothing to remove. Removing
    // whatever is there by now would remove a lock just taken, before it names its holder.
    if (lockQuietFor(paths) === null) return true;
    if (mayBeHeld(paths)) return false;
    removeLock(paths);
    return true;
  } finally {
    try {
      rmdirSync(marker);
    } catch {
      // Removed as stale by another taker: its own look at the lock still stands.
    }
  }
}

/**
 * A lock no running command holds, that changes would wait for or be refused by: one whose
 * holder has ended and the next change takes over, or one dated in the future. Null when there
 * is none, or while it may still be held.
 */
export function leftLock(paths: StorePaths): string | null {
  const quiet = lockQuietFor(paths);
  if (quiet === null || mayBeHeld(paths)) return null;
  if (quiet < -LOCK_STALE_MS) {
    return `a lock dated in the future, left by a roadmap command that is no longer running: ${paths.lock}`;
  }
  const holder = lockHolder(paths);
  // A holder named and known to have ended is reported at once; an unnamed lock, or one held on
  // another machine, only once it has gone quiet long enough to be taken over.
  const threshold =
    holder === null ? UNNAMED_LOCK_STALE_MS : holder.running === false ? 0 : LOCK_STALE_MS;
  if (quiet >= threshold) {
    const who = holder?.running === false ? ` (process ${holder.pid})` : '';
    return `a lock left by a roadmap command that is no longer running${who}; the next change takes it over once it is ${LOCK_STALE_MS / 1000} s old: ${paths.lock}`;
  }
  return null;
}

/** Removes a lock `leftLock` found, with its owner file. */
export function removeLeftLock(paths: StorePaths): void {
  if (leftLock(paths) !== null) takeOver(paths);
}

/**
 * A lock dated in the future (its holder's clock was ahead, or the clock was set back since)
 * would not go stale until that time; one no running command holds is removed.
 */
function clearFutureLock(paths: StorePaths): void {
  const quiet = lockQuietFor(paths);
  if (quiet !== null && quiet < -LOCK_STALE_MS && !mayBeHeld(paths)) takeOver(paths);
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
  let releasing = false;
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
      fs: guardedFs(paths, () => releasing),
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
      const owner = { pid: process.pid, host: hostname(), started: startTimeOf(process.pid) };
      writeFileSync(lockOwnerPath(paths), JSON.stringify(owner));
    } catch {
      // Unnamed, the lock is taken over only after UNNAMED_LOCK_STALE_MS; the change itself
      // fails on its own if the directory can't be written.
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
    // Released through guardedFs, which removes the name in the lock first.
    releasing = true;
    await release().catch(() => {});
  }
}

/** Why the lock couldn't be had: another command holds it, stalled or not. */
function lockedError(paths: StorePaths): Failure {
  const holder = lockHolder(paths);
  const quiet = lockQuietFor(paths) ?? 0;
  if (holder?.running && quiet > LOCK_STALE_MS) {
    return new Failure(
      `Another roadmap command (process ${holder.pid}) holds the lock on ${paths.dir} but has not moved for ${Math.round(quiet / 1000)} s: it may be stopped (Ctrl+Z; \`fg\` resumes it) or waiting on a slow disk. Nothing was changed.`,
      [
        'Let it finish, or end it, and run this command again. A lock is never taken over while its holder runs, so that neither change undoes the other.',
        `If no roadmap command is running (process ${holder.pid} is another program now), remove the folder ${paths.lock} by hand.`,
      ].join('\n'),
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
