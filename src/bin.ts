import { main } from './cli.js';

// A reader that closes early (`roadmap show hf-course | head -1`) is not an error. State is
// always written before anything is printed, so stopping here loses nothing.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  isInteractive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
});
