import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CatalogIndex } from '../../src/catalog/catalog-index.js';
import { indexCatalogs } from '../../src/catalog/catalog-index.js';
import { main } from '../../src/cli.js';
import { Cancelled } from '../../src/errors.js';
import type { Prompter } from '../../src/prompts.js';
import { course } from '../helpers/catalog.js';
import { tempDir } from '../helpers/temp.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const IDEAS = [
  {
    id: 'drift-dashboard',
    title: 'A drift dashboard',
    deliverable: 'A page that flags drift in a public dataset',
    uses: ['a public dataset', 'Evidently'],
    modules: ['a/m1', 'a/m2'],
    minutes: 600,
    minutesBasis: 'assumed' as const,
  },
  {
    id: 'label-audit',
    title: 'A label audit',
    deliverable: 'A report of inconsistent labels, fixed',
    uses: ['a labelled dataset'],
    modules: ['a/m2'],
    minutes: 300,
    minutesBasis: 'assumed' as const,
  },
];

const catalog: CatalogIndex = indexCatalogs([
  {
    formatVersion: 1,
    id: 'test',
    courses: [course('a', 2, { projectIdeas: IDEAS }), course('b', 2)],
  },
]);

async function cli(
  argv: string[],
  dir: string,
  options: { prompt?: Partial<Prompter>; interactive?: boolean } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    env: { ROADMAP_CONFIG_DIR: dir, ROADMAP_NOW: '2026-03-02T09:00:00Z', NO_COLOR: '1' },
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isInteractive: options.interactive ?? false,
    overrides: { catalog, ...(options.prompt && { prompt: options.prompt as Prompter }) },
  });
  return { code, stdout, stderr };
}

const refuse = () => {
  throw new Error('no prompt expected');
};

const bytes = (dir: string) => [
  readFileSync(join(dir, 'config.json')),
  readFileSync(join(dir, 'activity.jsonl')),
];

async function twoCourses(): Promise<string> {
  const dir = tempDir();
  await cli(['add', 'a', 'b'], dir);
  await cli(['done', 'a/m1'], dir);
  return dir;
}

async function active(dir: string): Promise<string[]> {
  return JSON.parse((await cli(['status', '--json'], dir)).stdout).focus.active;
}

describe('the switch confirmation', () => {
  it('declined: exit 1, nothing written, and the focus stays', async () => {
    const dir = await twoCourses();
    const before = bytes(dir);
    const asked: string[] = [];
    const result = await cli(['done', 'b/m1'], dir, {
      interactive: true,
      prompt: {
        async confirm(config) {
          asked.push(config.message);
          expect(config.default).toBe(false);
          return false;
        },
        checkbox: refuse,
        select: refuse,
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Nothing changed; a stays in focus.\n');
    expect(asked).toEqual([
      'b is not in focus. Switch to it? a will be parked, with its progress kept.',
    ]);
    expect(bytes(dir)).toEqual(before);
  });

  it('accepted: the module is marked and the courses switch', async () => {
    const dir = await twoCourses();
    const result = await cli(['skip', 'b/m1', '--reason', 'b first'], dir, {
      interactive: true,
      prompt: { confirm: async () => true, checkbox: refuse, select: refuse },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Parked a to make room for b');
    expect(await active(dir)).toEqual(['b']);
  });

  it('cancelled with Ctrl+C: exit 130 and nothing written', async () => {
    const dir = await twoCourses();
    const before = bytes(dir);
    const result = await cli(['study', 'b/m1', '--minutes', '20'], dir, {
      interactive: true,
      prompt: {
        confirm: async () => {
          throw new Cancelled();
        },
        checkbox: refuse,
        select: refuse,
      },
    });
    expect(result.code).toBe(130);
    expect(bytes(dir)).toEqual(before);
  });

  it('is never asked with --switch, within the course in focus, or for a note on a done module', async () => {
    const dir = await twoCourses();
    const noPrompt = { confirm: refuse, checkbox: refuse, select: refuse };
    expect((await cli(['done', 'a/m2'], dir, { interactive: true, prompt: noPrompt })).code).toBe(
      0,
    );
    // Adding a note to a done module in another course studies nothing, so it is no switch.
    await cli(['config', 'set', 'focus-limit', '2'], dir);
    await cli(['done', 'b/m1'], dir);
    await cli(['park', 'b'], dir);
    await cli(['config', 'set', 'focus-limit', '1'], dir);
    const note = await cli(['done', 'b/m1', '--note', 'more'], dir, {
      interactive: true,
      prompt: noPrompt,
    });
    expect(note.code).toBe(0);
    expect(await active(dir)).toEqual(['a']);
    const switched = await cli(['done', 'b/m2', '--switch'], dir, {
      interactive: true,
      prompt: noPrompt,
    });
    expect(switched.code).toBe(0);
    expect(await active(dir)).toEqual(['b']);
  });
});

describe('choosing a project from the catalog’s ideas', () => {
  it('offers the ideas in a terminal and records the one chosen', async () => {
    const dir = tempDir();
    await cli(['add', 'a'], dir);
    const offered: string[] = [];
    const result = await cli(['project', 'a'], dir, {
      interactive: true,
      prompt: {
        async select(config) {
          offered.push(...config.choices.map((c) => c.name));
          return 'label-audit' as never;
        },
        confirm: refuse,
        checkbox: refuse,
      },
    });
    expect(result.code).toBe(0);
    expect(offered).toEqual([
      'A drift dashboard (about 10 h, assumed)',
      'A label audit (about 5 h, assumed)',
      'None of these: I have my own idea',
    ]);
    expect(result.stderr).toContain('Recorded “A label audit” as your project for a');
    const shown = JSON.parse((await cli(['project', 'a', '--json'], dir)).stdout);
    expect(shown).toMatchObject({
      course: { id: 'a' },
      step: 'start',
      current: {
        title: 'A label audit',
        goal: 'A report of inconsistent labels, fixed',
        ideaId: 'label-audit',
        estimateMinutes: 300,
        estimateSource: 'idea',
        stage: 'idea',
      },
      ideas: IDEAS,
    });
  });

  it('writes nothing when you have your own idea, and says how to record it', async () => {
    const dir = tempDir();
    await cli(['add', 'a'], dir);
    const before = bytes(dir);
    const result = await cli(['project', 'a'], dir, {
      interactive: true,
      prompt: {
        select: async (config) => config.choices.at(-1)!.value,
        confirm: refuse,
        checkbox: refuse,
      },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('roadmap project a "title"');
    expect(bytes(dir)).toEqual(before);
  });

  it('without a terminal, names the ideas and --idea; --idea does the same job', async () => {
    const dir = tempDir();
    await cli(['add', 'a'], dir);
    // Nothing to ask in: the ideas are listed, with the command to pick one.
    const listed = await cli(['project', 'a'], dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('A drift dashboard');
    expect(listed.stderr).toContain('Pick one by id: roadmap project a --idea drift-dashboard');
    const typo = await cli(['project', 'a', '--idea', 'drift-dashbord'], dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean `drift-dashboard`?');
    const picked = await cli(
      ['project', 'a', '--idea', 'drift-dashboard', '--estimate', '12'],
      dir,
    );
    expect(picked.code).toBe(0);
    const next = JSON.parse((await cli(['next', '--json'], dir)).stdout);
    expect(next.kind).toBe('module');
    const status = JSON.parse((await cli(['status', '--json'], dir)).stdout);
    expect(status.courses[0].project).toMatchObject({
      title: 'A drift dashboard',
      estimateMinutes: 720,
      estimateSource: 'yours',
    });
  });

  it('lists the ideas when a course’s modules are done and it has no project yet', async () => {
    const dir = tempDir();
    await cli(['add', 'a'], dir);
    await cli(['done', 'a/m1'], dir);
    await cli(['done', 'a/m2'], dir);
    const next = await cli(['next'], dir);
    expect(next.stdout).toContain('Ideas from the catalog:');
    expect(next.stdout).toContain(
      '· A drift dashboard (about 10 h, assumed; --idea drift-dashboard)',
    );
    expect(next.stdout).toContain('A page that flags drift in a public dataset');
    expect(next.stderr).toContain('roadmap project a --idea drift-dashboard');
    expect((await cli(['next', '--short'], dir)).stdout).toBe('a · project: choose a project\n');
  });
});

describe('a question answered after another command changed the roadmap', () => {
  const changedWhileAsked = 'Your roadmap changed while the question was open';

  /** A prompter whose answer comes after `meanwhile` ran, as if typed while it did. */
  const answering = (
    meanwhile: () => Promise<unknown>,
    answer: { confirm?: boolean; select?: string },
  ): Partial<Prompter> => ({
    async confirm() {
      await meanwhile();
      return answer.confirm ?? true;
    },
    async select() {
      await meanwhile();
      return answer.select as never;
    },
    checkbox: refuse,
  });

  it('a switch agreed to is not made when the course it would park is no longer the one named', async () => {
    const dir = await twoCourses();
    let other: Run | undefined;
    const result = await cli(['done', 'b/m1'], dir, {
      interactive: true,
      prompt: answering(async () => (other = await cli(['park', 'a'], dir)), { confirm: true }),
    });
    expect(other?.code).toBe(0);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(changedWhileAsked);
    expect(result.stderr).toContain('Run the command again');
    const log = JSON.parse((await cli(['log', '--json'], dir)).stdout) as { type: string }[];
    expect(log[0]!.type).toBe('course');
    expect(JSON.parse((await cli(['show', 'b', '--json'], dir)).stdout).modules[0].status).toBe(
      'todo',
    );
  });

  it('an idea picked is not recorded over a project recorded meanwhile', async () => {
    const dir = tempDir();
    await cli(['add', 'a'], dir);
    const result = await cli(['project', 'a'], dir, {
      interactive: true,
      prompt: answering(() => cli(['project', 'a', 'My own drift alerts'], dir), {
        select: 'label-audit',
      }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(changedWhileAsked);
    const shown = JSON.parse((await cli(['project', 'a', '--json'], dir)).stdout);
    expect(shown.current.title).toBe('My own drift alerts');
  });

  it('a removal confirmed is not made when the roadmap changed meanwhile', async () => {
    const dir = await twoCourses();
    const result = await cli(['remove', 'b'], dir, {
      interactive: true,
      prompt: answering(() => cli(['done', 'a/m2'], dir), { confirm: true }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(changedWhileAsked);
    const status = JSON.parse((await cli(['status', '--json'], dir)).stdout);
    expect(status.courses.map((c: { id: string }) => c.id)).toEqual(['a', 'b']);
    expect(status.courses[0].done).toBe(2);
  });

  it('an import --replace confirmed does not overwrite a change made meanwhile', async () => {
    const dir = await twoCourses();
    const file = join(tempDir(), 'export.json');
    expect((await cli(['export', file], dir)).code).toBe(0);
    const result = await cli(['import', file, '--replace'], dir, {
      interactive: true,
      prompt: answering(() => cli(['done', 'a/m2'], dir), { confirm: true }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(changedWhileAsked);
    const status = JSON.parse((await cli(['status', '--json'], dir)).stdout);
    expect(status.courses[0].done).toBe(2);
  });

  it('an import --replace confirmed does not go ahead over a catalog imported meanwhile', async () => {
    const dir = await twoCourses();
    const file = join(tempDir(), 'export.json');
    expect((await cli(['export', file], dir)).code).toBe(0);
    const minimal = fileURLToPath(
      new URL('../fixtures/catalogs/valid/minimal.json', import.meta.url),
    );
    let other: Run | undefined;
    const result = await cli(['import', file, '--replace'], dir, {
      interactive: true,
      prompt: answering(async () => (other = await cli(['catalog', 'import', minimal], dir)), {
        confirm: true,
      }),
    });
    expect(other?.code).toBe(0);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(changedWhileAsked);
    expect(readdirSync(join(dir, 'catalogs')).some((f) => f.endsWith('.json'))).toBe(true);
  });

  it('an answer stands when nothing changed while it was asked', async () => {
    const dir = await twoCourses();
    const result = await cli(['remove', 'b'], dir, {
      interactive: true,
      prompt: answering(async () => undefined, { confirm: true }),
    });
    expect(result.code).toBe(0);
  });
});
