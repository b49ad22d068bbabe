import { readFileSync } from 'node:fs';
import { chalkStderr } from 'chalk';
import { type Command, CommanderError, type OutputConfiguration } from 'commander';
import { parseISO } from 'date-fns/parseISO';
import { openInBrowser } from './browser.js';
import type { CatalogIndex } from './catalog/catalog-index.js';
import { missingBaselines } from './commands/catalog-notices.js';
import { describeEntry, entryTime } from './commands/undo.js';
import type { Context, Output } from './context.js';
import { typedWords } from './core/complete.js';
import { mapRenamedIds, recordsAny } from './core/renames.js';
import { didYouMean, suggestCommands, suggestIds } from './core/suggest.js';
import type { LogEntry } from './core/types.js';
import { Cancelled, Declined, Failure, UsageError } from './errors.js';
import { type CatalogSet, fileWarnings, indexWarnings, loadCatalogSet } from './load-catalogs.js';
import { PACKAGE_JSON_URL } from './package-paths.js';
import { allCommands, buildProgram, COMMAND_NAMES, visibleCommandNames } from './program.js';
import { createTerminalPrompter } from './prompts.js';
import { listSeen, writeSeen } from './store/catalog-seen.js';
import { resolveStorePaths } from './store/paths.js';
import { interruptedBatchNotice } from './store/pending-batch.js';
import { createStore } from './store/store.js';
import { isTerminal } from './terminal.js';
import { configureColor } from './ui/color.js';
import { clean, cleanLines, shellWord } from './ui/sanitize.js';
import { setLineWidth } from './ui/text.js';

declare const __ROADMAP_VERSION__: string | undefined;

function version(): string {
  if (typeof __ROADMAP_VERSION__ === 'string') return __ROADMAP_VERSION__;
  return (JSON.parse(readFileSync(PACKAGE_JSON_URL, 'utf8')) as { version: string }).version;
}

/** "Now" for every date computation: ROADMAP_NOW when set, so tests and reports are reproducible. */
export function resolveNow(env: NodeJS.ProcessEnv): Date {
  const fixed = env.ROADMAP_NOW;
  if (fixed === undefined || fixed === '') return new Date();
  const date = parseISO(fixed);
  if (Number.isNaN(date.getTime())) {
    throw new UsageError(
      `ROADMAP_NOW is not an ISO date-time: \`${fixed}\`.`,
      'For example: ROADMAP_NOW=2026-03-01T09:00:00Z',
    );
  }
  return date;
}

export interface World {
  argv: string[];
  env: NodeJS.ProcessEnv;
  stdout: Output;
  stderr: Output;
  /** stdin and stderr are terminals; a function, so that only commands that may prompt ask. */
  isInteractive: boolean | (() => boolean);
  /** Tests replace parts of the context (a fake prompt, a fixed catalog, a fake browser). */
  overrides?: Partial<Pick<Context, 'prompt' | 'catalog' | 'openUrl'>>;
}

/** `configDir` is one named in the words being completed, which wins over the command's own. */
function createContext(command: Command, world: World, configDir?: string): Context {
  const options = { ...command.optsWithGlobals<{ configDir?: string }>() };
  if (configDir !== undefined) options.configDir = configDir;
  if (options.configDir?.trim() === '') {
    throw new UsageError(
      '--config-dir is empty.',
      'Pass a directory, or leave the option out to use the default.',
    );
  }
  // Set but empty is almost always an unset shell variable; guessing the default would put a
  // script's changes into the person's real roadmap.
  if (options.configDir === undefined && world.env.ROADMAP_CONFIG_DIR?.trim() === '') {
    throw new UsageError(
      'ROADMAP_CONFIG_DIR is set but empty.',
      'Set it to a directory, or unset it to use the default.',
    );
  }
  const paths = resolveStorePaths(options.configDir, world.env);
  const warn = (lines: string[]) => {
    for (const line of lines)
      world.stderr.write(`${chalkStderr.yellow('warning:')} ${clean(line)}\n`);
  };
  // Loaded on first use (`config path`, `doctor` and help never read catalogs), and warned about
  // once: a file that can't be used is named on stderr and left out, never a reason to fail.
  let set: CatalogSet | undefined;
  let index: CatalogIndex | undefined = world.overrides?.catalog;
  const catalogs = () => {
    set ??= loadCatalogSet(paths, { env: world.env.ROADMAP_CATALOG });
    return set;
  };
  const warnedSet = () => {
    const loaded = set === undefined;
    const result = catalogs();
    if (loaded) warn(fileWarnings(result.files));
    return result;
  };
  const catalog = () => {
    if (index === undefined) {
      index = warnedSet().index();
      warn(indexWarnings(index));
    }
    return index;
  };
  const injected = world.overrides?.catalog;
  const store = createStore(paths, {
    onWait: () => world.stderr.write('Waiting for another roadmap command to finish…\n'),
    onInterrupted: (line, keptIn) => warn([interruptedNotice(line, keptIn)]),
    onInterruptedBatch: (batch, at) =>
      warn([interruptedBatchNotice(batch, at, entryTime(batch.at))]),
    // Renamed ids are read as the new ones. Only the ids that modules replace decide whether the
    // full index is needed, so a state with none of them costs no index.
    view: (stored) => {
      if (injected) return mapRenamedIds(stored, injected.renamed);
      if (!warnedSet().sources.some((source) => recordsAny(stored, source.replacedIds())))
        return stored;
      return mapRenamedIds(stored, catalog().renamed);
    },
    // Asked only of a change made on a view that renames changed, which loaded the index.
    formerIds: (id) => (injected ?? catalog()).formerIds.get(id) ?? [],
    // Only when this command loaded the catalogs anyway; the next one that does catches up.
    afterCommit: (state) => {
      if (injected || set === undefined) return;
      try {
        for (const record of missingBaselines(catalogs().sources, state, listSeen(paths)))
          writeSeen(paths, record);
      } catch {
        // Only `status`'s notice of a later catalog update depends on it.
      }
    },
  });
  return {
    store,
    get catalog() {
      return catalog();
    },
    catalogs,
    now: resolveNow(world.env),
    prompt: world.overrides?.prompt ?? createTerminalPrompter(),
    stdout: world.stdout,
    stderr: world.stderr,
    get isInteractive() {
      const { isInteractive } = world;
      return typeof isInteractive === 'function' ? isInteractive() : isInteractive;
    },
    env: world.env,
    openUrl: world.overrides?.openUrl ?? openInBrowser,
  };
}

/** Longer than this, a value an error quotes back (in backticks) is cut. */
const ECHO_LIMIT = 80;

/**
 * Values an error quotes back, as typed (an id, an option), cut when they are long: a 20,000
 * character argument isn't worth a screen of stderr. Roadmap's own commands in a message are
 * shorter than the limit.
 */
export function shortenEchoes(message: string): string {
  return message.replace(/`([^`\n]+)`/g, (quoted, value: string) => {
    const chars = [...value];
    if (chars.length <= ECHO_LIMIT) return quoted;
    return `\`${chars.slice(0, 60).join('')}…\` (${chars.length} characters)`;
  });
}

/** The one error boundary: typed errors become exit codes and one clear message on stderr. */
export function reportError(error: unknown, stderr: Output): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message. Help that was asked for, and the version, are
    // successes; help shown because a subcommand is missing (`roadmap config`) is a usage error.
    return error.exitCode === 0 ? 0 : 2;
  }
  // Saying no, or pressing Ctrl+C, is the person's choice, not an error.
  if (error instanceof Declined || error instanceof Cancelled) {
    stderr.write(`${clean(error.message)}\n`);
    return error.exitCode;
  }
  if (error instanceof UsageError || error instanceof Failure || error instanceof Cancelled) {
    // A hint may list several lines (every problem in a file); each is still escaped.
    const hint = 'hint' in error && error.hint ? `\n${cleanLines(error.hint)}` : '';
    stderr.write(`${chalkStderr.red('error:')} ${shortenEchoes(clean(error.message))}${hint}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr.write(
    `${chalkStderr.red('roadmap hit an unexpected error.')} This is a bug; please report it with the command you ran.\n${detail}\n`,
  );
  return 1;
}

/**
 * Node reads the command line as UTF-8, and a byte that isn't (a Latin-1 é typed under LC_ALL=C)
 * becomes U+FFFD: a note would be stored with its letters lost. Where the locale says UTF-8, a
 * U+FFFD was typed as such, and is kept.
 */
function refuseUndecodedArguments(argv: string[], env: NodeJS.ProcessEnv): void {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  if (/utf-?8/i.test(locale) || !argv.some((arg) => arg.includes('\uFFFD'))) return;
  throw new UsageError(
    `An argument holds bytes that aren't UTF-8 (shown as �), so letters in it would be lost: the locale (${locale === '' ? 'none set' : clean(locale)}) is not UTF-8.`,
    'Type it in a UTF-8 locale (LANG=en_US.UTF-8, say).',
  );
}

/** The words of argv that are not global options or their values. */
function positionals(argv: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--config-dir') i += 1;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return words;
}

/**
 * `roadmap help catalog import` and `roadmap catalog help import` as the `catalog import --help`
 * they mean: commander's help command reads one word, so it answered the first with `catalog`'s
 * help, `help help` with "Unknown command `help`", and `catalog help import` was taken as a search.
 * Returns argv with the `help` word turned into --help, and whether it was one (its topic must
 * then name a command, and a subcommand only of a command that has them).
 */
export function helpWordAsOption(argv: string[]): { argv: string[]; named: boolean } {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const at: number[] = [];
  for (let i = 0; i < end; i++) {
    if (argv[i] === '--config-dir') i += 1;
    else if (!argv[i]!.startsWith('-')) at.push(i);
  }
  const [first, second] = at.map((i) => argv[i]);
  let drop: number[] = [];
  // `help help` asks what help does, which the program's help says.
  if (first === 'help') drop = second === 'help' ? at.slice(0, 2) : at.slice(0, 1);
  else if (second === 'help' && (first === 'catalog' || first === 'config')) drop = [at[1]!];
  if (drop.length === 0) {
    // `roadmap --help done` asks for done's help, as `git --help commit` does; commander would
    // answer the flag before the command with the program's help.
    const flag = argv.findIndex((arg) => arg === '--help' || arg === '-h');
    if (first === undefined || flag < 0 || flag > at[0]!) return { argv, named: false };
    const moved = argv.filter((_, i) => i !== flag);
    moved.splice(end - 1, 0, '--help');
    return { argv: moved, named: false };
  }
  const rest = argv.filter((_, i) => !drop.includes(i));
  // Where `--` is now, or the end: --help goes before it, or it would be text.
  const cut = end - drop.length;
  const options = rest.slice(0, cut);
  if (!options.some((arg) => arg === '--help' || arg === '-h')) options.push('--help');
  return { argv: [...options, ...rest.slice(cut)], named: true };
}

/**
 * commander answers `roadmap config sett --help` with `config`'s help and exit 0, as if `sett`
 * were a subcommand. `named`: the topic came through a `help` word.
 */
function rejectUnknownHelpTopic(program: Command, argv: string[], named: boolean): void {
  const asksHelp = argv.includes('--help') || argv.includes('-h');
  if (!asksHelp) return;
  const [topic, subtopic, extra] = positionals(argv);
  if (topic === undefined) return;
  const command = program.commands.find((c) => c.name() === topic || c.aliases().includes(topic));
  // An unknown one was refused by rejectUnknownCommand.
  if (!command) return;
  if (!named) {
    rejectUnknownSubcommandHelp(command, subtopic, false);
    return;
  }
  if (subtopic === undefined) return;
  if (command.createHelp().visibleCommands(command).length === 0) {
    throw new UsageError(
      `\`roadmap ${topic}\` has no subcommands.`,
      `For its help: roadmap help ${topic}`,
    );
  }
  rejectUnknownSubcommandHelp(command, subtopic, true);
  if (extra !== undefined) {
    throw new UsageError(
      `\`roadmap help\` takes a command and a subcommand, not \`${extra}\` as well.`,
      `For example: roadmap help ${topic} ${subtopic}`,
    );
  }
}

/**
 * An earlier change died between writing its log entry and its state, so it never happened; the
 * person may think it did, and may have seen no error (a killed process, a lost machine).
 */
function interruptedNotice(line: string, keptIn: string): string {
  let what = 'a change';
  try {
    what = describeEntry(JSON.parse(line) as LogEntry);
  } catch {
    // Read as an entry when it was cut; the words above do without its details.
  }
  return `an earlier change, ${what}, was interrupted before it was saved, so it was not recorded; its log entry is kept in ${keptIn}. Run it again if you meant it.`;
}

/**
 * `roadmap dne --minutes 30`: commander reads the options first and blamed `--minutes`, a real
 * option, for a mistyped command; and it answered `roadmap help nosuch` and `roadmap studdy
 * --help` with the general help and exit 0. The command word is checked before anything else.
 */
function rejectUnknownCommand(program: Command, argv: string[]): void {
  const [first] = positionals(argv);
  if (first === undefined) return;
  if (program.commands.some((c) => c.name() === first || c.aliases().includes(first))) return;
  throw new UsageError(
    `Unknown command \`${first}\`.`,
    didYouMean(suggestCommands(first, visibleCommandNames(program))) ??
      'Run `roadmap --help` to list the commands.',
  );
}

/**
 * `roadmap config sett --help`: commander prints `config`'s help and exits 0, as if `sett` were
 * one of its commands. A command that takes no words of its own can only mean a subcommand; one
 * that does (`catalog [words...]`) is refused only for a near miss of a subcommand's name, which
 * is what `catalog remov` without --help says too, unless `strict` (the word was named as a help
 * topic).
 */
function rejectUnknownSubcommandHelp(
  command: Command,
  word: string | undefined,
  strict: boolean,
): void {
  const subcommands = command.createHelp().visibleCommands(command);
  if (word === undefined || subcommands.length === 0) return;
  if (subcommands.some((c) => c.name() === word || c.aliases().includes(word))) return;
  const suggestion = didYouMean(
    suggestIds(
      word,
      subcommands.map((c) => c.name()),
    ).map((name) => `roadmap ${command.name()} ${name}`),
  );
  const takesWords = command.registeredArguments.length > 0;
  if (takesWords && suggestion === undefined && !strict) return;
  throw new UsageError(
    `\`roadmap ${command.name()}\` has no subcommand \`${word}\`.`,
    suggestion ?? `Run \`roadmap ${command.name()} --help\` to list its commands.`,
  );
}

/** A number to show in "give it one" hints, by the value an option takes. */
const NUMBER_EXAMPLES: Record<string, string> = {
  '--minutes': '45',
  '--estimate': '6',
  '--hours-per-week': '5',
  '--window': '28',
  '--weeks': '8',
  '--limit': '20',
  '--to': '1',
};

/**
 * `done --note --help`: commander takes `--help` as the note's text and the module is marked done.
 * An option's value given as the next word may not look like an option itself; joined with `=`
 * (`--note=--help`) it is taken as written. Negative numbers pass, for their own message.
 * And an option given twice: commander keeps the last value, so `--note a --note b` would drop
 * the first note without a word.
 */
function rejectOptionAsValue(program: Command, argv: string[]): void {
  /** Each option that takes a value, by every name it has, to the name it is known by. */
  const takesValue = new Map<string, string>();
  for (const command of allCommands(program)) {
    for (const option of command.options) {
      if (!option.required && !option.optional) continue;
      const name = option.long ?? option.short!;
      if (option.long) takesValue.set(option.long, name);
      if (option.short) takesValue.set(option.short, name);
    }
  }
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return;
    const flag = word.startsWith('--') ? word.split('=')[0]! : word;
    const name = takesValue.get(flag);
    if (name === undefined) continue;
    const earlier = given.get(name);
    if (earlier !== undefined)
      throw new UsageError(
        `${name} was given twice (${earlier} and ${flag === word ? `${flag} ${shellWord(argv[i + 1] ?? '')}` : shellWord(word)}); roadmap takes one value for it.`,
        `Give ${name} once.${name === '--note' ? ' To keep a second note: roadmap note <module> <text>' : ''}`,
      );
    given.set(name, flag === word ? `${flag} ${shellWord(argv[i + 1] ?? '')}` : shellWord(word));
    if (flag !== word || i === argv.length - 1) continue;
    const value = argv[i + 1]!;
    i++;
    if (!/^-[^\d]/.test(value)) continue;
    const example = NUMBER_EXAMPLES[name];
    throw new UsageError(
      `${flag} needs a value, but \`${value}\` looks like an option.`,
      example === undefined
        ? `To give ${flag} a value that starts with a dash, join the two: ${flag}=${shellWord(value)}`
        : `Give it a number: ${name} ${example}`,
    );
  }
}

/** Help wraps at no more than this many columns. */
const HELP_WIDTH = 80;

/** The hidden argument with which the build asks for every help page (scripts/build.mjs). */
const HELP_PAGES = '__help-pages';

/**
 * `roadmap --help` and each command's help as they print to a pipe, by command name ('' for the
 * program itself). The build keeps them in dist/help.json, and the shim prints one without
 * loading the bundle, as it answers --version: loading commander and building the program cost
 * a fifth of Node's start-up. test/e2e/startup.test.ts checks that each page is what commander
 * prints.
 */
function helpPages(program: Command, output: OutputConfiguration) {
  const pages: Record<string, string> = {};
  for (const command of [program, ...program.commands]) {
    let text = '';
    command.configureOutput({ ...output, writeOut: (chunk: string) => (text += chunk) });
    command.outputHelp();
    pages[command === program ? '' : command.name()] = text;
  }
  return pages;
}

/**
 * The commands to build, when argv names one that needs no others (undefined: all of them). A
 * mistyped name, `help` and `completion` need them all, for suggestions and the command list.
 */
export function commandsToBuild(argv: string[]): readonly string[] | undefined {
  const [first] = positionals(argv);
  if (first === '__complete') return completedCommand(argv);
  if (first === undefined || first === 'completion') return undefined;
  return COMMAND_NAMES.includes(first) ? [first] : undefined;
}

/**
 * A Tab press after `roadmap <command>` completes that command's options and arguments, so only
 * it is built beside `__complete`. Anything else (the command word itself, options before it, an
 * alias) gets every command.
 */
function completedCommand(argv: string[]): readonly string[] | undefined {
  if (argv[0] !== '__complete') return undefined;
  const words = argv[2] === '--' ? argv.slice(3) : argv.slice(2);
  const typed = typedWords(argv[1], words);
  const command = typed && typed.length >= 2 ? typed[0]! : '';
  return command !== '__complete' && COMMAND_NAMES.includes(command)
    ? ['__complete', command]
    : undefined;
}

/**
 * `roadmap next --short`, as shell prompts run it before every prompt: it writes nothing to
 * stderr, which the prompt would show each time (a warning about a catalog, a damaged file).
 * Only that line is quiet, with the global options: one that adds anything else (an unknown
 * option, a stray word, `--json`) is a typo in the prompt's set-up, and shows its error as usual
 * so that it gets fixed.
 */
function isPromptLine(argv: string[]): boolean {
  let next = false;
  let short = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // A --config-dir without a directory is a typo too.
    if (arg === '--config-dir') {
      i += 1;
      if (!argv[i]) return false;
    } else if (arg === '--short') short = true;
    else if (arg === 'next' && !next) next = true;
    else if (arg !== '--no-color' && !(arg.startsWith('--config-dir=') && arg.length > 13))
      return false;
  }
  return next && short;
}

/** What a prompt line shows when `next --short` fails; `roadmap next` says why. */
export const PROMPT_LINE_ERROR = 'roadmap: error (roadmap next says why)';

export async function main(world: World): Promise<number> {
  if (!isPromptLine(world.argv)) return run(world);
  const code = await run({ ...world, stderr: { write: () => true } });
  if (code !== 0) world.stdout.write(`${PROMPT_LINE_ERROR}\n`);
  return code;
}

async function run(world: World): Promise<number> {
  configureColor(world.argv.includes('--no-color'), world.env);
  // Lines fit a narrower terminal. Asking a stream its width builds a tty stream, so only a
  // terminal is asked; output to a file or a pipe keeps 80 columns.
  if (isTerminal(1)) setLineWidth(process.stdout.columns);
  else if (isTerminal(2)) setLineWidth(process.stderr.columns);
  const help = helpWordAsOption(world.argv);
  const argv = help.argv;
  const program = buildProgram(
    version(),
    async (command, action, configDir) => {
      await action(createContext(command, world, configDir));
    },
    commandsToBuild(argv),
  );
  const output = {
    writeOut: (text: string) => world.stdout.write(text),
    writeErr: (text: string) => world.stderr.write(text),
    // Asking process.stdout for its width would build a stream just to learn it isn't a terminal.
    // Help wraps at 80 columns, or the terminal's width when it is narrower: that is what the
    // pages the shim prints without loading the bundle were rendered at (helpPages).
    getOutHelpWidth: () =>
      isTerminal(1) ? Math.min(HELP_WIDTH, process.stdout.columns ?? 80) : 80,
    getErrHelpWidth: () =>
      isTerminal(2) ? Math.min(HELP_WIDTH, process.stderr.columns ?? 80) : 80,
    // Help is plain text; the same reason as above for not asking the streams.
    getOutHasColors: () => false,
    getErrHasColors: () => false,
    // As every other error: "error:" in red, the message itself plain.
    outputError: (text: string, write: (text: string) => void) =>
      write(
        `${shortenEchoes(cleanLines(text.trimEnd())).replace(/^error:/, chalkStderr.red('error:'))}\n`,
      ),
  };
  // Subcommands copy the output settings only when created, so set them on each.
  for (const command of allCommands(program)) command.configureOutput(output);
  if (world.argv.length === 1 && world.argv[0] === HELP_PAGES) {
    world.stdout.write(JSON.stringify(helpPages(program, output)));
    return 0;
  }
  try {
    refuseUndecodedArguments(argv, world.env);
    rejectUnknownCommand(program, argv);
    rejectUnknownHelpTopic(program, argv, help.named);
    rejectOptionAsValue(program, argv);
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error, world.stderr);
  }
}
