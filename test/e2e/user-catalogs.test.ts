import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogListRow } from '../../src/commands/catalog-list.js';
import type { CatalogValidateJson } from '../../src/commands/catalog-validate.js';
import type { DoctorJson } from '../../src/commands/doctor.js';
import type { CatalogRow, CourseView, SearchHit } from '../../src/core/views.js';
import type { StatusJson } from '../../src/ui/render-status.js';
import { BIN, json, run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

const FIXTURES = new URL('../fixtures/catalogs/', import.meta.url).pathname;
const STACK = /\n\s+at .+:\d+:\d+/;

const ok = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const result = run(dir, args, env);
  if (result.code !== 0)
    throw new Error(`${args.join(' ')}: exit ${result.code}: ${result.stderr}`);
  return result;
};

interface ModuleSpec {
  id: string;
  title?: string;
  replaces?: string[];
}

/** A catalog file of one course, `my-course`, with the given modules. */
function catalogFile(dir: string, name: string, modules: ModuleSpec[], extra: object = {}) {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      formatVersion: 1,
      id: 'my-catalog',
      courses: [
        {
          id: 'my-course',
          title: 'My own course',
          provider: 'A book',
          url: 'https://example.com/book',
          modules: modules.map((m, i) => ({
            title: `Chapter ${i + 1}`,
            url: `https://example.com/book/${i + 1}`,
            minutes: 60,
            minutesBasis: 'stated',
            ...m,
          })),
        },
      ],
      ...extra,
    }),
  );
  return file;
}

const v1 = (dir: string) =>
  catalogFile(dir, 'v1.json', [
    { id: 'my-course/intro' },
    { id: 'my-course/setup' },
    { id: 'my-course/legacy' },
  ]);

describe('importing the same catalog file again', () => {
  it('writes nothing and says so; a changed file is still an update', () => {
    const dir = tempDir();
    const file = v1(dir);
    ok(dir, ['catalog', 'import', file]);
    const stamps = () =>
      ['my-catalog.json', 'my-catalog.index'].map(
        (f) => statSync(join(dir, 'catalogs', f)).mtimeMs,
      );
    const before = stamps();
    const again = ok(dir, ['catalog', 'import', file]);
    expect(again.stderr.replace(/\s+/g, ' ')).toContain(
      `Catalog my-catalog is imported already, just as ${file} has it; nothing changed.`,
    );
    expect(stamps()).toEqual(before);
    // One more module: an update, said as before.
    const changed = catalogFile(dir, 'v1.json', [
      { id: 'my-course/intro' },
      { id: 'my-course/setup' },
      { id: 'my-course/legacy' },
      { id: 'my-course/extra' },
    ]);
    expect(ok(dir, ['catalog', 'import', changed]).stderr).toContain(
      '✓ Updated catalog my-catalog',
    );
  });
});

describe('roadmap catalog validate', () => {
  it('lists clashes with other catalogs in the same run as its own problems', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        id: 'mine',
        courses: [
          {
            id: 'hf-course',
            title: 'Mine',
            provider: 'Me',
            url: 'http://example.com',
            modules: [
              {
                id: 'hf-course/chapter1/1',
                title: 'T',
                url: 'https://example.com/1',
                minutes: 5,
                minutesBasis: 'stated',
              },
            ],
          },
        ],
      }),
    );
    const result = run(join(dir, 'config'), ['catalog', 'validate', file, '--json']);
    expect(result.code).toBe(1);
    expect(json<CatalogValidateJson>({ ...result, code: 0 }).problems).toEqual([
      { path: 'courses[0].url', message: 'must use https (found http:)' },
      { path: 'courses[0].id', message: 'course "hf-course" is already in catalog bundled' },
      {
        path: 'courses[0].modules[0].id',
        message: 'module "hf-course/chapter1/1" is already in hf-course (catalog bundled)',
      },
    ]);
  });

  it('says an export is one, and which command takes it', () => {
    const dir = tempDir();
    ok(dir, ['add', 'mlep']);
    const file = join(dir, 'backup.json');
    ok(dir, ['export', file]);
    const result = run(dir, ['catalog', 'import', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('(1 problem)');
    expect(result.stderr).toContain(
      'this is a roadmap export (your state and history), not a catalog; import it with `roadmap import FILE`',
    );
  });

  it('--json answers for a file it cannot read too: missing, a folder, not UTF-8', () => {
    const dir = tempDir();
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from([0xff, 0xfe, 0x7b, 0x7d]));
    for (const [file, said] of [
      [join(dir, 'missing.json'), 'There is no file'],
      [dir, 'is a folder, not a catalog file'],
      [latin1, 'is not UTF-8 text'],
    ] as const) {
      const result = run(join(dir, 'config'), ['catalog', 'validate', file, '--json']);
      expect(result.code).toBe(1);
      const data = json<CatalogValidateJson>({ ...result, code: 0 });
      expect(data).toMatchObject({ file, valid: false, id: null, warnings: [] });
      expect(data.problems).toEqual([{ path: '(file)', message: expect.stringContaining(said) }]);
    }
    // A relative name is given whole, as it is for a file that could be read.
    const relative = spawnSync(
      process.execPath,
      [BIN, 'catalog', 'validate', 'nope.json', '--json'],
      {
        cwd: dir,
        env: { ...process.env, ROADMAP_CONFIG_DIR: join(dir, 'config') },
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(relative.stdout).file).toBe(join(realpathSync(dir), 'nope.json'));
  });

  it('accepts a good catalog and says how to import it, without writing anything', () => {
    const dir = tempDir();
    const config = join(dir, 'config');
    const result = ok(config, ['catalog', 'validate', join(FIXTURES, 'valid/minimal.json')]);
    expect(result.stdout).toContain('is a valid catalog: minimal, 1 course, 1 module.');
    expect(result.stderr).toContain('Import it with: roadmap catalog import');
    expect(existsSync(config)).toBe(false);
    // From stdin there is no file to name; the text has to be fed again.
    const piped = spawnSync(process.execPath, [BIN, 'catalog', 'validate', '-'], {
      env: { ...process.env, ROADMAP_CONFIG_DIR: config, NO_COLOR: '1' },
      input: readFileSync(join(FIXTURES, 'valid/minimal.json')),
      encoding: 'utf8',
    });
    expect(piped.status).toBe(0);
    expect(piped.stderr).toContain(
      'To import it, feed it the same way to: roadmap catalog import -',
    );
  });

  it('after an import, says what to do next only when there is something to add', () => {
    const dir = tempDir();
    const overrides = ok(dir, ['catalog', 'import', join(FIXTURES, 'valid/overrides-only.json')]);
    expect(overrides.stderr).toContain('Its overrides apply from now on');
    expect(overrides.stderr).not.toContain('roadmap add');
    const fresh = ok(dir, ['catalog', 'import', v1(dir)]);
    expect(fresh.stderr).toContain('Add its courses with `roadmap add <course>`');
    ok(dir, ['add', 'my-course']);
    ok(dir, ['catalog', 'remove', 'my-catalog']);
    const again = ok(dir, ['catalog', 'import', v1(dir)]);
    expect(again.stderr).toContain('Its courses are on your roadmap already');
  });

  it('lists every problem with its path and rule, and exits 1', () => {
    const dir = tempDir();
    const result = run(dir, ['catalog', 'validate', join(FIXTURES, 'invalid/url-schemes.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is not a catalog roadmap can use (8 problems).');
    expect(result.stderr).toContain(
      '  courses[0].modules[0].url: must use https (found javascript:)',
    );
    expect(result.stderr).toContain('  courses[0].modules[1].url: must use https (found file:)');
    expect(result.stderr).toContain('  overrides[0].url: must use https (found http:)');
    expect(result.stderr).not.toMatch(STACK);
  });

  it('--json gives the same verdict as data', () => {
    const dir = tempDir();
    const bad = run(dir, [
      'catalog',
      'validate',
      join(FIXTURES, 'invalid/zero-minutes.json'),
      '--json',
    ]);
    expect(bad.code).toBe(1);
    const data = JSON.parse(bad.stdout) as CatalogValidateJson;
    expect(data).toMatchObject({ valid: false, id: 'no-time', imported: false, warnings: [] });
    expect(data.problems[0]).toEqual({
      path: 'formatVersion',
      message: 'must be a positive integer (found 0)',
    });
    expect(bad.stderr).toContain('the problems are in the JSON on stdout.');
  });

  it('refuses ids the bundled catalog has, and a catalog id that cannot name a file', () => {
    const dir = tempDir();
    const clash = catalogFile(dir, 'clash.json', [{ id: 'mlep-intro/week-1' }]);
    const result = run(dir, ['catalog', 'validate', clash]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'courses[0].modules[0].id: module "mlep-intro/week-1" is already in mlep-intro (catalog bundled)',
    );
    const slash = catalogFile(dir, 'slash.json', [{ id: 'my-course/a' }], { id: 'me/mine' });
    const refused = run(dir, ['catalog', 'import', slash]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'id: "me/mine" can\'t name a file: a catalog id uses only a-z, 0-9, ".", "_" and "-", with no "/"',
    );
    expect(existsSync(join(dir, 'catalogs'))).toBe(false);
  });
});

describe('roadmap catalog import, list and remove', () => {
  it('treats a user course like a bundled one: catalog, show, search, add, next, done', () => {
    const dir = tempDir();
    const imported = ok(dir, ['catalog', 'import', v1(dir)]);
    expect(imported.stderr).toContain('✓ Imported catalog my-catalog: 1 course, 3 modules.');

    const rows = json<CatalogRow[]>(ok(dir, ['catalog', '--json']));
    expect(rows.find((r) => r.id === 'my-course')).toMatchObject({
      source: 'my-catalog',
      moduleCount: 3,
      minutes: 180,
    });
    expect(rows.find((r) => r.id === 'hf-course')!.source).toBe('bundled');
    expect(ok(dir, ['catalog', 'book']).stdout).toContain('catalog my-catalog');

    const hits = json<SearchHit[]>(ok(dir, ['search', 'chapter', '2', '--json']));
    expect(hits.map((h) => h.id)).toEqual(['my-course/setup']);

    // A title pasted with a combining accent (NFD) is found by the accent typed (NFC).
    const accents = tempDir();
    const nfd = catalogFile(accents, 'fr.json', [
      { id: 'my-course/m1', title: 'Re\u0301gression line\u0301aire' },
    ]);
    ok(accents, ['catalog', 'import', nfd]);
    const found = json<SearchHit[]>(
      ok(accents, ['search', 'r\u00e9gression', 'lin\u00e9aire', '--json']),
    );
    expect(found.map((h) => h.id)).toEqual(['my-course/m1']);

    ok(dir, ['add', 'my-course']);
    expect(json<{ module: { id: string } }>(ok(dir, ['next', '--json'])).module.id).toBe(
      'my-course/intro',
    );
    ok(dir, ['done', 'intro', '--note', 'read it']);
    const view = json<CourseView>(ok(dir, ['show', 'my-course', '--json']));
    expect(view).toMatchObject({ source: 'my-catalog', override: null, hiddenModules: [] });
    expect(view.modules[0]).toMatchObject({ status: 'done', notes: [{ text: 'read it' }] });

    const list = json<CatalogListRow[]>(ok(dir, ['catalog', 'list', '--json']));
    expect(list.map((r) => [r.id, r.kind, r.status, r.courses, r.modules])).toEqual([
      ['bundled', 'bundled', 'loaded', 6, 141],
      ['my-catalog', 'imported', 'loaded', 1, 3],
    ]);
    expect(readdirSync(join(dir, 'catalogs')).sort()).toEqual([
      'my-catalog.index',
      'my-catalog.json',
    ]);
  });

  it('a catalog file deleted by hand, its index left: warned about, and --repair sets the index aside', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    ok(dir, ['add', 'my-course']);
    const file = join(dir, 'catalogs', 'my-catalog.json');
    rmSync(file);
    const next = run(dir, ['next']);
    expect(next.stderr).toContain(
      `warning: catalog ${file} was not loaded: its catalog file is missing; only its index is left.`,
    );
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('its catalog file is missing');
    expect(ok(dir, ['doctor', '--repair']).stdout).toContain('my-catalog.index aside');
    expect(readdirSync(join(dir, 'catalogs'))).toEqual([
      expect.stringMatching(/^my-catalog\.index\.corrupt-/),
    ]);
    expect(run(dir, ['next']).stderr).not.toContain('warning');
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('catalog remove takes the index left of a catalog file deleted by hand, as list names it', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    rmSync(join(dir, 'catalogs', 'my-catalog.json'));
    expect(ok(dir, ['catalog', 'list']).stdout).toContain('my-catalog');
    const removed = ok(dir, ['catalog', 'remove', 'my-catalog']);
    expect(removed.stderr).toContain(
      'Removed what was left of catalog my-catalog: its index. Its catalog file was already gone.',
    );
    expect(readdirSync(join(dir, 'catalogs'))).toEqual([]);
    expect(run(dir, ['next']).stderr).not.toContain('warning');
  });

  it('upgrades in place with a summary, and refuses what would collide, changing nothing', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    const v2 = catalogFile(dir, 'v2.json', [
      { id: 'my-course/intro', title: 'Introduction' },
      { id: 'my-course/environment', replaces: ['my-course/setup'] },
      { id: 'my-course/extra' },
    ]);
    const upgraded = ok(dir, ['catalog', 'import', v2]);
    expect(upgraded.stderr).toContain(
      '✓ Updated catalog my-catalog (was 1 course, 3 modules; now 1 course, 3 modules):',
    );
    expect(upgraded.stderr).toContain(
      'my-course: 1 new module (my-course/extra); 1 renamed (my-course/setup → my-course/environment; progress carries over); 1 removed (my-course/legacy; progress on them is kept)',
    );
    expect(upgraded.stderr).toMatch(/^ {2}my-course\/intro: title “.*” → “Introduction”$/m);

    const before = readFileSync(join(dir, 'catalogs', 'my-catalog.json'));
    const clash = catalogFile(dir, 'clash.json', [{ id: 'my-course/a' }], { id: 'other' });
    const refused = run(dir, ['catalog', 'import', clash]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'courses[0].id: course "my-course" is already in catalog my-catalog',
    );
    expect(readFileSync(join(dir, 'catalogs', 'my-catalog.json'))).toEqual(before);
    expect(existsSync(join(dir, 'catalogs', 'other.json'))).toBe(false);
  });

  it('a course whose catalog is gone keeps what was recorded on it, its focus place, and no ETA', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    ok(dir, ['add', 'my-course', 'made-with-ml']);
    ok(dir, ['config', 'set', 'focus-limit', '2']);
    ok(dir, ['resume', 'made-with-ml']);
    ok(dir, ['done', 'my-course/intro', '--minutes', '50']);
    ok(dir, ['skip', 'my-course/setup']);
    ok(dir, ['study', 'my-course/legacy', '--minutes', '10']);
    ok(dir, ['catalog', 'remove', 'my-catalog']);
    const status = json<StatusJson>(ok(dir, ['status', '--json']));
    expect(status.focus).toEqual({ limit: 2, active: ['made-with-ml'], unloaded: ['my-course'] });
    expect(status.courses[0]).toMatchObject({
      id: 'my-course',
      inCatalog: false,
      done: 1,
      skipped: 1,
      total: 0,
      percent: 0,
      minutesLogged: 60,
      startedAt: expect.any(String),
      eta: { date: null, basis: null, reason: 'its catalog is not loaded' },
    });
    // It can't be studied, so no idle nudge sends anyone to `next` for it, even weeks later.
    const later = json<StatusJson>(
      ok(dir, ['status', '--json'], { ROADMAP_NOW: '2026-06-01T09:00:00Z' }),
    );
    expect(later.courses[0]!.idle).toBeNull();
    // The total counts the time, not modules it has no total for.
    expect(status.total).toMatchObject({ done: 0, skipped: 0, minutesLogged: 60 });
    expect(status.studiedMinutes).toBe(60);
    const text = ok(dir, ['status']).stdout;
    expect(text).toContain(
      'In focus: made-with-ml, my-course (catalog not loaded) (focus-limit 2)',
    );
    expect(text).toMatch(
      / 1\. my-course +catalog not loaded · active · 1 done · 1 skipped · 1 h logged/,
    );
  });

  it('a finished course stays finished when its catalog goes: out of focus, no nudge', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    ok(dir, ['add', 'my-course', 'made-with-ml']);
    for (const id of ['intro', 'setup', 'legacy']) ok(dir, ['done', `my-course/${id}`]);
    ok(dir, ['project', 'my-course', '--waive', '--reason', 'read it for work']);
    ok(dir, ['catalog', 'remove', 'my-catalog']);
    const later = { ROADMAP_NOW: '2026-03-30T09:00:00Z' };
    const status = json<StatusJson>(ok(dir, ['status', '--json'], later));
    expect(status.focus).toEqual({ limit: 1, active: ['made-with-ml'], unloaded: [] });
    expect(status.courses[0]).toMatchObject({
      id: 'my-course',
      state: 'finished',
      done: 3,
      idle: null,
      eta: { reason: 'finished' },
    });
    expect(ok(dir, ['status'], later).stdout).toMatch(/my-course +catalog not loaded · finished/);
  });

  it('remove keeps a copy; the course stays on the roadmap as "catalog not loaded" and nothing fails', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    ok(dir, ['add', 'my-course', 'made-with-ml']);
    ok(dir, ['done', 'my-course/intro']);
    const removed = ok(dir, ['catalog', 'remove', 'my-catalog']);
    expect(removed.stderr).toMatch(/Removed catalog my-catalog; a copy is in .*backups/);
    expect(removed.stderr).toContain('my-course stays, shown as "catalog not loaded"');
    expect(removed.stderr.replace(/\s+/g, ' ')).toContain('or `roadmap remove my-course`.');
    expect(removed.stderr).toContain(
      'my-course keeps its place in focus, so `roadmap next` has nothing to show until the catalog is back. To study another course meanwhile: roadmap resume made-with-ml',
    );
    // Told so, the learner brings the other course in; the commands below then all have work.
    ok(dir, ['resume', 'made-with-ml']);
    expect(readdirSync(join(dir, 'backups')).some((f) => f.startsWith('catalog-my-catalog-'))).toBe(
      true,
    );

    expect(ok(dir, ['status']).stdout).toMatch(/ 1\. my-course +catalog not loaded/);
    const status = json<{ courses: { id: string; inCatalog: boolean }[] }>(
      ok(dir, ['status', '--json']),
    );
    expect(status.courses[0]).toMatchObject({ id: 'my-course', inCatalog: false });
    expect(ok(dir, ['show', 'my-course']).stdout).toBe('my-course: catalog not loaded\n');
    for (const args of [
      ['next'],
      ['next', '--short'],
      ['plan', '--weeks', '2'],
      ['log'],
      ['catalog'],
      ['export'],
      ['done'],
      ['skip'],
      ['undo'],
      ['doctor'],
      ['move', 'my-course', '--to', '2'],
    ])
      expect(run(dir, args).code, args.join(' ')).toBe(0);
    const doctor = json<DoctorJson>(ok(dir, ['doctor', '--json']));
    expect(doctor.coursesWithoutCatalog).toEqual(['my-course']);
    expect(doctor.orphans).toEqual(['my-course/intro']);

    // Importing the catalog again brings the course back with its progress.
    ok(dir, ['catalog', 'import', join(dir, 'v1.json')]);
    const view = json<CourseView>(ok(dir, ['show', 'my-course', '--json']));
    expect(view.modules[0]!.status).toBe('done');
  });

  it('a version under another id is told how to upgrade; a long list of problems is cut', () => {
    const dir = tempDir();
    const file = v1(dir);
    ok(dir, ['catalog', 'import', file]);
    const renamed = join(dir, 'renamed.json');
    writeFileSync(renamed, readFileSync(file, 'utf8').replace('"my-catalog"', '"my-books"'));
    const clash = run(dir, ['catalog', 'import', renamed]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('course "my-course" is already in catalog my-catalog');
    expect(clash.stderr).toContain(
      'Its ids are already in your catalog my-catalog. If this is a new version of it, give it that catalog\'s id ("id": "my-catalog") to upgrade it in place; or take that catalog out first: roadmap catalog remove my-catalog',
    );
    // A clash with the bundled catalog has no such way on.
    const bundled = join(dir, 'bundled.json');
    writeFileSync(bundled, readFileSync(file, 'utf8').replaceAll('my-course', 'hf-course'));
    expect(run(dir, ['catalog', 'validate', bundled]).stderr).not.toContain('Its ids are already');
    const many = join(dir, 'many.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.id = 'many';
    data.courses[0].id = 'many-course';
    data.courses[0].modules = Array.from({ length: 150 }, (_, i) => ({
      id: `many-course/${i}`,
      title: '',
      url: 'https://example.com',
      minutes: 5,
      minutesBasis: 'assumed',
    }));
    writeFileSync(many, JSON.stringify(data));
    const long = run(dir, ['catalog', 'validate', many]);
    expect(long.code).toBe(1);
    expect(long.stderr).toContain('(150 problems)');
    expect(
      long.stderr.split('\n').filter((line) => line.includes('must not be empty')),
    ).toHaveLength(100);
    expect(long.stderr).toContain(
      '  … and 50 more; `roadmap catalog validate` with --json lists them all.',
    );
    const all = JSON.parse(run(dir, ['catalog', 'validate', many, '--json']).stdout);
    expect(all.problems).toHaveLength(150);
  });

  it('remove suggests studying meanwhile only a course some loaded catalog has', () => {
    const dir = tempDir();
    const other = join(dir, 'other.json');
    writeFileSync(
      other,
      JSON.stringify({
        formatVersion: 1,
        id: 'other-catalog',
        courses: [
          {
            id: 'other-course',
            title: 'Another course',
            provider: 'Me',
            url: 'https://example.com/other',
            modules: [
              {
                id: 'other-course/1',
                title: 'One',
                url: 'https://example.com/other/1',
                minutes: 30,
                minutesBasis: 'assumed',
              },
            ],
          },
        ],
      }),
    );
    ok(dir, ['catalog', 'import', v1(dir)]);
    ok(dir, ['catalog', 'import', other]);
    ok(dir, ['add', 'my-course', 'other-course']);
    ok(dir, ['catalog', 'remove', 'other-catalog']);
    const removed = ok(dir, ['catalog', 'remove', 'my-catalog']);
    expect(removed.stderr).toContain(
      'my-course keeps its place in focus, so `roadmap next` has nothing to show until the catalog is back.\n',
    );
    expect(removed.stderr).not.toContain('roadmap resume other-course');
    const next = ok(dir, ['next']).stdout;
    expect(next.replace(/\s+/g, ' ')).toContain(
      'Import a catalog that has it to go on, or take the course off with `roadmap remove my-course`.',
    );
    // Nor does next: other-course can't be studied either.
    expect(next).not.toContain('To study another course meanwhile');
  });

  it('next says why nothing can be studied when what is left has no catalog loaded', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    ok(dir, ['add', 'my-course']);
    ok(dir, ['catalog', 'remove', 'my-catalog']);
    const next = ok(dir, ['next']);
    expect(next.stdout.replace(/\s+/g, ' ')).toContain(
      "my-course can't be studied now: no loaded catalog has it (its catalog is missing or damaged, or a new version of it left the course out). Import a catalog that has it to go on, or take the course off with `roadmap remove my-course`.",
    );
    expect(next.stdout).not.toContain('parked');
    expect(json<{ reason: string; hint: string }>(ok(dir, ['next', '--json']))).toMatchObject({
      reason: 'no-active-course',
      hint: 'roadmap doctor',
    });
  });

  it('a course in focus whose catalog went missing keeps the focus: no other course takes it by itself', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    ok(dir, ['add', 'my-course', 'hf-course']);
    const file = join(dir, 'catalogs', 'my-catalog.json');
    const kept = join(dir, 'kept.json');
    copyFileSync(file, kept);
    rmSync(file);

    const next = ok(dir, ['next']);
    expect(next.stdout.replace(/\s+/g, ' ')).toContain(
      "my-course can't be studied now: no loaded catalog has it (its catalog is missing or damaged, or a new version of it left the course out). Import a catalog that has it to go on, or take the course off with `roadmap remove my-course`.",
    );
    expect(ok(dir, ['next', '--short']).stdout).toBe('catalog of the course in focus not loaded\n');
    const bare = run(dir, ['done']);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain(
      "The course in focus, my-course, has a catalog that isn't loaded, so there is no next module.",
    );
    expect(next.stdout).toContain('To study another course meanwhile: roadmap resume hf-course');
    expect(json<{ reason: string; hint: string }>(ok(dir, ['next', '--json']))).toMatchObject({
      reason: 'no-active-course',
      hint: 'roadmap doctor',
    });
    expect(ok(dir, ['status']).stdout).toContain(
      "In focus: my-course, whose catalog isn't loaded; `roadmap doctor` says why.",
    );
    expect(ok(dir, ['status', '--format', 'markdown']).stdout).toContain(
      '- In focus: `my-course` (catalog not loaded)',
    );
    // Its history is still there to read.
    expect(ok(dir, ['log', '--course', 'my-course']).stdout).toMatch(/ add +my-course, hf-course/);
    // A change to another course is not a reason to move the focus.
    ok(dir, ['note', 'hf-course/chapter1/1', 'read ahead']);
    // Studying a course out of focus asks for a switch, as with any course in focus.
    const done = run(dir, ['done', 'hf-course/chapter1/1']);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain('not in focus: your focus is my-course (focus-limit 1)');

    copyFileSync(kept, file);
    const status = json<{ focus: { active: string[] }; courses: { id: string; state: string }[] }>(
      ok(dir, ['status', '--json']),
    );
    expect(status.focus.active).toEqual(['my-course']);
    expect(status.courses.map((c) => [c.id, c.state])).toEqual([
      ['my-course', 'active'],
      ['hf-course', 'planned'],
    ]);

    // A switch asked for out loud still parks it.
    rmSync(file);
    expect(ok(dir, ['done', 'hf-course/chapter1/1', '--switch']).stderr).toContain(
      'Parked my-course to make room for hf-course',
    );
  });

  it('an export whose catalog clashes with one here is refused, and nothing changes', () => {
    const source = tempDir();
    ok(source, [
      'catalog',
      'import',
      catalogFile(source, 'theirs.json', [{ id: 'my-course/intro' }], { id: 'theirs' }),
    ]);
    ok(source, ['add', 'my-course']);
    ok(source, ['done', 'my-course/intro']);
    const file = join(source, 'export.json');
    ok(source, ['export', file]);
    const target = tempDir();
    ok(target, [
      'catalog',
      'import',
      catalogFile(target, 'mine.json', [{ id: 'my-course/intro' }], { id: 'mine' }),
    ]);
    ok(target, ['add', 'mlep-intro']);
    const config = readFileSync(join(target, 'config.json'));
    const merged = run(target, ['import', file]);
    expect(merged.code).toBe(1);
    expect(merged.stderr).toContain(
      "can't be merged; nothing was changed. Its catalogs clash with yours:",
    );
    expect(merged.stderr).toContain(
      'catalog theirs: courses[0].id: course "my-course" is already in catalog mine',
    );
    expect(merged.stderr).toContain('roadmap catalog remove <id>');
    expect(readFileSync(join(target, 'config.json'))).toEqual(config);
    expect(existsSync(join(target, 'catalogs', 'theirs.json'))).toBe(false);
    // Taken whole, the export replaces the clashing catalog, which keeps a copy in backups/.
    expect(run(target, ['import', file, '--replace', '--yes']).code).toBe(0);
    expect(existsSync(join(target, 'catalogs', 'mine.json'))).toBe(false);
  });

  it('a file where the catalogs folder goes is named, and not sent to --repair', () => {
    const dir = tempDir();
    ok(dir, ['add', 'mlep-intro']);
    writeFileSync(join(dir, 'catalogs'), 'not mine');
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(
      `${join(dir, 'catalogs')} is a file, where roadmap keeps a folder`,
    );
    expect(doctor.stderr).not.toContain('--repair');
    const imported = run(dir, ['catalog', 'import', join(FIXTURES, 'valid/minimal.json')]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('Move that file somewhere else');
    expect(readFileSync(join(dir, 'catalogs'), 'utf8')).toBe('not mine');
  });

  it('refuses to remove the bundled catalog or one that is not imported', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    const bundled = run(dir, ['catalog', 'remove', 'bundled']);
    expect(bundled.code).toBe(2);
    expect(bundled.stderr).toContain(
      'The bundled catalog ships with roadmap and cannot be removed.',
    );
    const typo = run(dir, ['catalog', 'remove', 'my-catalgo']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean `my-catalog`?');
  });

  it('an export carries imported catalogs, and an import into an empty directory restores them', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    ok(dir, ['add', 'my-course']);
    ok(dir, ['done', 'my-course/intro']);
    const file = join(dir, 'export.json');
    ok(dir, ['export', file]);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.catalogs.map((c: { id: string }) => c.id)).toEqual(['my-catalog']);
    const target = tempDir();
    ok(target, ['import', file]);
    expect(readdirSync(join(target, 'catalogs')).sort()).toEqual([
      'my-catalog.index',
      'my-catalog.json',
    ]);
    expect(ok(target, ['status', '--json']).stdout).toBe(ok(dir, ['status', '--json']).stdout);
    expect(ok(target, ['catalog', 'list']).stderr).toBe('');
  });

  it('an export with a damaged imported catalog names it and writes nothing', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    const catalog = join(dir, 'catalogs', 'my-catalog.json');
    writeFileSync(catalog, 'garbage');
    const file = join(tempDir(), 'export.json');
    const refused = run(dir, ['export', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`The imported catalog ${catalog} is damaged`);
    expect(refused.stderr).toContain('roadmap doctor --repair');
    expect(refused.stderr).not.toMatch(STACK);
    expect(existsSync(file)).toBe(false);
  });
});

describe('ROADMAP_CATALOG', () => {
  it('holds a file to the rules import holds it to: no empty course, no module named as a course or project', () => {
    const dir = tempDir();
    const cases = [
      [[{ id: 'my-course/project' }], '"my-course/project" is the id of a course\'s project'],
      [[{ id: 'my-course' }], '"my-course" is a course\'s id'],
      [[], 'must have at least one module'],
    ] as const;
    for (const [modules, problem] of cases) {
      const file = catalogFile(dir, 'bad.json', [...modules]);
      const validate = run(dir, ['catalog', 'validate', file]);
      expect(validate.code).toBe(1);
      expect(validate.stderr).toContain(problem);
      expect(validate.stderr.split(problem)).toHaveLength(2);
      const next = run(dir, ['show', 'my-course'], { ROADMAP_CATALOG: file });
      expect(next.stderr).toContain(`warning: catalog ${file} was not loaded:`);
      expect(next.stderr).toContain(problem);
      expect(next.code).toBe(2);
    }
  });

  it('adds catalogs for one run, without importing them', () => {
    const dir = tempDir();
    const file = v1(dir);
    const env = { ROADMAP_CATALOG: `${file}:${join(FIXTURES, 'valid/project-ideas.json')}` };
    const rows = json<CatalogRow[]>(ok(dir, ['catalog', '--json'], env));
    expect(rows.slice(-2).map((r) => [r.id, r.source])).toEqual([
      ['my-course', 'my-catalog'],
      ['data', 'with-ideas'],
    ]);
    ok(dir, ['add', 'my-course'], env);
    expect(existsSync(join(dir, 'catalogs'))).toBe(false);
    const list = json<CatalogListRow[]>(ok(dir, ['catalog', 'list', '--json'], env));
    expect(list.map((r) => [r.id, r.kind, r.status])).toEqual([
      ['bundled', 'bundled', 'loaded'],
      ['my-catalog', 'env', 'checked'],
      ['with-ideas', 'env', 'checked'],
    ]);
    // Without it, the course stays on the roadmap, not loaded.
    expect(ok(dir, ['status']).stdout).toContain('catalog not loaded');
  });

  it('catalog list counts each file apart, and names the courses it left out', () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.json');
    const part = join(dir, 'part.json');
    const course = (id: string) => ({
      id,
      title: id.toUpperCase(),
      provider: 'P',
      url: 'https://example.com',
      modules: [1, 2].map((n) => ({
        id: `${id}/${n}`,
        title: `M${n}`,
        url: `https://example.com/${id}/${n}`,
        minutes: 5,
        minutesBasis: 'stated',
      })),
    });
    const catalog = (courses: string[]) =>
      JSON.stringify({ formatVersion: 1, id: 'same', courses: courses.map(course) });
    writeFileSync(whole, catalog(['x', 'y']));
    writeFileSync(part, catalog(['x']));
    const env = { ROADMAP_CATALOG: `${part}:${whole}` };
    const list = json<CatalogListRow[]>(ok(dir, ['catalog', 'list', '--json'], env));
    // The first file named is catalog `same`; the second, another version of it, is left out.
    expect(list.map((r) => [r.path, r.status, r.courses, r.modules, r.leftOut])).toEqual([
      [null, 'loaded', 6, 141, []],
      [part, 'checked', 1, 2, []],
      [whole, 'skipped', null, null, []],
    ]);
    const text = ok(dir, ['catalog', 'list'], env).stdout;
    expect(text).toContain(`ROADMAP_CATALOG already names ${part}, which gives catalog same`);

    writeFileSync(
      whole,
      JSON.stringify({ formatVersion: 1, id: 'mine', courses: [course('hf-course')] }),
    );
    const clash = json<CatalogListRow[]>(
      ok(dir, ['catalog', 'list', '--json'], { ROADMAP_CATALOG: whole }),
    );
    expect(clash[1]).toMatchObject({
      courses: 0,
      leftOut: ['course hf-course was left out: catalog bundled already has a course with that id'],
    });
  });

  it('a broken file in it is named in one warning, and unrelated commands still work', () => {
    const dir = tempDir();
    ok(dir, ['add', 'hf-course']);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"formatVersion": 1, "id": "x", "courses": [');
    const env = { ROADMAP_CATALOG: `${broken}:${join(dir, 'missing.json')}` };
    const next = run(dir, ['next'], env);
    expect(next.code).toBe(0);
    const warnings = next.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^warning: catalog .*broken\.json was not loaded: \(file\): not valid JSON: .*Run `roadmap doctor`\.$/,
      ),
      `warning: catalog ${join(dir, 'missing.json')} was not loaded: there is no such file. Run \`roadmap doctor\`.`,
    ]);
    expect(run(dir, ['status', '--json'], env).code).toBe(0);
    const doctor = run(dir, ['doctor', '--json'], env);
    expect(doctor.code).toBe(1);
    expect((JSON.parse(doctor.stdout) as DoctorJson).problems).toHaveLength(2);
  });

  it('reads a file named twice once, and names a broken file by the id it gives', () => {
    const dir = tempDir();
    const file = join(dir, 'minimal.json');
    copyFileSync(join(FIXTURES, 'valid/minimal.json'), file);
    const link = join(dir, 'hard-link.json');
    linkSync(file, link);
    const twice = { ROADMAP_CATALOG: `${file}:${join(dir, 'sub', '..', 'minimal.json')}:${link}` };
    const list = run(dir, ['catalog', 'list', '--json'], twice);
    expect(list.stderr).toBe('');
    const rows = json<CatalogListRow[]>(list);
    expect(rows.map((r) => [r.id, r.status, r.leftOut])).toEqual([
      ['bundled', 'loaded', []],
      ['minimal', 'checked', []],
    ]);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ formatVersion: 1, id: 'mine', courses: [{}] }));
    const skipped = json<CatalogListRow[]>(
      ok(dir, ['catalog', 'list', '--json'], { ROADMAP_CATALOG: broken }),
    ).at(-1)!;
    expect([skipped.id, skipped.status]).toEqual(['mine', 'skipped']);
    const text = ok(dir, ['catalog', 'list'], { ROADMAP_CATALOG: broken }).stdout;
    expect(text).toMatch(/^mine +not loaded: /m);
  });

  it('stands in for an imported catalog with the same id, to try a new version first', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    const next = catalogFile(dir, 'next.json', [{ id: 'my-course/intro', title: 'Trying it' }]);
    const view = json<CourseView>(
      ok(dir, ['show', 'my-course', '--json'], { ROADMAP_CATALOG: next }),
    );
    expect(view.modules.map((m) => m.title)).toEqual(['Trying it']);
    expect(json<CourseView>(ok(dir, ['show', 'my-course', '--json'])).modules).toHaveLength(3);
  });

  it('loads the first of two files with one catalog id, and names the second as left out', () => {
    const dir = tempDir();
    const first = catalogFile(dir, 'first.json', [{ id: 'my-course/intro', title: 'First' }]);
    const second = catalogFile(dir, 'second.json', [{ id: 'my-course/intro', title: 'Second' }]);
    const env = { ROADMAP_CATALOG: `${first}:${second}` };
    const shown = run(dir, ['show', 'my-course', '--json'], env);
    expect(shown.code).toBe(0);
    expect(json<CourseView>(shown).modules.map((m) => m.title)).toEqual(['First']);
    // One warning for the file, not one per course it would have clashed on.
    expect(shown.stderr).toBe(
      `warning: catalog ${second} was not loaded: ROADMAP_CATALOG already names ${first}, which gives catalog my-catalog. Run \`roadmap doctor\`.\n`,
    );
    const rows = json<CatalogListRow[]>(ok(dir, ['catalog', 'list', '--json'], env));
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      ['bundled', 'loaded'],
      ['my-catalog', 'checked'],
      ['my-catalog', 'skipped'],
    ]);
    const doctor = run(dir, ['doctor', '--json'], env);
    expect(doctor.code).toBe(1);
    expect((JSON.parse(doctor.stdout) as DoctorJson).problems).toEqual([
      `catalog ${second}: ROADMAP_CATALOG already names ${first}, which gives catalog my-catalog`,
    ]);
  });
});

/** A catalog `retire` that only hides mlep-intro/week-1. */
function hidingWeek1(dir: string): string {
  const file = join(dir, 'hide.json');
  writeFileSync(
    file,
    JSON.stringify({
      formatVersion: 1,
      id: 'retire',
      courses: [],
      overrides: [{ id: 'mlep-intro/week-1', hidden: true }],
    }),
  );
  return file;
}

describe('overrides', () => {
  it('patch and hide bundled entries, and show marks what was overridden', () => {
    const dir = tempDir();
    ok(dir, ['add', 'mlep-intro']);
    const imported = ok(dir, ['catalog', 'import', join(FIXTURES, 'valid/overrides-only.json')]);
    // A first import says what its overrides do, as an update does.
    expect(imported.stderr).toContain(
      '  Now hidden by its overrides: made-with-ml (progress on them is kept)\n  New or changed overrides of title, link or estimate: hf-course/chapter3/2, mlep-intro/week-1\n',
    );
    const view = json<CourseView>(ok(dir, ['show', 'mlep-intro', '--json']));
    expect(view.modules[0]).toMatchObject({
      title: 'Week 1: the ML project lifecycle',
      override: { catalogs: ['my-changes'], fields: ['title', 'url'] },
    });
    expect(ok(dir, ['show', 'mlep-intro']).stdout).toContain(
      'Week 1: the ML project lifecycle · 5 h assumed\n      (title and url changed by my-changes)\n',
    );
    const hf = json<CourseView>(ok(dir, ['show', 'hf-course', '--json']));
    expect(hf.modules.find((m) => m.id === 'hf-course/chapter3/2')).toMatchObject({
      minutes: 90,
      override: { fields: ['minutes'] },
    });
    // made-with-ml is hidden: gone from the catalog and refused by add, but show still works.
    const ids = json<CatalogRow[]>(ok(dir, ['catalog', '--json'])).map((r) => r.id);
    expect(ids).not.toContain('made-with-ml');
    const add = run(dir, ['add', 'made-with-ml']);
    expect(add.code).toBe(2);
    expect(add.stderr).toContain(
      '`made-with-ml` is hidden by an override in your catalog my-changes.',
    );
    expect(json<CourseView>(ok(dir, ['show', 'made-with-ml', '--json'])).hidden).toBe(true);
  });

  it('removing a hidden course promises no `add` that would be refused', () => {
    const dir = tempDir();
    ok(dir, ['add', 'mlep-intro', 'made-with-ml']);
    ok(dir, ['catalog', 'import', join(FIXTURES, 'valid/overrides-only.json')]);
    const removed = ok(dir, ['remove', 'made-with-ml', '--yes']).stderr;
    expect(removed).toContain('Removed made-with-ml; its progress is kept.');
    expect(removed).not.toContain('roadmap add made-with-ml');
    // Nothing done in it yet: there is no progress to speak of.
    expect(ok(dir, ['remove', 'mlep-intro', '--yes']).stderr).toContain(
      'Removed mlep-intro; `roadmap add mlep-intro` brings it back. `roadmap undo` reverts this.',
    );
  });

  it('hide a module: it leaves next and the totals, and its progress stays known', () => {
    const dir = tempDir();
    ok(dir, ['add', 'mlep-intro']);
    ok(dir, ['skip', 'mlep-intro/week-1']);
    const file = hidingWeek1(dir);
    ok(dir, ['catalog', 'import', file]);
    const view = json<CourseView>(ok(dir, ['show', 'mlep-intro', '--json']));
    expect(view.modules.map((m) => m.id)).toEqual(['mlep-intro/week-2', 'mlep-intro/week-3']);
    expect(view.hiddenModules).toEqual(['mlep-intro/week-1']);
    expect(json<{ total: { total: number } }>(ok(dir, ['status', '--json'])).total.total).toBe(2);
    expect(json<DoctorJson>(ok(dir, ['doctor', '--json'])).orphans).toEqual([]);
    const done = run(dir, ['done', 'mlep-intro/week-1']);
    expect(done.code).toBe(2);
    expect(done.stderr).toContain('is hidden by an override in your catalog retire');
  });

  it('hide a module done with minutes: the course stays started, with its time logged', () => {
    const dir = tempDir();
    const day = (n: number) => ({ ROADMAP_NOW: `2026-03-0${n}T09:00:00Z`, TZ: 'UTC' });
    ok(dir, ['add', 'mlep-intro'], day(1));
    ok(dir, ['done', 'mlep-intro/week-1', '--minutes', '200'], day(2));
    const file = hidingWeek1(dir);
    ok(dir, ['catalog', 'import', file], day(3));
    type Row = { startedAt: string | null; lastActivityAt: string | null; minutesLogged: number };
    const status = json<{ courses: Row[]; total: Row & { done: number; total: number } }>(
      ok(dir, ['status', '--json'], day(4)),
    );
    expect(status.courses[0]).toMatchObject({
      startedAt: '2026-03-02T09:00:00.000Z',
      lastActivityAt: '2026-03-02T09:00:00.000Z',
      minutesLogged: 200,
    });
    // The module leaves the counts, not the time logged on it.
    expect(status.total).toMatchObject({ done: 0, total: 2, minutesLogged: 200 });
    const text = ok(dir, ['status'], day(4)).stdout;
    expect(text).toContain('started 2 days ago · last worked 2 days ago · 3.3 h logged');
    expect(text).not.toContain('not started yet');
  });
});

describe('the imported catalogs folder', () => {
  it('a file in its place is a warning and a doctor problem, never a crash', () => {
    const dir = tempDir();
    ok(dir, ['add', 'hf-course']);
    writeFileSync(join(dir, 'catalogs'), 'not a folder');
    const next = run(dir, ['next']);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(`warning: catalog ${join(dir, 'catalogs')} was not loaded`);
    const doctor = run(dir, ['doctor', '--json']);
    expect(doctor.code).toBe(1);
    expect(JSON.parse(doctor.stdout).problems[0]).toContain('Could not list the imported catalogs');
    const imported = run(dir, ['catalog', 'import', join(FIXTURES, 'valid/minimal.json')]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).not.toMatch(STACK);
    expect(run(dir, ['doctor', '--repair']).stderr).not.toMatch(STACK);
  });

  it('a temp file an interrupted import left is named by doctor and removed by --repair', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    // One of a process that has ended, and one of a process still writing it (this one).
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    const left = join(dir, 'catalogs', `my-catalog.json.${ended}.tmp`);
    const writing = join(dir, 'catalogs', `my-catalog.index.${process.pid}.tmp`);
    writeFileSync(left, '{"half": ');
    writeFileSync(writing, '{');
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(
      `catalog ${left}: a leftover temp file from an interrupted catalog import`,
    );
    expect(doctor.stdout).not.toContain(writing);
    const repaired = json<{ removedTempFiles: string[] }>(
      ok(dir, ['doctor', '--repair', '--json']),
    );
    expect(repaired.removedTempFiles).toEqual([left]);
    expect(existsSync(left)).toBe(false);
    expect(existsSync(writing)).toBe(true);
    rmSync(writing);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('a broken file there is skipped with a warning; doctor --repair sets it aside', () => {
    const dir = tempDir();
    ok(dir, ['add', 'hf-course']);
    mkdirSync(join(dir, 'catalogs'));
    writeFileSync(join(dir, 'catalogs', 'bad.json'), '[1, 2');
    const next = run(dir, ['next']);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(
      `warning: catalog ${join(dir, 'catalogs', 'bad.json')} was not loaded`,
    );
    expect(run(dir, ['doctor']).code).toBe(1);
    const repaired = ok(dir, ['doctor', '--repair']);
    expect(repaired.stdout).toContain('Set the unusable catalog');
    expect(run(dir, ['next']).stderr).not.toContain('warning');
    expect(readdirSync(join(dir, 'catalogs'))[0]).toMatch(/^bad\.json\.corrupt-/);
  });

  it('a catalog changed by hand is read in full, with a warning, until doctor --repair indexes it', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    const file = join(dir, 'catalogs', 'my-catalog.json');
    const catalog = JSON.parse(readFileSync(file, 'utf8'));
    catalog.courses[0].modules[0].title = 'Edited by hand';
    writeFileSync(file, JSON.stringify(catalog, null, 2));
    const show = ok(dir, ['show', 'my-course']);
    expect(show.stdout).toContain('Edited by hand');
    expect(show.stderr).toContain('is read and checked in full on every run');
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('its index is out of date');
    expect(ok(dir, ['doctor', '--repair']).stdout).toContain(`Indexed ${file} again.`);
    const after = ok(dir, ['show', 'my-course']);
    expect(after.stderr).toBe('');
    expect(after.stdout).toContain('Edited by hand');
  });

  it('an edit by hand that keeps the file the same length is noticed too', () => {
    const dir = tempDir();
    ok(dir, ['catalog', 'import', v1(dir)]);
    ok(dir, ['add', 'my-course']);
    const file = join(dir, 'catalogs', 'my-catalog.json');
    const before = readFileSync(file, 'utf8');
    const edited = before.replace('"minutes":60', '"minutes":90');
    expect(edited.length).toBe(before.length);
    const { mtime } = statSync(file);
    writeFileSync(file, edited);
    // A moment later, as a script's edit right after the import would be.
    utimesSync(file, new Date(mtime.getTime() + 300), new Date(mtime.getTime() + 300));

    const next = run(dir, ['next']);
    expect(next.code).toBe(0);
    expect(next.stderr).toContain('is read and checked in full on every run');
    expect(ok(dir, ['show', 'my-course']).code).toBe(0);
    const status = json<{ total: { minutesTotal: number } }>(run(dir, ['status', '--json']));
    expect(status.total.minutesTotal).toBe(90 + 60 + 60);
    expect(run(dir, ['doctor']).stdout).toContain('its index is out of date');
    ok(dir, ['doctor', '--repair']);
    const after = run(dir, ['next']);
    expect(after.stderr).not.toContain('warning');
    expect(
      json<{ total: { minutesTotal: number } }>(run(dir, ['status', '--json'])).total.minutesTotal,
    ).toBe(210);
    expect(run(dir, ['doctor']).code).toBe(0);
  });
});
