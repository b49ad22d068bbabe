import { Cancelled } from './errors.js';
import { displayWidth } from './ui/text.js';

export interface Choice<T> {
  value: T;
  name: string;
  /** What the answer line shows once chosen, when `name` is too long to repeat. */
  short?: string;
  description?: string;
  checked?: boolean;
}

/** A group heading inside a choice list. */
export interface Heading {
  heading: string;
}

export interface CheckboxConfig<T> {
  message: string;
  choices: (Choice<T> | Heading)[];
}

export interface SelectConfig<T> {
  message: string;
  choices: Choice<T>[];
}

export interface Prompter {
  checkbox<T>(config: CheckboxConfig<T>): Promise<T[]>;
  confirm(config: { message: string; default?: boolean }): Promise<boolean>;
  /** One choice out of several. */
  select<T>(config: SelectConfig<T>): Promise<T>;
}

/** Headings become inquirer separators; the class is passed in so this stays free of inquirer. */
export function toCheckboxChoices<T, S>(
  choices: (Choice<T> | Heading)[],
  SeparatorClass: new (text: string) => S,
): (Choice<T> | S)[] {
  return choices.map((c) => ('heading' in c ? new SeparatorClass(c.heading) : c));
}

/**
 * How many choices a list shows at once: `most`, or fewer on a short terminal, which would
 * otherwise scroll the question and the cursor out of sight and leave a copy of the list behind
 * at every key. Four rows go to the question, the help line and the room around them, and
 * `below` to the longest description shown under the list.
 */
export function pageSizeFor(rows: number | undefined, most: number, below = 1): number {
  if (rows === undefined || !Number.isFinite(rows) || rows <= 0) return most;
  return Math.max(3, Math.min(most, rows - 4 - below));
}

/** The rows the longest description takes on a terminal `columns` wide, wrapped as it wraps. */
export function descriptionRows(choices: { description?: string }[], columns?: number): number {
  const width = columns !== undefined && columns > 0 ? columns : 80;
  let most = 1;
  for (const { description } of choices) {
    if (description === undefined) continue;
    const rows = description
      .split('\n')
      .reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / width)), 0);
    most = Math.max(most, rows);
  }
  return most;
}

/** inquirer's Ctrl+C and closed-stdin errors become our exit 130; anything else propagates. */
function isPromptExit(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

/**
 * A terminal that goes away while a prompt is open (its window closed, an SSH session dropped):
 * leaving raw mode then fails with EIO, which the input stream emits as an error that would
 * otherwise crash Node with a stack trace. Nothing was written (prompts come before any change),
 * and no one is left to read a message, so the process ends as a hangup ends it. Not through
 * `process.exit`: on the way out Node 20 restores the terminal's modes, fails on the terminal
 * that is gone, and aborts; a SIGHUP with its default action ends the process without that.
 */
function exitOnHangup(): void {
  if (process.stdin.listenerCount('error') > 0) return;
  process.stdin.on('error', () => {
    process.removeAllListeners('SIGHUP');
    process.kill(process.pid, 'SIGHUP');
    // Still here: SIGHUP is ignored (nohup). Exit as it would have.
    process.exit(129);
  });
}

/**
 * The real prompts. inquirer is imported only here, when a prompt is actually shown, and draws
 * on stderr so stdout stays clean for data.
 */
/**
 * Esc cancels a prompt, as Ctrl+C does: inquirer reads it as a key of its own and goes on, while
 * people press it to back out. The readline inquirer opens on stdin emits each key there. Returns
 * the signal to give the prompt, and what stops listening once it has answered.
 */
function abortOnEscape(): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  // Ctrl+D too: readline ends the input with it only on an empty line, and a checklist keeps the
  // spaces that ticked its choices on its line, so after one tick Ctrl+D did nothing at all.
  const onKey = (_: unknown, key?: { name?: string; ctrl?: boolean }) => {
    if (key?.name === 'escape' || (key?.ctrl && key.name === 'd')) controller.abort();
  };
  process.stdin.on('keypress', onKey);
  return { signal: controller.signal, stop: () => process.stdin.off('keypress', onKey) };
}

/** Runs one prompt: on stderr, cancelled by Esc, Ctrl+C or a closed stdin (exit 130). */
async function ask<T>(
  prompt: (context: {
    output: NodeJS.WriteStream;
    clearPromptOnDone: boolean;
    signal: AbortSignal;
  }) => Promise<T>,
): Promise<T> {
  exitOnHangup();
  // On stderr, built only when a prompt is shown: it costs a stream, which nothing else needs.
  const esc = abortOnEscape();
  try {
    return await prompt({
      output: process.stderr,
      clearPromptOnDone: false,
      signal: esc.signal,
    });
  } catch (error) {
    if (isPromptExit(error)) throw new Cancelled();
    throw error;
  } finally {
    esc.stop();
  }
}

export function createTerminalPrompter(): Prompter {
  return {
    async checkbox(config) {
      const { default: checkbox, Separator } = await import('@inquirer/checkbox');
      const choices = toCheckboxChoices(config.choices, Separator);
      const described = config.choices.map((c) => ('heading' in c ? {} : c));
      const below = descriptionRows(described, process.stderr.columns);
      const pageSize = pageSizeFor(process.stderr.rows, 15, below);
      // No one-letter shortcuts ("a" for all, "i" to invert): people type a course's name to
      // look for it, and "made" would select every course.
      const shortcuts = { all: null, invert: null };
      return ask((context) =>
        checkbox({ message: config.message, choices, pageSize, shortcuts }, context),
      );
    },
    async confirm(config) {
      const { default: confirm } = await import('@inquirer/confirm');
      return ask((context) => confirm(config, context));
    },
    async select(config) {
      const { default: select } = await import('@inquirer/select');
      const below = descriptionRows(config.choices, process.stderr.columns);
      const pageSize = pageSizeFor(process.stderr.rows, 10, below);
      return ask((context) => select({ ...config, pageSize }, context));
    },
  };
}
