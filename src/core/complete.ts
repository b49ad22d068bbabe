/**
 * Shell completion candidates. The command tree comes from commander at run time (see
 * `completionTree` in src/program.ts), so completion can't drift from what the parser accepts;
 * ids come from `sources`, asked only for the kind of value being completed.
 */

/** What an argument or an option's value holds, as far as completion is concerned. */
export type ValueKind =
  /** Any catalog course. */
  | 'course'
  /** A course on the roadmap. */
  | 'roadmap-course'
  /** A course on the roadmap that is in focus: what `park` takes. */
  | 'active-course'
  /** A course on the roadmap that is out of focus and unfinished: what `resume` takes. */
  | 'resumable-course'
  /** A course not yet on the roadmap, or a track. */
  | 'new-course-or-track'
  /** A module of a course on the roadmap. */
  | 'module'
  /** A module on the roadmap that is done or skipped. */
  | 'marked-module'
  | 'setting'
  /** A setting `config set` and `config unset` change: the goal's are `roadmap goal`'s. */
  | 'changeable-setting'
  | 'shell'
  /** The id of an imported catalog. */
  | 'imported-catalog'
  /** `status --format`'s formats. */
  | 'status-format'
  /** A project idea of the course named before it (of every course on the roadmap without one). */
  | 'idea'
  /** A value of the setting named before it, where the values are few (a choice, true or false). */
  | 'setting-value'
  /** A subcommand of the command's parent (for `help`). */
  | 'command';

/** What a command declares for completion: a kind per positional argument, and per option. */
export interface CompletionSpec {
  args?: (ValueKind | null)[];
  options?: Record<string, ValueKind>;
}

export interface OptionShape {
  /** Every spelling: `--minutes`, `-y`. */
  flags: string[];
  /** The spelling offered: the long one when there is one. */
  offered: string;
  /** As commander reads it: an optional value is taken only when the next word isn't an option. */
  value: 'none' | 'required' | 'optional';
  kind: ValueKind | null;
  /** Its name as commander keeps it (`short` for `--short`), and those it can't go with. */
  name?: string;
  conflicts?: readonly string[];
}

export interface CommandShape {
  names: string[];
  commands: CommandShape[];
  /** Its own options, then those it inherits from its parents. */
  options: OptionShape[];
  args: { kind: ValueKind | null; variadic: boolean }[];
}

/** `before`: the positional arguments typed before the word completed, for values that depend on them. */
export type Sources = (
  kind: Exclude<ValueKind, 'command'>,
  before: readonly string[],
) => readonly string[];

function findOption(command: CommandShape, flag: string): OptionShape | undefined {
  return command.options.find((o) => o.flags.includes(flag));
}

/** A word that can't be typed as one shell word, or would break the one-per-line protocol. */
const UNSAFE = /[\s\u0000-\u001f\u007f-\u009f'"\\$`]/;

/**
 * Candidates that start with what was typed (ignoring case, as ids do). When no id starts with
 * it but it has a `/`, ids with a tail that does (`chapter3/` → `hf-course/chapter3/1`): the
 * commands accept such suffixes, and bash then fills in the full id. Without a `/` the tails are
 * too many to help (`1` is the end of every chapter's first section).
 */
function matching(typed: string, candidates: readonly string[], tails: boolean): string[] {
  const prefix = typed.toLowerCase();
  const safe = candidates.filter((c) => !UNSAFE.test(c));
  const starts = safe.filter((c) => c.toLowerCase().startsWith(prefix));
  if (starts.length > 0 || !tails || !prefix.includes('/')) return [...new Set(starts)];
  return [...new Set(safe.filter((c) => c.toLowerCase().includes(`/${prefix}`)))];
}

function valuesOf(
  kind: ValueKind | null,
  parent: CommandShape | null,
  typed: string,
  sources: Sources,
  before: readonly string[],
): string[] {
  if (kind === null) return [];
  if (kind === 'command')
    return matching(typed, parent?.commands.map((c) => c.names[0]!) ?? [], false);
  const tails = kind === 'module' || kind === 'marked-module';
  return matching(typed, sources(kind, before), tails);
}

/** Whether commander refuses two options together (`--short` with `--json`), either way round. */
const clash = (a: OptionShape, b: OptionShape): boolean =>
  (a.name !== undefined && (b.conflicts ?? []).includes(a.name)) ||
  (b.name !== undefined && (a.conflicts ?? []).includes(b.name));

/**
 * The options that can still be given: one given already is refused a second time, and so is one
 * that can't go with an option given.
 */
function optionsOf(command: CommandShape, typed: string, given: Set<OptionShape>): string[] {
  return matching(
    typed,
    command.options
      .filter((o) => !given.has(o) && ![...given].some((g) => clash(o, g)))
      .map((o) => o.offered),
    false,
  );
}

/**
 * The candidates for the last word of `words` (the words after the program's name, the last one
 * being completed), following commander's rules: options may come anywhere, `--` ends them, an
 * option's value is the next word or follows `=`, and a command's first positional may name a
 * subcommand.
 */
export function completeWords(
  root: CommandShape,
  typedWords: string[],
  sources: Sources,
): string[] {
  if (typedWords.length === 0) return [];
  // As the shell will pass them: a word begun with a quote (`"mlep-in`) is still being completed,
  // and the shells take the candidates, unquoted, as the rest of it.
  const words = typedWords.map((word) => shellWord(word));
  const typed = words[words.length - 1]!;
  let command = root;
  let parent: CommandShape | null = null;
  let positional = 0;
  let optionsEnded = false;
  let pendingValue: OptionShape | null = null;
  const before: string[] = [];
  const given = new Set<OptionShape>();

  for (const word of words.slice(0, -1)) {
    if (pendingValue) {
      const taken = pendingValue.value === 'required' || !word.startsWith('-');
      pendingValue = null;
      if (taken) continue;
    }
    if (!optionsEnded && word === '--') {
      optionsEnded = true;
      continue;
    }
    if (!optionsEnded && word.startsWith('-') && word !== '-') {
      const option = word.includes('=') ? null : findOption(command, word);
      if (option && option.value !== 'none') pendingValue = option;
      const named = findOption(
        command,
        word.includes('=') ? word.slice(0, word.indexOf('=')) : word,
      );
      if (named) given.add(named);
      continue;
    }
    const sub = positional === 0 && command.commands.find((c) => c.names.includes(word));
    if (sub) {
      parent = command;
      command = sub;
      before.length = 0;
      continue;
    }
    // A stray word where a subcommand is needed: commander would stop there with an error.
    if (command.commands.length > 0 && command.args.length === 0) return [];
    positional += 1;
    before.push(word);
  }

  if (pendingValue) return valuesOf(pendingValue.kind, parent, typed, sources, before);
  if (!optionsEnded && typed.startsWith('-')) {
    const equals = typed.indexOf('=');
    if (typed.startsWith('--') && equals > 0) {
      const option = findOption(command, typed.slice(0, equals));
      if (!option || option.value === 'none') return [];
      const head = typed.slice(0, equals + 1);
      return valuesOf(option.kind, parent, typed.slice(equals + 1), sources, before).map(
        (v) => `${head}${v}`,
      );
    }
    return optionsOf(command, typed, given);
  }
  if (positional === 0 && command.commands.length > 0) {
    return matching(
      typed,
      command.commands.map((c) => c.names[0]!),
      false,
    );
  }
  const last = command.args[command.args.length - 1];
  const arg = command.args[positional] ?? (last?.variadic ? last : undefined);
  return arg ? valuesOf(arg.kind, parent, typed, sources, before) : [];
}

/**
 * `--config-dir DIR` or `--config-dir=DIR` among the words typed, so ids come from there. bash
 * and zsh hand over the words as typed, so DIR is read as the shell will pass it when the line
 * runs: `~/Sync/roadmap`, `"my dir"` and `my\\ dir` name the directories they mean.
 */
export function configDirFromWords(
  words: string[],
  home?: string,
  env?: Record<string, string | undefined>,
): string | undefined {
  // The word being completed is still being typed, so it names no directory yet.
  const done = words.slice(0, -1);
  let dir: string | undefined;
  for (let i = 0; i < done.length; i++) {
    const word = done[i]!;
    if (word === '--') break;
    if (word === '--config-dir' && i + 1 < done.length) dir = done[++i];
    else if (word.startsWith('--config-dir=')) dir = word.slice('--config-dir='.length);
  }
  return dir === undefined ? undefined : shellWord(dir, home, env);
}

/**
 * A word as the shell passes it to the command, from the text typed: quotes and backslashes
 * taken off as POSIX shells do, a leading `~` or `~/` read as the home directory, and, given
 * `env`, `$NAME` and `${NAME}` outside single quotes read as the shell's exported variables.
 */
export function shellWord(
  typed: string,
  home?: string,
  env?: Record<string, string | undefined>,
): string {
  let word = '';
  let quote: string | null = null;
  for (let i = 0; i < typed.length; i++) {
    const c = typed[i]!;
    const variable = env && c === '$' && quote !== "'" ? VARIABLE.exec(typed.slice(i)) : null;
    if (variable) {
      word += env![variable[1] ?? variable[2]!] ?? '';
      i += variable[0].length - 1;
    } else if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && '$`"\\\n'.includes(typed[i + 1] ?? 'x')) word += typed[++i];
      else word += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\' && i + 1 < typed.length) word += typed[++i];
    else word += c;
  }
  const tilde = typed === '~' || typed.startsWith('~/');
  return home && tilde ? home + word.slice(1) : word;
}

const VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/;

/**
 * The words `roadmap __complete <cword> -- <words…>` was given, as the words after the program's
 * name up to the one being completed; null when they don't make sense.
 */
export function typedWords(cword: string | undefined, words: string[]): string[] | null {
  const index = Number(cword);
  if (!Number.isInteger(index) || index < 1 || index >= words.length) return null;
  return words.slice(1, index + 1);
}
