import { main } from './cli.js';
import { fdOutput } from './fd-output.js';
import { isTerminal } from './terminal.js';

void main({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: fdOutput(1),
  stderr: fdOutput(2),
  // A dumb terminal (Emacs' shell, say) can't move the cursor, which every prompt needs to redraw.
  isInteractive: () => process.env.TERM !== 'dumb' && isTerminal(0) && isTerminal(2),
}).then((code) => {
  process.exitCode = code;
});
