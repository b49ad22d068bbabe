import {
  closeSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { type Context, print } from '../context.js';
import { Failure } from '../errors.js';
import type { StorePaths } from '../store/paths.js';
import { clean, toSafeJson } from '../ui/sanitize.js';

/** Prints the data as JSON with --json, or through the text renderer. Both get the same object. */
export function emit<T>(
  ctx: Context,
  data: T,
  json: boolean | undefined,
  render: (data: T) => string,
): void {
  print(ctx, json ? toSafeJson(data) : render(data));
}

/** Whether a path the person named for output is a folder, to refuse it by name. */
export const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Where a path leads once links are followed: the file's own, or else its folder's. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return resolve(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

/** What roadmap keeps in its config directory: the state, the log, their copies, its folders. */
const STORE_FILE = /^(config\.|activity\.|(catalogs|backups|catalogs-seen)([\\/]|$))/;

/**
 * Refuses an output file that is one of roadmap's own, --force or not: an export or a calendar
 * written over the state, the log, a catalog or a backup would lose it. Other files in the config
 * directory are the person's to name.
 */
export function refuseStoreFile(file: string, paths: StorePaths, instead: string): void {
  const target = realPath(resolve(file));
  const inside = relative(realPath(paths.dir), target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return;
  if (!STORE_FILE.test(inside)) return;
  throw new Failure(
    `${clean(resolve(file))} ${target === resolve(file) ? 'is' : `leads to ${clean(target)},`} one of roadmap's own files in ${clean(paths.dir)}; nothing was written.`,
    `Write it somewhere else: ${instead}`,
  );
}

/**
 * Writes a file the person named (a calendar, an export); returns its absolute path. The text
 * goes to a new file beside it, flushed, then renamed into place: a full disk or a crash never
 * leaves the file cut short, nor an earlier export it replaces emptied. A link is followed, so
 * the file it leads to is replaced, not the link; a file replaced keeps its permissions.
 */
export function writeUserFile(file: string, text: string, stdoutHint: string): string {
  const path = resolve(file);
  const target = realPath(path);
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`,
  );
  try {
    let mode: number | undefined;
    try {
      mode = statSync(target).mode & 0o7777;
    } catch {
      // A new file: the usual permissions.
    }
    const fd = openSync(temp, 'wx', mode);
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // There was never a temporary file: a part of the path isn't a folder.
    }
    // Said of the file asked for: the message of Node's error names the temporary file.
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `the folder ${clean(dirname(target))} doesn't exist`
        : code === 'ENOTDIR'
          ? `a part of ${clean(dirname(target))} is a file, not a folder`
          : code === 'EACCES' || code === 'EPERM'
            ? `you can't write to the folder ${clean(dirname(target))}`
            : code === 'ENOSPC'
              ? 'the disk is full'
              : code === 'EROFS'
                ? 'the file system is read-only'
                : (error as Error).message;
    throw new Failure(
      `Could not write ${clean(path)}: ${why}. Nothing was written.`,
      `Choose a file in a folder you can write to, or ${stdoutHint}.`,
    );
  }
  return path;
}
