import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexCatalogs } from '../../src/catalog/catalog-index.js';
import { catalogRevision } from '../../src/catalog/revision.js';
import {
  checkStoredIndex,
  encodeStored,
  isSameTime,
  type StoredIndex,
  storedSource,
} from '../../src/catalog/stored.js';
import type { Catalog } from '../../src/catalog/types.js';
import { Failure } from '../../src/errors.js';

const fixture = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/catalogs/valid/${file}`, import.meta.url), 'utf8'),
  ) as Catalog;

/** Reads from an in-memory "file", counting the reads. */
function memoryFile(text: string) {
  const bytes = Buffer.from(text);
  const reads: number[] = [];
  return {
    reads,
    read: (offset: number, length: number) => {
      reads.push(offset);
      return bytes.subarray(offset, offset + length).toString('utf8');
    },
  };
}

const roundTrip = (catalog: Catalog) => {
  const { text, index } = encodeStored(catalog);
  const file = memoryFile(text);
  const stored = JSON.parse(JSON.stringify(index)) as StoredIndex;
  return { text, index: stored, file, source: storedSource(stored, file.read, '/c/x.json') };
};

describe('the stored form of an imported catalog', () => {
  it('is the catalog itself, one course a line, which export reads back unchanged', () => {
    const catalog = fixture('project-ideas.json');
    catalog.courses.push({ ...structuredClone(catalog.courses[0]!), id: 'second' });
    for (const m of catalog.courses[1]!.modules) m.id = m.id.replace('data/', 'second/');
    const { text } = encodeStored(catalog);
    expect(JSON.parse(text)).toEqual(catalog);
    expect(text.split('\n')).toHaveLength(catalog.courses.length + 3);
  });

  it('gives back every field, reading only the lines of the courses asked about', () => {
    const catalog = fixture('project-ideas.json');
    catalog.courses.push({
      id: 'other',
      title: 'Ünïcode «course» 🤗',
      provider: 'P',
      url: 'https://example.com/o',
      track: 't',
      modules: [
        {
          id: 'other/a',
          title: 'Ä',
          url: 'https://example.com/o/a',
          minutes: 5,
          minutesBasis: 'stated',
          replaces: ['other/old'],
        },
      ],
    });
    const { source, file } = roundTrip(catalog);
    const loaded = source.catalog();
    expect(loaded.courses.map((c) => c.title)).toEqual([
      'Working with data',
      'Ünïcode «course» 🤗',
    ]);
    // Ids, minutes, optional flags and renames come from the index alone.
    const [data, other] = loaded.courses;
    expect(data!.modules.map((m) => [m.id, m.minutes, m.optional === true])).toEqual([
      ['data/loading', 30, false],
      ['data/cleaning', 40, true],
    ]);
    expect(other!.modules[0]!.replaces).toEqual(['other/old']);
    expect(file.reads).toEqual([]);
    expect(other!.modules[0]!.title).toBe('Ä');
    expect(file.reads).toHaveLength(1);
    expect(data!.projectIdeas).toEqual(catalog.courses[0]!.projectIdeas);
    expect(data!.modules[1]).toMatchObject({ part: 'Preparation', minutesBasis: 'stated' });
    expect(file.reads).toHaveLength(2);
  });

  it('answers the cheap questions from the index', () => {
    const catalog = fixture('replaces-chain.json');
    const { source } = roundTrip(catalog);
    expect(source.revision()).toBe(catalogRevision(catalog));
    expect(source.replacedIds()).toEqual(['tooling/setup', 'tooling/install', 'tooling/vcs']);
    expect(source.courseModuleIds()).toEqual([['tooling', ['tooling/environment', 'tooling/git']]]);
    expect(indexCatalogs([source]).renamed.get('tooling/install')).toBe('tooling/environment');
  });

  it("answers project ideas from the index, and from the course's line for an older index", () => {
    const catalog = fixture('project-ideas.json');
    const { index, file, source } = roundTrip(catalog);
    const ideas = source.catalog().courses.map((c) => c.projectIdeas);
    expect(ideas).toEqual(catalog.courses.map((c) => c.projectIdeas));
    expect(ideas.some((list) => (list?.length ?? 0) > 0)).toBe(true);
    expect(file.reads).toHaveLength(0);

    const { withIdeas: _, ...older } = index;
    const olderSource = storedSource(
      { ...older, courses: older.courses.map(({ ideas: _ideas, ...course }) => course) },
      file.read,
      '/c/x.json',
    );
    expect(olderSource.catalog().courses.map((c) => c.projectIdeas)).toEqual(ideas);
    expect(file.reads).toHaveLength(catalog.courses.length);
  });

  it('refuses a line that no longer matches its index, pointing at doctor', () => {
    const { text, index } = encodeStored(fixture('minimal.json'));
    const tampered = text.replace('Welcome', 'Welcomf');
    const source = storedSource(index, memoryFile(tampered).read, '/c/minimal.json');
    const module = source.catalog().courses[0]!.modules[0]!;
    expect(() => module.title).toThrow(Failure);
    expect(() => module.title).toThrow('/c/minimal.json changed since roadmap indexed it');
  });
});

describe('checkStoredIndex', () => {
  const { index, text } = encodeStored(fixture('project-ideas.json'));
  const bytes = Buffer.byteLength(text);
  const mtimeMs = 1_772_441_000_123.456;
  const timed = { ...index, mtimeMs };
  const broken = (change: (i: Record<string, unknown>) => void) => {
    const copy = JSON.parse(JSON.stringify(timed));
    change(copy);
    return checkStoredIndex(copy, 'with-ideas', bytes, mtimeMs);
  };

  it('trusts an index that fits its file', () => {
    expect(
      checkStoredIndex(JSON.parse(JSON.stringify(timed)), 'with-ideas', bytes, mtimeMs),
    ).toBeNull();
    // A copy that kept the time to the millisecond.
    expect(
      checkStoredIndex(JSON.parse(JSON.stringify(timed)), 'with-ideas', bytes, Math.round(mtimeMs)),
    ).toBeNull();
    // One written before indexes kept the time is trusted by the size, as it was then.
    expect(checkStoredIndex(JSON.parse(JSON.stringify(index)), 'with-ideas', bytes, 5)).toBeNull();
  });

  it.each([
    ['another version', (i: Record<string, unknown>) => (i.index = 2), 'from another version'],
    ['another catalog', (i: Record<string, unknown>) => (i.id = 'x'), 'belongs to another'],
    ['a size that differs', (i: Record<string, unknown>) => (i.bytes = 1), 'changed since'],
    [
      'a modification time that differs (an edit of the same length)',
      (i: Record<string, unknown>) => (i.mtimeMs = mtimeMs + 1000),
      'changed since',
    ],
    [
      'ids and minutes of different lengths',
      (i: Record<string, unknown>) => (i.courses as { minutes: number[] }[])[0]!.minutes.pop(),
      'damaged',
    ],
    [
      'a line past the end of the file',
      (i: Record<string, unknown>) => ((i.courses as { line: number[] }[])[0]!.line[0] = bytes),
      'damaged',
    ],
    [
      'a module id that is not text',
      (i: Record<string, unknown>) => ((i.courses as { ids: unknown[] }[])[0]!.ids[0] = 5),
      'damaged',
    ],
    [
      'project ideas that are not a list of ideas',
      (i: Record<string, unknown>) => ((i.courses as { ideas: unknown }[])[0]!.ideas = [{}]),
      'damaged',
    ],
    ['a bad ideas marker', (i: Record<string, unknown>) => (i.withIdeas = 'yes'), 'damaged'],
  ])('notices %s', (_, change, message) => {
    expect(broken(change)).toContain(message);
  });

  it('notices something that is not an index at all', () => {
    expect(checkStoredIndex([], 'x', 1, 0)).toBe('the index is not a JSON object');
  });
});

describe('isSameTime', () => {
  const t = 1_795_883_050_115.9973;
  it.each([
    [t, t, true],
    [t, 1_795_883_050_115.997, true], // a copy rounding to the microsecond or millisecond
    [t, 1_795_883_050_000, true], // cut to the second
    [t + 1000, 1_795_883_050_000, true], // cut to FAT's even seconds
    [t, t + 100, false], // an edit a tenth of a second later
    [t, t + 5000, false],
    [t, 1_795_883_051_000, false], // a whole second, but after it
    ['x', t, false],
  ])('indexed %s, file %s: %s', (indexed, file, same) => {
    expect(isSameTime(indexed, file)).toBe(same);
  });
});

describe('catalogRevision', () => {
  it('changes with ids and renames, not with titles, links or estimates', () => {
    const catalog = fixture('replaces-chain.json');
    const base = catalogRevision(catalog);
    const retitled = structuredClone(catalog);
    retitled.courses[0]!.modules[0]!.title = 'Something else';
    retitled.courses[0]!.modules[0]!.minutes = 999;
    expect(catalogRevision(retitled)).toBe(base);
    const renamed = structuredClone(catalog);
    renamed.courses[0]!.modules[1]!.replaces = ['tooling/vcs', 'tooling/svn'];
    expect(catalogRevision(renamed)).not.toBe(base);
    const added = structuredClone(catalog);
    added.courses[0]!.modules.push({ ...added.courses[0]!.modules[0]!, id: 'tooling/more' });
    expect(catalogRevision(added)).not.toBe(base);
  });
});
