import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandsToBuild, main } from '../../src/cli.js';
import {
  type CommandShape,
  completeWords,
  configDirFromWords,
  type Sources,
  shellWord,
  typedWords,
} from '../../src/core/complete.js';
import { allCommands, buildProgram, COMPLETION, completionTree } from '../../src/program.js';
import { tempDir } from '../helpers/temp.js';

const program = buildProgram('0.0.0', async () => {});
const tree = completionTree(program);

const sources: Sources = (kind, before) =>
  ({
    course: ['a', 'b', 'hf-course'],
    'roadmap-course': ['a', 'hf-course'],
    'active-course': ['hf-course'],
    'resumable-course': ['a'],
    'new-course-or-track': ['t', 'b'],
    module: ['a/m1', 'a/m2', 'hf-course/chapter1/1', 'hf-course/chapter1/2', 'hf-course/ch2/1'],
    'marked-module': ['a/m1'],
    setting: ['skip-optional', 'bar-width', 'goal-deadline'],
    'changeable-setting': ['skip-optional', 'bar-width'],
    shell: ['bash', 'zsh', 'fish'],
    'imported-catalog': ['my-reading', 'my-fixes'],
    'status-format': ['text', 'markdown', 'json'],
    // The course named before it, as the real source reads it.
    idea: before[0] === 'a' ? ['drift-dashboard'] : ['drift-dashboard', 'label-audit'],
    'setting-value': before[0] === 'skip-optional' ? ['true', 'false'] : [],
  })[kind];

const complete = (line: string) => completeWords(tree, line.split(' '), sources);

describe('completion candidates', () => {
  it.each([
    ['status --format m', ['markdown']],
    // Options commander refuses together aren't offered together, either way round.
    ['next --short --', ['--help', '--config-dir', '--no-color']],
    ['next --json --', ['--help', '--config-dir', '--no-color']],
    ['next --open --j', []],
    ['next --', ['--json', '--short', '--open', '--help', '--config-dir', '--no-color']],
    ['status --format=', ['--format=text', '--format=markdown', '--format=json']],
    ['project a --idea ', ['drift-dashboard']],
    ['project --idea l', ['label-audit']],
    ['config set skip-optional ', ['true', 'false']],
    ['config set bar-width ', []],
    ['sh', ['show']],
    ['s', ['search', 'show', 'skip', 'study', 'status']],
    ['show ', ['a', 'b', 'hf-course']],
    ['show hf-c', ['hf-course']],
    ['show HF-C', ['hf-course']],
    ['show hf-course ', []],
    ['add ', ['t', 'b']],
    ['add t ', ['t', 'b']],
    ['remove ', ['a', 'hf-course']],
    ['done ', ['a/m1', 'a/m2', 'hf-course/chapter1/1', 'hf-course/chapter1/2', 'hf-course/ch2/1']],
    ['done hf-course/chapter1/', ['hf-course/chapter1/1', 'hf-course/chapter1/2']],
    ['done chapter1/', ['hf-course/chapter1/1', 'hf-course/chapter1/2']],
    // Begun with a quote: the shells pass the word on as typed, and take the candidates unquoted.
    ['show "hf-c', ['hf-course']],
    ["done 'hf-course/chapter1/", ['hf-course/chapter1/1', 'hf-course/chapter1/2']],
    ['show "hf-course" ', []],
    ['done 1', []],
    ['done a/m1 ', []],
    ['reset ', ['a/m1']],
    ['done --note "x" a', ['a/m1', 'a/m2']],
    ['done --minutes ', []],
    ['move a --before ', ['a', 'hf-course']],
    ['move a --before=h', ['--before=hf-course']],
    ['move a --to=', []],
    ['log --course h', ['hf-course']],
    ['config ', ['list', 'get', 'set', 'unset', 'path', 'help']],
    ['config get b', ['bar-width']],
    ['config get g', ['goal-deadline']],
    ['config set g', []],
    ['config unset ', ['skip-optional', 'bar-width']],
    ['help ', tree.commands.map((c) => c.names[0])],
    ['config help u', ['unset']],
    ['completion ', ['bash', 'zsh', 'fish']],
    ['catalog ', ['import', 'remove', 'list', 'validate']],
    ['catalog remove my-r', ['my-reading']],
    ['--config-dir /tmp/x sh', ['show']],
    ['--no-color show a', ['a']],
    ['nosuch ', []],
    ['config nosuch ', []],
    ['show -- ', ['a', 'b', 'hf-course']],
    ['show -- --', []],
    ['__compl', []],
  ])('roadmap %s → %j', (line, expected) => {
    expect(complete(line)).toEqual(expected);
  });

  it("offers a command's own options first, then the program's, as commander defines them", () => {
    const done = program.commands.find((c) => c.name() === 'done')!;
    const own = done.options.map((o) => o.long);
    expect(complete('done --')).toEqual([...own, '--help', '--config-dir', '--no-color']);
    expect(complete('done --n')).toEqual(['--note', '--no-color']);
    expect(complete('--')).toEqual(['--version', '--config-dir', '--no-color', '--help']);
    expect(complete('remove -')).toContain('--yes');
  });

  it('leaves out candidates that could not be typed as one shell word', () => {
    const odd: Sources = () => ['ok', 'two words', 'new\nline', 'quo"te', 'tab\tbed'];
    expect(completeWords(tree, ['show', ''], odd)).toEqual(['ok']);
  });

  it('reads the words `__complete` is given, and a --config-dir among them', () => {
    expect(typedWords('2', ['roadmap', 'show', 'hf', 'ignored'])).toEqual(['show', 'hf']);
    for (const bad of [undefined, '', 'x', '0', '-1', '1.5', '4'])
      expect(typedWords(bad, ['roadmap', 'show', 'hf'])).toBeNull();
    expect(configDirFromWords(['--config-dir', '/d', 'show', ''])).toBe('/d');
    expect(configDirFromWords(['--config-dir=/d', 'show', ''])).toBe('/d');
    expect(configDirFromWords(['--config-dir', '/d'])).toBeUndefined();
    expect(configDirFromWords(['show', '--', '--config-dir', '/d', ''])).toBeUndefined();
  });

  it('reads the directory as the shell will pass it: quotes, backslashes and ~ undone', () => {
    const dir = (typed: string) =>
      configDirFromWords(['--config-dir', typed, 'show', ''], '/home/me');
    expect(dir('~/Sync/roadmap')).toBe('/home/me/Sync/roadmap');
    expect(dir('~')).toBe('/home/me');
    expect(dir('"~/x"')).toBe('~/x');
    expect(dir('~other/x')).toBe('~other/x');
    expect(dir('"/a/my dir"')).toBe('/a/my dir');
    expect(dir("'/a/it''s'")).toBe('/a/its');
    expect(dir('/a/my\\ dir')).toBe('/a/my dir');
    expect(dir('"/a/\\"q\\" \\x"')).toBe('/a/"q" \\x');
    expect(configDirFromWords(['--config-dir=~/d', 'show', ''], '/h')).toBe('/h/d');
    expect(shellWord('~/d')).toBe('~/d');
  });

  it('reads exported variables in the directory, outside single quotes', () => {
    const env = { XDG_DATA_HOME: '/data', OTHER: '/o' };
    const dir = (typed: string) =>
      configDirFromWords(['--config-dir', typed, 'show', ''], '/home/me', env);
    expect(dir('$OTHER')).toBe('/o');
    expect(dir('"$XDG_DATA_HOME/roadmap"')).toBe('/data/roadmap');
    expect(dir(`\${XDG_DATA_HOME}/roadmap`)).toBe('/data/roadmap');
    expect(dir("'$OTHER'")).toBe('$OTHER');
    expect(dir('$UNSET/x')).toBe('/x');
    expect(dir('a$')).toBe('a$');
    // The word being completed is not expanded: a module id holds no `$`, and the shell's own
    // value of it is what it is.
    expect(shellWord('$OTHER')).toBe('$OTHER');
  });
});

describe('the completion table', () => {
  const byPath = new Map<string, Command>();
  for (const command of allCommands(program)) {
    const path: string[] = [];
    for (let c: Command | null = command; c?.parent; c = c.parent) path.unshift(c.name());
    byPath.set(path.join(' '), command);
  }
  byPath.set('help', program.createHelp().visibleCommands(program).at(-1)!);
  byPath.set('config help', program.createHelp().visibleCommands(byPath.get('config')!).at(-1)!);

  it.each(Object.entries(COMPLETION))('%s names real arguments and options', (path, spec) => {
    const command = byPath.get(path);
    expect(command, path).toBeDefined();
    expect(spec.args?.length ?? 0).toBeLessThanOrEqual(command!.registeredArguments.length);
    for (const flag of Object.keys(spec.options ?? {})) {
      const option = command!.options.find((o) => o.long === flag);
      expect(option?.required, `${path} ${flag} takes a value`).toBe(true);
    }
  });

  it('every argument that takes a course, module or setting declares what it takes', () => {
    const missing: string[] = [];
    for (const [path, command] of byPath) {
      command.registeredArguments.forEach((argument, i) => {
        if (!/course|module|key|shell/.test(argument.name())) return;
        if (!COMPLETION[path]?.args?.[i]) missing.push(`${path} <${argument.name()}>`);
      });
    }
    expect(missing).toEqual([]);
  });
});

describe('roadmap __complete', () => {
  async function run(args: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const code = await main({
      argv: ['__complete', ...args],
      env: { ROADMAP_NOW: '2026-03-02T09:00:00Z', NO_COLOR: '1', ...env },
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      isInteractive: false,
    });
    return { code, stdout, stderr };
  }

  async function withCourses(dir: string, ...ids: string[]) {
    await main({
      argv: ['add', ...ids],
      env: { ROADMAP_CONFIG_DIR: dir, ROADMAP_NOW: '2026-03-02T09:00:00Z' },
      stdout: { write: () => true },
      stderr: { write: () => true },
      isInteractive: false,
    });
  }

  it('prints candidates one per line from the roadmap in ROADMAP_CONFIG_DIR', async () => {
    const dir = tempDir();
    await withCourses(dir, 'made-with-ml', 'mlep-intro');
    const result = await run(['2', '--', 'roadmap', 'remove', ''], { ROADMAP_CONFIG_DIR: dir });
    expect(result).toEqual({ code: 0, stdout: 'made-with-ml\nmlep-intro\n', stderr: '' });
    const modules = await run(['2', '--', 'roadmap', 'done', 'mlep-intro/'], {
      ROADMAP_CONFIG_DIR: dir,
    });
    expect(modules.stdout).toBe('mlep-intro/week-1\nmlep-intro/week-2\nmlep-intro/week-3\n');
  });

  it('a --config-dir among the words wins over ROADMAP_CONFIG_DIR', async () => {
    const dir = tempDir();
    await withCourses(dir, 'hf-course');
    const result = await run(['4', '--', 'roadmap', '--config-dir', dir, 'remove', ''], {
      ROADMAP_CONFIG_DIR: tempDir(),
    });
    expect(result.stdout).toBe('hf-course\n');
  });

  it.each<[string, { setup?: (dir: string) => void; env?: Record<string, string> }]>([
    [
      'a damaged config file',
      { setup: (dir: string) => writeFileSync(join(dir, 'config.json'), '{') },
    ],
    ['an empty ROADMAP_CONFIG_DIR', { env: { ROADMAP_CONFIG_DIR: ' ' } }],
    ['a bad ROADMAP_NOW', { env: { ROADMAP_NOW: 'soon' } }],
  ])('%s gives no candidates and no message', async (_, { setup, env }) => {
    const dir = tempDir();
    setup?.(dir);
    const result = await run(['2', '--', 'roadmap', 'remove', ''], {
      ROADMAP_CONFIG_DIR: dir,
      ...env,
    });
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('nonsense arguments give no candidates', async () => {
    expect(await run([])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await run(['9', '--', 'roadmap'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('completing after a command, with only that command built', () => {
  // `__complete` builds just the command named after `roadmap` (commandsToBuild); every word
  // typed after it must complete exactly as with the whole program.
  const WORDS = ['', '-', '--', '--c', '--no', 'a', 'hf', 'hf-course/', 'x', '=', 'b'];
  const lines: string[][] = [];
  for (const command of tree.commands) {
    const name = command.names[0]!;
    const follow = [
      ...command.commands.map((sub) => sub.names[0]!),
      ...command.options.flatMap((o) => o.flags),
      '--',
      'a',
      'hf-course',
    ];
    for (const word of WORDS) lines.push([name, word]);
    for (const first of follow) for (const word of WORDS) lines.push([name, first, word]);
    for (const sub of command.commands)
      for (const option of sub.options.flatMap((o) => o.flags))
        for (const word of WORDS) lines.push([name, sub.names[0]!, option, word]);
  }

  it(`gives the same candidates for ${lines.length} typed lines`, () => {
    const trees = new Map<string, CommandShape>();
    let partial = 0;
    for (const words of lines) {
      const only = commandsToBuild(['__complete', String(words.length), '--', 'roadmap', ...words]);
      if (only === undefined) continue;
      partial++;
      const key = only.join(' ');
      if (!trees.has(key))
        trees.set(key, completionTree(buildProgram('0.0.0', async () => {}, only)));
      expect(completeWords(trees.get(key)!, words, sources), words.join(' ')).toEqual(
        completeWords(tree, words, sources),
      );
    }
    // Every command but commander's `help` is completed from its own build.
    expect([...trees.keys()].sort()).toEqual(
      tree.commands
        .map((c) => c.names[0]!)
        .filter((name) => name !== 'help')
        .map((name) => `__complete ${name}`)
        .sort(),
    );
    expect(partial).toBeGreaterThan(lines.length * 0.9);
  });
});
