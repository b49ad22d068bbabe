import { writeSync } from 'node:fs';
import type { Output } from './context.js';
import { Failure } from './errors.js';

/**
 * Writes straight to a file descriptor. Touching process.stdout or process.stderr builds a
 * stream (and for a pipe, a socket) that a short command doesn't need, and synchronous writes
 * can't be cut short by the process exiting.
 */
export function fdOutput(fd: number): Output {
  return {
    write(text: string) {
      const buffer = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < buffer.length) {
        try {
          offset += writeSync(fd, buffer, offset);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          // A reader that closed early (`| head -1`) is not an error. State is always written
          // before anything is printed, so stopping here loses nothing.
          if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
          // A non-blocking pipe that is full: try again.
          if (code === 'EAGAIN') continue;
          // Messages that can't reach stderr have no one to tell; the exit code still speaks.
          if (fd !== 1) return true;
          // A full disk or a closed stdout: say so plainly (the error boundary prints it).
          throw new Failure(
            `Could not write to stdout: ${(error as Error).message}.`,
            'Anything the command changed is saved; check where its output goes.',
          );
        }
      }
      return true;
    },
  };
}
