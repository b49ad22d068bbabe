import { Cancelled } from './errors.js';

export interface Choice<T> {
  value: T;
  name: string;
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

/** inquirer's Ctrl+C and closed-stdin errors become our exit 130; anything else propagates. */
function isPromptExit(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

/**
 * The real prompts. inquirer is imported only here, when a prompt is actually shown, and draws
 * on stderr so stdout stays clean for data.
 */
export function createTerminalPrompter(): Prompter {
  // A getter: touching process.stderr builds a stream, which only a prompt needs.
  const context = () => ({ output: process.stderr, clearPromptOnDone: false });
  return {
    async checkbox(config) {
      const { default: checkbox, Separator } = await import('@inquirer/checkbox');
      const choices = toCheckboxChoices(config.choices, Separator);
      try {
        return await checkbox({ message: config.message, choices, pageSize: 15 }, context());
      } catch (error) {
        if (isPromptExit(error)) throw new Cancelled();
        throw error;
      }
    },
    async confirm(config) {
      const { default: confirm } = await import('@inquirer/confirm');
      try {
        return await confirm(config, context());
      } catch (error) {
        if (isPromptExit(error)) throw new Cancelled();
        throw error;
      }
    },
    async select(config) {
      const { default: select } = await import('@inquirer/select');
      try {
        return await select({ ...config, pageSize: 10 }, context());
      } catch (error) {
        if (isPromptExit(error)) throw new Cancelled();
        throw error;
      }
    },
  };
}
