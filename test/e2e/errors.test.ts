import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, run } from '../helpers/run-bin.js';
import { checkConsistency } from '../helpers/state-check.js';
import { tempDir } from '../helpers/temp.js';

const STACK = /\n\s+at .+\(.*:\d+:\d+\)/;

describe('bad input, end to end', () => {
  it.each([
    [
      ['add', 'mlep-modleing'],
      'Unknown course or track `mlep-modleing`',
      'Did you mean `mlep-modeling`?',
    ],
    [['add', 'hf-corse'], 'Unknown course or track `hf-corse`', '`hf-course`'],
    [['add', 'hf-course/chapter1/1'], 'is a module, not a course', '`hf-course`'],
    // `show` takes one course, so no track is offered or named.
    [['show', 'made-with-m'], 'Unknown course `made-with-m`.', '`made-with-ml`'],
    [
      ['show', 'chapter3'],
      'Unknown course `chapter3`',
      'Did you mean `hf-course`? It has a module named like `chapter3`.',
    ],
    [['stauts'], 'Unknown command `stauts`', 'Did you mean `status`?'],
    [['studdy', '--help'], 'Unknown command `studdy`', 'Did you mean `study`?'],
    [['complete'], 'Unknown command `complete`', 'Did you mean `completion`?'],
    [['--config-dir', '.', 'stauts', '-h'], 'Unknown command `stauts`', 'Did you mean `status`?'],
    [['done', '--minutes', '-5'], '--minutes takes a whole number from 1 to 1440, not `-5`', ''],
    [['done', '--minutes', '1e9'], '--minutes takes a whole number from 1 to 1440, not `1e9`', ''],
    [['done', '--at', 'not a date'], '--at takes an ISO date', ''],
    [['done', '--at', '99999-01-01'], '--at takes an ISO date', ''],
    [['done', '--at', '2027-01-01'], 'is in the future', ''],
    [
      ['done', '--at', '2026-02-30'],
      '--at 2026-02-30 is not a date: February 2026 has 28 days.',
      '',
    ],
    [['study', '--at', '2025-13-01T10:00', '--minutes', '5'], 'there is no month 13', ''],
    [['done', '--at', '2026-03-00'], '--at 2026-03-00 is not a date: days start at 1.', ''],
    [
      ['done', '--at', '2026-03-01T25:00'],
      '--at 2026-03-01T25:00 has no such time of day: hours run 00–23 (or 24:00)',
      '',
    ],
    [
      ['log', '--since', '2026-04-31'],
      '--since 2026-04-31 is not a date: April 2026 has 30 days.',
      '',
    ],
    [
      ['log', '--since', '2026-03-01T00:00+25:00'],
      'has the offset +25:00, which no time zone uses',
      '',
    ],
    [['log', '--since', 'last week'], '--since takes an ISO date such as 2026-03-01', ''],
    [
      ['goal', '--hours-per-week', '5', '--deadline', '2027-02-29'],
      '--deadline 2027-02-29 is not a date: February 2027 has 28 days.',
      'For example: --deadline 2027-06-30',
    ],
    [['done', '--at', '1999-12-31'], 'is before 2000', ''],
    [['done', 'x', 'y'], '`roadmap done` takes 1 argument, not 2.', ''],
    [['log', '20'], '`roadmap log` takes no arguments', 'Did you mean: roadmap log --limit 20'],
    [
      ['log', '2026-03-01'],
      '`roadmap log` takes no arguments',
      'Did you mean: roadmap log --since 2026-03-01',
    ],
    [['done', '--note', 'quoted already', 'a', 'b'], '`roadmap done` takes 1 argument, not 2.', ''],
    [
      ['log', 'mlep-data'],
      '`roadmap log` takes no arguments',
      'Did you mean: roadmap log --course mlep-data',
    ],
    [
      ['move', 'hf-course', '2'],
      '`roadmap move` takes 1 argument, not 2.',
      'Did you mean: roadmap move hf-course --to 2',
    ],
    [
      ['note', 'a note without module'],
      '`a note without module` reads as the note, so name its module first.',
      'For example: roadmap note <module> "a note without module"',
    ],
    [
      ['done', '--minutes', '150', '--note', 'redo', 'the', 'lab'],
      '`roadmap done` takes 1 argument, not 2.',
      "Put the note in quotes: --note 'redo the lab'",
    ],
    [['study', '45'], 'Say how long you studied with --minutes.', 'roadmap study --minutes 45'],
    [['done', '90'], '`90` is a number, and no module id is one.', '--minutes 90'],
    [
      ['done', '--minutes', '90', 'finished the lab'],
      '`finished the lab` has spaces, and no module id does.',
      "A note goes after --note: --note 'finished the lab'",
    ],
    [
      ['project', 'mlep-intro', 'My', 'big', 'idea'],
      '`roadmap project` takes 2 arguments, not 4.',
      'Put text with spaces in quotes.',
    ],
    [
      ['export', 'my', 'file.json'],
      'takes 1 argument, not 2.',
      'Put a path with spaces in quotes.',
    ],
    [
      ['config', 'set', 'idle-days=3'],
      '`roadmap config set` needs <key> <value>, apart; `idle-days=3` joins them with `=`.',
      'Did you mean: roadmap config set idle-days 3',
    ],
    [['done', '--note', '   '], '--note is blank', ''],

    [
      ['done', '--note', '--help'],
      '--note needs a value, but `--help` looks like an option',
      'join the two: --note=--help',
    ],
    [
      ['study', '--minutes', '5', '--note', '--json'],
      '--note needs a value, but `--json` looks like an option',
      '--note=--json',
    ],
    [['drop', 'hf-course', '--reason', '-x'], '--reason needs a value', '--reason=-x'],
    [
      ['study', '--minutes', '--note', 'x'],
      '--minutes needs a value, but `--note` looks like an option',
      'Give it a number: --minutes 45',
    ],
    [
      ['done', '--note', 'first', '--minutes', '5', '--note', 'second'],
      '--note was given twice (--note first and --note second); roadmap takes one value for it.',
      'Give --note once. To keep a second note: roadmap note <module> <text>',
    ],
    [
      ['study', '--minutes', '30', '--minutes=40'],
      '--minutes was given twice (--minutes 30 and --minutes=40)',
      'Give --minutes once.',
    ],
    [['park', 'hf-course', '--reason', 'a', '--reason=b'], '--reason was given twice', ''],
    [['move', 'x'], 'exactly one of --before', ''],
    // A catalog course not on the roadmap: the fix is to add it, except when taking it off.
    [
      ['resume', 'made-with-ml'],
      'is not on your roadmap',
      'Add it first: roadmap add made-with-ml',
    ],
    [['project', 'Made-With-ML', 'x'], 'is not on your roadmap', 'roadmap add made-with-ml'],
    [['move', 'made-with-ml', '--to', '1'], 'is not on your roadmap', 'roadmap add made-with-ml'],
    [['remove', 'made-with-ml'], 'is not on your roadmap', 'Run `roadmap status`'],
    [['plan', '--force'], '--force goes with --ics', 'roadmap plan --ics plan.ics --force'],
    [['export', '--force'], '--force goes with a file name', 'roadmap export roadmap-export.json'],
    [
      ['config', 'set', 'skip-optionl', 'true'],
      'Unknown setting `skip-optionl`',
      '`skip-optional`',
    ],
    [['config', 'set', 'bar-width', '900'], 'takes a whole number from 5 to 60', ''],
    [['next', '--bogus'], 'Unknown option `--bogus` for `roadmap next`.', ''],
    [['done', '--minute', '10'], 'Unknown option `--minute`', 'Did you mean `--minutes`?'],
    [['status', '--JSON'], 'Unknown option `--JSON`', 'Did you mean `--json`?'],
    [['-v'], 'Unknown option `-v` for `roadmap`.', 'Did you mean `-V`?'],
    [
      ['--json'],
      'Bare `roadmap` has no --json',
      'Use `roadmap next --json` or `roadmap status --json`.',
    ],
    [['status', '--json=true'], '--json takes no value, not `true`.', 'Pass --json alone.'],
    [['status', '--json='], '--json takes no value.', 'Pass --json alone.'],
    [
      ['config', 'lst'],
      '`roadmap config` has no subcommand `lst`.',
      'Did you mean `roadmap config list`?',
    ],
    [['config', 'set', 'a', 'b', 'c'], '`roadmap config set` takes 2 arguments, not 3.', 'quotes'],
    [['undo', 'now'], '`roadmap undo` takes no arguments, and was given 1.', ''],
    [['note'], '`roadmap note` needs <module>.', ''],
    [
      ['note', 'the error analysis is key'],
      '`roadmap note` needs <module> <text...>, in that order; `the error analysis is key` reads as the note, so name its module first.\nFor example: roadmap note <module> "the error analysis is key"',
      '',
    ],
    [
      ['note', 'chapter1/1'],
      '`roadmap note` needs <module> <text...>, in that order; only the first was given.\nUsage: roadmap note <module> <text...> (put text with spaces in quotes).',
      '',
    ],
    [['done', '--minutes'], '--minutes needs a value: --minutes <n>.', ''],
    [
      ['catalog', 'improt', 'my.json'],
      'catalog has no subcommand `improt`',
      'Did you mean `roadmap catalog import`?',
    ],
    [['catalog', 'lst'], 'no subcommand `lst`', '`roadmap catalog list`'],
    [
      ['catalog', 'import', 'mine.json', '--json'],
      '`roadmap catalog import` has no --json output',
      'Leave --json out',
    ],
    [['catalog', 'remove', 'mine', '--json'], '`roadmap catalog remove` has no --json', ''],
    [
      ['config', 'sett', '--help'],
      '`roadmap config` has no subcommand `sett`',
      'Did you mean `roadmap config set`',
    ],
    [['config', 'zzz', '-h'], 'has no subcommand `zzz`', 'Run `roadmap config --help`'],
    [
      ['catalog', 'remov', '--help'],
      '`roadmap catalog` has no subcommand `remov`',
      'Did you mean `roadmap catalog remove`?',
    ],
    [['catalog', 'help', 'nosuch'], 'has no subcommand `nosuch`', 'roadmap catalog --help'],
    [['dne', '--minutes', '30'], 'Unknown command `dne`', 'Did you mean `done`?'],
    [['statsu', '--json'], 'Unknown command `statsu`', 'Did you mean `status`?'],
  ])('roadmap %j exits 2 with a clear message and writes nothing', (args, message, hint) => {
    const dir = tempDir();
    const result = run(dir, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(hint);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('minutes and notes where a module goes: hinted where the command takes them, not elsewhere', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    run(dir, ['done']);
    for (const args of [
      ['reset', '90'],
      ['open', '90'],
      ['open', 'some text'],
      ['done', '90', '--minutes', '30'],
      ['done', '2000'],
    ]) {
      const result = run(dir, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).not.toContain('--minutes 90');
      expect(result.stderr, args.join(' ')).not.toContain('--minutes 2000');
      expect(result.stderr, args.join(' ')).not.toContain('--note');
    }
    // Two words of a note, unquoted: the second read as the module.
    expect(run(dir, ['done', '--note', 'redo', 'lab']).stderr).toContain(
      "If it is the rest of your note, quote the note whole: --note 'redo lab'",
    );
    // A word close to a module keeps its "did you mean" first.
    expect(run(dir, ['done', '--note', 'redo', 'week-9']).stderr).toContain(
      "Did you mean `mlep-intro/week-1` or `mlep-intro/week-2` or `mlep-intro/week-3`?\nIf it is the rest of your note, quote the note whole: --note 'redo week-9'",
    );
    // Text for the shell is quoted for it.
    expect(run(dir, ['done', 'cost $5 total']).stderr).toContain("--note 'cost $5 total'");
    // `=` joins a key and value for `config set` only.
    expect(run(dir, ['note', 'lr=0.01']).stderr).not.toContain('joins them');
  });

  it('study with a number that names a module keeps it as the module', () => {
    const dir = tempDir();
    const file = join(dir, 'book.json');
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        id: 'book',
        courses: [
          {
            id: 'bk',
            title: 'Book',
            provider: 'Me',
            url: 'https://example.com/bk',
            modules: ['1', '2'].map((n) => ({
              id: `bk/${n}`,
              title: `Chapter ${n}`,
              url: `https://example.com/bk/${n}`,
              minutes: 60,
              minutesBasis: 'assumed',
            })),
          },
        ],
      }),
    );
    run(dir, ['catalog', 'import', file]);
    run(dir, ['add', 'bk']);
    expect(run(dir, ['study', '2']).stderr).toContain('For example: roadmap study 2 --minutes 45');
    expect(run(dir, ['study', '45']).stderr).toContain('For example: roadmap study --minutes 45');
  });

  it('a second id where one goes is not taken for text to quote', () => {
    for (const args of [
      ['done', 'x', 'y'],
      ['config', 'get', 'skip-optional', 'extra'],
    ]) {
      const result = run(tempDir(), args);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toContain('quotes');
    }
  });

  it('config unset says what the default it goes back to is', () => {
    const dir = tempDir();
    run(dir, ['config', 'set', 'week-start', 'sunday']);
    expect(run(dir, ['config', 'unset', 'week-start']).stderr).toContain(
      'week-start is back to its default, monday.',
    );
  });

  it('a change that changes nothing leaves a config directory that does not exist as it was', () => {
    const dir = join(tempDir(), 'not-yet');
    for (const args of [
      ['goal', '--clear'],
      ['config', 'unset', 'bar-width'],
    ]) {
      const result = run(dir, args);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('nothing changed');
      expect(existsSync(dir)).toBe(false);
    }
  });

  it('cuts a long value it quotes back, saying how long it was', () => {
    const long = 'a'.repeat(20_000);
    const result = run(tempDir(), ['show', long]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Unknown course \`${'a'.repeat(60)}…\` (20000 characters).`);
    expect(result.stderr.length).toBeLessThan(400);
  });

  it('text that arrived with bytes that are not UTF-8 is refused outside a UTF-8 locale', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    // A Latin-1 é typed under LC_ALL=C reaches Node as U+FFFD.
    const latin1 = run(dir, ['note', 'chapter1/1', 'caf\uFFFD'], { LC_ALL: 'C', LANG: '' });
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toContain(
      "An argument holds bytes that aren't UTF-8 (shown as �), so letters in it would be lost: the locale (C) is not UTF-8.",
    );
    // Typed as itself in a UTF-8 locale, it is kept.
    const typed = run(dir, ['note', 'chapter1/1', 'decoding gives \uFFFD'], {
      LC_ALL: '',
      LANG: 'en_US.UTF-8',
    });
    expect(typed.code).toBe(0);
    expect(run(dir, ['log']).stdout).toContain('decoding gives \uFFFD');
  });

  it('next --short, a shell prompt line, writes nothing to stderr, even on an error', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    writeFileSync(join(dir, 'config.json'), '{"version":1,');
    expect(run(dir, ['next', '--short'])).toMatchObject({
      code: 1,
      stdout: 'roadmap: error (roadmap next says why)\n',
      stderr: '',
    });
    expect(run(dir, ['next']).stderr).toContain('is not valid JSON');
    expect(run(dir, ['next', '--short'], { ROADMAP_NOW: 'soon' })).toMatchObject({
      code: 2,
      stdout: 'roadmap: error (roadmap next says why)\n',
      stderr: '',
    });
    // With the global options too, in either form.
    for (const argv of [
      ['--no-color', '--config-dir', dir, 'next', '--short'],
      [`--config-dir=${dir}`, 'next', '--short'],
    ])
      expect(run(tempDir(), argv), argv.join(' ')).toMatchObject({
        code: 1,
        stdout: 'roadmap: error (roadmap next says why)\n',
        stderr: '',
      });
    // Anything more is a typo in the prompt's set-up, which shows its error so that it gets fixed,
    // whether or not an option takes a value.
    for (const extra of [
      ['--bogus'],
      ['--foo', '3'],
      ['--since', '2026-01-01'],
      ['extra'],
      ['--config-dir'],
      ['--config-dir='],
      ['--config-dir', ''],
    ]) {
      const typo = run(dir, ['next', '--short', ...extra]);
      expect(typo.code, extra.join(' ')).toBe(2);
      expect(typo.stdout).toBe('');
      expect(typo.stderr).toMatch(/^error: /);
    }
  });

  it('log and plan --ics say plainly why there is nothing to show', () => {
    const dir = tempDir();
    expect(run(dir, ['plan']).stderr).toBe(
      'No plan: your roadmap is empty. Add courses with `roadmap add mlep`, or browse `roadmap catalog`.\n',
    );
    expect(run(dir, ['log']).stderr).toBe(
      'The log is empty: nothing has been recorded yet. Start with `roadmap add <course>`.\n',
    );
    run(dir, ['add', 'hf-course']);
    expect(run(dir, ['log', '--course', 'made-with-ml']).stderr).toBe(
      'No entry in the log matches; `roadmap log` without filters lists them all.\n',
    );
    const plan = run(dir, ['plan', '--ics', '-']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain(
      "error: No calendar written: there is no plan. No weekly goal is set, and your pace can't be measured yet (no study logged yet); set a goal",
    );
  });

  it("options that ask for different things say so in roadmap's voice", () => {
    const dir = tempDir();
    const both = run(dir, ['next', '--json', '--short']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain(
      "error: `--short` can't go with `--json`: they ask for different things.\nPass one of them: `roadmap next --json`, or `roadmap next --short`.",
    );
    expect(run(dir, ['plan', '--ics', 'x.ics', '--json']).stderr).toContain(
      'Pass one of them: `roadmap plan --json`, or `roadmap plan --ics <file>`.',
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('move --to echoes a position as typed, however many digits', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep', 'hf-course']);
    const far = run(dir, ['move', 'hf-course', '--to', '12345678901234567890123']);
    expect(far.code).toBe(2);
    expect(far.stderr).toContain(
      '--to takes a position from 1 to 5, not `12345678901234567890123`.',
    );
    // Spaces around a number are no error, here as for --minutes.
    expect(run(dir, ['move', 'hf-course', '--to', ' 2']).code).toBe(0);
    expect(run(dir, ['move', 'hf-course', '--to', ' x']).stderr).toContain(
      '--to takes a position such as 1, not ` x`.',
    );
  });

  it('module arguments: unknown, ambiguous, and not on the roadmap', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep']);
    const before = readdirSync(dir).sort();
    const ambiguous = run(dir, ['done', 'week-1']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(
      '`week-1` matches 4 modules on your roadmap: mlep-intro/week-1',
    );
    const offRoadmap = run(dir, ['done', 'hf-course/chapter3/2']);
    expect(offRoadmap.code).toBe(2);
    expect(offRoadmap.stderr).toContain('roadmap add hf-course');
    // A suffix that only a course you haven't added has is named as that course's module.
    const suffix = run(dir, ['done', 'chapter3/2']);
    expect(suffix.code).toBe(2);
    expect(suffix.stderr).toContain(
      '`chapter3/2` is `hf-course/chapter3/2`, of `hf-course`, which is not on your roadmap.',
    );
    expect(suffix.stderr).toContain('Add it first: roadmap add hf-course');
    const unknown = run(dir, ['done', 'mlep-intro/week-9']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean `mlep-intro/week-');
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(JSON.parse(run(dir, ['status', '--json']).stdout).total.done).toBe(0);
  });

  it('`add` with no ids and no terminal exits 2 and says how to pass ids', () => {
    const dir = tempDir();
    const result = run(dir, ['add']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs course ids when it is not run in a terminal');
    expect(result.stderr).toContain('roadmap add mlep');
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('the study and park help examples run as pasted after `roadmap add mlep`', () => {
    for (const command of ['study', 'park']) {
      const help = run(tempDir(), [command, '--help']).stdout;
      const lines = help.slice(help.indexOf('Examples:')).split('\n');
      const pasted = lines.filter((l) => l.startsWith('  $ roadmap ')).map((l) => l.slice(4));
      expect(pasted.length, command).toBeGreaterThan(0);
      for (const example of pasted) {
        const dir = tempDir();
        run(dir, ['add', 'mlep']);
        // The examples quote their text as a shell would; the words are split the same way.
        const words = [...example.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
        const result = run(dir, words.slice(1));
        expect(result.code, `${example}: ${result.stderr}`).toBe(0);
      }
    }
  });

  it('help and version exit 0; help shows examples', () => {
    const dir = tempDir();
    expect(run(dir, ['--version'])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/),
    });
    for (const command of [
      'add',
      'done',
      'next',
      'status',
      'show',
      'catalog',
      'search',
      'move',
      'remove',
      'doctor',
    ]) {
      const help = run(dir, [command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain('Examples:');
    }
    // A subcommand's own help, and `catalog`'s words (a filter, not a subcommand) with --help.
    for (const args of [
      ['config', 'set', '--help'],
      ['catalog', 'remove', '-h'],
      ['catalog', 'mlops', '--help'],
    ]) {
      const help = run(dir, args);
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.stdout, args.join(' ')).toMatch(/^Usage: roadmap /);
    }
  });

  it('a reader that closes early ends quietly', async () => {
    const { spawnSync } = await import('node:child_process');
    const dir = tempDir();
    const result = spawnSync(
      'bash',
      ['-c', `node "$BIN" show hf-course | head -1; echo "exit=\${PIPESTATUS[0]}"`],
      {
        env: {
          ...process.env,
          BIN: join(import.meta.dirname, '../../bin/roadmap.js'),
          ROADMAP_CONFIG_DIR: dir,
          NO_COLOR: '1',
        },
        encoding: 'utf8',
      },
    );
    expect(result.stdout).toMatch(/^Hugging Face LLM Course/);
    expect(result.stdout).toContain('exit=0');
    expect(result.stderr).toBe('');
  });
});

describe('output that cannot be written', () => {
  it.runIf(existsSync('/dev/full'))(
    'a full disk on stdout is one clean error and exit 1, with a change still saved',
    async () => {
      const { spawnSync } = await import('node:child_process');
      const { openSync, closeSync } = await import('node:fs');
      const dir = tempDir();
      run(dir, ['add', 'hf-course']);
      const bin = join(import.meta.dirname, '../../bin/roadmap.js');
      for (const args of [['next', '--json'], ['done'], ['--help'], ['--version']]) {
        const full = openSync('/dev/full', 'w');
        const result = spawnSync(process.execPath, [bin, ...args], {
          env: { ...process.env, ROADMAP_CONFIG_DIR: dir, NO_COLOR: '1' },
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
        });
        closeSync(full);
        expect(result.status, args.join(' ')).toBe(1);
        expect(result.stderr).toContain('error: Could not write to stdout: ENOSPC');
        expect(result.stderr).not.toMatch(STACK);
      }
      expect(JSON.parse(run(dir, ['status', '--json']).stdout).total.done).toBe(1);
    },
  );
});

describe('more bad input, end to end', () => {
  it('commander errors never echo escape sequences raw', () => {
    const dir = tempDir();
    for (const args of [
      ['config', '\u001b[31mX\u001b[0m'],
      ['next', '--\u001b[31mX'],
      ['\u001b]8;;x\u0007'],
    ]) {
      const result = run(dir, args);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/[\u001b\u0007]/);
      expect(result.stderr).toContain('\\x1b');
    }
  });

  it('a note or minutes on an already-done module is added, not dropped', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    run(dir, ['done', 'chapter0/1', '--minutes', '20']);
    const again = run(dir, ['done', 'chapter0/1', '--note', 'second pass', '--minutes', '15']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(
      'was already done; added your note and 15 min to it. `roadmap undo` reverts this.',
    );
    // With a note too, the minutes are still study, as `study --minutes --note` logs them.
    const [amended] = JSON.parse(run(dir, ['log', '--json']).stdout);
    expect(amended).toMatchObject({ type: 'study', minutes: 15, note: 'second pass' });
    const module = JSON.parse(run(dir, ['show', 'hf-course', '--json']).stdout).modules[0];
    expect(module).toMatchObject({
      status: 'done',
      minutesLogged: 35,
      notes: [{ text: 'second pass' }],
    });
    run(dir, ['undo']);
    const undone = JSON.parse(run(dir, ['show', 'hf-course', '--json']).stdout).modules[0];
    expect(undone).toMatchObject({ status: 'done', minutesLogged: 20, notes: [] });
    // Minutes alone are logged as the study session they are, not as a note.
    run(dir, ['done', 'chapter0/1', '--minutes', '15']);
    const [last] = JSON.parse(run(dir, ['log', '--json']).stdout);
    expect(last).toMatchObject({ type: 'study', moduleId: 'hf-course/chapter0/1', minutes: 15 });
    expect(last.note).toBeUndefined();
  });

  it.each([
    ['Pacific/Apia', '2011-12-30T10:00', 'skipped that day', '--at 2011-12-31T10:00'],
    ['Pacific/Apia', '2011-12-30', 'skipped that day', '--at 2011-12-31?'],
    ['Australia/Lord_Howe', '2026-10-04T02:15', 'skipped that time', '--at 2026-10-04T02:45'],
  ])('in %s, --at %s is refused: the clocks %s', (tz, at, message, hint) => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const result = run(dir, ['study', '--minutes', '5', '--at', at], {
      TZ: tz,
      ROADMAP_NOW: '2026-11-02T09:00:00Z',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(hint);
  });

  it('reset keeps the notes and minutes the mark held, in the journal, and undo takes them back', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    run(dir, ['done', 'chapter0/1', '--minutes', '40', '--note', 'first']);
    const studied = () =>
      json<{ studiedMinutes: number }>(run(dir, ['status', '--json'])).studiedMinutes;
    expect(studied()).toBe(40);
    expect(run(dir, ['reset', 'chapter0/1']).stderr).toContain(
      'Its note and the 40 min logged on it stay on the module (`roadmap show hf-course` lists them).',
    );
    // Still study time, and still a note, though the module is to do again.
    expect(studied()).toBe(40);
    const show = run(dir, ['show', 'hf-course']).stdout;
    expect(show).toContain('note (2026-03-02): first');
    expect(show).toContain('40 min logged');
    run(dir, ['undo']);
    expect(studied()).toBe(40);
    const status = json<{ total: { done: number } }>(run(dir, ['status', '--json']));
    expect(status.total.done).toBe(1);
    expect(run(dir, ['show', 'hf-course']).stdout.match(/: first/g)).toHaveLength(1);
    run(dir, ['reset', 'chapter0/1']);
    run(dir, ['done', 'chapter0/1', '--minutes', '5']);
    // All the time on it, as `show` counts it: the 40 kept before and the 5 of this mark.
    expect(run(dir, ['reset', 'chapter0/1']).stderr).toContain(
      'The 45 min logged on it stay on the module',
    );
    expect(studied()).toBe(45);
    run(dir, ['done', 'chapter0/1']);
    expect(run(dir, ['reset', 'chapter0/1']).stderr).not.toContain('stay');
    run(dir, ['skip', 'chapter1/1', '--note', 'seen it']);
    expect(run(dir, ['reset', 'chapter1/1']).stderr).toContain(
      'Its note stays on the module (`roadmap show hf-course` lists it).',
    );
  });

  it('minutes logged with a skip stay when the module is done later', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    run(dir, ['skip', 'chapter0/1', '--minutes', '40', '--note', 'skimmed']);
    const done = run(dir, ['done', 'chapter0/1', '--minutes', '15'], {
      ROADMAP_NOW: '2026-03-03T09:00:00Z',
    });
    expect(done.code).toBe(0);
    const show = (env = {}) =>
      JSON.parse(run(dir, ['show', 'hf-course', '--json'], env).stdout).modules[0];
    expect(show({ ROADMAP_NOW: '2026-03-03T09:00:00Z' })).toMatchObject({
      status: 'done',
      minutesLogged: 55,
      sessions: 1,
      notes: [{ text: 'skimmed' }],
    });
    expect(checkConsistency(dir)).toBeNull();
    run(dir, ['undo'], { ROADMAP_NOW: '2026-03-03T09:00:00Z' });
    expect(show({ ROADMAP_NOW: '2026-03-03T09:00:00Z' })).toMatchObject({
      status: 'skipped',
      minutesLogged: 40,
      sessions: 0,
    });
    expect(checkConsistency(dir)).toBeNull();
  });

  it('with skip-optional, only optional modules left is said plainly', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-data']);
    for (const week of [1, 2, 3]) run(dir, ['done', `mlep-data/week-${week}`]);
    run(dir, ['config', 'set', 'skip-optional', 'true']);
    expect(JSON.parse(run(dir, ['next', '--json']).stdout)).toMatchObject({
      kind: 'project',
      reason: null,
      optionalLeft: 1,
    });
    expect(run(dir, ['next']).stdout).toContain('skip-optional passed over 1 optional module');
    const done = run(dir, ['done']);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('what is left is its project');
    // With the project settled, the optional module is all that keeps the course unfinished, so
    // it is offered after all rather than leaving nothing to do.
    run(dir, ['project', 'mlep-data', '--waive', '--reason', 'built one at work']);
    expect(JSON.parse(run(dir, ['next', '--json']).stdout)).toMatchObject({
      kind: 'module',
      module: { id: 'mlep-data/week-4', optional: true },
    });
    expect(run(dir, ['next']).stderr).toContain('`roadmap skip` to pass over it');
  });

  it('a config directory that is a file gets a message about the directory', () => {
    const dir = tempDir();
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const result = run(dir, ['--config-dir', file, 'status']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a directory: a file is in its place');
    expect(result.stderr).not.toContain('doctor --repair');
  });

  it('doctor names a setting whose value does not fit; the default stands in, and nothing stops', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const path = join(dir, 'config.json');
    const state = JSON.parse(readFileSync(path, 'utf8'));
    state.settings['bar-width'] = 999;
    writeFileSync(path, JSON.stringify(state));
    const doctor = run(dir, ['doctor', '--json']);
    expect(doctor.code).toBe(0);
    const report = JSON.parse(doctor.stdout);
    expect(report.problems).toEqual([]);
    expect(report.configNotes).toEqual([
      "config.json sets bar-width to 999, which this version doesn't take; its default, 20, is used instead. `roadmap config set bar-width <value>` or `roadmap config unset bar-width` mends it.",
    ]);
    expect(run(dir, ['status']).code).toBe(0);
  });

  it('searches and filters that find nothing say so on stderr only', () => {
    const dir = tempDir();
    expect(run(dir, ['catalog', 'zzz'])).toMatchObject({ code: 0, stdout: '' });
    expect(run(dir, ['search', 'zzz'])).toMatchObject({ code: 0, stdout: '' });
    expect(run(dir, ['catalog', 'zzz']).stderr).toContain('No course matches');
  });
});

describe('fixes from a second new-user pass', () => {
  it('long module ids are shown whole, with non-ASCII titles beside them', () => {
    const dir = tempDir();
    const show = run(dir, ['show', 'made-with-ml']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('made-with-ml/exploratory-data-analysis');
    expect(run(dir, ['search', 'data']).code).toBe(0);
    expect(run(dir, ['search', 'datasets']).stdout).toContain('🤗');
    // A module of a course not on the roadmap is marked as such, not as a to-do of yours.
    run(dir, ['add', 'mlep']);
    const serving = run(dir, ['search', 'model', 'serving']);
    expect(serving.stdout).toMatch(/^· mlep-deploy\/week-1 /m);
    expect(serving.stdout).toMatch(/^\+ made-with-ml\/serving /m);
    expect(serving.stderr).toContain('+ marks a module of a course not on your roadmap');
    const hits = JSON.parse(run(dir, ['search', 'model', 'serving', '--json']).stdout);
    expect(hits.map((h: { id: string; onRoadmap: boolean }) => [h.id, h.onRoadmap])).toEqual([
      ['mlep-deploy/week-1', true],
      ['mlep-deploy/week-2', true],
      ['made-with-ml/serving', false],
    ]);
  });

  it('a change on a log shorter than recorded is refused, and the log is left as it is', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    run(dir, ['done', 'chapter1/1']);
    const log = join(dir, 'activity.jsonl');
    writeFileSync(log, readFileSync(log, 'utf8').slice(0, 30));
    const done = run(dir, ['done', 'chapter1/2']);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('is shorter');
    expect(done.stderr).toContain('roadmap doctor --repair');
    expect(readFileSync(log, 'utf8')).toHaveLength(30);
  });

  it('doctor copes with an empty object and with no roadmap at all', () => {
    const dir = tempDir();
    expect(run(dir, ['doctor', '--repair'])).toMatchObject({ code: 0 });
    expect(run(dir, ['doctor', '--repair']).stdout).toContain('nothing to repair');
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(join(dir, 'config.json'), '{}');
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('undo with nothing to undo creates nothing', () => {
    const dir = join(tempDir(), 'fresh');
    expect(run(dir, ['undo']).code).toBe(1);
    expect(existsSync(dir)).toBe(false);
  });

  it('done on a module that no catalog has fails the same with or without a roadmap, writing nothing', () => {
    const fresh = join(tempDir(), 'fresh');
    const none = run(fresh, ['done', 'hf-course/chapter1/99']);
    expect(none.code).toBe(2);
    expect(existsSync(fresh)).toBe(false);

    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const files = () =>
      readdirSync(dir, { withFileTypes: true }).map((f) =>
        f.isFile() ? [f.name, readFileSync(join(dir, f.name), 'utf8')] : [f.name],
      );
    const before = files();
    const some = run(dir, ['done', 'hf-course/chapter1/99']);
    expect(some.code).toBe(2);
    expect(some.stderr).toBe(none.stderr);
    expect(files()).toEqual(before);
  });

  it('an empty ROADMAP_CONFIG_DIR is refused rather than taken as the default', () => {
    const result = run('', ['status']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ROADMAP_CONFIG_DIR is set but empty');
  });

  it('suggests modules from a typo in a suffix, and explains tracks to move and remove', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course', 'mlep']);
    expect(run(dir, ['done', 'chaptr3/2']).stderr).toContain('`hf-course/chapter3/2`');
    for (const args of [
      ['move', 'mlep', '--to', '1'],
      ['remove', 'mlep', '--yes'],
    ]) {
      const result = run(dir, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('`mlep` is a track of 4 courses');
    }
  });
});
