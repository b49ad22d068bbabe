import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  existsSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogJsonEntry } from '../../src/commands/log.js';
import type { CourseView } from '../../src/core/views.js';
import type { StatusJson } from '../../src/ui/render-status.js';
import { BIN, json, run } from '../helpers/run-bin.js';
import { storedProgress } from '../helpers/state-check.js';
import { tempDir } from '../helpers/temp.js';

const NOW = '2026-11-02T12:00:00.000Z';
const CATALOGS = join(import.meta.dirname, '..', 'fixtures', 'catalogs');
const env = (now = NOW) => ({ ROADMAP_NOW: now, TZ: 'UTC' });
const ok = (dir: string, args: string[], now = NOW) => {
  const result = run(dir, args, env(now));
  if (result.code !== 0)
    throw new Error(`${args.join(' ')}: exit ${result.code}: ${result.stderr}`);
  return result;
};

function history(): string {
  const dir = tempDir();
  ok(dir, ['add', 'mlep-intro', 'hf-course'], '2026-10-01T10:00:00Z');
  // Both courses in focus, so studying the second one is no switch.
  ok(dir, ['config', 'set', 'focus-limit', '2'], '2026-10-01T10:00:00Z');
  ok(dir, ['done', '--minutes', '280', '--note', 'lab 1'], '2026-10-02T10:00:00Z');
  ok(dir, ['skip', 'mlep-intro/week-2'], '2026-10-03T10:00:00Z');
  ok(
    dir,
    ['study', 'hf-course/chapter1/1', '--minutes', '40', '--note', 'first look'],
    '2026-10-04T10:00:00Z',
  );
  ok(
    dir,
    ['note', 'hf-course/chapter1/2', 'a note on a module not started'],
    '2026-10-05T10:00:00Z',
  );
  ok(dir, ['goal', '--hours-per-week', '5'], '2026-10-06T10:00:00Z');
  ok(dir, ['config', 'set', 'bar-width', '30'], '2026-10-07T10:00:00Z');
  ok(dir, ['undo'], '2026-10-07T10:01:00Z');
  return dir;
}

const views = (dir: string) =>
  ['status --json', 'log --json', 'show hf-course --json', 'config list --json', 'goal --json'].map(
    (c) => ok(dir, c.split(' ')).stdout,
  );

describe('export and import', () => {
  it('a round trip into an empty config dir gives identical status, log and show output', () => {
    const source = history();
    const file = join(source, 'export.json');
    const exported = ok(source, ['export', file]);
    expect(exported.stderr).toContain('Exported 2 courses');
    const one = tempDir();
    ok(one, ['add', 'mlep-intro']);
    expect(ok(one, ['export', join(one, 'one.json')]).stderr).toMatch(
      /^Exported 1 course, 0 progress entries, 1 log entry and 0 catalogs to /,
    );
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc).toMatchObject({ format: 'roadmap-export', version: 1, exportedAt: NOW });
    expect(Object.keys(doc)).toEqual([
      'format',
      'version',
      'exportedAt',
      'roadmap',
      'progress',
      'journal',
      'courses',
      'projects',
      'settings',
      'log',
      'catalogs',
    ]);
    expect(doc.progress[0]).toEqual({
      moduleId: 'mlep-intro/week-1',
      status: 'done',
      at: '2026-10-02T10:00:00.000Z',
      minutes: 280,
      notes: [{ at: '2026-10-02T10:00:00.000Z', text: 'lab 1' }],
    });
    expect(ok(source, ['export']).stdout).toBe(readFileSync(file, 'utf8'));

    const target = tempDir();
    const imported = ok(target, ['import', file]);
    expect(imported.stderr).toContain(
      'Merged the import: 2 courses added to the roadmap (mlep-intro, hf-course)',
    );
    expect(views(target)).toEqual(views(source));
    // Import writes no log entry of its own.
    expect(json<LogJsonEntry[]>(ok(target, ['log', '--json']))).toHaveLength(
      json<LogJsonEntry[]>(ok(source, ['log', '--json'])).length,
    );
  });

  it('reads an export from stdin with -', () => {
    const source = history();
    const target = tempDir();
    const result = spawnSync(process.execPath, [BIN, 'import', '-'], {
      env: { ...process.env, ROADMAP_CONFIG_DIR: target, NO_COLOR: '1', ...env() },
      input: ok(source, ['export']).stdout,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(views(target)).toEqual(views(source));
  });

  it('merges two diverging histories by the documented rules', () => {
    const a = history();
    const b = tempDir();
    ok(a, ['export', join(a, 'base.json')]);
    ok(b, ['import', join(a, 'base.json')]);
    // Machine A goes on: marks week-2 done (it was skipped) and studies.
    ok(a, ['done', 'mlep-intro/week-2', '--note', 'did it after all'], '2026-10-20T10:00:00Z');
    ok(a, ['config', 'set', 'bar-width', '25'], '2026-10-20T11:00:00Z');
    // Machine B, meanwhile: marks week-3 done earlier than A will, adds a course, notes week-1.
    ok(b, ['done', 'mlep-intro/week-3', '--minutes', '200'], '2026-10-10T10:00:00Z');
    ok(b, ['add', 'made-with-ml'], '2026-10-11T10:00:00Z');
    ok(b, ['note', 'mlep-intro/week-1', 'from the laptop'], '2026-10-12T10:00:00Z');
    ok(b, ['config', 'set', 'bar-width', '40'], '2026-10-12T11:00:00Z');
    ok(a, ['done', 'mlep-intro/week-3'], '2026-10-21T10:00:00Z');
    const fromB = join(b, 'b.json');
    ok(b, ['export', fromB]);
    const logA = json<LogJsonEntry[]>(ok(a, ['log', '--json']));
    const logB = json<LogJsonEntry[]>(ok(b, ['log', '--json']));

    const merged = ok(a, ['import', fromB]);
    expect(merged.stderr).toContain('1 course added to the roadmap (made-with-ml)');
    expect(merged.stderr).toContain('Kept your own value for bar-width');
    const view = json<CourseView>(ok(a, ['show', 'mlep-intro', '--json']));
    const [w1, w2, w3] = view.modules;
    expect(w2).toMatchObject({ status: 'done', at: '2026-10-20T10:00:00.000Z' });
    // Both did week-3: the earlier date (B's) wins, with B's minutes.
    expect(w3).toMatchObject({
      status: 'done',
      at: '2026-10-10T10:00:00.000Z',
      minutesLogged: 200,
    });
    expect(w1!.notes.map((n) => n.text)).toEqual(['lab 1', 'from the laptop']);
    expect(json(ok(a, ['config', 'get', 'bar-width', '--json']))).toBe(25);
    expect(
      json<{ courses: { id: string }[] }>(ok(a, ['status', '--json'])).courses.map((c) => c.id),
    ).toEqual(['mlep-intro', 'hf-course', 'made-with-ml']);
    // Log entries are united by id: the shared history once, then each machine's own.
    const ids = new Set([...logA, ...logB].map((e) => e.id));
    expect(
      json<LogJsonEntry[]>(ok(a, ['log', '--json']))
        .map((e) => e.id)
        .sort(),
    ).toEqual([...ids].sort());
    // B's entries came after A's in the file, so replaying it would let B's bar-width beat A's:
    // an import entry holds the merged state, and a repair from the log alone rebuilds it.
    const entries = readFileSync(join(a, 'activity.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(entries.at(-1)!).type).toBe('import');
    const status = ok(a, ['status', '--json']).stdout;
    const shown = ok(a, ['show', 'mlep-intro', '--json']).stdout;
    writeFileSync(join(a, 'config.json'), '{broken');
    expect(ok(a, ['doctor', '--repair']).stdout).toContain('Rebuilt');
    expect(ok(a, ['status', '--json']).stdout).toBe(status);
    expect(ok(a, ['show', 'mlep-intro', '--json']).stdout).toBe(shown);
    expect(json(ok(a, ['config', 'get', 'bar-width', '--json']))).toBe(25);
    // Importing again changes nothing, and writes nothing, not even a backup; undo doesn't
    // reach across the first import.
    const configBefore = readFileSync(join(a, 'config.json'));
    const again = ok(a, ['import', fromB, '--json']);
    expect(again.stderr).toContain('Nothing to merge: your roadmap already holds everything');
    expect(JSON.parse(again.stdout)).toMatchObject({
      changed: false,
      backup: null,
      logBackup: null,
    });
    expect(readFileSync(join(a, 'config.json'))).toEqual(configBefore);
    const undo = run(a, ['undo'], env());
    expect(undo.code).toBe(1);
    expect(undo.stderr).toContain('back to the last repair or import');
    expect(readdirSync(join(a, 'backups')).filter((f) => f.startsWith('config-'))).toHaveLength(1);
  });

  it("undo stops at an import even after later changes, never reaching the other machine's", () => {
    const other = tempDir();
    ok(other, ['add', 'mlep-intro']);
    ok(other, ['done', 'mlep-intro/week-1']);
    const file = join(other, 'other.json');
    ok(other, ['export', file]);
    const here = tempDir();
    ok(here, ['import', file]);
    ok(here, ['done', 'mlep-intro/week-2']);
    expect(ok(here, ['undo']).stderr).toContain(
      'Undid: done mlep-intro/week-2 (2026-11-02 12:00). Nothing further back can be undone.',
    );
    const again = run(here, ['undo'], env());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      "Nothing to undo: the last change left is an import, which undo doesn't reverse.",
    );
    expect(again.stderr).toContain('If you had a roadmap here before the import, it kept a copy');
    const status = JSON.parse(ok(here, ['status', '--json']).stdout);
    expect(status.total.done).toBe(1);
  });

  it('importing your own export with a back-dated note changes nothing, and undo still works', () => {
    const dir = tempDir();
    ok(dir, ['add', 'mlep']);
    ok(dir, ['done', '--minutes', '90', '--note', 'finished the lab']);
    // Stored after the later note: a note added with an earlier --at.
    ok(dir, ['done', 'mlep-intro/week-1', '--at', '2026-03-01', '--note', 'lab 2']);
    const file = join(dir, 'mine.json');
    ok(dir, ['export', file]);
    const again = ok(dir, ['import', file, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({
      changed: false,
      backup: null,
      logBackup: null,
    });
    expect(ok(dir, ['undo']).stderr).toContain('Undid: note mlep-intro/week-1');
  });

  it.each([
    [
      'a different format',
      JSON.stringify({ format: 'something-else', version: 1 }),
      'its format is "something-else", not "roadmap-export", so it is not a roadmap export',
    ],
    [
      'a catalog, which `catalog import` takes',
      JSON.stringify({ formatVersion: 1, id: 'mine', courses: [] }),
      'this is a catalog of courses, not a roadmap export; import it with `roadmap catalog import FILE`',
    ],
    [
      'a newer version',
      JSON.stringify({ format: 'roadmap-export', version: 2, exportedAt: NOW }),
      'version 2 is newer',
    ],
    [
      'broken structure',
      JSON.stringify({
        format: 'roadmap-export',
        version: 1,
        exportedAt: NOW,
        roadmap: 'x',
        progress: [{}],
      }),
      'roadmap is not a list',
    ],
    ['invalid JSON', '{"format": "roadmap-export", ', 'is not valid JSON'],
    [
      'a deadline without a goal',
      `{"format":"roadmap-export","version":1,"exportedAt":"${NOW}","settings":{"goal-deadline":"2027-01-01"}}`,
      'a deadline needs a goal',
    ],
    [
      'a prototype key',
      `{"format":"roadmap-export","version":1,"exportedAt":"${NOW}","settings":{"__proto__":{"x":1}}}`,
      'the key "__proto__" is not allowed',
    ],
  ])('refuses %s and leaves the state byte for byte unchanged', (_, text, message) => {
    const dir = history();
    const before = [
      readFileSync(join(dir, 'config.json')),
      readFileSync(join(dir, 'activity.jsonl')),
    ];
    const file = join(dir, 'bad.json');
    writeFileSync(file, text);
    const result = run(dir, ['import', file], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/nothing was/i);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect([
      readFileSync(join(dir, 'config.json')),
      readFileSync(join(dir, 'activity.jsonl')),
    ]).toEqual(before);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('refuses an import over 256 MB before reading it', () => {
    const dir = history();
    const file = join(dir, 'huge.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 256 * 1024 * 1024 + 1); // sparse: no disk space, no memory
    closeSync(fd);
    const before = readFileSync(join(dir, 'config.json'));
    const result = run(dir, ['import', file], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is larger than 256 MB, so it was not read');
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);
  });

  it('--replace needs --yes without a terminal, then replaces and keeps a backup', () => {
    const source = history();
    const file = join(source, 'export.json');
    ok(source, ['export', file]);
    const target = tempDir();
    ok(target, ['add', 'made-with-ml']);
    const before = readFileSync(join(target, 'config.json'));
    const refused = run(target, ['import', file, '--replace'], env());
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Pass --yes as well');
    expect(readFileSync(join(target, 'config.json'))).toEqual(before);
    const replaced = ok(target, ['import', file, '--replace', '--yes']);
    expect(replaced.stderr).toContain('Replaced your state with the import: 2 courses');
    expect(views(target)).toEqual(views(source));
    const backups = readdirSync(join(target, 'backups'));
    expect(backups.filter((f) => f.startsWith('config-'))).toHaveLength(1);
    expect(
      readFileSync(join(target, 'backups', backups.find((f) => f.startsWith('config-'))!)),
    ).toEqual(before);
    // Saying where the backup is, and how to go back to it.
    const log = backups.find((f) => f.startsWith('activity-'))!;
    expect(replaced.stderr).toContain(`its activity log in ${join(target, 'backups', log)}`);
    expect(replaced.stderr).toContain('copy them over config.json and activity.jsonl');
    // --json names both copies too: a restore script needs the two.
    ok(target, ['add', 'made-with-ml']);
    const again = JSON.parse(ok(target, ['import', file, '--replace', '--yes', '--json']).stdout);
    expect(again.backup).toMatch(/backups\/config-.*\.json$/);
    expect(again.logBackup).toMatch(/backups\/activity-.*\.jsonl$/);
    expect(readFileSync(again.logBackup, 'utf8')).toContain('"made-with-ml"');
  });

  it('--replace with a state its log does not give: the log still rebuilds it (an import entry)', () => {
    const source = history();
    const file = join(source, 'export.json');
    ok(source, ['export', file]);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    // Edited by hand: progress the log never recorded; and a copy with no log at all.
    doc.progress.push({
      moduleId: 'hf-course/chapter1/3',
      status: 'done',
      at: '2026-10-08T10:00:00.000Z',
    });
    writeFileSync(file, JSON.stringify(doc));
    const bare = join(source, 'bare.json');
    writeFileSync(bare, JSON.stringify({ ...doc, log: undefined }));
    for (const input of [file, bare]) {
      const target = tempDir();
      ok(target, ['add', 'made-with-ml']);
      ok(target, ['import', input, '--replace', '--yes']);
      const imported = views(target);
      rmSync(join(target, 'config.json'));
      ok(target, ['doctor', '--repair']);
      expect(views(target), input).toEqual(imported);
      const show = JSON.parse(ok(target, ['show', 'hf-course', '--json']).stdout) as CourseView;
      expect(JSON.stringify(show)).toContain('"hf-course/chapter1/3"');
    }
  });

  it('a file where the backups folder goes stops --replace, saying so, with nothing changed', () => {
    const source = history();
    const file = join(source, 'export.json');
    ok(source, ['export', file]);
    const target = tempDir();
    ok(target, ['add', 'made-with-ml']);
    writeFileSync(join(target, 'backups'), 'x');
    const before = readFileSync(join(target, 'config.json'));
    const refused = run(target, ['import', file, '--replace', '--yes'], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `${join(target, 'backups')} is a file, where roadmap keeps a folder`,
    );
    expect(readFileSync(join(target, 'config.json'))).toEqual(before);
  });

  it('--replace keeps a copy of each imported catalog it removes', () => {
    const source = history();
    const file = join(source, 'export.json');
    ok(source, ['export', file]);
    const target = tempDir();
    ok(target, ['catalog', 'import', join(CATALOGS, 'valid/minimal.json')]);
    const catalog = readFileSync(join(target, 'catalogs', 'minimal.json'));
    const replaced = ok(target, ['import', file, '--replace', '--yes', '--json']);
    const result = JSON.parse(replaced.stdout);
    expect(result.catalogsRemoved).toEqual(['minimal']);
    expect(result.catalogBackups).toHaveLength(1);
    expect(result.catalogBackups[0]).toMatch(/backups\/catalog-minimal-.*\.json$/);
    expect(readFileSync(result.catalogBackups[0])).toEqual(catalog);
    expect(existsSync(join(target, 'catalogs', 'minimal.json'))).toBe(false);
    expect(replaced.stderr).toContain('A copy of the catalog it removed or replaced is in');
  });

  it('a setting from a newer version comes in with an import and can be unset', () => {
    const source = history();
    const doc = JSON.parse(ok(source, ['export']).stdout);
    doc.settings['colour-theme'] = 'dark';
    const file = join(source, 'newer.json');
    writeFileSync(file, JSON.stringify(doc));
    const target = tempDir();
    ok(target, ['import', file]);
    expect(ok(target, ['config', 'unset', 'colour-theme']).stderr).toContain(
      "Removed colour-theme, a setting roadmap doesn't know, from your settings.",
    );
    expect(
      JSON.parse(readFileSync(join(target, 'config.json'), 'utf8')).settings,
    ).not.toHaveProperty('colour-theme');
    // One that isn't there is still an unknown key.
    expect(run(target, ['config', 'unset', 'colour-theme'], env()).code).toBe(2);
  });

  it('keeps progress on ids no catalog knows, and says so', () => {
    const source = history();
    const doc = JSON.parse(ok(source, ['export']).stdout);
    doc.progress.push({
      moduleId: 'retired-course/lesson-1',
      status: 'done',
      at: '2026-01-01T00:00:00.000Z',
    });
    const file = join(source, 'orphans.json');
    writeFileSync(file, JSON.stringify(doc));
    const target = tempDir();
    const result = ok(target, ['import', file, '--json']);
    expect(JSON.parse(result.stdout).orphans).toEqual(['retired-course/lesson-1']);
    expect(result.stderr).toContain(
      '1 progress entry refers to modules no loaded catalog has (retired-course/lesson-1)',
    );
    expect(storedProgress(target)['retired-course/lesson-1']).toBeDefined();
  });
});

describe('two machines in turn', () => {
  type Module = {
    id: string;
    status: string | null;
    minutesLogged: number;
    notes: { text: string }[];
  };
  const module = (dir: string, course: string, id: string) =>
    json<{ modules: Module[] }>(ok(dir, ['show', course, '--json'])).modules.find(
      (m) => m.id === id,
    )!;
  const courses = (dir: string) =>
    json<{ courses: { id: string }[] }>(ok(dir, ['status', '--json'])).courses.map((c) => c.id);
  const sync = (from: string, to: string, name: string) => {
    const file = join(from, `${name}.json`);
    ok(from, ['export', file, '--force']);
    return ok(to, ['import', file]);
  };
  /** Both machines export, then each imports the other's export. */
  const crossed = (a: string, b: string) => {
    const fromA = join(a, 'cross-a.json');
    const fromB = join(b, 'cross-b.json');
    ok(a, ['export', fromA]);
    ok(b, ['export', fromB]);
    return [ok(a, ['import', fromB]), ok(b, ['import', fromA])] as const;
  };
  /** The scripted history on one machine, and a second machine that imported it. */
  const fromHistory = (name: string) => {
    const a = history();
    const b = tempDir();
    sync(a, b, name);
    return [a, b] as const;
  };
  /** A roadmap of `courses`, and a second machine that imported it. */
  const twoMachines = (...courses: string[]) => {
    const a = tempDir();
    const b = tempDir();
    ok(a, ['add', ...courses], '2026-10-01T10:00:00Z');
    sync(a, b, 'a0');
    return [a, b] as const;
  };

  it('takes what was reset, undone, removed or moved on the machine whose history holds yours', () => {
    const a = history();
    const b = tempDir();
    ok(a, ['config', 'set', 'bar-width', '25'], '2026-10-08T10:00:00Z');
    sync(a, b, 'a1');
    ok(b, ['reset', 'mlep-intro/week-1'], '2026-10-20T10:00:00Z');
    ok(b, ['add', 'made-with-ml'], '2026-10-20T11:00:00Z');
    ok(b, ['move', 'made-with-ml', '--to', '1'], '2026-10-20T12:00:00Z');
    ok(b, ['remove', 'hf-course', '--yes'], '2026-10-20T13:00:00Z');
    ok(b, ['done', 'made-with-ml/setup'], '2026-10-21T10:00:00Z');
    ok(b, ['undo'], '2026-10-21T10:01:00Z');
    ok(b, ['config', 'set', 'bar-width', '40'], '2026-10-21T11:00:00Z');
    const merged = sync(b, a, 'b1');
    expect(merged.stderr).toContain(
      'Its history holds all of yours, so its roadmap was taken as it is',
    );
    expect(merged.stderr).toContain('1 course taken off the roadmap (hf-course)');
    expect(courses(a)).toEqual(['made-with-ml', 'mlep-intro']);
    // The reset module keeps its 280 minutes and its note once, as a session and a note.
    expect(module(a, 'mlep-intro', 'mlep-intro/week-1')).toMatchObject({
      status: 'todo',
      minutesLogged: 280,
      notes: [{ text: 'lab 1' }],
    });
    expect(module(a, 'made-with-ml', 'made-with-ml/setup').status).toBe('todo');
    // A setting changed there since, and not here, comes too.
    expect(merged.stderr).toContain('settings bar-width');
    expect(json(ok(a, ['config', 'get', 'bar-width', '--json']))).toBe(40);
    // And B, importing A's export now, has nothing to take.
    expect(sync(a, b, 'a2').stderr).toContain('Nothing to merge');
    expect(ok(a, ['doctor']).code).toBe(0);
  });

  it('brings nothing from an export older than changes made here since', () => {
    const [a, b] = fromHistory('a1');
    ok(a, ['reset', 'mlep-intro/week-1'], '2026-10-20T10:00:00Z');
    ok(a, ['done', 'mlep-intro/week-1', '--minutes', '90'], '2026-10-21T10:00:00Z');
    const again = sync(b, a, 'b1');
    expect(again.stderr).toContain('Nothing to merge');
    expect(module(a, 'mlep-intro', 'mlep-intro/week-1')).toMatchObject({
      status: 'done',
      minutesLogged: 370,
      notes: [{ text: 'lab 1' }],
    });
  });

  it('still catches up after a merge whose own record the other machine left out', () => {
    const [a, b] = twoMachines('mlep-intro', 'hf-course');
    ok(b, ['skip', 'mlep-intro/week-1'], '2026-10-02T10:00:00Z');
    ok(a, ['done', 'mlep-intro/week-1'], '2026-10-02T11:00:00Z');
    sync(a, b, 'a1');
    sync(b, a, 'b1');
    // A recorded that merge whole (an `import` entry); B has nothing to take from it.
    ok(a, ['export', join(a, 'a2.json')]);
    const nothing = JSON.parse(ok(b, ['import', join(a, 'a2.json'), '--json']).stdout);
    expect(nothing).toMatchObject({
      changed: false,
      merge: { caughtUp: false, logAdded: 0, progressChanged: 0 },
    });
    ok(b, ['move', 'hf-course', '--before', 'mlep-intro'], '2026-10-03T10:00:00Z');
    ok(b, ['reset', 'mlep-intro/week-1'], '2026-10-03T10:05:00Z');
    expect(sync(b, a, 'b2').stderr).toContain('Its history holds all of yours');
    expect(courses(a)).toEqual(['hf-course', 'mlep-intro']);
    expect(module(a, 'mlep-intro', 'mlep-intro/week-1').status).toBe('todo');
    expect(sync(a, b, 'a3').stderr).toContain('Nothing to merge');
    expect(module(b, 'mlep-intro', 'mlep-intro/week-1').status).toBe('todo');
  });

  it('imported crosswise after both changed the same thing, both machines make the same choice', () => {
    const [a, b] = fromHistory('a0');
    ok(a, ['reset', 'mlep-intro/week-1'], '2026-10-20T10:00:00Z');
    ok(a, ['done', 'mlep-intro/week-1', '--minutes', '30'], '2026-10-20T10:01:00Z');
    ok(a, ['config', 'set', 'bar-width', '30'], '2026-10-20T10:02:00Z');
    ok(b, ['reset', 'mlep-intro/week-1'], '2026-10-20T11:00:00Z');
    ok(b, ['config', 'set', 'bar-width', '40'], '2026-10-20T11:01:00Z');
    ok(b, ['config', 'unset', 'idle-days'], '2026-10-20T11:02:00Z');
    const [intoA, intoB] = crossed(a, b);
    expect(intoA.stderr).toContain('settings bar-width');
    expect(intoB.stderr).toContain(
      'Kept your own value for bar-width (set here, or changed here later than there).',
    );
    // B's bar-width is the later change, and stands on both machines; A's new done, which B
    // never saw, is kept on both.
    for (const dir of [a, b]) {
      expect(module(dir, 'mlep-intro', 'mlep-intro/week-1')).toMatchObject({
        status: 'done',
        minutesLogged: 310,
      });
      expect(json(ok(dir, ['config', 'get', 'bar-width', '--json']))).toBe(40);
      expect(json(ok(dir, ['config', 'get', 'idle-days', '--json']))).toBe(7);
    }
    expect(sync(a, b, 'a1').stderr).toContain('Nothing to merge');
    // B recorded its merge whole (an `import` entry); A takes nothing from it, and says so.
    ok(b, ['export', join(b, 'b1.json')]);
    expect(JSON.parse(ok(a, ['import', join(b, 'b1.json'), '--json']).stdout)).toMatchObject({
      changed: false,
      merge: { caughtUp: false, logAdded: 0 },
    });
  });

  it('a reset on one machine and more on the same mark on the other: the later stands, each minute and note once', () => {
    for (const resetLater of [true, false]) {
      const [a, b] = twoMachines('mlep-intro');
      ok(
        a,
        ['done', 'mlep-intro/week-1', '--minutes', '100', '--note', 'A done'],
        '2026-10-02T09:00:00Z',
      );
      sync(a, b, 'a1');
      const [resetAt, moreAt] = resetLater
        ? ['2026-10-02T11:00:00Z', '2026-10-02T10:00:00Z']
        : ['2026-10-02T10:00:00Z', '2026-10-02T11:00:00Z'];
      ok(b, ['done', 'mlep-intro/week-1', '--minutes', '20', '--note', 'B extra'], moreAt);
      ok(a, ['reset', 'mlep-intro/week-1'], resetAt);
      ok(a, ['export', join(a, 'a2.json')]);
      const merged = JSON.parse(ok(b, ['import', join(a, 'a2.json'), '--json']).stdout);
      expect(merged.merge, String(resetLater)).toMatchObject({
        progressAdded: 0,
        progressChanged: resetLater ? 1 : 0,
        journalChanged: resetLater ? 1 : 0,
      });
      sync(b, a, 'b2');
      for (const dir of [a, b]) {
        expect(module(dir, 'mlep-intro', 'mlep-intro/week-1'), String(resetLater)).toMatchObject({
          status: resetLater ? 'todo' : 'done',
          minutesLogged: 120,
          notes: [{ text: 'A done' }, { text: 'B extra' }],
        });
      }
      expect(sync(a, b, 'a3').stderr).toContain('Nothing to merge');
    }
  });

  it('a reset against more on its mark settles alike in its neighbouring cases', () => {
    type Step = [machine: 'a' | 'b', args: string[], at: string];
    const cases: Array<[string, Step[], { status: string; minutes: number; notes: string[] }]> = [
      [
        'changed and changed back on the other machine: the reset stands',
        [
          ['a', ['reset', 'mlep-intro/week-1'], '2026-10-02T10:00:00Z'],
          [
            'b',
            ['done', 'mlep-intro/week-1', '--minutes', '20', '--note', 'n2'],
            '2026-10-02T11:00:00Z',
          ],
          ['b', ['undo'], '2026-10-02T11:10:00Z'],
        ],
        { status: 'todo', minutes: 30, notes: ['n1'] },
      ],
      [
        'reset and done anew on one machine, a note on the old mark on the other',
        [
          ['a', ['reset', 'mlep-intro/week-1'], '2026-10-02T10:00:00Z'],
          ['a', ['done', 'mlep-intro/week-1', '--minutes', '10'], '2026-10-02T10:30:00Z'],
          ['b', ['note', 'mlep-intro/week-1', 'n2'], '2026-10-02T11:00:00Z'],
        ],
        { status: 'done', minutes: 40, notes: ['n1', 'n2'] },
      ],
    ];
    cases.push(
      [
        'a note added before the reset stays when the other mark stands',
        [
          ['a', ['note', 'mlep-intro/week-1', 'n3'], '2026-10-02T10:00:00Z'],
          ['a', ['reset', 'mlep-intro/week-1'], '2026-10-02T10:30:00Z'],
          ['b', ['done', 'mlep-intro/week-1', '--note', 'n2'], '2026-10-02T11:00:00Z'],
        ],
        { status: 'done', minutes: 30, notes: ['n1', 'n3', 'n2'] },
      ],
      [
        'a skip done and reset on one machine, skipped again with more time on the other',
        [
          ['a', ['done', 'mlep-intro/week-1'], '2026-10-02T10:00:00Z'],
          ['a', ['reset', 'mlep-intro/week-1'], '2026-10-02T10:30:00Z'],
          [
            'b',
            ['skip', 'mlep-intro/week-1', '--minutes', '20', '--note', 'n2'],
            '2026-10-02T11:00:00Z',
          ],
        ],
        { status: 'skipped', minutes: 50, notes: ['n1', 'n2'] },
      ],
    );
    for (const skip of [false, true])
      for (const resetLater of [true, false])
        cases.push([
          `a ${skip ? 'skip' : 'done'} reset ${resetLater ? 'after' : 'before'} a done over it`,
          [
            [
              'a',
              ['reset', 'mlep-intro/week-1'],
              resetLater ? '2026-10-02T11:00:00Z' : '2026-10-02T10:00:00Z',
            ],
            [
              'b',
              ['done', 'mlep-intro/week-1', '--minutes', '20', '--note', 'n2'],
              resetLater ? '2026-10-02T10:00:00Z' : '2026-10-02T11:00:00Z',
            ],
          ],
          { status: resetLater ? 'todo' : 'done', minutes: 50, notes: ['n1', 'n2'] },
        ]);
    for (const [name, steps, expected] of cases) {
      const [a, b] = twoMachines('mlep-intro');
      const first = name.includes('skip') ? 'skip' : 'done';

      ok(
        a,
        [first, 'mlep-intro/week-1', '--minutes', '30', '--note', 'n1'],
        '2026-10-02T09:05:00Z',
      );
      sync(a, b, 'a1');
      for (const [machine, args, at] of [...steps].sort((x, y) => x[2].localeCompare(y[2])))
        ok(machine === 'a' ? a : b, args, at);
      sync(a, b, 'a2');
      sync(b, a, 'b2');
      for (const dir of [a, b]) {
        const found = module(dir, 'mlep-intro', 'mlep-intro/week-1');
        expect(
          {
            status: found.status,
            minutes: found.minutesLogged,
            notes: found.notes.map((n) => n.text),
          },
          name,
        ).toEqual(expected);
      }
      expect(sync(a, b, 'a3').stderr, name).toContain('Nothing to merge');
    }
  });

  it('a conflict settled on one machine stays settled when its export comes back to the other', () => {
    const [a, b] = twoMachines('mlep-intro');
    ok(a, ['done', 'mlep-intro/week-1', '--minutes', '30', '--note', 'n1'], '2026-10-01T10:01:00Z');
    sync(a, b, 'a1');
    ok(a, ['reset', 'mlep-intro/week-1'], '2026-10-01T10:04:00Z');
    ok(b, ['done', 'mlep-intro/week-1', '--minutes', '20', '--note', 'b2'], '2026-10-01T10:05:00Z');
    sync(a, b, 'a2');
    // The resetting machine goes on with something else before it imports back.
    ok(a, ['study', 'mlep-intro/week-2', '--minutes', '5'], '2026-10-01T10:08:00Z');
    sync(b, a, 'b1');
    sync(a, b, 'a3');
    for (const dir of [a, b]) {
      expect(module(dir, 'mlep-intro', 'mlep-intro/week-1')).toMatchObject({
        status: 'done',
        minutesLogged: 50,
        notes: [{ text: 'n1' }, { text: 'b2' }],
      });
      expect(json<StatusJson>(ok(dir, ['status', '--json'])).total.minutesLogged).toBe(55);
    }
    expect(sync(b, a, 'b2').stderr).toContain('Nothing to merge');
  });

  it('a mark that stood over a reset, come by way of a third machine, counts once', () => {
    const [a, b] = twoMachines('mlep-intro');
    ok(a, ['done', 'mlep-intro/week-1', '--minutes', '60', '--note', 'n1'], '2026-10-01T11:00:00Z');
    sync(a, b, 'a1');
    const c = tempDir();
    sync(a, c, 'a1c');
    ok(a, ['reset', 'mlep-intro/week-1'], '2026-10-02T10:00:00Z');
    ok(b, ['done', 'mlep-intro/week-1', '--minutes', '30', '--note', 'n2'], '2026-10-03T10:00:00Z');
    sync(a, b, 'a2');
    ok(c, ['done', 'mlep-intro/week-1', '--minutes', '15', '--note', 'n4'], '2026-10-04T10:00:00Z');
    sync(b, c, 'b2');
    sync(c, a, 'c2');
    sync(c, b, 'c3');
    for (const dir of [a, b, c]) {
      const found = module(dir, 'mlep-intro', 'mlep-intro/week-1');
      expect([found.status, found.minutesLogged, found.notes.map((n) => n.text)]).toEqual([
        'done',
        105,
        ['n1', 'n2', 'n4'],
      ]);
    }
  });

  it('a replace with the same export again writes nothing, not even a backup', () => {
    const [a, b] = twoMachines('mlep-intro');
    ok(a, ['done', 'mlep-intro/week-1'], '2026-10-01T10:05:00Z');
    ok(a, ['export', join(a, 'a1.json')]);
    ok(b, ['import', join(a, 'a1.json'), '--replace', '--yes']);
    const backups = readdirSync(join(b, 'backups')).sort();
    const config = readFileSync(join(b, 'config.json'));
    const again = ok(b, ['import', join(a, 'a1.json'), '--replace', '--yes', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({
      mode: 'replace',
      changed: false,
      backup: null,
    });
    expect(ok(b, ['import', join(a, 'a1.json'), '--replace', '--yes']).stderr).toContain(
      'Nothing to replace',
    );
    expect(readdirSync(join(b, 'backups')).sort()).toEqual(backups);
    expect(readFileSync(join(b, 'config.json'))).toEqual(config);
    // A damaged line in the log, which reading skips, is a difference: the replace mends it.
    appendFileSync(join(b, 'activity.jsonl'), 'garbage\n');
    expect(
      JSON.parse(ok(b, ['import', join(a, 'a1.json'), '--replace', '--yes', '--json']).stdout),
    ).toMatchObject({ changed: true });
    expect(readFileSync(join(b, 'activity.jsonl'), 'utf8')).not.toContain('garbage');
    // Anything different is replaced as before.
    ok(a, ['note', 'mlep-intro/week-1', 'more'], '2026-10-01T10:06:00Z');
    ok(a, ['export', join(a, 'a2.json')]);
    expect(
      JSON.parse(ok(b, ['import', join(a, 'a2.json'), '--replace', '--yes', '--json']).stdout),
    ).toMatchObject({ changed: true });
  });

  it('says which settings the merge unset, as the other machine had', () => {
    const [a, b] = twoMachines('mlep-intro');
    ok(a, ['config', 'set', 'bar-width', '30'], '2026-10-01T10:01:00Z');
    ok(a, ['goal', '--hours-per-week', '5', '--deadline', '2026-12-31'], '2026-10-01T10:02:00Z');
    sync(a, b, 'a1');
    ok(a, ['config', 'unset', 'bar-width'], '2026-10-01T11:00:00Z');
    ok(a, ['goal', '--deadline', 'none'], '2026-10-01T11:01:00Z');
    ok(b, ['note', 'mlep-intro/week-1', 'b note'], '2026-10-01T11:02:00Z');
    ok(a, ['export', join(a, 'a2.json')]);
    const merged = ok(b, ['import', join(a, 'a2.json')]);
    expect(merged.stderr).toContain('settings unset bar-width, goal-deadline');
    ok(a, ['export', join(a, 'a3.json')]);
    const again = JSON.parse(ok(tempDir(), ['import', join(a, 'a3.json'), '--json']).stdout);
    expect(again.merge.settingsRemoved).toEqual([]);
    expect(json(ok(b, ['config', 'get', 'bar-width', '--json']))).toBe(20);
  });

  it('an undo of a reset on one machine counts its minutes and note once after a merge', () => {
    const [a, b] = twoMachines('mlep-intro');
    ok(
      b,
      ['done', 'mlep-intro/week-1', '--minutes', '30', '--note', 'lab1'],
      '2026-10-01T11:00:00Z',
    );
    ok(b, ['reset', 'mlep-intro/week-1'], '2026-10-01T11:20:00Z');
    sync(b, a, 'b1');
    ok(b, ['undo'], '2026-10-01T11:40:00Z');
    ok(a, ['note', 'mlep-intro/week-2', 'hello'], '2026-10-01T11:50:00Z');
    sync(b, a, 'b2');
    sync(a, b, 'a2');
    for (const dir of [a, b]) {
      expect(module(dir, 'mlep-intro', 'mlep-intro/week-1')).toMatchObject({
        status: 'done',
        minutesLogged: 30,
        notes: [{ text: 'lab1' }],
      });
    }
  });

  it('notes of the same moment from two machines read in the same order on both', () => {
    const [a, b] = twoMachines('mlep-intro');
    ok(a, ['note', 'mlep-intro/week-1', 'from B'], '2026-10-01T11:00:00Z');
    ok(b, ['note', 'mlep-intro/week-1', 'from A'], '2026-10-01T11:00:00Z');
    crossed(a, b);
    const notes = (dir: string) =>
      module(dir, 'mlep-intro', 'mlep-intro/week-1').notes.map((n) => n.text);
    expect(notes(a)).toEqual(['from A', 'from B']);
    expect(notes(b)).toEqual(['from A', 'from B']);
  });

  it('counts what catching up changed, not every entry it took', () => {
    const [a, b] = twoMachines('hf-course');
    for (const day of ['02', '03', '04'])
      ok(a, ['done', '--minutes', '30'], `2026-10-${day}T10:00:00Z`);
    sync(a, b, 'a1');
    ok(a, ['note', 'hf-course/chapter0/1', 'just a note'], '2026-10-05T10:00:00Z');
    const file = join(a, 'a2.json');
    ok(a, ['export', file]);
    const merged = JSON.parse(ok(b, ['import', file, '--json']).stdout);
    expect(merged.merge).toMatchObject({
      caughtUp: true,
      progressAdded: 0,
      progressChanged: 0,
      journalChanged: 1,
      coursesChanged: 0,
    });
  });

  it('a setting unset on one machine stays unset after a merge', () => {
    const a = tempDir();
    const b = tempDir();
    ok(a, ['add', 'mlep-intro'], '2026-10-01T10:00:00Z');
    ok(a, ['config', 'set', 'bar-width', '30'], '2026-10-01T10:01:00Z');
    sync(a, b, 'a0');
    ok(a, ['config', 'unset', 'bar-width'], '2026-10-02T10:00:00Z');
    ok(b, ['done', 'mlep-intro/week-1'], '2026-10-02T11:00:00Z');
    sync(b, a, 'b1');
    const unset = (dir: string) =>
      json<Array<{ key: string; isSet: boolean }>>(ok(dir, ['config', 'list', '--json'])).find(
        (s) => s.key === 'bar-width',
      )!.isSet;
    expect(unset(a)).toBe(false);
    sync(a, b, 'a1');
    expect(unset(b)).toBe(false);
  });

  it('when both went on: a reset wins over the entry it reset, and a skip keeps its minutes', () => {
    const [a, b] = fromHistory('a1');
    ok(a, ['reset', 'mlep-intro/week-1'], '2026-10-20T10:00:00Z');
    ok(a, ['skip', 'hf-course/chapter1/3', '--minutes', '50'], '2026-10-20T11:00:00Z');
    ok(b, ['done', 'hf-course/chapter1/3', '--minutes', '100'], '2026-10-20T12:00:00Z');
    // Study logged on the other machine at the very time of the reset entry is study, no reset.
    ok(
      b,
      ['study', 'mlep-intro/week-2', '--minutes', '30', '--at', '2026-10-20T10:00'],
      '2026-10-20T13:00:00Z',
    );
    ok(
      a,
      ['done', 'mlep-intro/week-2', '--minutes', '30', '--at', '2026-10-20T10:00'],
      '2026-10-20T14:00:00Z',
    );
    // A setting changed on both sides takes the later change on both; one changed on one side
    // travels.
    ok(a, ['config', 'set', 'idle-days', '5'], '2026-10-20T15:00:00Z');
    ok(b, ['config', 'set', 'idle-days', '9'], '2026-10-20T15:01:00Z');
    ok(b, ['config', 'set', 'week-start', 'sunday'], '2026-10-20T15:00:00Z');
    sync(b, a, 'b1');
    sync(a, b, 'a2');
    expect(json(ok(a, ['config', 'get', 'idle-days', '--json']))).toBe(9);
    expect(json(ok(b, ['config', 'get', 'idle-days', '--json']))).toBe(9);
    expect(json(ok(a, ['config', 'get', 'week-start', '--json']))).toBe('sunday');
    for (const dir of [a, b]) {
      expect(module(dir, 'mlep-intro', 'mlep-intro/week-1')).toMatchObject({
        status: 'todo',
        minutesLogged: 280,
        notes: [{ text: 'lab 1' }],
      });
      expect(module(dir, 'hf-course', 'hf-course/chapter1/3')).toMatchObject({
        status: 'done',
        minutesLogged: 150,
      });
      expect(module(dir, 'mlep-intro', 'mlep-intro/week-2')).toMatchObject({
        status: 'done',
        minutesLogged: 60,
      });
    }
    // And once more changes nothing either way.
    expect(sync(a, b, 'a3').stderr).toContain('Nothing to merge');
    expect(sync(b, a, 'b3').stderr).toContain('Nothing to merge');
  });
});

describe('import and export edge cases', () => {
  it('refuses a folder, implausible dates and minutes, and an existing file without --force', () => {
    const dir = history();
    const before = readFileSync(join(dir, 'config.json'));
    const folder = run(dir, ['import', dir], env());
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain('is a folder, not an export file');
    expect(folder.stderr).not.toMatch(/\n\s+at /);
    const missing = run(dir, ['import', join(dir, 'nope.json')], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error: There is no file ${join(dir, 'nope.json')}. Nothing was imported.\nCheck the file name.\n`,
    );

    const doc = JSON.parse(ok(dir, ['export']).stdout);
    doc.progress[0].at = '2099-01-01T00:00:00.000Z';
    doc.journal[0].sessions[0].minutes = 99999;
    doc.journal[0].notes = [
      { at: '2026-10-04T10:00:00.000Z', text: 'x'.repeat(2001) },
      { at: '2026-10-04T10:00:00.000Z', text: '  ' },
    ];
    const file = join(dir, 'odd.json');
    writeFileSync(file, JSON.stringify(doc));
    const odd = run(dir, ['import', file], env());
    expect(odd.code).toBe(1);
    expect(odd.stderr).toContain(
      "progress mlep-intro/week-1: 2099-01-01T00:00:00.000Z is in the future, more than a day after this machine's clock",
    );
    expect(odd.stderr).toContain('session: 99999 minutes is more than a day');
    expect(odd.stderr).toContain('note: the text is longer than 2,000 characters');
    expect(odd.stderr).toContain('note: the text is blank');
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);

    // Time logged on a project is held to the same rules as study time, and a malformed
    // session is named.
    const project = JSON.parse(ok(dir, ['export']).stdout);
    project.projects = [
      {
        courseId: 'mlep-intro',
        title: 'Mine',
        stage: 'started',
        stages: [{ at: '2026-10-04T10:00:00.000Z', stage: 'started' }],
        sessions: [
          { at: '2031-01-01T00:00:00.000Z', minutes: 60 },
          { at: '1990-01-01T00:00:00.000Z', minutes: 10 },
          { at: '2026-10-04T10:00:00.000Z', minutes: 1441 },
          { at: '2026-10-04T11:00:00.000Z', minutes: 30, note: ' ' },
        ],
      },
    ];
    writeFileSync(file, JSON.stringify(project));
    const sessions = run(dir, ['import', file], env());
    expect(sessions.code).toBe(1);
    for (const problem of [
      'projects mlep-intro session: 2031-01-01T00:00:00.000Z is in the future',
      'projects mlep-intro session: 1990-01-01T00:00:00.000Z is before 2000',
      'projects mlep-intro session: 1441 minutes is more than a day',
      'projects mlep-intro session: the text is blank',
    ])
      expect(sessions.stderr).toContain(problem);
    project.projects = [
      {
        courseId: 'mlep-data',
        title: 'Other',
        stage: 'idea',
        stages: [{ at: '2026-10-04T10:00:00.000Z', stage: 'idea' }],
        sessions: [{ at: '2026-10-04T10:00:00.000Z', minutes: 30.5 }],
      },
    ];
    writeFileSync(file, JSON.stringify(project));
    expect(run(dir, ['import', file], env()).stderr).toContain(
      'projects[0] (mlep-data) is malformed: projects["mlep-data"].sessions[0]',
    );
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);

    // Dates that don't exist are refused: 31 February would read as 3 March, 25:99 as no time,
    // and `status` would fail on it.
    const impossible = JSON.parse(ok(dir, ['export']).stdout);
    impossible.progress[0].at = '2026-02-31T25:99:00Z';
    impossible.journal[0].sessions[0].at = '2026-02-29T10:00:00.000Z';
    impossible.courses[0].transitions[0].at = '2026-13-45T10:00:00.000Z';
    writeFileSync(file, JSON.stringify(impossible));
    const dates = run(dir, ['import', file], env());
    expect(dates.code).toBe(1);
    expect(dates.stderr).toContain(
      'progress[0] (mlep-intro/week-1): at is "2026-02-31T25:99:00Z", a date or time of day that does not exist',
    );
    expect(dates.stderr).toMatch(
      /journal\[0\] \(\S+\) is malformed: journal\["\S+"\]\.sessions\[0\]/,
    );
    expect(dates.stderr).toMatch(
      /courses\[0\] \(\S+\) is malformed: courses\["\S+"\]\.transitions\[0\]/,
    );
    expect(dates.stderr).not.toContain('in the future');
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);

    // An export can't claim to be made later than now, to let later dates in.
    const future = JSON.parse(ok(dir, ['export']).stdout);
    future.exportedAt = '2030-01-01T00:00:00.000Z';
    future.progress[0].at = '2029-06-01T00:00:00.000Z';
    writeFileSync(file, JSON.stringify(future));
    const later = run(dir, ['import', file], env());
    expect(later.code).toBe(1);
    expect(later.stderr).toContain('exportedAt 2030-01-01T00:00:00.000Z is in the future');
    expect(later.stderr).toContain(
      'progress mlep-intro/week-1: 2029-06-01T00:00:00.000Z is in the future',
    );
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);

    // An export made while its machine's clock was behind its entries is still a backup.
    const behind = JSON.parse(ok(dir, ['export']).stdout);
    behind.exportedAt = '2026-01-01T00:00:00.000Z';
    writeFileSync(file, JSON.stringify(behind));
    const restore = tempDir();
    const restored = run(restore, ['import', file], env());
    expect(restored.code).toBe(0);
    expect(restored.stderr).toContain('Merged the import');

    // roadmap's own files, even with --force, and through a link.
    const log = readFileSync(join(dir, 'activity.jsonl'));
    for (const target of [join(dir, 'activity.jsonl'), join(dir, 'config.json')]) {
      const own = run(dir, ['export', target, '--force'], env());
      expect(own.code).toBe(1);
      expect(own.stderr).toContain("is one of roadmap's own files");
      expect(own.stderr).not.toContain('--force');
    }
    const link = join(tempDir(), 'link.json');
    symlinkSync(join(dir, 'activity.jsonl'), link);
    const linked = run(dir, ['export', link, '--force'], env());
    expect(linked.code).toBe(1);
    expect(linked.stderr).toContain(
      `leads to ${join(dir, 'activity.jsonl')}, one of roadmap's own`,
    );
    expect(readFileSync(join(dir, 'activity.jsonl'))).toEqual(log);
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);

    const toFolder = run(dir, ['export', dir, '--force'], env());
    expect(toFolder.code).toBe(1);
    expect(toFolder.stderr).toContain('is a folder; nothing was written.');
    expect(toFolder.stderr).toContain(`roadmap export ${join(dir, 'roadmap-export.json')}`);
    expect(run(dir, ['export', ''], env()).code).toBe(2);

    const out = join(dir, 'out.json');
    writeFileSync(out, 'keep me');
    const refused = run(dir, ['export', out], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists; nothing was written');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    ok(dir, ['export', out, '--force']);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('roadmap-export');
  });

  it('two identical sessions survive importing your own export, and undo still works after it', () => {
    const dir = tempDir();
    ok(dir, ['add', 'mlep-intro'], '2026-03-02T09:00:00Z');
    // Two 30-minute sessions logged for the same day: nothing tells them apart but their count.
    for (const now of ['2026-03-03T10:00:00Z', '2026-03-03T20:00:00Z'])
      ok(dir, ['study', 'mlep-intro/week-2', '--minutes', '30', '--at', '2026-03-03'], now);
    const logged = () =>
      json<CourseView>(ok(dir, ['show', 'mlep-intro', '--json'])).modules[1]!.minutesLogged;
    expect(logged()).toBe(60);
    const file = join(dir, 'self.json');
    ok(dir, ['export', file]);
    const again = ok(dir, ['import', file, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ changed: false });
    expect(logged()).toBe(60);
    // Nothing was written, so the last change can still be undone.
    expect(ok(dir, ['undo']).stderr).toContain('Undid: study mlep-intro/week-2');
    expect(logged()).toBe(30);
  });

  it('a shipped project is not lost to an idea recorded later on the other machine', () => {
    const laptop = tempDir();
    const desktop = tempDir();
    ok(laptop, ['add', 'mlep-intro', 'mlep-data'], '2026-03-02T09:00:00Z');
    ok(desktop, ['add', 'mlep-intro', 'mlep-data'], '2026-03-02T09:00:00Z');
    ok(
      laptop,
      ['project', 'mlep-intro', 'Drift alerts', '--estimate', '10'],
      '2026-03-03T10:00:00Z',
    );
    ok(laptop, ['project', 'mlep-intro', '--shipped', 'v1'], '2026-03-03T10:30:00Z');
    ok(desktop, ['project', 'mlep-intro', 'Some idea', '--goal', 'mail'], '2026-03-03T11:00:00Z');
    const file = join(desktop, 'desktop.json');
    ok(desktop, ['export', file], '2026-03-03T12:00:00Z');
    ok(laptop, ['import', file], '2026-03-03T12:00:00Z');
    const [project] = json<Array<Record<string, unknown>>>(
      ok(laptop, ['project', '--json'], '2026-03-03T12:00:00Z'),
    );
    expect(project).toMatchObject({
      title: 'Drift alerts',
      stage: 'shipped',
      shippedRef: 'v1',
      estimateMinutes: 600,
      goal: 'mail',
    });
  });

  it('reports progress on modules only a newer version of a kept catalog has as orphans', () => {
    const laptop = tempDir();
    const desktop = tempDir();
    const version = (modules: string[]) => {
      const file = join(laptop, `${modules.length}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          formatVersion: 1,
          id: 'my-reading',
          courses: [
            {
              id: 'book',
              title: 'A book',
              provider: 'Me',
              url: 'https://example.com/book',
              modules: modules.map((id) => ({
                id,
                title: id,
                url: `https://example.com/${id}`,
                minutes: 60,
                minutesBasis: 'assumed',
              })),
            },
          ],
        }),
      );
      return file;
    };
    const v1 = version(['book/ch1']);
    ok(desktop, ['catalog', 'import', v1]);
    ok(laptop, ['catalog', 'import', v1]);
    ok(laptop, ['catalog', 'import', version(['book/ch1', 'book/ch2'])]);
    ok(laptop, ['add', 'book']);
    ok(laptop, ['done', 'book/ch2']);
    const file = join(laptop, 'laptop.json');
    ok(laptop, ['export', file]);
    // The desktop keeps its own version of my-reading, which has no book/ch2.
    const merged = ok(desktop, ['import', file, '--json']);
    expect(JSON.parse(merged.stdout)).toMatchObject({
      catalogsKept: ['my-reading'],
      orphans: ['book/ch2'],
    });
    expect(merged.stderr).toContain('1 progress entry refers to modules no loaded catalog has');
  });

  it('--replace refuses a document that leaves out your progress; a merge takes what is there', () => {
    const dir = history();
    const before = readFileSync(join(dir, 'config.json'));
    const file = join(dir, 'partial.json');
    const { progress: _p, journal: _j, ...partial } = JSON.parse(ok(dir, ['export']).stdout);
    writeFileSync(file, JSON.stringify(partial));
    const refused = run(dir, ['import', file, '--replace', '--yes'], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'progress is missing (a list, possibly empty), which --replace would empty',
    );
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);
    expect(ok(dir, ['import', file]).stderr).toContain('Nothing to merge');
  });

  it('accepts a file that starts with a byte-order mark', () => {
    const source = history();
    const file = join(source, 'bom.json');
    writeFileSync(file, `\uFEFF${ok(source, ['export']).stdout}`);
    const target = tempDir();
    ok(target, ['import', file]);
    expect(views(target)).toEqual(views(source));
  });

  it('refuses a file that is not UTF-8, naming the line, rather than keep U+FFFD in a note', () => {
    const source = history();
    const text = ok(source, ['export']).stdout;
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"id"'));
    const file = join(source, 'latin1.json');
    // "é" as Latin-1: one byte, 0xE9, that UTF-8 never has alone.
    lines[at] = lines[at]!.replace('"id"', '"id\u00e9"');
    writeFileSync(file, Buffer.from(lines.join('\n'), 'latin1'));
    const target = tempDir();
    for (const args of [
      ['import', file],
      ['catalog', 'validate', file],
    ]) {
      const refused = run(target, args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `is not UTF-8 text: line ${at + 1} has bytes that aren't UTF-8.`,
      );
      expect(refused.stderr).toContain('Save the file as UTF-8 and try again.');
    }
    expect(existsSync(join(target, 'config.json'))).toBe(false);
  });
});

describe('catalogs an import brings', () => {
  it('say which modules their overrides hide and whose progress they take over', () => {
    const dir = tempDir();
    ok(dir, ['add', 'hf-course']);
    ok(dir, ['done', '--minutes', '30']);
    const file = join(tempDir(), 'export.json');
    ok(dir, ['export', file]);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.catalogs = [
      {
        formatVersion: 1,
        id: 'innocent',
        courses: [
          {
            id: 'other',
            title: 'Other',
            provider: 'X',
            url: 'https://example.com',
            modules: [
              {
                id: 'other/m1',
                title: 'M1',
                url: 'https://example.com/1',
                minutes: 30,
                minutesBasis: 'assumed',
                // chapter1/5 holds nothing: no progress is taken over from it.
                replaces: ['hf-course/chapter0/1', 'hf-course/chapter1/5'],
              },
            ],
          },
        ],
        overrides: [
          { id: 'hf-course/chapter0/1', hidden: true },
          { id: 'hf-course/chapter1/5', hidden: true },
        ],
      },
    ];
    writeFileSync(file, JSON.stringify(doc));
    const result = run(dir, ['import', file], env());
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(
      'Catalog innocent:\n  Now hidden by its overrides: hf-course/chapter0/1, hf-course/chapter1/5 (progress on them is kept)\n  Progress recorded under these now counts for its modules: hf-course/chapter0/1 → other/m1\n',
    );
  });
});

/** A module of course `mc` in the catalog `merge-cat` that `catalog` writes (not the `module` of a merge test above, which reads one). */
const catalogModule = (id: string, more = {}) => ({
  id,
  title: id,
  url: `https://example.com/${id}`,
  minutes: 90,
  minutesBasis: 'assumed',
  ...more,
});
const catalog = (modules: object[]) =>
  JSON.stringify({
    formatVersion: 1,
    id: 'merge-cat',
    courses: [{ id: 'mc', title: 'MC', provider: 'Me', url: 'https://example.com/mc', modules }],
  });

describe('time of modules one module replaced, moved to its journal', () => {
  /** Two modules with 800 and 700 minutes, then a version that makes them one. */
  function merged(mark: 'done' | 'skip') {
    const dir = tempDir();
    const v1 = join(dir, 'v1.json');
    const v2 = join(dir, 'v2.json');
    writeFileSync(v1, catalog([catalogModule('mc/a'), catalogModule('mc/b')]));
    writeFileSync(v2, catalog([catalogModule('mc/ab', { replaces: ['mc/a', 'mc/b'] })]));
    ok(dir, ['catalog', 'import', v1]);
    ok(dir, ['add', 'mc']);
    ok(dir, [mark, 'mc/a', '--minutes', '800']);
    ok(dir, [mark, 'mc/b', '--minutes', '700']);
    ok(dir, ['catalog', 'import', v2]);
    return dir;
  }

  it.each([
    ['a reset', 'done', ['reset', 'mc/ab']],
    ['done over a skip', 'skip', ['done', 'mc/ab']],
  ] as const)(
    '%s keeps them as sessions of a day at most, which an import takes',
    (_, mark, args) => {
      const dir = merged(mark);
      ok(dir, [...args]);
      const sessions = (
        JSON.parse(ok(dir, ['export']).stdout) as { journal: Array<{ sessions: unknown }> }
      ).journal[0]!.sessions;
      expect(sessions).toEqual([
        { at: NOW, minutes: 1440 },
        { at: NOW, minutes: 60 },
      ]);
      expect(ok(dir, ['show', 'mc']).stdout).toContain('25 h logged');
      const file = join(dir, 'backup.json');
      ok(dir, ['export', file]);
      for (const replace of [true, false]) {
        const other = tempDir();
        const result = run(
          other,
          ['import', file, ...(replace ? ['--replace', '--yes'] : [])],
          env(),
        );
        expect(result.code, result.stderr).toBe(0);
        expect(ok(other, ['show', 'mc']).stdout).toContain('25 h logged');
      }
    },
  );
});

describe("an export's catalogs that only make sense together", () => {
  it('merge in: one hides a bundled module another replaces, as on the machine that exported them', () => {
    const laptop = tempDir();
    const fixes = join(laptop, 'fixes.json');
    const setup = join(laptop, 'new.json');
    writeFileSync(
      fixes,
      JSON.stringify({
        formatVersion: 1,
        id: 'fixes',
        courses: [],
        overrides: [{ id: 'made-with-ml/setup', hidden: true }],
      }),
    );
    writeFileSync(
      setup,
      JSON.stringify({
        formatVersion: 1,
        id: 'newsetup-cat',
        courses: [
          {
            id: 'newsetup',
            title: 'New setup',
            provider: 'Me',
            url: 'https://example.com/ns',
            modules: [
              {
                id: 'newsetup/setup',
                title: 'Setup v2',
                url: 'https://example.com/ns/1',
                minutes: 60,
                minutesBasis: 'assumed',
                replaces: ['made-with-ml/setup'],
              },
            ],
          },
        ],
      }),
    );
    ok(laptop, ['add', 'made-with-ml']);
    ok(laptop, ['done', 'made-with-ml/setup', '--minutes', '30']);
    ok(laptop, ['catalog', 'import', fixes]);
    ok(laptop, ['catalog', 'import', setup]);
    ok(laptop, ['add', 'newsetup']);
    const file = join(laptop, 'laptop.json');
    ok(laptop, ['export', file]);
    const desktop = tempDir();
    const merged = run(desktop, ['import', file], env());
    expect(merged.code, merged.stderr).toBe(0);
    expect(ok(desktop, ['show', 'newsetup']).stdout).toContain('✓ newsetup/setup');
    expect(ok(desktop, ['show', 'newsetup']).stdout).toContain('30 min logged');
    // Yours still count: the same export into a directory with a clashing catalog is refused.
    const other = tempDir();
    const clash = join(other, 'clash.json');
    writeFileSync(clash, readFileSync(setup, 'utf8').replace('"newsetup-cat"', '"mine"'));
    ok(other, ['catalog', 'import', fixes]);
    ok(other, ['catalog', 'import', clash]);
    const refused = run(other, ['import', file], env());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('clash with yours');
  });
});

describe('dates near the end of year 9999', () => {
  it("are held to this machine's clock as times: an export made then imports then", () => {
    const now = '9999-12-31T23:30:00.000Z';
    const dir = tempDir();
    ok(dir, ['add', 'mlep-intro'], now);
    ok(dir, ['done', '--minutes', '30'], now);
    const file = join(dir, 'late.json');
    ok(dir, ['export', file], now);
    const other = tempDir();
    const result = run(other, ['import', file], env(now));
    expect(result.code, result.stderr).toBe(0);
    expect(storedProgress(other)['mlep-intro/week-1']).toMatchObject({ status: 'done' });
  });
});

describe('a module that replaced others, reset on one machine while the other went on with it', () => {
  const logged = (dir: string, now: string) =>
    json<StatusJson>(run(dir, ['status', '--json'], env(now))).total.minutesLogged;

  /** Both machines with mc/a (500 min, note na) and mc/b (400, nb), now one module mc/ab. */
  function machines() {
    const a = tempDir();
    const b = tempDir();
    writeFileSync(join(a, 'v1.json'), catalog([catalogModule('mc/a'), catalogModule('mc/b')]));
    writeFileSync(
      join(a, 'v2.json'),
      catalog([catalogModule('mc/ab', { replaces: ['mc/a', 'mc/b'] })]),
    );
    ok(a, ['catalog', 'import', join(a, 'v1.json')], '2026-03-01T10:00:00Z');
    ok(a, ['add', 'mc'], '2026-03-01T10:00:00Z');
    ok(a, ['done', 'mc/a', '--minutes', '500', '--note', 'na'], '2026-03-01T09:00:00Z');
    ok(a, ['done', 'mc/b', '--minutes', '400', '--note', 'nb'], '2026-03-01T10:00:00Z');
    ok(a, ['catalog', 'import', join(a, 'v2.json')], '2026-03-01T10:00:00Z');
    ok(a, ['export', join(a, 'a0.json')], '2026-03-01T10:00:00Z');
    ok(b, ['import', join(a, 'a0.json')], '2026-03-01T10:00:00Z');
    return { a, b };
  }
  function sync(a: string, b: string, now: string) {
    const name = now.slice(0, 10);
    ok(a, ['export', join(a, `a-${name}.json`)], now);
    ok(b, ['export', join(b, `b-${name}.json`)], now);
    ok(a, ['import', join(b, `b-${name}.json`)], now);
    ok(b, ['import', join(a, `a-${name}.json`)], now);
  }

  it('the later mark stands, and its minutes and notes count once on both', () => {
    const { a, b } = machines();
    ok(a, ['reset', 'mc/ab'], '2026-03-02T10:00:00Z');
    ok(b, ['done', 'mc/ab', '--note', 'later'], '2026-03-03T10:00:00Z');
    const now = '2026-03-04T10:00:00Z';
    sync(a, b, now);
    for (const dir of [a, b]) {
      expect(logged(dir, now), dir === a ? 'a' : 'b').toBe(900);
      const show = ok(dir, ['show', 'mc'], now).stdout;
      expect(show).toContain('✓ mc/ab');
      const notes = json<CourseView>(run(dir, ['show', 'mc', '--json'], env(now))).modules[0]!
        .notes;
      expect(notes.map((n) => n.text).sort()).toEqual(['later', 'na', 'nb']);
    }
    sync(a, b, '2026-03-05T10:00:00Z');
    expect(logged(a, '2026-03-05T10:00:00Z')).toBe(900);
    expect(run(a, ['doctor'], env('2026-03-05T10:00:00Z')).code).toBe(0);
  });

  it("a reset later than the other machine's note stands, the note joining the journal once", () => {
    const { a, b } = machines();
    ok(b, ['done', 'mc/ab', '--note', 'earlier'], '2026-03-02T10:00:00Z');
    ok(a, ['reset', 'mc/ab'], '2026-03-03T10:00:00Z');
    const now = '2026-03-04T10:00:00Z';
    sync(a, b, now);
    for (const dir of [a, b]) {
      expect(logged(dir, now), dir === a ? 'a' : 'b').toBe(900);
      const view = json<CourseView>(run(dir, ['show', 'mc', '--json'], env(now))).modules[0]!;
      expect(view.status).toBe('todo');
      expect(view.notes.map((n) => n.text).sort()).toEqual(['earlier', 'na', 'nb']);
    }
  });
});
