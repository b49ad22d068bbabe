import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandsToBuild, helpWordAsOption, main, reportError } from '../../src/cli.js';
import { Cancelled } from '../../src/errors.js';
import { buildProgram, COMMAND_NAMES } from '../../src/program.js';
import type { Prompter } from '../../src/prompts.js';
import { tempDir } from '../helpers/temp.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(
  argv: string[],
  options: { dir?: string; prompt?: Partial<Prompter>; interactive?: boolean } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    env: {
      ROADMAP_CONFIG_DIR: options.dir ?? tempDir(),
      ROADMAP_NOW: '2026-03-02T09:00:00Z',
      NO_COLOR: '1',
    },
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isInteractive: options.interactive ?? false,
    overrides: options.prompt ? { prompt: options.prompt as Prompter } : {},
  });
  return { code, stdout, stderr };
}

const refuse = () => {
  throw new Error('no prompt expected');
};

describe('argv wiring and exit codes', () => {
  it.each([
    [['--help'], 0],
    [['--version'], 0],
    [['help'], 0],
    [['status', '--help'], 0],
    [['nope'], 2],
    [['next', '--nope'], 2],
    [['show'], 2],
    [['done', 'a', 'b'], 2],
    [['config', 'get'], 2],
    [['move', 'x', '--to'], 2],
    [['undo', 'extra'], 2],
    [['next', 'extra'], 2],
    [['config', 'path', 'extra'], 2],
    [['config'], 2],
    [['help', 'nosuch'], 2],
    [['help', 'status'], 0],
    [['next', '--short', '--json'], 2],
    [['--config-dir', '', 'status'], 2],
    [['doctor', '--json'], 0],
  ])('roadmap %j exits %i', async (argv, code) => {
    expect((await cli(argv)).code).toBe(code);
  });

  it('a help word names a subcommand too, as --help would', async () => {
    const page = async (argv: string[]) => {
      const run = await cli(argv);
      expect([run.code, run.stderr], argv.join(' ')).toEqual([0, '']);
      return run.stdout;
    };
    const importPage = await page(['catalog', 'import', '--help']);
    expect(importPage).toContain('Usage: roadmap catalog import');
    expect(await page(['help', 'catalog', 'import'])).toBe(importPage);
    expect(await page(['catalog', 'help', 'import'])).toBe(importPage);
    expect(await page(['help', 'config', 'set'])).toBe(await page(['config', 'set', '--help']));
    expect(await page(['catalog', 'help'])).toBe(await page(['catalog', '--help']));
    expect(await page(['help', 'help'])).toBe(await page(['--help']));
    expect(await page(['help', '--help'])).toBe(await page(['--help']));
    // A help flag before the command asks for that command's help, as `git --help commit` does.
    expect(await page(['--help', 'catalog', 'import'])).toBe(importPage);
    expect(await page(['-h', 'done'])).toBe(await page(['done', '--help']));
    expect((await cli(['--help', 'extra'])).code).toBe(2);
  });

  it.each([
    [['help', 'catalog', 'nosuch'], '`roadmap catalog` has no subcommand `nosuch`'],
    [['help', 'catalog', 'improt'], 'Did you mean `roadmap catalog import`?'],
    [['config', 'help', 'nosuch'], '`roadmap config` has no subcommand `nosuch`'],
    [['help', 'done', 'extra'], '`roadmap done` has no subcommands.'],
    [['help', 'catalog', 'import', 'x'], 'not `x` as well'],
    [['help', 'studdy'], 'Did you mean `study`?'],
  ])('roadmap %j is a usage error: %s', async (argv, message) => {
    const run = await cli(argv);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toContain(message);
  });

  it('only a help word in the command position turns into --help', () => {
    expect(helpWordAsOption(['--config-dir', 'help', 'help', 'done'])).toEqual({
      argv: ['--config-dir', 'help', 'done', '--help'],
      named: true,
    });
    expect(helpWordAsOption(['help', 'done', '--', 'x']).argv).toEqual([
      'done',
      '--help',
      '--',
      'x',
    ]);
    for (const argv of [
      ['note', 'm1', 'help'],
      ['project', 'help'],
      ['done', '--', 'help'],
      ['__complete', '2', '--', 'roadmap', 'help'],
    ]) {
      expect(helpWordAsOption(argv)).toEqual({ argv, named: false });
    }
  });

  it('--help lists every command with examples', async () => {
    const { stdout } = await cli(['--help']);
    expect(stdout).toMatchSnapshot();
  });

  it('a bad ROADMAP_NOW is a usage error', async () => {
    let stderr = '';
    const code = await main({
      argv: ['status'],
      env: { ROADMAP_CONFIG_DIR: tempDir(), ROADMAP_NOW: 'soon' },
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
      isInteractive: false,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('ROADMAP_NOW is not an ISO date-time');
  });

  it('the unexpected-error path prints the stack and asks for a report', () => {
    let stderr = '';
    const code = reportError(new TypeError('boom'), { write: (t: string) => (stderr += t) });
    expect(code).toBe(1);
    expect(stderr).toContain('This is a bug');
    expect(stderr).toMatch(/TypeError: boom\n\s+at /);
  });
});

describe('prompts', () => {
  it('interactive `add` with no ids adds what was chosen', async () => {
    const dir = tempDir();
    const offered: string[] = [];
    const result = await cli(['add'], {
      dir,
      interactive: true,
      prompt: {
        async checkbox(config) {
          for (const c of config.choices) if ('value' in c) offered.push(String(c.value));
          return ['made-with-ml', 'mlep-intro'] as never;
        },
        confirm: refuse,
      },
    });
    expect(result.code).toBe(0);
    expect(offered).toEqual([
      'mlep-intro',
      'mlep-data',
      'mlep-modeling',
      'mlep-deploy',
      'hf-course',
      'made-with-ml',
    ]);
    const state = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(state.roadmap.map((r: { courseId: string }) => r.courseId)).toEqual([
      'made-with-ml',
      'mlep-intro',
    ]);
  });

  it('Ctrl+C in a prompt exits 130 and writes nothing', async () => {
    const dir = tempDir();
    const result = await cli(['add'], {
      dir,
      interactive: true,
      prompt: {
        checkbox: async () => {
          throw new Cancelled();
        },
        confirm: refuse,
      },
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Cancelled; nothing was changed.');
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('`remove` asks in a terminal; no keeps the course, yes removes it', async () => {
    const dir = tempDir();
    await cli(['add', 'hf-course'], { dir });
    const no = await cli(['remove', 'hf-course'], {
      dir,
      interactive: true,
      prompt: { confirm: async () => false, checkbox: refuse },
    });
    expect(no.code).toBe(1);
    expect(no.stderr).toBe('Nothing removed.\n');
    const yes = await cli(['remove', 'hf-course'], {
      dir,
      interactive: true,
      prompt: { confirm: async () => true, checkbox: refuse },
    });
    expect(yes.code).toBe(0);
    const status = await cli(['status', '--json'], { dir });
    expect(JSON.parse(status.stdout).courses).toEqual([]);
  });

  it('`remove --yes` never prompts', async () => {
    const dir = tempDir();
    await cli(['add', 'hf-course'], { dir });
    const result = await cli(['remove', 'hf-course', '--yes'], {
      dir,
      interactive: true,
      prompt: { confirm: refuse, checkbox: refuse },
    });
    expect(result.code).toBe(0);
  });
});

describe('config', () => {
  it('set, get, list, unset and undo', async () => {
    const dir = tempDir();
    expect((await cli(['config', 'get', 'skip-optional'], { dir })).stdout).toBe('false\n');
    expect((await cli(['config', 'set', 'skip-optional', 'yes'], { dir })).code).toBe(0);
    expect((await cli(['config', 'get', 'skip-optional'], { dir })).stdout).toBe('true\n');
    const list = JSON.parse((await cli(['config', 'list', '--json'], { dir })).stdout);
    expect(list).toContainEqual(
      expect.objectContaining({ key: 'skip-optional', value: true, default: false, isSet: true }),
    );
    expect((await cli(['undo'], { dir })).code).toBe(0);
    expect((await cli(['config', 'get', 'skip-optional'], { dir })).stdout).toBe('false\n');
    expect((await cli(['config', 'path'], { dir })).stdout).toBe(`${join(dir, 'config.json')}\n`);
  });

  it('skip-optional makes `next` pass optional modules', async () => {
    const dir = tempDir();
    await cli(['add', 'mlep-data'], { dir });
    for (const week of [1, 2, 3]) await cli(['done', `mlep-data/week-${week}`], { dir });
    const offered = JSON.parse((await cli(['next', '--json'], { dir })).stdout);
    expect(offered.module).toMatchObject({ id: 'mlep-data/week-4', optional: true });
    expect((await cli(['next'], { dir })).stdout).toContain('(optional)');
    await cli(['config', 'set', 'skip-optional', 'true'], { dir });
    // What is left once the optional module is passed over is the course's project.
    expect(JSON.parse((await cli(['next', '--json'], { dir })).stdout)).toMatchObject({
      kind: 'project',
      optionalLeft: 1,
    });
  });
});

describe('building the program', () => {
  const names = (only?: readonly string[]) =>
    buildProgram('0.0.0', async () => {}, only).commands.map((c) => c.name());

  it('knows every command by name, and builds only the ones asked for', () => {
    expect(names()).toEqual(COMMAND_NAMES);
    expect(names(['status'])).toEqual(['status']);
    expect(names(['done'])).toEqual(['done']);
    expect(names(['done', '__complete'])).toEqual(['done', '__complete']);
    const catalog = buildProgram('0.0.0', async () => {}, ['catalog']).commands[0]!;
    expect(catalog.commands.map((c) => c.name())).toEqual(['import', 'remove', 'list', 'validate']);
  });

  it.each<[string[], readonly string[] | undefined]>([
    [['status'], ['status']],
    [['--config-dir', 'd', 'done', 'x'], ['done']],
    [[], undefined],
    [['completion', 'bash'], undefined],
    [['nosuch'], undefined],
    // A Tab press after a command needs that command; on the command word itself, all of them.
    [
      ['__complete', '2', '--', 'roadmap', 'done', 'hf-course/'],
      ['__complete', 'done'],
    ],
    [
      ['__complete', '3', '--', 'roadmap', 'catalog', 'import', ''],
      ['__complete', 'catalog'],
    ],
    [
      ['__complete', '2', 'roadmap', 'show', ''],
      ['__complete', 'show'],
    ],
    [['__complete', '1', '--', 'roadmap', 'do'], undefined],
    [['__complete', '2', '--', 'roadmap', '--config-dir', ''], undefined],
    [['__complete', '2', '--', 'roadmap', 'help', ''], undefined],
    [['__complete', '2', '--', 'roadmap', '__complete', ''], undefined],
    [['__complete', '9', '--', 'roadmap', 'done', ''], undefined],
    [['--no-color', '__complete', '2', '--', 'roadmap', 'done', ''], undefined],
  ])('%j builds %j', (argv, expected) => {
    expect(commandsToBuild(argv)).toEqual(expected);
  });
});
