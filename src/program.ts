import { homedir } from 'node:os';
import { Command, Help, Option } from 'commander';
import { speakPlainly } from './commander-messages.js';
import { add } from './commands/add.js';
import { catalog } from './commands/catalog.js';
import { catalogImport } from './commands/catalog-import.js';
import { catalogList } from './commands/catalog-list.js';
import { catalogRemove } from './commands/catalog-remove.js';
import { catalogValidate } from './commands/catalog-validate.js';
import { complete, completion } from './commands/completion.js';
import { configGet, configList, configPath, configSet, configUnset } from './commands/config.js';
import { drop, park, resume } from './commands/course-state.js';
import { doctor } from './commands/doctor.js';
import { done } from './commands/done.js';
import { exportAll } from './commands/export.js';
import { goal } from './commands/goal.js';
import { home } from './commands/home.js';
import { importAll } from './commands/import.js';
import { log } from './commands/log.js';
import { move } from './commands/move.js';
import { next } from './commands/next.js';
import { note } from './commands/note.js';
import { open } from './commands/open.js';
import { plan } from './commands/plan.js';
import { project } from './commands/project.js';
import { remove } from './commands/remove.js';
import { reset } from './commands/reset.js';
import { search } from './commands/search.js';
import { show } from './commands/show.js';
import { skip } from './commands/skip.js';
import { status } from './commands/status.js';
import { study } from './commands/study.js';
import { undo } from './commands/undo.js';
import type { Context } from './context.js';
import {
  type CommandShape,
  type CompletionSpec,
  configDirFromWords,
  type OptionShape,
  typedWords,
} from './core/complete.js';
import { isGoalKey, SETTINGS } from './core/settings.js';
import { didYouMean, suggestCommands } from './core/suggest.js';
import { UsageError } from './errors.js';
import { wrapWidth } from './ui/text.js';

/** Help text: examples first, as users read them. */
function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** The settings `config set` takes, or (`goal`) the two `roadmap goal` sets, as help lines. */
function settingsHelp(goal = false): string {
  return Object.entries(SETTINGS)
    .filter(([key]) => isGoalKey(key) === goal)
    .map(([key, spec]) => {
      const range =
        'min' in spec
          ? ` ${spec.min}-${spec.max}`
          : 'choices' in spec
            ? `: ${spec.choices.join('|')}`
            : '';
      const fallback = spec.default === null ? 'not set' : `default ${spec.default}`;
      return wrapWidth(
        `  ${key} (${spec.type}${range}, ${fallback}): ${spec.description}`,
        80,
        '      ',
      ).join('\n');
    })
    .join('\n');
}

type Action = (ctx: Context) => Promise<void> | void;

/**
 * What shell completion offers for each command's arguments (in order) and option values, by
 * command path. A command whose arguments or options name courses, modules or settings declares
 * them here; everything else about it (its name, options, arity) completion reads from commander.
 */
export const COMPLETION: Record<string, CompletionSpec> = {
  help: { args: ['command'] },
  'config help': { args: ['command'] },
  show: { args: ['course'] },
  add: { args: ['new-course-or-track'] },
  remove: { args: ['roadmap-course'] },
  move: {
    args: ['roadmap-course'],
    options: { '--before': 'roadmap-course', '--after': 'roadmap-course' },
  },
  done: { args: ['module'] },
  skip: { args: ['module'] },
  reset: { args: ['marked-module'] },
  study: { args: ['module'] },
  note: { args: ['module'] },
  open: { args: ['module'] },
  park: { args: ['active-course'] },
  resume: { args: ['resumable-course'] },
  drop: { args: ['roadmap-course'] },
  project: { args: ['roadmap-course'], options: { '--idea': 'idea' } },
  status: { options: { '--format': 'status-format' } },
  log: { options: { '--course': 'course' } },
  'config get': { args: ['setting'] },
  'config set': { args: ['changeable-setting', 'setting-value'] },
  'config unset': { args: ['changeable-setting'] },
  completion: { args: ['shell'] },
  'catalog remove': { args: ['imported-catalog'] },
};

/**
 * Every command's name, for knowing from argv which one to build (see buildProgram's `only`);
 * a test checks it against the commands built.
 */
export const COMMAND_NAMES = [
  'catalog',
  'search',
  'show',
  'add',
  'remove',
  'move',
  'next',
  'open',
  'done',
  'skip',
  'study',
  'note',
  'goal',
  'park',
  'resume',
  'drop',
  'project',
  'reset',
  'undo',
  'log',
  'status',
  'plan',
  'config',
  'export',
  'import',
  'doctor',
  'completion',
  '__complete',
];

/**
 * Builds the commander program. Each action only forwards parsed arguments to its command
 * handler; `run` supplies the context and the error boundary.
 */
export function buildProgram(
  version: string,
  run: (command: Command, action: Action, configDir?: string) => Promise<void>,
  only?: readonly string[],
): Command {
  // Building all ~30 commands, with their options and help, takes 10-15 ms of a command that
  // runs in 160; a command run by name needs only itself.
  const wanted = (name: string) => only === undefined || only.includes(name);
  const defaultHelp = new Help();
  const program = new Command('roadmap')
    .description(
      'A personal learning roadmap for machine-learning engineering: one course at a time, and build something.',
    )
    .version(version, '-V, --version', 'print the version')
    .option(
      '--config-dir <dir>',
      'keep the roadmap in this directory (default: ROADMAP_CONFIG_DIR, then your config folder; `roadmap config path` shows it)',
    )
    .option('--no-color', 'print without colour')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .exitOverride()
    .configureHelp({
      // commander leaves descriptions unwrapped when fewer than 40 columns are left beside the
      // terms, so a 70-column terminal got 120-column lines; a narrow column reads better.
      minWidthToWrap: 12,
      // `project [options] [course] [title]` would widen the command column for every line.
      subcommandTerm: (cmd) =>
        cmd.name() === 'project' ? 'project [course] [title]' : defaultHelp.subcommandTerm(cmd),
    })
    .addHelpText(
      'after',
      examples(
        'roadmap add mlep',
        'roadmap next',
        'roadmap done --minutes 90 --note "finished the lab"',
        'roadmap status',
      ),
    );

  const json = () => new Option('--json', 'print JSON (the documented shape) instead of text');

  if (wanted('catalog')) {
    const catalogCommand = program
      .command('catalog')
      .description(
        'list the courses you can add, optionally filtered by words in their id, title or provider',
      )
      .argument('[words...]', 'words that must all appear (case-insensitive)')
      .addOption(json())
      .addHelpText(
        'after',
        examples(
          'roadmap catalog',
          'roadmap catalog hugging',
          'roadmap catalog --json',
          'roadmap catalog import my-courses.json',
          'roadmap catalog list',
        ),
      )
      .action(function (this: Command, words: string[]) {
        const subcommands = this.commands.map((c) => c.name());
        return run(this, (ctx) => catalog(words, this.opts(), ctx, subcommands));
      });
    catalogCommand
      .command('import')
      .description(
        'check a catalog file and keep a copy in the config directory (one with the same id is upgraded in place)',
      )
      .argument('<file>', 'a catalog file in the roadmap catalog format, or - for stdin')
      .addHelpText(
        'after',
        examples('roadmap catalog import my-courses.json', 'roadmap catalog import - < fixes.json'),
      )
      .action(function (this: Command, file: string) {
        refuseParentJson(this);
        return run(this, (ctx) => catalogImport(file, ctx));
      });
    catalogCommand
      .command('remove')
      .description('take an imported catalog out (a copy is kept in backups/; progress stays)')
      .argument('<catalog-id>', 'the id of an imported catalog (`roadmap catalog list`)')
      .addHelpText('after', examples('roadmap catalog remove my-courses'))
      .action(function (this: Command, id: string) {
        refuseParentJson(this);
        return run(this, (ctx) => catalogRemove(id, ctx));
      });
    catalogCommand
      .command('list')
      .description('list the catalogs loaded: bundled, imported and from ROADMAP_CATALOG')
      .addOption(json())
      .addHelpText('after', examples('roadmap catalog list', 'roadmap catalog list --json'))
      .action(function (this: Command) {
        // The parent's own --json is also recognised after `list`; either way it is meant here.
        return run(this, (ctx) => catalogList(this.optsWithGlobals(), ctx));
      });
    catalogCommand
      .command('validate')
      .description('check a catalog file without importing it; every problem is listed')
      .argument('<file>', 'a catalog file, or - for stdin')
      .addOption(json())
      .addHelpText(
        'after',
        examples(
          'roadmap catalog validate my-courses.json',
          'roadmap catalog validate x.json --json',
        ),
      )
      .action(function (this: Command, file: string) {
        return run(this, (ctx) => catalogValidate(file, this.optsWithGlobals(), ctx));
      });
  }

  if (wanted('search')) {
    program
      .command('search')
      .description('find modules whose titles contain every word, across all courses')
      .argument('<words...>', 'words that must all appear in the title (case-insensitive)')
      .addOption(json())
      .addHelpText(
        'after',
        examples('roadmap search fine tuning', 'roadmap search monitoring --json'),
      )
      .action(function (this: Command, words: string[]) {
        return run(this, (ctx) => search(words, this.opts(), ctx));
      });
  }

  if (wanted('show')) {
    program
      .command('show')
      .description("show a course's parts and modules with your progress and notes")
      .argument('<course>', 'course id, e.g. hf-course')
      .addOption(json())
      .addHelpText('after', examples('roadmap show hf-course', 'roadmap show mlep-intro --json'))
      .action(function (this: Command, course: string) {
        return run(this, (ctx) => show(course, this.opts(), ctx));
      });
  }

  if (wanted('add')) {
    program
      .command('add')
      .description('add courses or tracks to your roadmap (with no ids, choose in a terminal)')
      .argument(
        '[course-or-track...]',
        'course ids (hf-course) or track ids (mlep: all four MLEP courses)',
      )
      .addHelpText(
        'after',
        examples('roadmap add mlep', 'roadmap add hf-course made-with-ml', 'roadmap add'),
      )
      .action(function (this: Command, ids: string[]) {
        return run(this, (ctx) => add(ids, ctx));
      });
  }

  if (wanted('remove')) {
    program
      .command('remove')
      .description('take a course off your roadmap (its progress is kept)')
      .argument('<course>', 'course id')
      .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
      .addHelpText(
        'after',
        examples('roadmap remove made-with-ml', 'roadmap remove made-with-ml --yes'),
      )
      .action(function (this: Command, course: string) {
        return run(this, (ctx) => remove(course, this.opts(), ctx));
      });
  }

  if (wanted('move')) {
    program
      .command('move')
      .description('reorder your roadmap')
      .argument('<course>', 'course id')
      .option('--before <course>', 'put it just before this course')
      .option('--after <course>', 'put it just after this course')
      .option('--to <position>', 'put it at this position (1 is first)')
      .addHelpText(
        'after',
        examples('roadmap move hf-course --before mlep-intro', 'roadmap move made-with-ml --to 1'),
      )
      .action(function (this: Command, course: string) {
        return run(this, (ctx) => move(course, this.opts(), ctx));
      });
  }

  if (wanted('next')) {
    program
      .command('next')
      .description('show what to study next')
      .addOption(json())
      .addOption(
        new Option(
          '--short',
          'one line (course, module, time), for shell prompts; not with --json',
        ).conflicts('json'),
      )
      .addOption(
        new Option(
          '--open',
          "also open the module's page in your browser; not with --json or --short",
        ).conflicts(['json', 'short']),
      )
      .addHelpText(
        'after',
        examples(
          'roadmap next',
          'roadmap next --short',
          'roadmap next --json',
          'roadmap next --open',
        ),
      )
      .action(function (this: Command) {
        return run(this, (ctx) => next(this.opts(), ctx));
      });
  }

  if (wanted('open')) {
    program
      .command('open')
      .description("open a module's page in your browser (default: the next module)")
      .argument('[module]', 'module id, or a suffix unique on your roadmap (chapter3/2)')
      .addOption(json())
      .addHelpText(
        'after',
        examples('roadmap open', 'roadmap open chapter3/2', 'roadmap open --json'),
      )
      .action(function (this: Command, module: string | undefined) {
        return run(this, (ctx) => open(module, this.opts(), ctx));
      });
  }

  for (const [name, verb] of [
    ['done', 'mark a module done'],
    ['skip', 'skip a module'],
  ] as const) {
    if (!wanted(name)) continue;
    program
      .command(name)
      .description(`${verb} (default: the next module)`)
      .argument('[module]', 'module id, or a suffix unique on your roadmap (chapter3/2)')
      .option('--minutes <n>', 'minutes you spent on it (1-1440)')
      .option('--note <text>', 'a note to keep with it (at most 2,000 characters)')
      .option('--at <date>', 'when, as an ISO date or date-time (default: now)')
      .option(
        '--switch',
        'if the module is in a course not in focus, switch to it (needed without a terminal)',
      )
      .option('--reason <text>', 'why you switch courses (kept with the switch)')
      .addHelpText(
        'after',
        examples(
          `roadmap ${name}`,
          `roadmap ${name} chapter3/2`,
          `roadmap ${name} mlep-intro/week-1 --at 2026-03-01 --note "lab 2"`,
          `roadmap ${name} hf-course/chapter1/1 --switch --reason "need transformers for work"`,
        ),
      )
      .action(function (this: Command, module: string | undefined) {
        return run(this, (ctx) => (name === 'done' ? done : skip)(module, this.opts(), ctx));
      });
  }

  if (wanted('study')) {
    program
      .command('study')
      .description('log time spent on a module without finishing it (default: the next module)')
      .argument('[module]', 'module id, or a suffix unique on your roadmap (chapter3/2)')
      .option('--minutes <n>', 'minutes you studied (1-1440); required')
      .option('--note <text>', 'a note to keep with the session (at most 2,000 characters)')
      .option('--at <date>', 'when, as an ISO date or date-time (default: now)')
      .option(
        '--switch',
        'if the module is in a course not in focus, switch to it (needed without a terminal)',
      )
      .option('--reason <text>', 'why you switch courses (kept with the switch)')
      .addHelpText(
        'after',
        examples(
          'roadmap study --minutes 45',
          'roadmap study mlep-intro/week-2 --minutes 90 --note "labs 1-2"',
          'roadmap study mlep-intro/week-3 --minutes 30 --at 2026-03-01T20:00',
        ),
      )
      .action(function (this: Command, module: string | undefined) {
        return run(this, (ctx) => study(module, this.opts(), ctx));
      });
  }

  if (wanted('note')) {
    program
      .command('note')
      .description('add a note to a module, whatever its status')
      .argument('<module>', 'module id or unique suffix')
      .argument('<text...>', 'the note (at most 2,000 characters)')
      .addHelpText('after', examples('roadmap note chapter3/2 "the tokenizer lab needs a GPU"'))
      .action(function (this: Command, module: string, words: string[]) {
        return run(this, (ctx) => note(module, words, ctx));
      });
  }

  if (wanted('goal')) {
    program
      .command('goal')
      .description('set, show or clear your weekly study goal and a deadline')
      .option('--hours-per-week <n>', 'hours a week you mean to study (0.5-84)')
      .option(
        '--deadline <date>',
        'the date you want to finish by (yyyy-mm-dd), or none to remove it',
      )
      .option('--clear', 'remove the goal and the deadline')
      .addOption(json())
      .addHelpText(
        'after',
        examples(
          'roadmap goal --hours-per-week 5',
          'roadmap goal --hours-per-week 6 --deadline 2027-06-30',
          'roadmap goal',
          'roadmap goal --clear',
        ),
      )
      .action(function (this: Command) {
        return run(this, (ctx) => goal(this.opts(), ctx));
      });
  }

  if (wanted('park')) {
    program
      .command('park')
      .description('take a course out of focus; its progress is kept')
      .argument('<course>', 'course id')
      .option('--reason <text>', 'why (shown by `roadmap status`)')
      .addHelpText(
        'after',
        examples('roadmap park mlep-intro', 'roadmap park mlep-intro --reason "labs need a GPU"'),
      )
      .action(function (this: Command, course: string) {
        return run(this, (ctx) => park(course, this.opts(), ctx));
      });
  }

  if (wanted('resume')) {
    program
      .command('resume')
      .description('bring a course into focus, parking another if the focus limit is full')
      .argument('<course>', 'course id')
      .option('--reason <text>', 'why (kept in the log, and beside a course it parks)')
      .addHelpText('after', examples('roadmap resume mlep-data'))
      .action(function (this: Command, course: string) {
        return run(this, (ctx) => resume(course, this.opts(), ctx));
      });
  }

  if (wanted('drop')) {
    program
      .command('drop')
      .description('give up a course: it stays on your roadmap, marked dropped, out of the totals')
      .argument('<course>', 'course id')
      .option('--reason <text>', 'why (shown by `roadmap status`)')
      .addHelpText(
        'after',
        examples(
          'roadmap drop made-with-ml --reason "covered by my job"',
          'roadmap resume made-with-ml',
        ),
      )
      .action(function (this: Command, course: string) {
        return run(this, (ctx) => drop(course, this.opts(), ctx));
      });
  }

  if (wanted('project')) {
    program
      .command('project')
      .description(
        'a project of your own for a course: record it, start it, ship it (with no course: list them)',
      )
      .argument('[course]', 'course id (leave out to list every project)')
      .argument('[title]', 'what you will build')
      .option('--goal <text>', 'what it should do or show')
      .option('--estimate <hours>', 'how long you think it takes, in hours (1.5 is fine)')
      .option('--idea <id>', "start from one of the catalog's ideas for the course")
      .option('--repo <url-or-path>', 'you started: where the work lives')
      .option('--shipped <url-or-commit>', 'it is out: a link or a commit')
      .option('--waive', 'finish the course without a project (needs --reason)')
      .option('--reason <text>', 'why you waive it; with --minutes --switch, why you switch')
      .option('--minutes <n>', 'log time spent building it')
      .option('--note <text>', 'with --minutes: what you did')
      .option('--at <date>', 'with --minutes: when (ISO date or date-time; default now)')
      .option('--switch', 'with --minutes on a course out of focus: switch to it without asking')
      .addOption(json())
      .addHelpText(
        'after',
        examples(
          'roadmap project mlep-intro',
          'roadmap project mlep-intro "Drift monitor for my bike-share data" --estimate 12',
          'roadmap project mlep-intro --idea label-consistency-audit',
          'roadmap project mlep-intro --repo https://github.com/me/drift-monitor',
          'roadmap project mlep-intro --minutes 90 --note "trained the baseline"',
          'roadmap project mlep-intro --shipped https://github.com/me/drift-monitor/releases/tag/v1',
          'roadmap project mlep-intro --waive --reason "I built the same at work"',
          'roadmap project --json',
        ),
      )
      .action(function (this: Command, course: string | undefined, title: string | undefined) {
        return run(this, (ctx) => project(course, title, this.opts(), ctx));
      });
  }

  if (wanted('reset')) {
    program
      .command('reset')
      .description('put a module back to do')
      .argument('<module>', 'module id or unique suffix')
      .addHelpText('after', examples('roadmap reset chapter3/2'))
      .action(function (this: Command, module: string) {
        return run(this, (ctx) => reset(module, ctx));
      });
  }

  if (wanted('undo')) {
    program
      .command('undo')
      .description('revert the most recent change not yet undone (repeat to go further back)')
      .addHelpText('after', examples('roadmap undo'))
      .action(function (this: Command) {
        return run(this, (ctx) => undo(ctx));
      });
  }

  if (wanted('log')) {
    program
      .command('log')
      .description(
        'list your study history, newest first: done, skip, study, note, reset, park, resume, drop, project and undo',
      )
      .option('--since <date>', 'only entries on or after this date')
      .option('--course <course>', 'only entries for this course')
      .option('--limit <n>', 'at most this many entries')
      .addOption(json())
      .addHelpText(
        'after',
        examples(
          'roadmap log --limit 10',
          'roadmap log --course hf-course --since 2026-03-01',
          'roadmap log --json',
        ),
      )
      .action(function (this: Command) {
        return run(this, (ctx) => log(this.opts(), ctx));
      });
  }

  if (wanted('status')) {
    program
      .command('status')
      .description('show how far you are, your pace, streaks, goal and when you will finish')
      .addOption(json())
      .option('--format <format>', 'text, markdown or json (json is the same as --json)')
      .option('--window <days>', 'measure your pace over this many days (7-365, default 28)')
      .option('--all', 'list every course in full, even long runs of finished or planned ones')
      .addHelpText(
        'after',
        examples(
          'roadmap status',
          'roadmap status --window 56',
          'roadmap status --format markdown > progress.md',
          'roadmap status --json',
        ),
      )
      .action(function (this: Command) {
        return run(this, (ctx) => status(this.opts(), ctx));
      });
  }

  if (wanted('plan')) {
    program
      .command('plan')
      .description('a week-by-week schedule of what is left, at your goal or the pace you keep')
      .option('--weeks <n>', 'plan only this many weeks')
      .option('--window <days>', 'measure your pace over this many days (7-365, default 28)')
      .addOption(
        new Option(
          '--ics <file>',
          'write the plan as an iCalendar file (- for stdout); not with --json',
        ).conflicts('json'),
      )
      .option('--force', 'with --ics: overwrite a file that is not a calendar roadmap wrote')
      .addOption(json())
      .addHelpText(
        'after',
        examples(
          'roadmap plan',
          'roadmap plan --weeks 4',
          'roadmap plan --ics roadmap.ics',
          'roadmap plan --json',
        ),
      )
      .action(function (this: Command) {
        return run(this, (ctx) => plan(this.opts(), ctx));
      });
  }

  if (wanted('config')) {
    const config = program
      .command('config')
      .description('read and change settings')
      .addHelpText(
        'after',
        examples(
          'roadmap config list',
          'roadmap config set skip-optional true',
          'roadmap config path',
        ),
      );
    config
      .command('list')
      .addHelpText('after', examples('roadmap config list', 'roadmap config list --json'))
      .description('list every setting with its value and default')
      .addOption(json())
      .action(function (this: Command) {
        return run(this, (ctx) => configList(this.opts(), ctx));
      });
    config
      .command('get')
      .addHelpText('after', examples('roadmap config get skip-optional'))
      .description('print one setting')
      .argument('<key>', 'a setting (roadmap config list shows them all)')
      .addOption(json())
      .action(function (this: Command, key: string) {
        return run(this, (ctx) => configGet(key, this.opts(), ctx));
      });
    config
      .command('set')
      .addHelpText(
        'after',
        `${examples('roadmap config set skip-optional true', 'roadmap config set bar-width 30')}\nKeys:\n${settingsHelp()}\n\nSet by \`roadmap goal\`, which keeps the two together (not by \`config set\`):\n${settingsHelp(true)}\n`,
      )
      .description('change a setting')
      .argument('<key>', 'a setting (listed below)')
      .argument('<value>', "its new value, of the setting's type")
      .action(function (this: Command, key: string, value: string) {
        return run(this, (ctx) => configSet(key, value, ctx));
      });
    config
      .command('unset')
      .addHelpText('after', examples('roadmap config unset bar-width'))
      .description('put a setting back to its default')
      .argument('<key>', 'a setting (roadmap config list shows them all)')
      .action(function (this: Command, key: string) {
        return run(this, (ctx) => configUnset(key, ctx));
      });
    config
      .command('path')
      .addHelpText('after', examples('roadmap config path'))
      .description("print the config file's path")
      .action(function (this: Command) {
        return run(this, (ctx) => configPath(ctx));
      });
  }

  if (wanted('export')) {
    program
      .command('export')
      .description(
        'write everything (roadmap, progress, log, settings, catalogs) as one JSON document',
      )
      .argument('[file]', 'where to write it (default: stdout)')
      .option('--force', 'overwrite FILE if it exists')
      .addHelpText(
        'after',
        examples('roadmap export roadmap-backup.json', 'roadmap export | gzip > roadmap.json.gz'),
      )
      .action(function (this: Command, file: string | undefined) {
        return run(this, (ctx) => exportAll(file, this.opts(), ctx));
      });
  }

  if (wanted('import')) {
    program
      .command('import')
      .description('merge an export into this roadmap (or replace it); a backup is kept')
      .argument('<file>', 'an export written by `roadmap export`, or - for stdin')
      .option('--replace', 'replace your state with the import instead of merging')
      .option('-y, --yes', 'do not ask before --replace (needed without a terminal)')
      .addOption(json())
      .addHelpText(
        'after',
        examples(
          'roadmap import laptop.json',
          'ssh laptop roadmap export | roadmap import -',
          'roadmap import backup.json --replace --yes',
        ),
      )
      .action(function (this: Command, file: string) {
        return run(this, (ctx) => importAll(file, this.opts(), ctx));
      });
  }

  if (wanted('doctor')) {
    program
      .command('doctor')
      .description('check the config directory; --repair sets a damaged file aside and salvages it')
      .option('--repair', 'move a damaged config file aside (kept) and write a salvaged one')
      .addOption(json())
      .addHelpText('after', examples('roadmap doctor', 'roadmap doctor --repair'))
      .action(function (this: Command) {
        return run(this, (ctx) => doctor(this.opts(), ctx));
      });
  }

  if (wanted('completion')) {
    program
      .command('completion')
      .description('print a completion script for bash, zsh or fish (see the README to install it)')
      .argument('<shell>', 'bash, zsh or fish')
      .addHelpText(
        'after',
        examples(
          'source <(roadmap completion bash)',
          'roadmap completion fish > ~/.config/fish/completions/roadmap.fish',
        ),
      )
      .action(function (this: Command, shell: string) {
        return run(this, (ctx) => completion(shell, ctx));
      });
  }

  if (wanted('__complete')) {
    // What the completion scripts call at completion time.
    program
      .command('__complete', { hidden: true })
      .argument('[cword]')
      .argument('[words...]')
      .action(function (this: Command, cword: string | undefined, words: string[]) {
        const typed = typedWords(cword, words);
        // A broken environment (an empty ROADMAP_CONFIG_DIR, a bad ROADMAP_NOW) means no
        // candidates: an error message would land in the middle of the command line.
        return run(
          this,
          (ctx) => complete(typed, completionTree(program), ctx),
          typed ? configDirFromWords(typed, process.env.HOME ?? homedir(), process.env) : undefined,
        ).catch(() => undefined);
      });
  }

  // Defined last: subcommands copy the root's settings when created, and only the root may take
  // stray words. Bare `roadmap` shows home; any other word here is a mistyped command.
  program.allowExcessArguments(true).action(function (this: Command) {
    const [word] = this.args;
    if (word !== undefined) {
      throw new UsageError(
        `Unknown command \`${word}\`.`,
        didYouMean(suggestCommands(word, visibleCommandNames(this))) ??
          'Run `roadmap --help` to list the commands.',
      );
    }
    return run(this, (ctx) => home(ctx));
  });

  for (const command of allCommands(program)) {
    const path = commandPath(command);
    command.showHelpAfterError(`(run \`${path} --help\` for usage)`);
    speakPlainly(command, path);
  }
  return program;
}

/** What "did you mean" may suggest: the commands help lists, never the hidden ones. */
export function visibleCommandNames(command: Command): string[] {
  return command
    .createHelp()
    .visibleCommands(command)
    .map((c) => c.name());
}

/** The program and every subcommand, depth first. */
export function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

function optionShape(option: Option, spec: CompletionSpec): OptionShape {
  const flags = [option.long, option.short].filter((f): f is string => f !== undefined);
  return {
    flags,
    offered: flags[0]!,
    value: option.required ? 'required' : option.optional ? 'optional' : 'none',
    kind: (option.long && spec.options?.[option.long]) || null,
    name: option.attributeName(),
    // What `.conflicts()` recorded; commander keeps it but its types don't say so.
    conflicts: [...((option as { conflictsWith?: string[] }).conflictsWith ?? [])],
  };
}

/** The command tree as completion needs it, read from commander's own definitions. */
export function completionTree(program: Command): CommandShape {
  const help = program.createHelp();
  const shape = (command: Command, path: string[], inherited: OptionShape[]): CommandShape => {
    const spec = COMPLETION[path.join(' ')] ?? {};
    // commander accepts a parent's options after a subcommand too; --version is left out, as
    // it is about the program rather than the command.
    const passedOn = command.options
      .filter((o) => !o.hidden && o.attributeName() !== 'version')
      .map((o) => optionShape(o, spec));
    return {
      names: [command.name(), ...command.aliases()],
      commands: help
        .visibleCommands(command)
        .map((c) => shape(c, [...path, c.name()], [...passedOn, ...inherited])),
      options: [...help.visibleOptions(command).map((o) => optionShape(o, spec)), ...inherited],
      args: command.registeredArguments.map((a, i) => ({
        kind: spec.args?.[i] ?? null,
        variadic: a.variadic,
      })),
    };
  };
  return shape(program, [], []);
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * `catalog import x --json`: commander hands the parent's --json to the subcommand's line too, and
 * a script asking for JSON would get exit 0 and nothing on stdout. These subcommands have none.
 */
function refuseParentJson(command: Command): void {
  if (!command.optsWithGlobals().json) return;
  throw new UsageError(
    `\`roadmap catalog ${command.name()}\` has no --json output; it reports on stderr.`,
    'Leave --json out; its exit code says whether it worked.',
  );
}
