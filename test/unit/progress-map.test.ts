import { describe, expect, it } from 'vitest';
import {
  decodeProgressLine,
  encodeProgressLine,
  lineFields,
  ProgressMap,
  readLine,
} from '../../src/core/progress-map.js';
import type { ProgressEntry } from '../../src/core/types.js';

const AT = '2026-03-02T10:00:00.000Z';
const done = (at = AT): ProgressEntry => ({ status: 'done', at, notes: [] });

describe('a progress line', () => {
  it.each<[string, ProgressEntry]>([
    ['plain', done()],
    ['skipped with minutes', { status: 'skipped', at: AT, minutes: 45, notes: [] }],
    [
      'notes with spaces, quotes, line breaks and non-ASCII',
      {
        status: 'done',
        at: AT,
        minutes: 5,
        notes: [
          { at: AT, text: 'a "quoted" note\nover two lines — ✓' },
          { at: AT, text: ' 12 [leading space] ' },
        ],
      },
    ],
    ['notes without minutes', { status: 'done', at: AT, notes: [{ at: AT, text: '30' }] }],
  ])('round-trips: %s', (_, entry) => {
    const line = encodeProgressLine('hf-course/chapter1/2', entry);
    expect(line).not.toContain('\n');
    expect(decodeProgressLine(line)).toEqual({ id: 'hf-course/chapter1/2', entry });
  });

  it('reads as id, status and date first', () => {
    expect(encodeProgressLine('a/1', { status: 'done', at: AT, minutes: 20, notes: [] })).toBe(
      `a/1 done ${AT} 20`,
    );
  });
});

describe('ProgressMap', () => {
  const stored = {
    a: [`a/1 done ${AT}`, `a/10 done ${AT}`, `a/2 skipped ${AT} 15`],
    loose: [`loose done ${AT}`],
  };

  it('answers lookups from the stored lines', () => {
    const map = ProgressMap.fromStored(stored);
    expect(map.get('a/2')).toEqual({ status: 'skipped', at: AT, minutes: 15, notes: [] });
    expect(map.has('a/10')).toBe(true);
    expect(map.has('a/3')).toBe(false);
    expect(map.has('b/1')).toBe(false);
    expect(map.get('loose')).toEqual(done());
    expect(map.size).toBe(4);
    expect(map.keys()).toEqual(['a/1', 'a/10', 'a/2', 'loose']);
  });

  it('tells whether all of some ids have progress, in the lines’ order or not', () => {
    const map = ProgressMap.fromStored(stored);
    expect(map.hasAll(['a/1', 'a/10', 'a/2'])).toBe(true);
    expect(map.hasAll(['a/2', 'a/1'])).toBe(true);
    // a/1 is a prefix of a/10's line: only a whole id matches.
    expect(map.hasAll(['a/1', 'a/1', 'a/2'])).toBe(true);
    expect(map.hasAll(['a/1', 'a/3'])).toBe(false);
    expect(map.hasAll(['a/10', 'a/100'])).toBe(false);
    expect(map.hasAll(['a/1', 'loose'])).toBe(true);
    expect(map.hasAll(['b/1'])).toBe(false);
    const decoded = ProgressMap.fromStored(stored);
    decoded.get('a/1');
    expect(decoded.hasAll(['a/1', 'a/10', 'a/2'])).toBe(true);
    expect(decoded.hasAll(['a/1', 'a/11'])).toBe(false);
  });

  it('keeps its answers about one course through changes to others, and not through its own', () => {
    const ids = ['a/1', 'a/10', 'a/2'];
    const map = ProgressMap.fromStored(stored);
    expect(map.hasAll(ids)).toBe(true);
    expect(map.with({ 'b/1': done() }).hasAll(ids)).toBe(true);
    expect(map.with({ 'a/10': null }).hasAll(ids)).toBe(false);
    expect(map.with({ 'a/10': null }).with({ 'a/10': done() }).hasAll(ids)).toBe(true);
    const spread = ['a/1', 'loose'];
    expect(map.hasAll(spread)).toBe(true);
    expect(map.with({ loose: null }).hasAll(spread)).toBe(false);
    expect(map.with({ 'a/3': null }).hasAll(['a/1', 'a/3'])).toBe(false);
    expect(map.with({ 'a/3': done() }).hasAll(['a/1', 'a/3'])).toBe(true);
  });

  it('finds the latest date among some ids, from the lines or decoded, through changes', () => {
    const dated = {
      a: [
        `a/1 done 2026-03-01T00:00:00.000Z`,
        `a/2 skipped 2026-03-05T00:00:00.000Z 10 [{"at":"2026-03-09T00:00:00.000Z","text":"x y"}]`,
        `a/3 done 2026-03-03T00:00:00.000Z`,
      ],
    };
    const map = ProgressMap.fromStored(dated);
    expect(map.latestAt(['a/1', 'a/2', 'a/3'])).toBe('2026-03-05T00:00:00.000Z');
    expect(map.latestAt(['a/3', 'a/1'])).toBe('2026-03-03T00:00:00.000Z');
    expect(map.latestAt(['a/9'])).toBe('');
    expect(map.latestAt([])).toBe('');
    const later = map.with({
      'a/1': { status: 'done', at: '2026-04-01T00:00:00.000Z', notes: [] },
    });
    expect(later.latestAt(['a/1', 'a/2', 'a/3'])).toBe('2026-04-01T00:00:00.000Z');
    expect(map.latestAt(['a/1', 'a/2', 'a/3'])).toBe('2026-03-05T00:00:00.000Z');
    const decoded = ProgressMap.fromStored(dated);
    decoded.get('a/1');
    expect(decoded.latestAt(['a/1', 'a/2', 'a/3'])).toBe('2026-03-05T00:00:00.000Z');
  });

  it('changes by copy: the original stays, and untouched courses keep their stored lines', () => {
    const map = ProgressMap.fromStored(stored);
    const next = map.with({ 'a/3': done(), 'a/1': null, 'b/1': done() });
    expect(map.has('a/1')).toBe(true);
    expect(map.has('a/3')).toBe(false);
    expect(next.keys()).toEqual(['a/10', 'a/2', 'a/3', 'loose', 'b/1']);
    const json = next.toJSON();
    expect(json.loose).toBe(stored.loose);
    expect(json.a).toEqual([`a/10 done ${AT}`, `a/2 skipped ${AT} 15`, `a/3 done ${AT}`]);
    expect(map.toJSON()).toEqual(stored);
  });

  it('writes back lines it can’t read, and repeated ones, as they were', () => {
    const damaged = { a: [`a/1 done ${AT}`, 'garbage', `a/1 skipped ${AT}`] };
    const map = ProgressMap.fromStored(damaged);
    expect(map.get('a/1')).toEqual(done());
    const next = map.with({ 'a/2': done(), 'a/1': null });
    expect(next.toJSON()).toEqual({ a: [`a/2 done ${AT}`, 'garbage', `a/1 skipped ${AT}`] });
    expect(next.with({ 'a/2': null }).toJSON()).toEqual({
      a: ['garbage', `a/1 skipped ${AT}`],
    });
  });

  it('drops a course whose last entry is removed', () => {
    const next = ProgressMap.fromStored(stored).with({ loose: null });
    expect(Object.keys(next.toJSON())).toEqual(['a']);
  });

  it('keeps any id as plain data', () => {
    const record = ProgressMap.fromEntries([['__proto__', done()]]).toRecord();
    expect(Object.keys(record)).toEqual(['__proto__']);
    expect(({} as { status?: string }).status).toBeUndefined();
  });

  it('goes through JSON.stringify as its stored form', () => {
    const map = ProgressMap.fromRecord({ 'a/1': done(), 'b/1': { ...done(), minutes: 3 } });
    expect(JSON.parse(JSON.stringify({ progress: map }))).toEqual({
      progress: { a: [`a/1 done ${AT}`], b: [`b/1 done ${AT} 3`] },
    });
  });

  it('tallies some ids from the lines in place, in order or not, and keeps the answer', () => {
    const map = ProgressMap.fromStored({
      a: [
        `a/1 done ${AT} 20 [{"at":"${AT}","text":"x y"}]`,
        `a/2 skipped 2026-01-01T00:00:00.000Z`,
      ],
      b: [`b/2 done ${AT}`, `b/1 done 2026-05-01T00:00:00.000Z 5`],
    });
    const ids = ['a/1', 'a/2', 'a/3'];
    const tally = map.tally(ids);
    expect({ ...tally, statuses: [...tally.statuses] }).toEqual({
      done: 1,
      skipped: 1,
      minutes: 20,
      firstAt: '2026-01-01T00:00:00.000Z',
      lastAt: AT,
      statuses: [1, 2, 0],
    });
    expect(map.tally(ids)).toBe(tally);
    expect(map.hasAll(ids)).toBe(false);
    expect(map.hasAll(['a/1', 'a/2'])).toBe(true);
    // a's lines ran out before a/3: it was never decoded to look for it.
    expect(map.storedLines()[0]).toBe(map.toJSON().a);
    // b's lines are out of the ids' order: each is looked up instead.
    const b = map.tally(['b/1', 'b/2']);
    expect([b.done, b.minutes, b.lastAt, [...b.statuses]]).toEqual([
      2,
      5,
      '2026-05-01T00:00:00.000Z',
      [1, 1],
    ]);
    expect(map.latestAt(['b/1', 'b/2'])).toBe('2026-05-01T00:00:00.000Z');
    expect(map.tally([]).done).toBe(0);
  });

  it('gives every entry as a stored line, encoding the courses changed since', () => {
    const map = ProgressMap.fromStored({ a: [`a/1 done ${AT}`] }).with({
      'b/1': { status: 'skipped', at: AT, minutes: 7, notes: [{ at: AT, text: 'n' }] },
    });
    expect(map.storedLines()).toEqual([
      [`a/1 done ${AT}`],
      [`b/1 skipped ${AT} 7 [{"at":"${AT}","text":"n"}]`],
    ]);
    const fields = lineFields();
    expect(readLine(map.storedLines()[1]![0]!, fields)).toBe(true);
    expect(fields).toEqual({ idEnd: 3, status: 'skipped', at: AT, minutes: 7, notesAt: 39 });
    expect(readLine(`a/1 done ${AT} x`, fields)).toBe(true);
    expect(fields.minutes).toBeNaN();
    expect(readLine('a/1 done', fields)).toBe(false);
    // An empty id still reads, as it always decoded: the validator is the one to refuse it.
    expect(readLine(' done x', fields)).toBe(true);
    expect([fields.idEnd, fields.status, fields.at]).toEqual([0, 'done', 'x']);
    expect(decodeProgressLine(' done x')?.id).toBe('');
  });
});
