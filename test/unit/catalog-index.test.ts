import { describe, expect, it } from 'vitest';
import { indexCatalogs } from '../../src/catalog/catalog-index.js';
import { readBundledCatalog } from '../../src/catalog/load.js';
import { sourceOf } from '../../src/catalog/sources.js';
import type { Catalog, CatalogCourse, Override } from '../../src/catalog/types.js';
import { course } from '../helpers/catalog.js';

const catalog = (id: string, courses: CatalogCourse[], overrides?: Override[]): Catalog => ({
  formatVersion: 1,
  id,
  courses,
  ...(overrides && { overrides }),
});
const bundled = () => readBundledCatalog();
const user = (id: string, courses: CatalogCourse[], overrides?: Override[]) =>
  sourceOf(catalog(id, courses, overrides), 'imported', `/catalogs/${id}.json`);

describe('indexCatalogs: several catalogs', () => {
  it('lists user courses after the bundled ones and says where each comes from', () => {
    const index = indexCatalogs([bundled(), user('mine', [course('fastai', 2)])]);
    expect(index.courses.at(-1)!.id).toBe('fastai');
    expect(index.catalogOf.get('fastai')).toMatchObject({ id: 'mine', kind: 'imported' });
    expect(index.catalogOf.get('hf-course')).toMatchObject({ id: 'bundled', kind: 'bundled' });
    expect(index.moduleById.get('fastai/m2')).toMatchObject({ index: 1 });
    expect(index.problems).toEqual([]);
  });

  it('leaves out a course whose id or module ids an earlier catalog has, with a warning', () => {
    const taken = course('hf-course', 1);
    const sharing = course('other', 2);
    sharing.modules[1]!.id = 'mlep-intro/week-1';
    const index = indexCatalogs([bundled(), user('mine', [taken, sharing, course('fine', 1)])]);
    expect(index.catalogOf.get('hf-course')!.id).toBe('bundled');
    expect(index.courseById.has('other')).toBe(false);
    expect(index.courseById.has('fine')).toBe(true);
    expect(index.problems).toEqual([
      {
        catalog: 'mine',
        path: '/catalogs/mine.json',
        message: 'course hf-course was left out: catalog bundled already has a course with that id',
        warn: true,
      },
      {
        catalog: 'mine',
        path: '/catalogs/mine.json',
        message:
          'course other was left out: its module mlep-intro/week-1 is already in mlep-intro (catalog bundled)',
        warn: true,
      },
    ]);
  });

  it('finds a clash with a module of an earlier catalog kept under a later course’s id', () => {
    const early = course('one', 1);
    early.modules.push({ ...early.modules[0]!, id: 'two/extra' });
    const nested = course('a/b', 1);
    const later = course('two', 1);
    later.modules.push({ ...later.modules[0]!, id: 'two/extra' });
    const outer = course('a', 1);
    outer.modules.push({ ...outer.modules[0]!, id: 'a/b/m1' });
    const index = indexCatalogs([user('first', [early, nested]), user('second', [later, outer])]);
    expect(index.problems.map((p) => p.message)).toEqual([
      'course two was left out: its module two/extra is already in one (catalog first)',
      'course a was left out: its module a/b/m1 is already in a/b (catalog first)',
    ]);
  });

  it('refuses ids that would read Object.prototype from the state', () => {
    const index = indexCatalogs([user('mine', [course('constructor', 1)])]);
    expect(index.courseById.has('constructor')).toBe(false);
    expect(index.problems[0]!.message).toBe(
      'course constructor was left out: "constructor" can\'t be an id',
    );
  });
});

describe('indexCatalogs: overrides', () => {
  it('patches titles, links and minutes of another catalog, and records what changed', () => {
    const index = indexCatalogs([
      bundled(),
      user(
        'fixes',
        [],
        [
          { id: 'mlep-intro', title: 'MLOps intro (archived)' },
          { id: 'mlep-intro/week-1', url: 'https://example.org/mirror/week-1', minutes: 240 },
        ],
      ),
    ]);
    expect(index.courseById.get('mlep-intro')!.title).toBe('MLOps intro (archived)');
    const ref = index.moduleById.get('mlep-intro/week-1')!;
    expect(ref.module).toMatchObject({ url: 'https://example.org/mirror/week-1', minutes: 240 });
    // The course's list holds the patched module too, so totals and `next` see it.
    expect(index.courseById.get('mlep-intro')!.modules[0]).toBe(ref.module);
    expect(index.overridden.get('mlep-intro/week-1')).toEqual({
      catalogs: ['fixes'],
      fields: ['url', 'minutes'],
    });
    expect(index.overridden.get('mlep-intro')).toEqual({ catalogs: ['fixes'], fields: ['title'] });
  });

  it('hides a course from the lists and tracks, but keeps it for the roadmap', () => {
    const index = indexCatalogs([
      bundled(),
      user('fixes', [], [{ id: 'mlep-deploy', hidden: true }]),
    ]);
    expect(index.courses.map((c) => c.id)).not.toContain('mlep-deploy');
    expect(index.tracks.get('mlep')).toEqual(['mlep-intro', 'mlep-data', 'mlep-modeling']);
    expect(index.courseById.has('mlep-deploy')).toBe(true);
    expect(index.hidden.has('mlep-deploy')).toBe(true);
  });

  it('hides a module from its course, keeping it known (its progress is no orphan)', () => {
    const index = indexCatalogs([
      bundled(),
      user('fixes', [], [{ id: 'mlep-intro/week-2', hidden: true }]),
    ]);
    const intro = index.courseById.get('mlep-intro')!;
    expect(intro.modules.map((m) => m.id)).toEqual(['mlep-intro/week-1', 'mlep-intro/week-3']);
    expect(index.moduleById.get('mlep-intro/week-2')!.index).toBe(-1);
    expect(index.moduleById.get('mlep-intro/week-3')!.index).toBe(1);
  });

  it('reports an override that matches nothing, and applies later catalogs last', () => {
    const index = indexCatalogs([
      bundled(),
      user(
        'a',
        [],
        [
          { id: 'hf-course', title: 'A' },
          { id: 'nothing/here', hidden: true },
        ],
      ),
      user('b', [], [{ id: 'hf-course', title: 'B', url: 'https://example.org/b' }]),
    ]);
    expect(index.courseById.get('hf-course')).toMatchObject({
      title: 'B',
      url: 'https://example.org/b',
    });
    expect(index.overridden.get('hf-course')).toEqual({
      catalogs: ['a', 'b'],
      fields: ['title', 'url'],
    });
    expect(index.problems.map((p) => p.message)).toEqual([
      'overrides[1]: no loaded catalog has "nothing/here", so it changes nothing',
    ]);
  });

  it('leaves the objects of an earlier index alone when the same source is indexed again', () => {
    const source = sourceOf(bundled(), 'bundled');
    const hide = user('fixes', [], [{ id: 'hf-course/chapter1/1', hidden: true }]);
    const first = indexCatalogs([source, hide]);
    const second = indexCatalogs([source, hide]);
    expect(second.moduleById.has('hf-course/chapter1/1')).toBe(true);
    expect(first.courseById.get('hf-course')).not.toBe(second.courseById.get('hf-course'));
  });
});

describe('indexCatalogs: renames', () => {
  it('maps replaced ids to the module that replaces them', () => {
    const v2 = course('tools', 2, {}, [{ replaces: ['tools/setup', 'tools/install'] }]);
    const index = indexCatalogs([user('mine', [v2])]);
    expect(Object.fromEntries(index.renamed)).toEqual({
      'tools/setup': 'tools/m1',
      'tools/install': 'tools/m1',
    });
    expect(index.formerIds.get('tools/m1')).toEqual(['tools/setup', 'tools/install']);
  });

  it('ignores a rename that would take over a module another catalog still offers', () => {
    const index = indexCatalogs([
      bundled(),
      user('mine', [course('mine', 1, {}, [{ replaces: ['hf-course/chapter1/1'] }])]),
    ]);
    expect(index.renamed.size).toBe(0);
    expect(index.problems.map((p) => p.message)).toEqual([
      'mine/m1 replaces hf-course/chapter1/1, which is still a module of hf-course; the rename is ignored',
    ]);
  });

  it('follows a chain across catalogs through a retired (hidden) module', () => {
    // Catalog a renamed a/old to a/m1; catalog b retires a/m1 and replaces it with b/m1.
    const a = user('a', [course('a', 1, {}, [{ replaces: ['a/old'] }])]);
    const b = user(
      'b',
      [course('b', 1, {}, [{ replaces: ['a/m1'] }])],
      [{ id: 'a/m1', hidden: true }],
    );
    const index = indexCatalogs([a, b]);
    expect(index.renamed.get('a/old')).toBe('b/m1');
    expect(index.renamed.get('a/m1')).toBe('b/m1');
    expect(index.formerIds.get('b/m1')!.sort()).toEqual(['a/m1', 'a/old']);
  });

  it('ignores renames that loop across catalogs, and says so', () => {
    const a = user(
      'a',
      [course('a', 1, {}, [{ replaces: ['b/m1'] }])],
      [{ id: 'b/m1', hidden: true }],
    );
    const b = user(
      'b',
      [course('b', 1, {}, [{ replaces: ['a/m1'] }])],
      [{ id: 'a/m1', hidden: true }],
    );
    const index = indexCatalogs([a, b]);
    expect(index.renamed.size).toBe(0);
    expect(index.problems.map((p) => p.message)).toEqual([
      'renames loop across catalogs: b/m1 -> a/m1 -> b/m1; they are ignored',
    ]);
  });

  it('keeps the first of two catalogs replacing the same id', () => {
    const index = indexCatalogs([
      user('a', [course('a', 1, {}, [{ replaces: ['gone/x'] }])]),
      user('b', [course('b', 1, {}, [{ replaces: ['gone/x'] }])]),
    ]);
    expect(index.renamed.get('gone/x')).toBe('a/m1');
    expect(index.problems[0]!.message).toBe(
      'b/m1 replaces gone/x, which a/m1 (catalog a) already replaces; a/m1 keeps it',
    );
  });
});
