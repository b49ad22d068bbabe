import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, FIXED_NOW, json, run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

const hook = (name: string) => fileURLToPath(new URL(`../fixtures/hooks/${name}`, import.meta.url));
const KILL = hook('kill-before-state.cjs');
const DISK_FULL = hook('log-disk-full.cjs');
const PAUSE = hook('pause-before-state.cjs');
const MINIMAL = fileURLToPath(new URL('../fixtures/catalogs/valid/minimal.json', import.meta.url));

const envFor = (dir: string) => ({
  ...process.env,
  ROADMAP_CONFIG_DIR: dir,
  ROADMAP_NOW: FIXED_NOW,
  NO_COLOR: '1',
});

/** `roadmap import` with a hook preloaded. */
const importWith = (preload: string, dir: string, args: string[]) =>
  spawnSync(process.execPath, ['-r', preload, BIN, 'import', ...args], {
    env: envFor(dir),
    encoding: 'utf8',
  });

/** `roadmap import` killed after it wrote the log and before config.json was replaced. */
function killedImport(dir: string, args: string[]) {
  expect(importWith(KILL, dir, args).signal).toBe('SIGKILL');
}

/** An export of another roadmap: hf-course with two modules done (three log entries). */
function otherMachine(): string {
  const other = tempDir();
  run(other, ['add', 'hf-course']);
  run(other, ['done', 'hf-course/chapter1/1']);
  run(other, ['done', 'hf-course/chapter1/2']);
  const file = join(other, 'export.json');
  expect(run(other, ['export', file]).code).toBe(0);
  return file;
}

/** This machine: mlep-intro on the roadmap. */
function thisMachine(): string {
  const dir = tempDir();
  expect(run(dir, ['add', 'mlep-intro']).code).toBe(0);
  return dir;
}

const logOf = (dir: string) => readFileSync(join(dir, 'activity.jsonl'), 'utf8');

describe('an import killed before it wrote its state', () => {
  it('merge: doctor names it, and the next change takes its entries off the log and keeps them', () => {
    const file = otherMachine();
    const dir = thisMachine();
    const before = logOf(dir);
    killedImport(dir, [file]);
    expect(logOf(dir).length).toBeGreaterThan(before.length);

    const doctor = run(dir, ['doctor']);
    expect(doctor.stdout).toContain(
      `! An import begun 2026-03-02 09:00 was interrupted before it was saved, so it was not recorded. The next change keeps the log entries it added in ${join(dir, 'activity.interrupted.jsonl')} and takes them off the log; run the import again if you meant it.`,
    );
    // What it left is no history the file doesn't know: no "put back from a copy?".
    expect(doctor.stdout).not.toContain('more than');
    expect(
      json<{ interrupted: unknown }>({ ...run(dir, ['doctor', '--json']), code: 0 }),
    ).toMatchObject({
      interrupted: { kind: 'import', at: FIXED_NOW, entries: 4 },
    });

    const done = run(dir, ['done', 'mlep-intro/week-1']);
    expect(done.code).toBe(0);
    expect(done.stderr).toContain(
      `warning: an earlier import (begun 2026-03-02 09:00) was interrupted before it was saved, so it was not recorded; the 4 log entries it had added are kept in ${join(dir, 'activity.interrupted.jsonl')}. Run it again if you meant it.`,
    );
    const kept = readFileSync(join(dir, 'activity.interrupted.jsonl'), 'utf8').trim().split('\n');
    expect(kept).toHaveLength(4);
    expect(kept.every((line) => typeof JSON.parse(line).id === 'string')).toBe(true);
    expect(logOf(dir).startsWith(before)).toBe(true);
    expect(logOf(dir).split('\n').filter(Boolean)).toHaveLength(2); // add, done
    expect(existsSync(join(dir, 'activity.pending.json'))).toBe(false);
    // Only the change made here is in the roadmap, and the directory is healthy.
    const status = json<{ courses: Array<{ id: string }> }>(run(dir, ['status', '--json']));
    expect(status.courses.map((c) => c.id)).toEqual(['mlep-intro']);
    const after = run(dir, ['doctor']);
    expect(after.stdout).not.toContain('interrupted before it was saved');
    // All that is left is the temporary file of the write the kill stopped.
    expect(after.stdout).toContain('leftover temp file from an interrupted write');
    expect(after.stderr).toContain('found 1 problem');
  });

  it('merge: importing again puts the log back first, then imports', () => {
    const file = otherMachine();
    const dir = thisMachine();
    killedImport(dir, [file]);
    const again = run(dir, ['import', file]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(
      'warning: an earlier import (begun 2026-03-02 09:00) was interrupted before it was saved, so it was not recorded; the 4 log entries it had added are kept in',
    );
    expect(again.stderr).toContain('Merged');
    const status = json<{ courses: Array<{ id: string }> }>(run(dir, ['status', '--json']));
    expect(status.courses.map((c) => c.id).sort()).toEqual(['hf-course', 'mlep-intro']);
    expect(run(dir, ['doctor']).code).toBe(1); // the killed write's temp file
    expect(run(dir, ['doctor', '--repair']).code).toBe(0);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('replace: the next change puts back the log it replaced, so undo reaches the changes before it', () => {
    const file = otherMachine();
    const dir = thisMachine();
    const before = logOf(dir);
    killedImport(dir, [file, '--replace', '--yes']);
    expect(logOf(dir)).not.toBe(before);
    const copy = join(dir, 'backups', 'activity-2026-03-02T09-00-00.000Z.jsonl');
    expect(run(dir, ['doctor']).stdout).toContain(
      `The next change puts back the log it replaced, from ${copy}; run the import again if you meant it.`,
    );

    // Before anything puts it back, reads go by the copy: the log config.json records.
    const logged = json<Array<{ type: string; courseIds?: string[] }>>(run(dir, ['log', '--json']));
    expect(logged.map((e) => [e.type, e.courseIds])).toEqual([['add', ['mlep-intro']]]);
    const exported = join(tempDir(), 'export.json');
    expect(run(dir, ['export', exported]).code).toBe(0);
    const doc = JSON.parse(readFileSync(exported, 'utf8'));
    expect(doc.log.map((e: { type: string }) => e.type)).toEqual(['add']);

    const undo = run(dir, ['undo']);
    expect(undo.code).toBe(0);
    expect(undo.stderr).toContain(
      `warning: an earlier import (begun 2026-03-02 09:00) was interrupted before it was saved, so it was not recorded; the log it replaced was put back from ${copy}. Run it again if you meant it.`,
    );
    expect(undo.stderr).toContain('Undid: add mlep-intro');
    expect(logOf(dir).startsWith(before)).toBe(true);
  });

  it('a record the import outlived is removed by the next change, which changes nothing else', () => {
    const dir = thisMachine();
    const pending = join(dir, 'activity.pending.json');
    // As an import killed after it wrote config.json leaves it: config.json is another file now.
    writeFileSync(
      pending,
      JSON.stringify({
        kind: 'merge',
        at: FIXED_NOW,
        config: '1 2 3',
        mark: 0,
        size: 10_000,
        entries: 3,
        copy: null,
      }),
    );
    const before = logOf(dir);
    expect(run(dir, ['doctor']).stdout).not.toContain('interrupted');
    const done = run(dir, ['done', 'mlep-intro/week-1']);
    expect(done.code).toBe(0);
    expect(done.stderr).not.toContain('interrupted');
    expect(logOf(dir).startsWith(before)).toBe(true);
    expect(existsSync(pending)).toBe(false);
  });

  it('doctor --repair takes it back at once, as the next change would, and says so', () => {
    const file = otherMachine();
    const dir = thisMachine();
    const before = logOf(dir);
    killedImport(dir, [file]);
    const repaired = run(dir, ['doctor', '--repair']);
    expect(repaired.code).toBe(0);
    expect(repaired.stderr).toContain(
      `An earlier import (begun 2026-03-02 09:00) was interrupted before it was saved, so it was not recorded; the 4 log entries it had added are kept in ${join(dir, 'activity.interrupted.jsonl')}.`,
    );
    expect(logOf(dir)).toBe(before);
    expect(existsSync(join(dir, 'activity.pending.json'))).toBe(false);
    expect(run(dir, ['doctor']).code).toBe(0);
    // Into a new directory too: afterwards it is as new.
    const fresh = tempDir();
    killedImport(fresh, [file, '--replace', '--yes']);
    const again = run(fresh, ['doctor', '--repair', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      method: 'nothing',
      importTakenBack: { at: FIXED_NOW, entries: 3 },
    });
    expect(run(fresh, ['doctor']).code).toBe(0);
    expect(run(fresh, ['status']).stderr).toContain('Your roadmap is empty');
  });

  it('into a new directory: the next command starts afresh, not from a log the import began', () => {
    const file = otherMachine();
    for (const args of [[file], [file, '--replace', '--yes']]) {
      const dir = tempDir();
      killedImport(dir, args);
      expect(run(dir, ['doctor']).stdout).toContain(
        'An import begun 2026-03-02 09:00 was interrupted',
      );
      expect(run(dir, ['status']).stderr).toContain('Your roadmap is empty');
      const add = run(dir, ['add', 'mlep-intro']);
      expect(add.code).toBe(0);
      expect(add.stderr).toContain(
        'warning: an earlier import (begun 2026-03-02 09:00) was interrupted',
      );
      expect(logOf(dir).trim().split('\n')).toHaveLength(1);
      expect(run(dir, ['import', file]).code).toBe(0);
      expect(run(dir, ['doctor', '--repair']).code).toBe(0);
      expect(run(dir, ['doctor']).code).toBe(0);
    }
  });

  it('into a new directory, before it wrote any log: the next change just goes on', () => {
    const dir = tempDir();
    // As a kill leaves it just after the record was flushed: no log, no config.json.
    writeFileSync(
      join(dir, 'activity.pending.json'),
      JSON.stringify({
        kind: 'merge',
        at: FIXED_NOW,
        config: 'none',
        mark: 0,
        size: 4000,
        entries: 3,
        copy: null,
        head: '{"id":"x',
        catalogs: [],
        catalogCopies: false,
      }),
    );
    const add = run(dir, ['add', 'mlep-intro']);
    expect(add.code).toBe(0);
    expect(add.stderr).toContain('the log is as your roadmap records it');
    expect(existsSync(join(dir, 'activity.pending.json'))).toBe(false);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('replace with catalogs: the warning names the catalogs it may have changed', () => {
    const other = tempDir();
    expect(run(other, ['catalog', 'import', MINIMAL]).code).toBe(0);
    run(other, ['add', 'hf-course']);
    const file = join(other, 'export.json');
    run(other, ['export', file]);
    const dir = thisMachine();
    killedImport(dir, [file, '--replace', '--yes']);
    const next = run(dir, ['done', 'mlep-intro/week-1']);
    expect(next.code).toBe(0);
    expect(next.stderr).toMatch(
      /Its catalogs may have been changed all the same \(minimal\)\. Run it again if you meant it\./,
    );
  });
});

describe('catalog import on a full disk', () => {
  const catalogImport = (dir: string, full: string) =>
    spawnSync(
      process.execPath,
      ['-r', hook('disk-full-matching.cjs'), BIN, 'catalog', 'import', MINIMAL],
      {
        env: { ...envFor(dir), ROADMAP_TEST_FULL: full },
        encoding: 'utf8',
      },
    );

  it('an index that can not be written leaves nothing imported, and says the disk is full', () => {
    const dir = tempDir();
    const result = catalogImport(dir, String.raw`catalogs/minimal\.index`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('(the disk is full).');
    expect(result.stderr).toContain('Free some space, then run the command again.');
    expect(existsSync(join(dir, 'catalogs', 'minimal.json'))).toBe(false);
    expect(run(dir, ['catalog', 'list']).stdout).not.toContain('minimal');
  });

  it('the baseline of the update notice, which can be written later, does not fail the import', () => {
    const dir = tempDir();
    const result = catalogImport(dir, 'catalogs-seen/');
    expect([result.status, result.stderr]).toEqual([
      0,
      expect.stringContaining('Imported catalog minimal'),
    ]);
    expect(run(dir, ['catalog', 'list']).stdout).toContain('minimal');
    expect(run(dir, ['doctor']).code).toBe(0);
  });
});

describe('an import that fails before it wrote its state', () => {
  it('with the log ahead of config.json: leaves no record, so no later change cuts that history', () => {
    const file = otherMachine();
    const dir = thisMachine();
    const older = readFileSync(join(dir, 'config.json'));
    run(dir, ['done', 'mlep-intro/week-1']);
    run(dir, ['study', 'mlep-intro/week-2', '--minutes', '50', '--note', 'important session']);
    // An older config.json put back, with its times: the log is two entries ahead of it.
    writeFileSync(join(dir, 'config.json'), older);
    utimesSync(join(dir, 'config.json'), new Date(2026, 0, 1), new Date(2026, 0, 1));
    const failed = run(dir, ['import', file]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('holds 2 entries more than');
    expect(existsSync(join(dir, 'activity.pending.json'))).toBe(false);
    expect(run(dir, ['doctor']).stdout).not.toContain('An import begun');
    expect(run(dir, ['done', 'mlep-intro/week-3']).code).toBe(1);
    expect(logOf(dir)).toContain('important session');
  });

  it('replace on a full disk: the log is put back, and the next change has nothing to undo', () => {
    const file = otherMachine();
    const dir = thisMachine();
    const before = logOf(dir);
    const failed = importWith(DISK_FULL, dir, [file, '--replace', '--yes']);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('(the disk is full). Nothing was changed.');
    expect(logOf(dir)).toBe(before);
    expect(existsSync(join(dir, 'activity.pending.json'))).toBe(false);
    const next = run(dir, ['done', 'mlep-intro/week-1']);
    expect([next.code, next.stderr]).toEqual([0, expect.not.stringContaining('interrupted')]);
  });

  it('when a folder stands where its record goes: says so, and imports nothing', () => {
    const file = otherMachine();
    const dir = thisMachine();
    mkdirSync(join(dir, 'activity.pending.json'));
    const failed = run(dir, ['import', file]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('activity.pending.json is a folder');
    expect(run(dir, ['done', 'mlep-intro/week-1']).code).toBe(0);
    expect(run(dir, ['doctor']).code).toBe(0);
  });
});

describe('doctor while an import is at work', () => {
  it('names the command at work and finds no problem in the entries it is adding', async () => {
    const file = otherMachine();
    const dir = thisMachine();
    const child = spawn(process.execPath, ['-r', PAUSE, BIN, 'import', file], {
      env: envFor(dir),
      stdio: 'ignore',
    });
    try {
      const pending = join(dir, 'activity.pending.json');
      for (let i = 0; i < 200 && !(existsSync(pending) && logOf(dir).split('\n').length > 3); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const doctor = run(dir, ['doctor']);
      expect(doctor.stdout).toContain(
        `Another roadmap command (process ${child.pid}) is changing it now`,
      );
      expect(doctor.stdout).not.toContain('✗');
      expect(doctor.code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
