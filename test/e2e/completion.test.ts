import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/types.js';
import { buildProgram } from '../../src/program.js';
import { bashWords, completeInBash, hasShell, pathWithRoadmap } from '../helpers/completion.js';
import { FIXED_NOW, run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

const catalog = JSON.parse(
  readFileSync(new URL('../../data/catalog.json', import.meta.url), 'utf8'),
) as Catalog;

function roadmapWith(...courses: string[]): string {
  const dir = tempDir();
  expect(run(dir, ['add', ...courses]).code).toBe(0);
  return dir;
}

describe('bash completion, in bash without the bash-completion package', () => {
  it('splits a command line into the words bash would', () => {
    expect(bashWords('roadmap move a --before=m')).toEqual([
      'roadmap',
      'move',
      'a',
      '--before',
      '=',
      'm',
    ]);
    expect(bashWords('roadmap show ')).toEqual(['roadmap', 'show', '']);
  });

  it('completes commands, course ids, module ids and options', () => {
    const dir = roadmapWith('hf-course', 'mlep-intro');
    const chapter1 = catalog.courses
      .find((c) => c.id === 'hf-course')!
      .modules.map((m) => m.id)
      .filter((id) => id.startsWith('hf-course/chapter1/'));
    const done = buildProgram('0.0.0', async () => {}).commands.find((c) => c.name() === 'done')!;

    expect(completeInBash(dir, 'roadmap sh').reply).toEqual(['show']);
    expect(completeInBash(dir, 'roadmap show hf-c').reply).toEqual(['hf-course']);
    expect(completeInBash(dir, 'roadmap done hf-course/chapter1/').reply).toEqual(chapter1);
    expect(completeInBash(dir, 'roadmap done --').reply).toEqual(
      expect.arrayContaining([...done.options.map((o) => o.long), '--help']),
    );
    expect(completeInBash(dir, 'roadmap config get s').reply).toEqual(['skip-optional']);
    // The goal's settings are read by config get, but changed only by `roadmap goal`.
    expect(completeInBash(dir, 'roadmap config get g').reply).toEqual([
      'goal-minutes-per-week',
      'goal-deadline',
    ]);
    expect(completeInBash(dir, 'roadmap config set g').reply).toEqual([]);
    expect(completeInBash(dir, 'roadmap config unset g').reply).toEqual([]);
    expect(completeInBash(dir, 'roadmap completion f').reply).toEqual(['fish']);
  });

  it('offers park the course in focus, and resume the ones out of it', () => {
    const dir = roadmapWith('hf-course', 'mlep-intro', 'made-with-ml');
    // hf-course came into focus by itself; resuming mlep-intro parks it, and the third is planned.
    expect(run(dir, ['resume', 'mlep-intro']).code).toBe(0);
    expect(completeInBash(dir, 'roadmap park ').reply).toEqual(['mlep-intro']);
    expect(completeInBash(dir, 'roadmap resume ').reply).toEqual(['hf-course', 'made-with-ml']);
    expect(completeInBash(dir, 'roadmap drop ').reply).toEqual([
      'hf-course',
      'mlep-intro',
      'made-with-ml',
    ]);
  });

  it('keeps `/` inside a word, and answers for the piece after `=` or `:`', () => {
    const dir = roadmapWith('hf-course', 'mlep-intro');
    // bash replaces only the text after the last `=`, so the reply holds just the value.
    expect(completeInBash(dir, 'roadmap move hf-course --before=m').reply).toEqual(['mlep-intro']);
    expect(completeInBash(dir, 'roadmap move hf-course --before=').reply).toEqual(['mlep-intro']);
    expect(completeInBash(dir, 'roadmap done chapter3/2').reply).toEqual(['hf-course/chapter3/2']);
    expect(completeInBash(dir, 'roadmap show hf:c').reply).toEqual([]);
    // bash splits a `:` in a directory name too; the pieces are glued back before roadmap reads it.
    const colon = join(tempDir(), 'a:b');
    mkdirSync(colon);
    expect(run(colon, ['add', 'made-with-ml']).code).toBe(0);
    expect(completeInBash(dir, `roadmap --config-dir ${colon} remove `).reply).toEqual([
      'made-with-ml',
    ]);
  });

  it('keeps a part of an id typed when two ids end with it, and lists them', () => {
    const dir = tempDir();
    const module = (course: string, n: number) => ({
      id: `${course}/part1/ch${n}`,
      title: `Chapter ${n}`,
      url: `https://example.com/${course}/${n}`,
      minutes: 60,
      minutesBasis: 'assumed',
    });
    const course = (id: string) => ({
      id,
      title: id,
      provider: 'Me',
      url: `https://example.com/${id}`,
      modules: [module(id, 1), module(id, 2)],
    });
    const file = join(dir, 'books.json');
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        id: 'books',
        courses: [course('book-a'), course('book-b')],
      }),
    );
    expect(run(dir, ['catalog', 'import', file]).code).toBe(0);
    expect(run(dir, ['add', 'book-a', 'book-b']).code).toBe(0);
    // Without what was typed among them, readline would replace it with `book-`.
    expect(completeInBash(dir, 'roadmap done part1/ch1').reply).toEqual([
      'book-a/part1/ch1',
      'book-b/part1/ch1',
      'part1/ch1',
    ]);
    // Begun with a quote, the candidates still begin with what was typed: nothing is added.
    expect(completeInBash(dir, 'roadmap done "book-a/part1/').reply).toEqual([
      'book-a/part1/ch1',
      'book-a/part1/ch2',
    ]);
    expect(completeInBash(dir, 'roadmap done book-a/part1/').reply).toEqual([
      'book-a/part1/ch1',
      'book-a/part1/ch2',
    ]);
  });

  it('offers nothing that would be refused or do nothing', () => {
    const dir = roadmapWith('mlep', 'hf-course');
    // A track all of whose courses are on the roadmap adds nothing.
    expect(completeInBash(dir, 'roadmap add m').reply).toEqual(['made-with-ml']);
    // The course being moved is not a place to move it to.
    expect(completeInBash(dir, 'roadmap move hf-course --before mlep-i').reply).toEqual([
      'mlep-intro',
    ]);
    expect(completeInBash(dir, 'roadmap move hf-course --before hf').reply).toEqual([]);
    // An option given once is refused a second time.
    expect(completeInBash(dir, 'roadmap done --note x --no').reply).toEqual(['--no-color']);
    expect(completeInBash(dir, 'roadmap done --no').reply).toEqual(['--note', '--no-color']);
  });

  it('reads a --config-dir typed with ~ as the shell will pass it', () => {
    const home = tempDir();
    mkdirSync(join(home, 'rd'));
    expect(run(join(home, 'rd'), ['add', 'made-with-ml']).code).toBe(0);
    const elsewhere = roadmapWith('hf-course');
    expect(
      completeInBash(elsewhere, 'roadmap --config-dir ~/rd remove ', { HOME: home }).reply,
    ).toEqual(['made-with-ml']);
  });

  it('falls back to file names where it has nothing to offer', () => {
    const script = run(tempDir(), ['completion', 'bash']).stdout;
    expect(script).toContain('complete -o default -F _roadmap_completion roadmap');
  });

  it('takes ids from ROADMAP_CONFIG_DIR and writes nothing there', () => {
    const hf = roadmapWith('hf-course');
    const mwm = roadmapWith('made-with-ml');
    expect(completeInBash(hf, 'roadmap remove ').reply).toEqual(['hf-course']);
    expect(completeInBash(mwm, 'roadmap remove ').reply).toEqual(['made-with-ml']);
    const empty = tempDir();
    expect(completeInBash(empty, 'roadmap remove ').reply).toEqual([]);
    expect(completeInBash(empty, 'roadmap add mlep-i').reply).toEqual(['mlep-intro']);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('completes a course of a catalog imported after the script was made', () => {
    // completeInBash generates the script afresh; it holds no ids, so its age doesn't matter.
    const dir = roadmapWith('hf-course');
    const file = join(tempDir(), 'mine.json');
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        id: 'my-reading',
        courses: [
          {
            id: 'dl-book',
            title: 'A book',
            provider: 'Me',
            url: 'https://example.com/book',
            modules: [
              {
                id: 'dl-book/ch01',
                title: 'One',
                url: 'https://example.com/book/1',
                minutes: 60,
                minutesBasis: 'assumed',
              },
            ],
          },
        ],
      }),
    );
    expect(completeInBash(dir, 'roadmap add dl').reply).toEqual([]);
    expect(run(dir, ['catalog', 'import', file]).code).toBe(0);
    expect(completeInBash(dir, 'roadmap add dl').reply).toEqual(['dl-book']);
    expect(completeInBash(dir, 'roadmap catalog remove my').reply).toEqual(['my-reading']);
    expect(run(dir, ['add', 'dl-book']).code).toBe(0);
    expect(completeInBash(dir, 'roadmap done dl-book/').reply).toEqual(['dl-book/ch01']);
  });

  it('prints nothing to the terminal when something is wrong', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), 'not json');
    expect(completeInBash(dir, 'roadmap remove ')).toEqual({ reply: [], stderr: '' });
    expect(completeInBash(dir, 'roadmap sh', { ROADMAP_NOW: 'soon' })).toEqual({
      reply: [],
      stderr: '',
    });
    expect(completeInBash(dir, 'roadmap sh', { PATH: '/nonexistent' })).toEqual({
      reply: [],
      stderr: '',
    });
  });
});

describe('roadmap completion', () => {
  it('an unknown shell exits 2 and lists the shells', () => {
    const result = run(tempDir(), ['completion', 'tcsh']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bash, zsh and fish');
    expect(result.stdout).toBe('');
  });

  for (const shell of ['zsh', 'fish']) {
    const installed = hasShell(shell);
    const title = installed
      ? `${shell} -n accepts the ${shell} script`
      : `${shell} -n accepts the ${shell} script (skipped: \`command -v ${shell}\` finds no ${shell})`;
    it.skipIf(!installed)(title, () => {
      const file = join(tempDir(), `roadmap.${shell}`);
      const script = run(tempDir(), ['completion', shell]);
      expect(script.code).toBe(0);
      writeFileSync(file, script.stdout);
      const check = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    });
  }

  const zsh = hasShell('zsh') && spawnSync('python3', ['--version']).status === 0;
  it.skipIf(!zsh)(
    zsh
      ? 'zsh reads a ROADMAP_CONFIG_DIR=DIR typed before the command'
      : 'zsh reads a ROADMAP_CONFIG_DIR=DIR typed before the command (skipped: no zsh or python3)',
    () => {
      const mine = roadmapWith('mlep-intro');
      const other = roadmapWith('made-with-ml');
      const script = join(tempDir(), 'roadmap.zsh');
      writeFileSync(script, run(mine, ['completion', 'zsh']).stdout);
      // An interactive zsh on a pseudo-terminal: the line typed, then Tab, and the screen read.
      const driver = `
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp('zsh', ['zsh', '-f', '-i'])
def read(t):
    out = b''; end = time.time() + t
    while time.time() < end:
        if select.select([fd], [], [], 0.1)[0]:
            try: out += os.read(fd, 65536)
            except OSError: break
    return out
read(1)
os.write(fd, b'autoload -U compinit; compinit -u; source ' + sys.argv[1].encode() + b'\\n'); read(2)
os.write(fd, sys.argv[2].encode() + b'\\t'); sys.stdout.write(read(3).decode(errors='replace'))
os.kill(pid, 9)
`;
      const complete = (line: string) =>
        spawnSync('python3', ['-c', driver, script, line], {
          env: { ...process.env, PATH: pathWithRoadmap(), ROADMAP_CONFIG_DIR: mine, PS1: '$ ' },
          encoding: 'utf8',
          timeout: 20_000,
        }).stdout;
      expect(complete(`ROADMAP_CONFIG_DIR=${other} roadmap park `)).toContain('park made-with-ml');
      expect(complete('roadmap park ')).toContain('park mlep-intro');
    },
  );

  const fish = hasShell('fish');
  it.skipIf(!fish)(
    fish
      ? 'fish completes through the script'
      : 'fish completes through the script (skipped: `command -v fish` finds no fish)',
    () => {
      const dir = roadmapWith('hf-course');
      const file = join(tempDir(), 'roadmap.fish');
      writeFileSync(file, run(dir, ['completion', 'fish']).stdout);
      const complete = (line: string) =>
        spawnSync('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`], {
          env: {
            ...process.env,
            PATH: pathWithRoadmap(),
            ROADMAP_CONFIG_DIR: dir,
            ROADMAP_NOW: FIXED_NOW,
          },
          encoding: 'utf8',
        })
          .stdout.split('\n')
          .filter((l) => l !== '');
      expect(complete('roadmap sh')).toEqual(['show']);
      expect(complete('roadmap show hf-c')).toEqual(['hf-course']);
      expect(complete('roadmap done hf-course/chapter1/1')).toEqual([
        'hf-course/chapter1/1',
        'hf-course/chapter1/10',
        'hf-course/chapter1/11',
      ]);
      // A file to import: roadmap offers nothing, so fish offers file names, as bash does.
      const files = tempDir();
      writeFileSync(join(files, 'export.json'), '{}');
      expect(complete(`roadmap import ${files}/ex`)).toEqual([`${files}/export.json`]);
    },
  );
});
