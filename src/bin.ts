import { main } from './cli.js';
import { fdOutput } from './fd-output.js';
import { isTerminal } from './terminal.js';

void main({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: fdOutput(1),
  stderr: fdOutput(2),
  isInteractive: () => isTerminal(0) && isTerminal(2),
}).then((code) => {
  process.exitCode = code;
});
