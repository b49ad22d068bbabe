import { fstatSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

// node:tty pulls in the stream and net modules, which cost more than the rest of a short command.
// A pipe or a file can't be a terminal, and neither can /dev/null; fstat tells them apart
// cheaply, and only another character device needs the real check.
let tty: typeof import('node:tty') | undefined;
let devNull: number | null | undefined;

function isDevNull(rdev: number): boolean {
  if (devNull === undefined) {
    try {
      devNull = statSync('/dev/null').rdev;
    } catch {
      devNull = null;
    }
  }
  return devNull === rdev;
}

export function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice() || isDevNull(stat.rdev)) return false;
  } catch {
    return false;
  }
  tty ??= createRequire(import.meta.url)('node:tty') as typeof import('node:tty');
  return tty.isatty(fd);
}

/**
 * Said after "there is no terminal" when there is one, but TERM=dumb (Emacs' shell): such a
 * terminal counts as none, since a prompt redraws by moving the cursor.
 */
export const dumbTerminalNote = (env: NodeJS.ProcessEnv): string =>
  env.TERM === 'dumb' ? ' (TERM=dumb counts as none: a prompt needs to move the cursor)' : '';
