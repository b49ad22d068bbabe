import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/core/types.js';
import { skipHeavy } from '../helpers/heavy.js';
import { BIN, FIXED_NOW, run, runAsync } from '../helpers/run-bin.js';
import { checkConsistency, storedProgress } from '../helpers/state-check.js';
import { tempDir } from '../helpers/temp.js';

function readJson(dir: string) {
  return JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
}

function readLogFile(dir: string): LogEntry[] {
  return readFileSync(join(dir, 'activity.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

const hfModules = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => {
    const k = from + i;
    return `hf-course/chapter${1 + (k % 12)}/${1 + Math.floor(k / 12)}`;
  });

describe('a lock that can not be made', () => {
  it('on a full disk fails at once, saying so, rather than waiting as for a held lock', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const hook = fileURLToPath(
      new URL('../fixtures/hooks/disk-full-matching.cjs', import.meta.url),
    );
    const done = spawnSync(process.execPath, ['-r', hook, BIN, 'done'], {
      env: {
        ...process.env,
        ROADMAP_CONFIG_DIR: dir,
        ROADMAP_NOW: FIXED_NOW,
        ROADMAP_TEST_FULL: String.raw`config\.lock\.new-`,
      },
      encoding: 'utf8',
    });
    expect(done.status).toBe(1);
    expect(done.stderr).toContain('the disk is full; nothing was changed.');
    // The notice a wait for a held lock gives after a second: no such wait was made.
    expect(done.stderr).not.toContain('Waiting for another roadmap command');
  });
});

describe('concurrent writers', () => {
  it('ten `roadmap done` started at the same moment all exit 0 and are all recorded', async () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const modules = Array.from({ length: 10 }, (_, i) => `hf-course/chapter${i + 1}/1`);
    const results = await Promise.all(modules.map((m) => runAsync(dir, ['done', m])));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const progress = storedProgress(dir);
    expect(Object.keys(progress).sort()).toEqual([...modules].sort());
    expect(readLogFile(dir)).toHaveLength(11);
    expect(checkConsistency(dir)).toBeNull();
    console.log(`${Object.keys(progress).length}/10 concurrent writes kept`);
  });

  it.skipIf(skipHeavy)(
    'fifty `roadmap done` at once: all exit 0, all recorded, the file valid',
    async () => {
      const dir = tempDir();
      run(dir, ['add', 'hf-course']);
      const modules = hfModules(50);
      const results = await Promise.all(modules.map((m) => runAsync(dir, ['done', m])));
      const ok = results.filter((r) => r.code === 0).length;
      const kept = Object.keys(storedProgress(dir)).filter((id) => modules.includes(id)).length;
      console.log(`${kept}/50 concurrent writes kept, ${ok}/50 processes exited 0`);
      for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
      expect(kept).toBe(50);
      expect(checkConsistency(dir)).toBeNull();
    },
    120_000,
  );

  it.skipIf(skipHeavy)(
    'a mix of done, undo, note, study and add, replayed serially in log order, gives the same state',
    async () => {
      const dir = tempDir();
      run(dir, ['add', 'hf-course']);
      const early = hfModules(20);
      for (const m of early) run(dir, ['done', m]);
      const start = tempDir();
      cpSync(dir, start, { recursive: true });
      const startEntries = readLogFile(dir).length;

      const commands = [
        ...hfModules(20, 20).map((m) => ['done', m]),
        ...early.slice(0, 10).map((m, i) => ['note', m, `note ${i}`]),
        ...hfModules(5, 40).map((m, i) => ['study', m, '--minutes', String(10 + i)]),
        ...Array.from({ length: 10 }, () => ['undo']),
        ...['mlep-intro', 'mlep-data', 'made-with-ml', 'mlep-intro', 'made-with-ml'].map((c) => [
          'add',
          c,
        ]),
      ];
      const results = await Promise.all(commands.map((args) => runAsync(dir, args)));
      for (const [i, r] of results.entries())
        expect(r, `${commands[i]!.join(' ')}: ${r.stderr}`).toMatchObject({ code: 0 });
      expect(checkConsistency(dir)).toBeNull();

      // Replay what the log recorded, one command at a time, from the starting state.
      for (const entry of readLogFile(dir).slice(startEntries)) {
        const args =
          entry.type === 'done'
            ? ['done', entry.moduleId!]
            : entry.type === 'note'
              ? ['note', entry.moduleId!, entry.note!]
              : entry.type === 'study'
                ? ['study', entry.moduleId!, '--minutes', String(entry.minutes)]
                : entry.type === 'add'
                  ? ['add', ...entry.courseIds!]
                  : entry.type === 'undo'
                    ? ['undo']
                    : null;
        expect(args, `unexpected entry ${entry.type}`).not.toBeNull();
        expect(run(start, args!).code).toBe(0);
      }
      const [final, replayed] = [readJson(dir), readJson(start)];
      for (const key of ['roadmap', 'journal', 'settings'])
        expect(replayed[key]).toEqual(final[key]);
      expect(storedProgress(start)).toEqual(storedProgress(dir));
      console.log(
        `mixed writers: ${commands.length}/${commands.length} exited 0; serial replay of the log matches`,
      );
    },
    120_000,
  );
});
