import { describe, expect, it } from 'vitest';
import { indexCatalogs } from '../../src/catalog/catalog-index.js';
import { compareVersions, diffCourses, progressUpgrade } from '../../src/catalog/changes.js';
import { checkUserCatalog } from '../../src/catalog/check-user.js';
import { parseUserCatalog, readBundledCatalog } from '../../src/catalog/load.js';
import type { Catalog } from '../../src/catalog/types.js';
import { formatProblems } from '../../src/catalog/validate.js';
import { renderCatalogUpdate } from '../../src/ui/render-catalogs.js';
import { course } from '../helpers/catalog.js';

const v1: Catalog = { formatVersion: 1, id: 'mine', courses: [course('c', 3), course('d', 1)] };
/** c/m2 renamed to c/two, c/m3 removed, c/m4 added; d gone; e new. */
const v2: Catalog = {
  formatVersion: 1,
  id: 'mine',
  courses: [course('c', 4, {}, [{}, { replaces: ['c/m2'] }, {}, {}]), course('e', 1)],
};
v2.courses[0]!.modules[1]!.id = 'c/two';
v2.courses[0]!.modules.splice(2, 1);
v2.courses[0]!.modules[0]!.title = 'New title';

describe('diffCourses and compareVersions', () => {
  it('tells new, removed and renamed modules apart, and whole courses', () => {
    expect(compareVersions(v1, v2)).toEqual({
      coursesAdded: ['e'],
      coursesRemoved: ['d'],
      courses: [
        {
          catalog: 'mine',
          courseId: 'c',
          added: ['c/m4'],
          removed: ['c/m3'],
          renamed: [{ from: 'c/m2', to: 'c/two' }],
          courseRemoved: false,
        },
      ],
      detailsChanged: [{ id: 'c/m1', title: { from: 'c module 1', to: 'New title' } }],
      overrides: { hides: [], showsAgain: [], patches: [], stopsPatching: [] },
      renamesDropped: [],
    });
  });

  it('names each module whose title, link or estimate changed, and how', () => {
    const after = structuredClone(v1);
    const [m1, m2, m3] = after.courses[0]!.modules;
    m1!.minutes = 99;
    m2!.url = 'https://example.org/elsewhere';
    m3!.title = 'Better title';
    m3!.minutes = 90;
    const update = compareVersions(v1, after);
    expect(update.detailsChanged.map((c) => Object.keys(c))).toEqual([
      ['id', 'minutes'],
      ['id', 'url'],
      ['id', 'title', 'minutes'],
    ]);
    expect(renderCatalogUpdate(update)).toEqual([
      '  c/m1: estimate 1 h → 1 h 39 min',
      '  c/m2: new link',
      '  c/m3: title “c module 3” → “Better title”; estimate 1 h → 1 h 30 min',
    ]);
    const many = structuredClone(v1);
    many.courses = [course('c', 8)];
    const changed = structuredClone(many);
    for (const module of changed.courses[0]!.modules) module.minutes += 5;
    expect(renderCatalogUpdate(compareVersions(many, changed))).toEqual([
      '  8 courses and modules changed title, link or estimate: c/m1, c/m2, c/m3, c/m4, c/m5, … (3 more)',
    ]);
    const retitled = structuredClone(v1);
    retitled.courses[1]!.title = 'Renamed';
    retitled.courses[1]!.url = 'https://example.org/other';
    expect(renderCatalogUpdate(compareVersions(v1, retitled))).toEqual([
      '  d: title “Course d” → “Renamed”; new link',
    ]);
  });

  it('names what its overrides hide, show again, patch or stop patching', () => {
    const only = (overrides: Catalog['overrides']): Catalog => ({
      formatVersion: 1,
      id: 'tweaks',
      courses: [],
      overrides,
    });
    const before = only([
      { id: 'mlep-intro/week-1', hidden: true },
      { id: 'hf-course/chapter1/1', minutes: 20 },
      { id: 'hf-course/chapter2/1', title: 'Mine' },
    ]);
    const after = only([
      { id: 'mlep-intro/week-2', hidden: true },
      { id: 'hf-course/chapter1/1', minutes: 25 },
      { id: 'made-with-ml', hidden: true, title: 'Later' },
    ]);
    const update = compareVersions(before, after);
    expect(update.overrides).toEqual({
      hides: ['mlep-intro/week-2', 'made-with-ml'],
      showsAgain: ['mlep-intro/week-1'],
      patches: ['hf-course/chapter1/1', 'made-with-ml'],
      stopsPatching: ['hf-course/chapter2/1'],
    });
    // Once "Nothing about its courses or modules changed", though week-1 counted again.
    expect(renderCatalogUpdate(update)).toEqual([
      '  Now hidden by its overrides: mlep-intro/week-2, made-with-ml (progress on them is kept)',
      '  No longer hidden: mlep-intro/week-1 (they count in their courses again)',
      '  New or changed overrides of title, link or estimate: hf-course/chapter1/1, made-with-ml',
      "  Back to their own catalog's title, link and estimate: hf-course/chapter2/1",
    ]);
    expect(renderCatalogUpdate(compareVersions(before, structuredClone(before)))).toEqual([
      '  Nothing about its courses or modules changed.',
    ]);
  });

  it('counts a module renamed into another course as renamed, and not new where it landed', () => {
    const before = [
      ['c', ['c/m1', 'c/m2']],
      ['d', ['d/m1']],
    ] as const;
    const after = [
      ['c', ['c/m1']],
      ['d', ['d/m1', 'd/two']],
    ] as const;
    expect(diffCourses('mine', before, after, new Map([['c/m2', 'd/two']]))).toEqual([
      {
        catalog: 'mine',
        courseId: 'c',
        added: [],
        removed: [],
        renamed: [{ from: 'c/m2', to: 'd/two' }],
        courseRemoved: false,
      },
    ]);
  });

  it('names an id the version before renamed that the new one reads as nothing', () => {
    const book = (modules: object[]): Catalog => ({
      formatVersion: 1,
      id: 'mine',
      courses: [{ ...course('bk', 0), modules: modules as never }],
    });
    const m = (id: string, replaces?: string[]) => ({
      id,
      title: id,
      url: 'https://example.com/x',
      minutes: 60,
      minutesBasis: 'assumed',
      ...(replaces && { replaces }),
    });
    const v2 = book([m('bk/a2', ['bk/a']), m('bk/b')]);
    // Renamed again, listing only its last id: bk/a's progress would stop counting.
    const v3 = book([m('bk/a3', ['bk/a2']), m('bk/b')]);
    const update = compareVersions(v2, v3);
    expect(update.renamesDropped).toEqual([{ id: 'bk/a', was: 'bk/a2', to: 'bk/a3' }]);
    expect(renderCatalogUpdate(update)).toContain(
      "  bk/a: read as bk/a2 until now, but no module replaces it in this version, so progress under it no longer counts (list it in bk/a3's replaces to keep it)",
    );
    // Listing both ids keeps it, as the README asks.
    const both = book([m('bk/a3', ['bk/a2', 'bk/a']), m('bk/b')]);
    expect(compareVersions(v2, both).renamesDropped).toEqual([]);
  });

  it('reports only the courses asked about, and a course that is gone', () => {
    const before = [
      ['c', ['c/m1', 'c/m2']],
      ['d', ['d/m1']],
    ] as const;
    const after = [['c', ['c/m1', 'c/m2']]] as const;
    expect(diffCourses('mine', before, after, new Map())).toEqual([
      { catalog: 'mine', courseId: 'd', added: [], removed: [], renamed: [], courseRemoved: true },
    ]);
    expect(diffCourses('mine', before, after, new Map(), (id) => id === 'c')).toEqual([]);
  });
});

describe('checkUserCatalog: against the loaded catalogs', () => {
  const others = () => indexCatalogs([readBundledCatalog()]);
  const problems = (catalog: Catalog) =>
    formatProblems(checkUserCatalog(catalog, others()).problems);

  it('refuses course and module ids that the bundled catalog has', () => {
    const clash = course('hf-course', 2);
    const sharing = course('mine', 2);
    sharing.modules[1]!.id = 'mlep-intro/week-1';
    expect(problems({ formatVersion: 1, id: 'x', courses: [clash, sharing] })).toEqual([
      'courses[0].id: course "hf-course" is already in catalog bundled',
      'courses[1].modules[1].id: module "mlep-intro/week-1" is already in mlep-intro (catalog bundled)',
    ]);
  });

  it("refuses a module with a course's id or a project's, and a course with a module's", () => {
    const mine = course('mine', 3);
    mine.modules[0]!.id = 'mine/project';
    mine.modules[1]!.id = 'mlep-intro';
    mine.modules[2]!.id = 'other';
    const other = course('other', 1);
    const moduleId = course('hf-course/chapter1/1', 1);
    const anyProject = course('kept', 1);
    // Named "project" under something that is no course: allowed.
    anyProject.modules[0]!.id = 'kept/unit1/project';
    expect(
      problems({ formatVersion: 1, id: 'x', courses: [mine, other, moduleId, anyProject] }),
    ).toEqual([
      `courses[0].modules[0].id: "mine/project" is the id of a course's project`,
      `courses[0].modules[1].id: "mlep-intro" is a course's id`,
      `courses[0].modules[2].id: "other" is a course's id`,
      'courses[2].id: "hf-course/chapter1/1" is a module of hf-course',
    ]);
  });

  it('refuses a course named like a track, and a track named like a course', () => {
    const asTrack = course('mlep', 1);
    const ownTrack = course('reading', 1);
    const inOwnTrack = { ...course('paper', 1), track: 'reading' };
    const trackAsCourse = { ...course('mine', 1), track: 'hf-course' };
    // Joining a track by its name is allowed.
    const joining = { ...course('extra', 1), track: 'mlep' };
    expect(
      problems({
        formatVersion: 1,
        id: 'x',
        courses: [asTrack, ownTrack, inOwnTrack, trackAsCourse],
      }),
    ).toEqual([
      'courses[0].id: "mlep" is a track\'s id; `roadmap add mlep` adds that track',
      'courses[1].id: "reading" is a track\'s id; `roadmap add reading` adds that track',
      'courses[2].track: "reading" is a course\'s id; name the track apart from every course',
      'courses[3].track: "hf-course" is a course\'s id; name the track apart from every course',
    ]);
    expect(problems({ formatVersion: 1, id: 'x', courses: [joining] })).toEqual([]);
  });

  it('warns when overrides hide every module of a course, and says to hide the course', () => {
    const hide = (...ids: string[]) => ids.map((id) => ({ id, hidden: true }));
    const warnings = (overrides: { id: string; hidden: boolean }[]) =>
      formatProblems(
        checkUserCatalog({ formatVersion: 1, id: 'x', courses: [], overrides }, others()).warnings,
      );
    expect(warnings(hide('mlep-intro/week-1', 'mlep-intro/week-2', 'mlep-intro/week-3'))).toEqual([
      'overrides[0].id: these overrides hide every module of "mlep-intro", which would have nothing left to study; to take the course out, hide the course itself ({"id":"mlep-intro","hidden":true})',
    ]);
    expect(warnings(hide('mlep-intro/week-1', 'mlep-intro/week-2'))).toEqual([]);
  });

  it('warns of a module filed under another course, a track of another catalog, and a mistyped override', () => {
    const warnings = (catalog: Catalog) =>
      formatProblems(checkUserCatalog(catalog, others()).warnings);
    const mine = course('mine', 2, { track: 'mlep' });
    mine.modules[1]!.id = 'mlep-intro/extra';
    expect(
      warnings({
        formatVersion: 1,
        id: 'x',
        courses: [mine],
        overrides: [{ id: 'hf-course/chaptr3/2', title: 'x' }],
      }),
    ).toEqual([
      'courses[0].track: "mlep" is a track of another catalog: `roadmap add mlep` will add this course after that track\'s own courses; name a track of your own to keep them apart',
      'courses[0].modules[1].id: "mlep-intro/extra" doesn\'t begin with its course\'s id and a slash ("mine/"): progress on it is filed under "mlep-intro", so a course without this catalog loaded would not count it; give it an id that begins with "mine/", listing "mlep-intro/extra" in its "replaces" so that progress recorded under it carries over',
      'overrides[0].id: no loaded catalog has "hf-course/chaptr3/2", so this override changes nothing for now (did you mean "hf-course/chapter3/2"?)',
    ]);
    expect(
      warnings({ formatVersion: 1, id: 'x', courses: [course('mine', 2, { track: 'own' })] }),
    ).toEqual([]);
  });

  it('refuses a course with no modules, which could never finish', () => {
    expect(problems({ formatVersion: 1, id: 'x', courses: [course('empty', 0)] })).toEqual([
      'courses[0].modules: must have at least one module (a course with none never finishes)',
    ]);
  });

  it('refuses ids that read Object.prototype', () => {
    const bad = course('constructor', 1);
    bad.modules[0]!.id = 'prototype';
    expect(problems({ formatVersion: 1, id: 'x', courses: [bad] })).toEqual([
      'courses[0].id: "constructor" can\'t be an id',
      'courses[0].modules[0].id: "prototype" can\'t be an id',
    ]);
  });

  it('refuses to replace a module still offered, unless the catalog hides it', () => {
    const takeover = course('mine', 1, {}, [{ replaces: ['hf-course/chapter1/1'] }]);
    expect(problems({ formatVersion: 1, id: 'x', courses: [takeover] })).toEqual([
      'courses[0].modules[0].replaces[0]: "hf-course/chapter1/1" is still a module of hf-course (catalog bundled); hide it with an override to replace it',
    ]);
    const retiring: Catalog = {
      formatVersion: 1,
      id: 'x',
      courses: [takeover],
      overrides: [{ id: 'hf-course/chapter1/1', hidden: true }],
    };
    expect(checkUserCatalog(retiring, others())).toEqual({ problems: [], warnings: [] });
  });

  it('warns about an override that matches nothing', () => {
    const check = checkUserCatalog(
      { formatVersion: 1, id: 'x', courses: [], overrides: [{ id: 'nope', hidden: true }] },
      others(),
    );
    expect(check.problems).toEqual([]);
    expect(formatProblems(check.warnings)).toEqual([
      'overrides[0].id: no loaded catalog has "nope", so this override changes nothing for now',
    ]);
  });

  it("refuses a course's id in replaces, and warns about minutes on a course and an empty file", () => {
    const renamedCourse = course('mine', 1, {}, [{ replaces: ['mlep-intro'] }]);
    expect(problems({ formatVersion: 1, id: 'x', courses: [renamedCourse] })).toEqual([
      `courses[0].modules[0].replaces[0]: "mlep-intro" is a course's id; replaces lists the ids the module had`,
    ]);
    const onCourse = checkUserCatalog(
      { formatVersion: 1, id: 'x', courses: [], overrides: [{ id: 'hf-course', minutes: 90 }] },
      others(),
    );
    expect(formatProblems(onCourse.warnings)).toEqual([
      'overrides[0].minutes: "hf-course" is a course; minutes apply to modules only, so they change nothing',
    ]);
    const empty = checkUserCatalog({ formatVersion: 1, id: 'x', courses: [] }, others());
    expect(formatProblems(empty.warnings)).toEqual([
      '(file): it holds no courses and no overrides, so importing it changes nothing',
    ]);
  });
});

describe('parseUserCatalog', () => {
  it.each([
    [
      'a/b',
      'id: "a/b" can\'t name a file: a catalog id uses only a-z, 0-9, ".", "_" and "-", with no "/"',
    ],
    ['bundled', 'id: "bundled" is the id of the catalog roadmap ships'],
    [
      'c'.repeat(101),
      `id: "${'c'.repeat(60)}…" is 101 characters long; a catalog id names a file, so it has at most 100`,
    ],
  ])('refuses the catalog id %j', (id, line) => {
    const { catalog, problems } = parseUserCatalog(JSON.stringify({ ...v1, id }));
    expect(catalog).toBeNull();
    expect(formatProblems(problems)).toEqual([line]);
  });

  it('reports text that is not JSON as one problem', () => {
    const { problems } = parseUserCatalog('{"formatVersion": 1,');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('(file)');
    expect(problems[0]!.message).toMatch(/^not valid JSON: /);
  });
});

describe('progressUpgrade', () => {
  const upgrade = (before: Catalog[], after: Catalog[], ids: string[]) =>
    progressUpgrade(indexCatalogs(before), indexCatalogs(after), ids);
  const mine = (...courses: Catalog['courses']): Catalog => ({
    formatVersion: 1,
    id: 'mine',
    courses,
  });

  it('names modules whose progress stops counting, with a likely new id, and nothing else', () => {
    // v1 → v2: c/m2 is replaced (still counts), c/m3 removed, d gone with its course (kept by prefix).
    expect(upgrade([v1], [v2], ['c/m2', 'c/m3', 'd/m1'])).toEqual({
      stranded: [{ id: 'c/m3', courseId: 'c', storedAs: ['c/m3'], likelyRenamedTo: null }],
      revived: [],
    });
    // c/m3 under a new id with its title: that is the likely rename.
    const renamed = structuredClone(v1);
    renamed.courses[0]!.modules[2]!.id = 'c/third';
    expect(upgrade([v1], [renamed], ['c/m3']).stranded).toEqual([
      { id: 'c/m3', courseId: 'c', storedAs: ['c/m3'], likelyRenamedTo: 'c/third' },
    ]);
    // A module moved to another course keeps its id, and its progress.
    const moved = structuredClone(v1);
    moved.courses[1]!.modules.push(moved.courses[0]!.modules.pop()!);
    expect(upgrade([v1], [moved], ['c/m3']).stranded).toEqual([]);
    // No progress on it: nothing to say.
    expect(upgrade([v1], [v2], [])).toEqual({ stranded: [], revived: [] });
  });

  it('follows renames to their end, across versions and catalogs', () => {
    const a = mine(course('c', 1, {}, [{ id: 'c/a2', replaces: ['c/m1'] }]));
    const b = mine(course('c', 1, {}, [{ id: 'c/a9', replaces: ['c/m1'] }]));
    // Stored under c/m1: read as c/a2, then as c/a9. It counts all along.
    expect(upgrade([a], [b], ['c/m1'])).toEqual({ stranded: [], revived: [] });
    // Nothing replaces it any more: it was c/a2's, stored as c/m1. The new module in its place,
    // with its title, is the likely rename.
    const none = mine(course('c', 1, {}, [{ id: 'c/other' }]));
    expect(upgrade([a], [none], ['c/m1']).stranded).toEqual([
      { id: 'c/a2', courseId: 'c', storedAs: ['c/m1'], likelyRenamedTo: 'c/other' },
    ]);
    // Another catalog's module takes c/m3 over: it still counts.
    const other: Catalog = {
      formatVersion: 1,
      id: 'other',
      courses: [course('o', 1, {}, [{ id: 'o/z', replaces: ['c/m3'] }])],
    };
    const without = structuredClone(v1);
    without.courses[0]!.modules.pop();
    expect(upgrade([v1, other], [without, other], ['c/m3']).stranded).toEqual([]);
  });

  it('names stored ids that count again, and not a plain rename', () => {
    const gone = mine(course('c', 1, {}, [{ id: 'c/new' }]));
    const back = mine(course('c', 1, {}, [{ id: 'c/new', replaces: ['c/old'] }]));
    expect(upgrade([gone], [back], ['c/old']).revived).toEqual([{ from: 'c/old', to: 'c/new' }]);
    const plain = mine(course('c', 1, {}, [{ id: 'c/old' }]));
    expect(upgrade([plain], [back], ['c/old'])).toEqual({ stranded: [], revived: [] });
  });
});
