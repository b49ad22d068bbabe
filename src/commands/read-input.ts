import { isUtf8 } from 'node:buffer';
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
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new Failure(`There is no file ${source}.${after}`, 'Check the file name.');
    if (code === 'EACCES' || code === 'EPERM')
      throw new Failure(
        `You don't have permission to read ${source}.${after}`,
        "Check the file's permissions.",
      );
    throw new Failure(`Could not read ${source}: ${(error as Error).message}.${after}`);
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
  const bytes = Buffer.concat(chunks);
  // Decoding would turn each bad byte into U+FFFD, and titles or notes would keep it for good.
  if (!isUtf8(bytes))
    throw new Failure(
      `${source} is not UTF-8 text: line ${firstBadLine(bytes)} has bytes that aren't UTF-8.${after}`,
      'Save the file as UTF-8 and try again.',
    );
  // Editors on some systems start a UTF-8 file with a byte-order mark; JSON.parse refuses it.
  return { text: bytes.toString('utf8').replace(/^\uFEFF/, ''), source };
}

/** The first line that isn't UTF-8. A newline byte is never part of a longer UTF-8 sequence. */
function firstBadLine(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(0x0a, start);
    if (!isUtf8(bytes.subarray(start, end === -1 ? bytes.length : end))) return line;
    if (end === -1) return line;
    line++;
    start = end + 1;
  }
}
