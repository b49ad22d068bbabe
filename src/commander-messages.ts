import type { Command, Option } from 'commander';
import { didYouMean, suggestCommands, suggestIds } from './core/suggest.js';
import { shellWord } from './ui/sanitize.js';

/**
 * commander's own usage errors, in roadmap's voice: "Unknown option `--minute`." with "Did you
 * mean `--minutes`?" on the next line, as every other usage error says it, rather than
 * "unknown option '--minute'" with the suggestion in brackets. The methods replaced are
 * commander's private ones; each is replaced only if it is there, so a release that renames one
 * keeps commander's own message for it.
 */
export function speakPlainly(command: Command, path: string): void {
  const methods = command as unknown as Record<string, unknown>;
  const replace = (name: string, by: (...args: never[]) => void) => {
    if (typeof methods[name] === 'function') methods[name] = by;
  };
  const fail = (message: string, code: string, hint?: string) =>
    command.error(`error: ${message}${hint ? `\n${hint}` : ''}`, { code });

  replace('unknownOption', (flag: string) => {
    // A note or reason that starts with a dash ("- redo the lab"): when it can't be an option (it
    // holds a space, or no letter follows the dash), say how to pass it as text.
    if (/\s/.test(flag) || !/^--?[\p{L}\p{N}]/u.test(flag)) {
      fail(
        `\`${flag}\` starts with a dash, so it was read as an option.`,
        'commander.unknownOption',
        'To give it as text, put `--` before it: everything after `--` is text.',
      );
    }
    // Bare `roadmap` shows two things; each has its own JSON.
    if (flag === '--json' && command.parent === null) {
      fail(
        'Bare `roadmap` has no --json: it shows the next module and a status line, which have their own.',
        'commander.unknownOption',
        'Use `roadmap next --json` or `roadmap status --json`.',
      );
    }
    const options = reachableOptions(command);
    const [name, value] = splitAtEquals(flag);
    const flagless = options.find((o) => o.long === name && !o.required && !o.optional);
    if (value !== undefined && flagless) {
      const not = value === '' ? '' : `, not \`${value}\``;
      fail(`${name} takes no value${not}.`, 'commander.unknownOption', `Pass ${name} alone.`);
    }
    // A short flag is one letter from every other: only its other case is a likely slip (`-v`
    // for `-V`).
    const names = /^-\w$/.test(flag)
      ? options.flatMap((o) =>
          o.short !== undefined && o.short.toLowerCase() === flag.toLowerCase() ? [o.short] : [],
        )
      : options.flatMap((o) => (o.long ? [o.long] : []));
    fail(
      `Unknown option \`${flag}\` for \`${path}\`.`,
      'commander.unknownOption',
      didYouMean(suggestIds(flag, names)),
    );
  });

  replace('unknownCommand', () => {
    const word = String(command.args[0]);
    const names = command
      .createHelp()
      .visibleCommands(command)
      .map((c) => c.name());
    fail(
      `\`${path}\` has no subcommand \`${word}\`.`,
      'commander.unknownCommand',
      didYouMean(suggestCommands(word, names).map((name) => `${path} ${name}`)),
    );
  });

  replace('_excessArguments', (received: string[]) => {
    const expected = command.registeredArguments.length;
    fail(
      expected === 0
        ? `\`${path}\` takes no arguments, and was given ${received.length}.`
        : `\`${path}\` takes ${expected === 1 ? '1 argument' : `${expected} arguments`}, not ${received.length}.`,
      'commander.excessArguments',
      // Several words where one goes are usually a note, a title or a path left unquoted; an id
      // or a setting's key has no spaces to quote.
      textOptionHint(command) ??
        optionHint(command, path, received) ??
        quoteHint(command.registeredArguments.map((a) => a.name())),
    );
  });

  replace('missingArgument', (name: string) => {
    const args = command.registeredArguments;
    const first = args[0]?.name() === name;
    // `roadmap note "some text"`: the text was taken for the module, so "needs <text>" would
    // point at what was given. Name them all, in their order.
    const given = args.findIndex((a) => a.name() === name);
    if (args.length > 1 && !first) {
      const usage = args.map((a) => `<${a.name()}${a.variadic ? '...' : ''}>`).join(' ');
      // `config set idle-days=3`: the two joined as in a file of settings.
      const joined =
        given === 1 && path.endsWith('config set')
          ? /^([^=\s]+)=(\S.*)$/.exec(command.args[0] ?? '')
          : null;
      // `note "some text"`: text, with spaces no id has, where the first argument goes.
      const text = given === 1 && /\s/.test((command.args[0] ?? '').trim());
      if (text && args.at(-1)?.name() === 'text')
        fail(
          `\`${path}\` needs ${usage}, in that order; \`${command.args[0]!.trim()}\` reads as the note, so name its module first.`,
          'commander.missingArgument',
          `For example: ${path} <module> "${command.args[0]!.trim()}"`,
        );
      if (joined && args.length === 2)
        fail(
          `\`${path}\` needs ${usage}, apart; \`${command.args[0]}\` joins them with \`=\`.`,
          'commander.missingArgument',
          `Did you mean: ${path} ${joined[1]} ${joined[2]}`,
        );
      fail(
        `\`${path}\` needs ${usage}, in that order; ${given === 1 ? 'only the first was' : `only the first ${given} were`} given.`,
        'commander.missingArgument',
        `Usage: ${path} ${usage} (put text with spaces in quotes).`,
      );
    }
    fail(`\`${path}\` needs <${name}>.`, 'commander.missingArgument');
  });

  replace('_conflictingOption', (option: Option, other: Option) => {
    const one = option.long ?? option.short;
    const two = other.long ?? other.short;
    // As typed in full: `--ics <file>`, not `-i, --ics <file>`.
    const usage = (o: Option) => o.flags.replace(/^-\w,\s*/, '');
    fail(
      `\`${one}\` can't go with \`${two}\`: they ask for different things.`,
      'commander.conflictingOption',
      `Pass one of them: \`${path} ${usage(other)}\`, or \`${path} ${usage(option)}\`.`,
    );
  });

  replace('optionMissingArgument', (option: Option) => {
    fail(
      `${option.long ?? option.short} needs a value: ${option.flags}.`,
      'commander.optionMissingArgument',
    );
  });
}

/**
 * `done --note redo the lab`: the words after --note or --reason, as typed (the root command
 * keeps the line), when more than one follows before the next option.
 */
function textOptionHint(command: Command): string | undefined {
  let root = command;
  while (root.parent) root = root.parent;
  // Not in its types, though it is public: commander keeps the whole line there.
  const raw = (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
  for (const name of ['note', 'reason']) {
    const at = raw.lastIndexOf(`--${name}`);
    // Quoted already, the value is one word with spaces: the words after it are something else.
    if (at < 0 || /\s/.test(raw[at + 1] ?? '')) continue;
    const words: string[] = [];
    for (let i = at + 1; i < raw.length && !raw[i]!.startsWith('-'); i++) words.push(raw[i]!);
    if (words.length > 1)
      return `Put the ${name} in quotes: --${name} ${shellWord(words.join(' '))}`;
  }
  return undefined;
}

/**
 * A word given where an option's value goes: `log mlep-data` (--course), `move hf-course 2`
 * (--to). The options roadmap's commands take for such words, by their long name.
 */
function optionHint(command: Command, path: string, received: string[]): string | undefined {
  const has = (name: string) => command.options.some((o) => o.long === `--${name}`);
  const expected = command.registeredArguments.length;
  const extra = received.slice(expected);
  if (extra.length !== 1) return undefined;
  const [word] = extra as [string];
  const given = received.slice(0, expected).join(' ');
  const before = given === '' ? path : `${path} ${given}`;
  if (has('to') && /^\d+$/.test(word)) return `Did you mean: ${before} --to ${word}`;
  if (has('limit') && /^\d+$/.test(word)) return `Did you mean: ${before} --limit ${word}`;
  if (has('since') && /^\d{4}-\d\d-\d\d/.test(word))
    return `Did you mean: ${before} --since ${word}`;
  // A course's id: lower case, with a letter first, as the catalogs write them.
  if (has('course') && /^[a-z][a-z0-9._-]*$/.test(word))
    return `Did you mean: ${before} --course ${word}`;
  return undefined;
}

function quoteHint(names: string[]): string | undefined {
  if (names.includes('title') || names.includes('value')) return 'Put text with spaces in quotes.';
  if (names.includes('file')) return 'Put a path with spaces in quotes.';
  return undefined;
}

/** The options a word on this command's line can be: its own, then its parents'. */
function reachableOptions(command: Command): Option[] {
  const options: Option[] = [];
  for (let c: Command | null = command; c; c = c.parent) {
    options.push(...c.createHelp().visibleOptions(c));
  }
  return options;
}

function splitAtEquals(flag: string): [string, string | undefined] {
  const at = flag.indexOf('=');
  return at < 0 ? [flag, undefined] : [flag.slice(0, at), flag.slice(at + 1)];
}
