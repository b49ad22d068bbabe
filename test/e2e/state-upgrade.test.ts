import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('the log of a roadmap older than its log', () => {
  it.each(['v1.json', 'v2.json'])(
    '%s: the first change starts the log with the whole state, so the log alone rebuilds it',
    (name) => {
      const dir = tempDir();
      copyFileSync(fixture(name), join(dir, 'config.json'));
      const before = run(dir, ['status', '--json']);
      expect(before.code).toBe(0);
      const projects = run(dir, ['project', '--json']).stdout;
      expect(run(dir, ['config', 'set', 'bar-width', '30']).code).toBe(0);
      // The log holds the roadmap as it was, then the change; `log` lists neither the start.
      const lines = readFileSync(join(dir, 'activity.jsonl'), 'utf8').trim().split('\n');
      expect(lines.map((l) => JSON.parse(l).type)).toEqual(['repair', 'config']);
      expect(raw(dir).log.entries).toBe(2);
      // config.json lost: the log rebuilds everything, not just the change.
      const changed = run(dir, ['status', '--json']).stdout;
      rmSync(join(dir, 'config.json'));
      const repair = run(dir, ['doctor', '--repair']);
      expect(repair.code).toBe(0);
      expect(run(dir, ['status', '--json']).stdout).toBe(changed);
      expect(run(dir, ['project', '--json']).stdout).toBe(projects);
      expect(run(dir, ['config', 'get', 'bar-width']).stdout.trim()).toBe('30');
      // Undo reverts the change, and stops at the start of the log.
      const other = tempDir();
      copyFileSync(fixture(name), join(other, 'config.json'));
      run(other, ['config', 'set', 'bar-width', '30']);
      expect(run(other, ['undo']).code).toBe(0);
      expect(run(other, ['status', '--json']).stdout).toBe(before.stdout);
      expect(run(other, ['undo']).code).toBe(1);
    },
  );

  it('a new roadmap gets no such start: its log begins with it', () => {
    const dir = tempDir();
    expect(run(dir, ['add', 'hf-course']).code).toBe(0);
    const lines = readFileSync(join(dir, 'activity.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).type)).toEqual(['add']);
  });
});

describe('a setting a later release made stricter', () => {
  it('is read as its default, named by doctor, and mended by config set or unset', () => {
    const dir = tempDir();
    const state = JSON.parse(readFileSync(fixture('v1.json'), 'utf8'));
    state.settings = { 'bar-width': 80, 'week-start': 'Sunday', 'skip-optional': 'true' };
    writeFileSync(join(dir, 'config.json'), JSON.stringify(state));
    const status = run(dir, ['status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).weekStart).toBe('monday');
    expect(run(dir, ['next', '--short']).code).toBe(0);
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout.replace(/\s+/g, ' ')).toContain(
      "config.json sets bar-width to 80, which this version doesn't take; its default, 20, is used instead.",
    );
    expect(run(dir, ['config', 'unset', 'bar-width']).code).toBe(0);
    expect(run(dir, ['config', 'set', 'week-start', 'sunday']).code).toBe(0);
    expect(JSON.parse(run(dir, ['status', '--json']).stdout).weekStart).toBe('sunday');
    const file = join(tempDir(), 'export.json');
    expect(run(dir, ['export', file]).code).toBe(0);
    expect(run(tempDir(), ['import', file]).code).toBe(0);
  });
});
