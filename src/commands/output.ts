import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Context, print } from '../context.js';
import { Failure } from '../errors.js';
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

/** Writes a file the person named (a calendar, an export); returns its absolute path. */
export function writeUserFile(file: string, text: string, stdoutHint: string): string {
  const path = resolve(file);
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new Failure(
      `Could not write ${clean(path)}: ${(error as Error).message}.`,
      `Choose a file in a folder you can write to, or ${stdoutHint}.`,
    );
  }
  return path;
}
