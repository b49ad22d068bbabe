import chalk, { type ColorSupportLevel, chalkStderr } from 'chalk';
import { isTerminal } from '../terminal.js';

export interface ColorInputs {
  /** --no-color was given. */
  noColorFlag: boolean;
  env: NodeJS.ProcessEnv;
  /** Asked only when nothing else decides: checking a stream loads node:tty. */
  isTTY: boolean | (() => boolean);
}

/**
 * Colour precedence, highest first: --no-color; FORCE_COLOR (0 or false disables, 1-3 pick a
 * level); NO_COLOR (any non-empty value); TERM=dumb; then whether the stream is a terminal.
 * chalk 5 ignores NO_COLOR, so the level is set here rather than left to chalk.
 */
export function colorLevel({ noColorFlag, env, isTTY }: ColorInputs): ColorSupportLevel {
  if (noColorFlag) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force.toLowerCase() === 'false') return 0;
    const level = Number.parseInt(force, 10);
    return (level >= 1 && level <= 3 ? level : 1) as ColorSupportLevel;
  }
  if (env.NO_COLOR) return 0;
  if (env.TERM === 'dumb') return 0;
  if (!(typeof isTTY === 'function' ? isTTY() : isTTY)) return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  return /-256(color)?$/i.test(env.TERM ?? '') ? 2 : 1;
}

/** Sets the level on both chalk instances; the bundle leaves chalk's own detection out. */
export function configureColor(noColorFlag: boolean, env: NodeJS.ProcessEnv): void {
  chalk.level = colorLevel({ noColorFlag, env, isTTY: () => isTerminal(1) });
  chalkStderr.level = colorLevel({ noColorFlag, env, isTTY: () => isTerminal(2) });
  // The prompts colour through node:util's styleText, which reads the environment, not chalk:
  // --no-color has to reach it there (FORCE_COLOR would outrank NO_COLOR).
  if (noColorFlag) {
    env.NO_COLOR = '1';
    delete env.FORCE_COLOR;
  }
}

/**
 * A message for stderr, coloured as stderr allows. Commands colour their messages with chalk,
 * whose level follows stdout; with stdout a terminal and stderr a file, the colour codes would
 * land in the file. (The other way round, the messages just go without colour.)
 */
export function forStderr(text: string): string {
  if (chalkStderr.level > 0 || chalk.level === 0) return text;
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
