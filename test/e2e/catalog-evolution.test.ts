import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DoctorJson } from '../../src/commands/doctor.js';
import type { CourseView } from '../../src/core/views.js';
import { run } from '../helpers/run-bin.js';
import { storedProgress } from '../helpers/state-check.js';
import { tempDir } from '../helpers/temp.js';

const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
const ok = (dir: string, args: string[], day = 20) => {
  const result = run(dir, args, { ROADMAP_NOW: at(day) });
  if (result.code !== 0)
    throw new Error(`${args.join(' ')}: exit ${result.code}: ${result.stderr}`);
  return result;
};
const parse = <T>(result: { stdout: string }) => JSON.parse(result.stdout) as T;

/** One course of a user catalog, in two versions. */
function version(dir: string, name: string, modules: object[]): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      formatVersion: 1,
      id: 'book-club',
      courses: [
        {
          id: 'book',
          title: 'A book, chapter by chapter',
          provider: 'Me',
          url: 'https://example.com/book',
          modules: modules.map((m, i) => ({
            title: `Part ${i + 1}`,
            url: `https://example.com/book/${i + 1}`,
            minutes: 45,
            minutesBasis: 'assumed',
            ...m,
          })),
        },
      ],
    }),
  );
  return file;
}

describe('a preview with ROADMAP_CATALOG', () => {
  it('is no update: the imported version is not reported as changed afterwards', () => {
    const dir = tempDir();
    const v1 = version(dir, 'v1.json', [{ id: 'book/intro' }]);
    const v2 = version(dir, 'v2.json', [{ id: 'book/intro' }, { id: 'book/more' }]);
    ok(dir, ['catalog', 'import', v1], 1);
    ok(dir, ['add', 'book'], 1);
    ok(dir, ['status'], 2);
    const preview = run(dir, ['status'], { ROADMAP_NOW: at(3), ROADMAP_CATALOG: v2 });
    expect(preview.code).toBe(0);
    expect(preview.stderr).not.toContain('since you last looked');
    // Back on the imported version: nothing changed, so nothing to tell.
    expect(ok(dir, ['status'], 4).stderr).toBe('');
    // The real update is told once, when it comes.
    ok(dir, ['catalog', 'import', v2], 5);
    expect(ok(dir, ['status'], 6).stderr).toContain('book: 1 new module (book/more)');
    expect(ok(dir, ['status'], 7).stderr).toBe('');
  });
});

describe('a catalog update renames, removes and adds modules without losing progress', () => {
  it('carries progress over, keeps what no catalog has, and tells status once', () => {
    const dir = tempDir();
    // Version 1: intro, setup, legacy.
    const v1 = version(dir, 'v1.json', [
      { id: 'book/intro' },
      { id: 'book/setup' },
      { id: 'book/legacy' },
    ]);
    // Version 2: setup is now environment, legacy is gone, exercises is new.
    const v2 = version(dir, 'v2.json', [
      { id: 'book/intro' },
      { id: 'book/environment', title: 'Your environment', replaces: ['book/setup'] },
      { id: 'book/exercises' },
    ]);
    ok(dir, ['catalog', 'import', v1], 1);
    ok(dir, ['add', 'book'], 1);
    ok(dir, ['study', 'book/intro', '--minutes', '20'], 2);
    ok(dir, ['done', 'book/setup', '--minutes', '50', '--note', 'installed everything'], 3);
    ok(dir, ['skip', 'book/legacy'], 4);
    expect(ok(dir, ['status'], 5).stderr).toBe('');
    const stored = readFileSync(join(dir, 'config.json'), 'utf8');

    const update = ok(dir, ['catalog', 'import', v2], 6);
    expect(update.stderr).toContain(
      'book: 1 new module (book/exercises); 1 renamed (book/setup → book/environment; progress carries over); 1 removed (book/legacy; progress on them is kept)',
    );
    // The stored progress is never rewritten: the old ids are still its keys.
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(stored);

    // JSON shows the changes without counting as having told you.
    const changes = {
      catalog: 'book-club',
      courseId: 'book',
      added: ['book/exercises'],
      removed: ['book/legacy'],
      renamed: [{ from: 'book/setup', to: 'book/environment' }],
      courseRemoved: false,
    };
    expect(
      parse<{ catalogChanges: object[] }>(ok(dir, ['status', '--json'])).catalogChanges,
    ).toEqual([changes]);
    const first = ok(dir, ['status'], 7);
    expect(first.stderr).toContain('Catalog updates in your courses since you last looked:');
    expect(first.stderr).toContain('book: 1 new module (book/exercises); 1 renamed');
    expect(ok(dir, ['status'], 7).stderr).toBe('');
    expect(
      parse<{ catalogChanges: object[] }>(ok(dir, ['status', '--json'])).catalogChanges,
    ).toEqual([]);

    const view = parse<CourseView>(ok(dir, ['show', 'book', '--json']));
    expect(view.modules.map((m) => [m.id, m.status])).toEqual([
      ['book/intro', 'todo'],
      ['book/environment', 'done'],
      ['book/exercises', 'todo'],
    ]);
    expect(view.modules[0]).toMatchObject({ sessions: 1, minutesLogged: 20 });
    expect(view.modules[1]).toMatchObject({
      at: at(3),
      minutesLogged: 50,
      notes: [{ at: at(3), text: 'installed everything' }],
    });
    const status = parse<{ courses: { done: number; total: number }[] }>(
      ok(dir, ['status', '--json']),
    );
    expect(status.courses[0]).toMatchObject({ done: 1, total: 3 });

    // Progress on the removed module is kept, and doctor lists it.
    const doctor = ok(dir, ['doctor']);
    expect(doctor.stdout).toContain(
      '1 progress entry refers to modules that are no longer in any catalog: book/legacy.',
    );
    expect(parse<DoctorJson>(ok(dir, ['doctor', '--json'])).orphans).toEqual(['book/legacy']);
    // Named as what it is, not as an unknown id.
    const orphan = run(dir, ['note', 'book/legacy', 'still here?'], { ROADMAP_NOW: at(8) });
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toContain(
      '`book/legacy` is in no loaded catalog any more; its progress is kept.',
    );

    // The old id still names the module; next goes on with what is left.
    ok(dir, ['note', 'book/setup', 'the old id still works'], 8);
    expect(parse<CourseView>(ok(dir, ['show', 'book', '--json'])).modules[1]!.notes).toHaveLength(
      2,
    );
    expect(parse<{ module: { id: string } }>(ok(dir, ['next', '--json'])).module.id).toBe(
      'book/intro',
    );
    ok(dir, ['done'], 9);
    expect(parse<{ module: { id: string } }>(ok(dir, ['next', '--json'])).module.id).toBe(
      'book/exercises',
    );
    expect(storedProgress(dir)['book/setup']).toBeDefined();
  });

  it('when both ids have progress, done beats skipped and the earlier date wins', () => {
    const dir = tempDir();
    const v2 = version(dir, 'v2.json', [
      { id: 'book/environment', replaces: ['book/setup'] },
      { id: 'book/next' },
    ]);
    ok(dir, ['catalog', 'import', v2], 1);
    ok(dir, ['add', 'book'], 1);
    // Progress under both ids, as two machines would leave it: merged in with `roadmap import`.
    const bring = (progress: object[]) => {
      const file = join(dir, `other-${readdirSync(dir).length}.json`);
      writeFileSync(
        file,
        JSON.stringify({ format: 'roadmap-export', version: 1, exportedAt: at(19), progress }),
      );
      ok(dir, ['import', file]);
    };
    const shown = () => parse<CourseView>(ok(dir, ['show', 'book', '--json'])).modules[0]!;

    bring([{ moduleId: 'book/setup', status: 'skipped', at: at(2) }]);
    expect(shown()).toMatchObject({ status: 'skipped', at: at(2) });
    bring([{ moduleId: 'book/environment', status: 'done', at: at(5) }]);
    expect(shown()).toMatchObject({ status: 'done', at: at(5) });

    const dir2 = tempDir();
    ok(dir2, ['catalog', 'import', v2], 1);
    ok(dir2, ['add', 'book'], 1);
    ok(dir2, ['done', 'book/environment'], 9);
    const file = join(dir2, 'old.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'roadmap-export',
        version: 1,
        exportedAt: at(19),
        progress: [{ moduleId: 'book/setup', status: 'done', at: at(3) }],
      }),
    );
    ok(dir2, ['import', file]);
    const env = parse<CourseView>(ok(dir2, ['show', 'book', '--json'])).modules[0]!;
    expect(env).toMatchObject({ status: 'done', at: at(3) });
    // Resetting the module clears both, and undo brings both back.
    ok(dir2, ['reset', 'book/environment'], 10);
    expect(parse<CourseView>(ok(dir2, ['show', 'book', '--json'])).modules[0]!.status).toBe('todo');
    ok(dir2, ['undo'], 10);
    expect(parse<CourseView>(ok(dir2, ['show', 'book', '--json'])).modules[0]).toMatchObject({
      status: 'done',
      at: at(3),
    });
  });
});

describe('renamed modules keep every minute, once', () => {
  type Row = { id: string; status: string; minutesLogged: number | null };
  const rows = (dir: string, day: number) =>
    parse<CourseView>(ok(dir, ['show', 'book', '--json'], day)).modules.map((m) => {
      const { id, status, minutesLogged } = m as unknown as Row;
      return [id, status, minutesLogged];
    });
  const studied = (dir: string, day: number) =>
    parse<{ studiedMinutes: number }>(ok(dir, ['status', '--json'], day)).studiedMinutes;
  /** The book in its first version, book/a and book/b, on the roadmap. */
  const bookOfTwo = () => {
    const dir = tempDir();
    ok(
      dir,
      ['catalog', 'import', version(dir, 'v1.json', [{ id: 'book/a' }, { id: 'book/b' }])],
      1,
    );
    ok(dir, ['add', 'book'], 1);
    return dir;
  };

  it('two done modules merged into one add their minutes up', () => {
    const dir = bookOfTwo();
    // Done at the same moment (a bare --at date): still two pieces of work, not one copied.
    ok(dir, ['done', 'book/a', '--minutes', '50', '--at', '2026-03-02'], 3);
    ok(dir, ['done', 'book/b', '--minutes', '70', '--at', '2026-03-02'], 3);
    const merged = version(dir, 'v2.json', [{ id: 'book/ab', replaces: ['book/a', 'book/b'] }]);
    ok(dir, ['catalog', 'import', merged], 4);
    expect(rows(dir, 5)).toEqual([['book/ab', 'done', 120]]);
    expect(studied(dir, 5)).toBe(120);
  });

  it('a change to a renamed module takes its old entries over, so a reverted rename counts once', () => {
    const dir = bookOfTwo();
    ok(dir, ['study', 'book/a', '--minutes', '40'], 2);
    const renamed = version(dir, 'v2.json', [
      { id: 'book/a2', replaces: ['book/a'] },
      { id: 'book/b' },
    ]);
    ok(dir, ['catalog', 'import', renamed], 3);
    ok(dir, ['note', 'book/a2', 'one note'], 4);
    const stored = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(Object.keys(stored.journal)).toEqual(['book/a2']);
    // The author undoes the rename: both ids are modules again, and the 40 minutes count once.
    const reverted = version(dir, 'v3.json', [
      { id: 'book/a' },
      { id: 'book/a2' },
      { id: 'book/b' },
    ]);
    ok(dir, ['catalog', 'import', reverted], 5);
    expect(studied(dir, 6)).toBe(40);
    // Undo puts the entries back where they were.
    ok(dir, ['undo'], 6);
    const back = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(Object.keys(back.journal)).toEqual(['book/a']);
  });
});

describe('every course dropped', () => {
  it("next's hint brings back a course whose catalog is loaded", () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', version(dir, 'v1.json', [{ id: 'book/intro' }])], 1);
    ok(dir, ['add', 'book', 'mlep-intro'], 1);
    ok(dir, ['drop', 'book'], 2);
    ok(dir, ['drop', 'mlep-intro'], 2);
    ok(dir, ['catalog', 'remove', 'book-club'], 3);
    const next = parse<{ reason: string; hint: string }>(ok(dir, ['next', '--json'], 4));
    expect(next).toMatchObject({ reason: 'finished', hint: 'roadmap resume mlep-intro' });
  });
});

describe('a catalog update that reopens a finished course', () => {
  it('leaves the focus with the course that took over, and every command agrees on it', () => {
    const dir = tempDir();
    const v1 = version(dir, 'v1.json', [{ id: 'book/intro' }, { id: 'book/setup' }]);
    const v2 = version(dir, 'v2.json', [
      { id: 'book/intro' },
      { id: 'book/setup' },
      { id: 'book/epilogue' },
    ]);
    ok(dir, ['catalog', 'import', v1], 2);
    ok(dir, ['add', 'book', 'hf-course'], 2);
    ok(dir, ['done', 'book/intro'], 3);
    ok(dir, ['done', 'book/setup'], 4);
    // Waiving the project finishes book, and hf-course comes into focus.
    ok(dir, ['project', 'book', '--waive', '--reason', 'read it for fun'], 5);
    ok(dir, ['catalog', 'import', v2], 6);

    type Status = { focus: { active: string[] }; courses: Array<{ id: string; state: string }> };
    const status = parse<Status>(ok(dir, ['status', '--json'], 7));
    expect(status.focus.active).toEqual(['hf-course']);
    expect(status.courses.map((c) => [c.id, c.state])).toEqual([
      ['book', 'parked'],
      ['hf-course', 'active'],
    ]);
    expect(ok(dir, ['next', '--short'], 7).stdout).toMatch(/^hf-course/);
    // Studying the course in focus is no switch; the change stores book as parked.
    ok(dir, ['done', 'hf-course/chapter1/1'], 7);
    const log = parse<Array<{ transitions?: object[] }>>(ok(dir, ['log', '--json'], 7));
    expect(log[0]!.transitions).toEqual([{ courseId: 'book', state: 'parked', cause: 'limit' }]);
    expect(parse<Status>(ok(dir, ['status', '--json'], 7)).focus.active).toEqual(['hf-course']);
    // Undone, book is stored active again, but shows parked, and undo says what status shows.
    const undo = ok(dir, ['undo'], 7);
    expect(undo.stderr).toContain('and with it book is parked again');
    expect(parse<Status>(ok(dir, ['status', '--json'], 7)).courses[0]).toMatchObject({
      id: 'book',
      state: 'parked',
    });
  });
});

describe('a module renamed into another course', () => {
  /** Two courses; in version 2, the first's second module has moved to the second course. */
  function twoCourses(dir: string, name: string, moved: boolean): string {
    const module = (id: string, extra: object = {}) => ({
      id,
      title: `Module ${id}`,
      url: `https://example.com/${id}`,
      minutes: 30,
      minutesBasis: 'assumed',
      ...extra,
    });
    const course = (id: string, modules: object[]) => ({
      id,
      title: `Course ${id}`,
      provider: 'Me',
      url: `https://example.com/${id}`,
      modules,
    });
    const file = join(dir, name);
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        id: 'moves',
        courses: moved
          ? [
              course('ca', [module('ca/x')]),
              course('cb', [module('cb/z'), module('cb/y', { replaces: ['ca/y1'] })]),
            ]
          : [course('ca', [module('ca/x'), module('ca/y1')]), course('cb', [module('cb/z')])],
      }),
    );
    return file;
  }

  it('is listed by `log --course` under the course it is in now, with its title', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', twoCourses(dir, 'v1.json', false)], 1);
    ok(dir, ['add', 'ca', 'cb'], 1);
    ok(dir, ['done', 'ca/y1', '--minutes', '25'], 2);
    ok(dir, ['status'], 2);
    const update = ok(dir, ['catalog', 'import', twoCourses(dir, 'v2.json', true)], 3);
    // A move, not one module gone and another new: its progress went with it.
    expect(update.stderr).toContain('ca: 1 renamed (ca/y1 → cb/y; progress carries over)');
    expect(update.stderr).not.toContain('new module');
    const notice = ok(dir, ['status'], 3).stderr;
    expect(notice).toContain('ca: 1 renamed (ca/y1 → cb/y; progress carries over)');
    expect(notice).not.toContain('cb: 1 new module');
    type Entry = { type: string; moduleId?: string };
    const inCb = parse<Entry[]>(ok(dir, ['log', '--course', 'cb', '--json'], 4));
    expect(inCb.map((e) => [e.type, e.moduleId])).toEqual([
      ['done', 'ca/y1'],
      ['add', undefined],
    ]);
    expect(ok(dir, ['log', '--course', 'cb'], 4).stdout).toContain('Module cb/y');
  });
});

describe('an upgrade that takes away a module holding your progress', () => {
  it('says so, and how to keep it, before the import and after; a later replaces brings it back', () => {
    const dir = tempDir();
    const v1 = version(dir, 'v1.json', [{ id: 'book/intro' }, { id: 'book/more' }]);
    // Renamed without `replaces`: the same title and link under a new id.
    const v2 = version(dir, 'v2.json', [{ id: 'book/introduction' }, { id: 'book/more' }]);
    const v3 = version(dir, 'v3.json', [
      { id: 'book/introduction', replaces: ['book/intro'] },
      { id: 'book/more' },
    ]);
    ok(dir, ['catalog', 'import', v1], 1);
    ok(dir, ['add', 'book'], 1);
    ok(dir, ['done', 'book/intro', '--minutes', '50'], 2);
    const fix = 'If book/introduction is it renamed, add "replaces": ["book/intro"] to it';
    const validate = ok(dir, ['catalog', 'validate', v2, '--json']);
    expect(parse<{ warnings: unknown[] }>(validate).warnings).toEqual([
      {
        path: 'courses[0].modules[0]',
        message: `book/intro holds your progress and is no longer in this catalog, so importing this would leave that progress counting for nothing (it would be kept, not deleted). ${fix}.`,
      },
    ]);
    expect(ok(dir, ['catalog', 'validate', v2]).stderr).toContain(
      `warning: courses[0].modules[0]: book/intro holds your progress`,
    );
    const upgrade = ok(dir, ['catalog', 'import', v2]);
    expect(upgrade.stderr).toContain(
      `warning: courses[0].modules[0]: book/intro holds your progress and is no longer in this catalog, so that progress counts for nothing now (it is kept, not deleted). ${fix} and import the catalog again.`,
    );
    expect(upgrade.stderr).toContain('Your progress on every module it still offers is unchanged');
    expect(upgrade.stderr).not.toContain('Your progress is unchanged');
    expect(
      parse<{ courses: Array<{ done: number }> }>(ok(dir, ['status', '--json'])).courses[0]!.done,
    ).toBe(0);
    // The fix: the progress counts again, and the import says so.
    const fixed = ok(dir, ['catalog', 'import', v3]);
    expect(fixed.stderr).toContain(
      '  Progress recorded under these now counts for the modules that replace them: book/intro → book/introduction\nYour other progress is unchanged',
    );
    expect(fixed.stderr).not.toContain('Nothing about its courses or modules changed');
    expect(
      parse<{ courses: Array<{ done: number }> }>(ok(dir, ['status', '--json'])).courses[0]!.done,
    ).toBe(1);
    // Dropping the rename again loses it again, and the import doesn't call progress unchanged.
    const dropped = ok(dir, ['catalog', 'import', v2]);
    expect(dropped.stderr).toContain('so progress under it no longer counts');
    expect(dropped.stderr).toContain('Your progress on every module it still offers is unchanged');
    // A plain rename: the progress never stopped counting, so nothing comes back.
    const fresh = tempDir();
    ok(fresh, ['catalog', 'import', v1], 1);
    ok(fresh, ['add', 'book'], 1);
    ok(fresh, ['done', 'book/intro'], 2);
    const plain = ok(fresh, ['catalog', 'import', v3]);
    expect(plain.stderr).toContain(
      '1 renamed (book/intro → book/introduction; progress carries over)',
    );
    expect(plain.stderr).not.toContain('now counts');
    expect(plain.stderr).toContain('Your progress is unchanged');
    // A module with no progress on it goes quietly, as before.
    ok(dir, ['catalog', 'import', v3]);
    const v4 = version(dir, 'v4.json', [{ id: 'book/introduction', replaces: ['book/intro'] }]);
    const quiet = ok(dir, ['catalog', 'import', v4]);
    expect(quiet.stderr).not.toContain('warning');
    expect(quiet.stderr).toContain('Your progress is unchanged');
  });
});
