import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  type PathOrFileDescriptor,
  readFileSync,
  type Stats,
} from 'node:fs';

/**
 * A file's text, decoded as UTF-8. Not `readFileSync(file, 'utf8')`: on Node 20 that decodes
 * through a path whose strings JSON.parse reads about half as fast, and a 2 MB state file paid
 * 20 ms for it. Decoding the bytes here gives the same text.
 */
export function readText(file: PathOrFileDescriptor): string {
  return readFileSync(file).toString('utf8');
}

/** What a file that isn't one says: a pipe, a device or a socket where roadmap keeps a file. */
export const NOT_A_FILE = 'it is not a regular file (a pipe, a device or a socket)';

/**
 * Opens a file to read, refusing anything but a regular file (a directory gets EISDIR). Opened
 * without waiting: a pipe in a file's place would hold open() until something wrote to it, and
 * every command, a shell prompt's `next --short` among them, would hang; /dev/zero would fill
 * memory.
 */
export function openRegular(path: string): number {
  return openRegularFile(path).fd;
}

/** openRegular, with the file's stats, which callers that need them then don't ask for again. */
export function openRegularFile(path: string): { fd: number; stats: Stats } {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  let problem: NodeJS.ErrnoException | null = null;
  let stats: Stats | undefined;
  try {
    stats = fstatSync(fd);
    if (stats.isDirectory()) problem = Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    else if (!stats.isFile()) problem = Object.assign(new Error(NOT_A_FILE), { code: 'ENOTREG' });
  } catch (error) {
    problem = error as NodeJS.ErrnoException;
  }
  if (problem !== null || stats === undefined) {
    closeSync(fd);
    throw problem;
  }
  return { fd, stats };
}

/** readText for a path, through openRegular. */
export function readRegularText(path: string): string {
  const fd = openRegular(path);
  try {
    return readText(fd);
  } finally {
    closeSync(fd);
  }
}
