import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/run-bin.js';
import { storedProgress } from '../helpers/state-check.js';
import { tempDir } from '../helpers/temp.js';

const fixture = (name: string) => new URL(`../fixtures/state/${name}`, import.meta.url).pathname;
const raw = (dir: string) => JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));

describe('a schema 2 state file', () => {
  it('is read as it is, and the next change writes it in the per-course form, keeping everything', () => {
    const dir = tempDir();
    copyFileSync(fixture('v2.json'), join(dir, 'config.json'));
    const before = storedProgress(dir);
    expect(Object.keys(before)).toHaveLength(3);
    // Reading writes nothing.
    expect(run(dir, ['status']).code).toBe(0);
    expect(raw(dir).schemaVersion).toBe(2);

    expect(run(dir, ['done', 'hf-course/chapter1/1']).code).toBe(0);
    const upgraded = raw(dir);
    expect(upgraded.schemaVersion).toBe(3);
    expect(upgraded.progress['hf-course']).toEqual([
      'hf-course/chapter0/1 done 2026-02-02T10:00:00.000Z 25',
      expect.stringMatching(/^hf-course\/chapter0\/2 skipped 2026-02-02T11:00:00\.000Z \[/),
      expect.stringMatching(/^hf-course\/chapter1\/1 done /),
    ]);
    const after = storedProgress(dir);
    for (const [id, entry] of Object.entries(before)) expect(after[id]).toEqual(entry);
    expect(after['hf-course/chapter0/2']!.notes[0]!.text).toBe(
      'seen it before: "tokenizers"\nnext time, more',
    );
    // The journal, course states and projects came through untouched.
    const v2 = JSON.parse(readFileSync(fixture('v2.json'), 'utf8'));
    expect(upgraded.journal).toEqual(v2.journal);
    expect(upgraded.projects).toEqual(v2.projects);

    expect(run(dir, ['undo']).code).toBe(0);
    expect(storedProgress(dir)).toEqual(before);
    expect(run(dir, ['doctor']).code).toBe(0);
  });
});
