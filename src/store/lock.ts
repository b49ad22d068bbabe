import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { Failure } from '../errors.js';
import type { StorePaths } from './paths.js';

/** A holder that stops refreshing the lock for this long is presumed dead (killed, crashed). */
export const LOCK_STALE_MS = 10_000;

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
    // Say so when the wait is long enough to notice, rather than seem to hang.
    const notice = onWait ? setTimeout(onWait, 1000) : undefined;
    release = await lock(paths.dir, {
      lockfilePath: paths.lock,
      realpath: false,
      stale: LOCK_STALE_MS,
      update: LOCK_STALE_MS / 4,
      // About 12 s at most, so ten or fifty commands started at once all get their turn.
      retries:
        options.wait === false
          ? 0
          : { retries: 80, factor: 1.15, minTimeout: 15, maxTimeout: 200, randomize: true },
      onCompromised: () => {
        // Only reachable if this process stalled longer than LOCK_STALE_MS; its write is
        // atomic either way, so carry on rather than crash mid-change.
      },
    }).finally(() => clearTimeout(notice));
  } catch (error) {
    if (error instanceof Failure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOCKED') {
      throw new Failure(
        `Another roadmap command is still changing ${paths.dir} (lock ${paths.lock}).`,
        'Wait a moment and run the command again.',
      );
    }
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
    await release().catch(() => {});
  }
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
