import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Failure } from '../errors.js';
import { clean } from '../ui/sanitize.js';

/** Files bigger than this are refused before they are read into memory. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export interface InputWords {
  /** What the file should be (`an export file`), and the hint when a folder is named instead. */
  file: string;
  folder: string;
  /** What didn't happen when reading failed (`Nothing was imported.`), or ''. */
  doing: string;
}

/**
 * Reads a file, or stdin for `-`, refusing anything over the limit without holding it in memory:
 * a file by its size before it is opened, stdin as soon as it has sent too much. `tooBig` makes
 * the error, so that it can say what didn't happen.
 */
export function readInput(
  file: string,
  tooBig: (source: string) => Failure,
  words: InputWords,
): { text: string; source: string } {
  const source = file === '-' ? 'stdin' : clean(resolve(file));
  const after = words.doing === '' ? '' : ` ${words.doing}`;
  let fd: number;
  try {
    if (file !== '-') {
      const stat = statSync(file);
      if (stat.isDirectory())
        throw new Failure(`${source} is a folder, not ${words.file}.`, words.folder);
      if (stat.size > MAX_INPUT_BYTES) throw tooBig(source);
    }
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
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        if (code === 'EOF') break;
        throw new Failure(`Could not read ${source}: ${(error as Error).message}.${after}`);
      }
      if (read === 0) break;
      total += read;
      if (total > MAX_INPUT_BYTES) throw tooBig(source);
      chunks.push(Buffer.from(buffer.subarray(0, read)));
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  // Editors on some systems start a UTF-8 file with a byte-order mark; JSON.parse refuses it.
  return {
    text: Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
    source,
  };
}
