import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Failure } from '../errors.js';
import { clean } from '../ui/sanitize.js';

/** Files bigger than this are refused before they are read into memory. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * Reads a file, or stdin for `-`, refusing anything over the limit without holding it in memory:
 * a file by its size before it is opened, stdin as soon as it has sent too much. `tooBig` makes
 * the error, so that it can say what didn't happen.
 */
export function readInput(
  file: string,
  tooBig: (source: string) => Failure,
): { text: string; source: string } {
  const source = file === '-' ? 'stdin' : clean(resolve(file));
  let fd: number;
  try {
    if (file !== '-' && statSync(file).size > MAX_INPUT_BYTES) throw tooBig(source);
    fd = file === '-' ? 0 : openSync(file, 'r');
  } catch (error) {
    if (error instanceof Failure) throw error;
    throw new Failure(
      `Could not read ${source}: ${(error as Error).message}.`,
      'Check the file name.',
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (;;) {
      let read: number;
      try {
        read = readSync(fd, buffer, 0, buffer.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((error as NodeJS.ErrnoException).code === 'EOF') break;
        throw error;
      }
      if (read === 0) break;
      total += read;
      if (total > MAX_INPUT_BYTES) throw tooBig(source);
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), source };
}
