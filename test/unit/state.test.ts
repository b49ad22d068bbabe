import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProgressMap } from '../../src/core/progress-map.js';
import { emptyState } from '../../src/core/types.js';
import { Failure } from '../../src/errors.js';
import { migrateState } from '../../src/store/migrate.js';
import { CorruptStateError, parseState } from '../../src/store/read-state.js';
import { salvageState } from '../../src/store/salvage.js';
import { findStateProblems, isIso } from '../../src/store/validate-state.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/state/${name}`, import.meta.url), 'utf8');

describe('state migrations', () => {
  it('version 0 (an empty conf file) becomes an empty current state', () => {
    expect(parseState(fixture('v0-empty.json'), 'config.json')).toEqual(emptyState());
  });

  it('version 0 keeps the settings it held', () => {
    expect(parseState(fixture('v0-settings.json'), 'config.json')).toEqual({
      ...emptyState(),
      settings: { 'skip-optional': true },
    });
  });

  it('version 1 gains an empty journal, course states and projects, and keeps everything else', () => {
    const v1 = JSON.parse(fixture('v1.json'));
    expect(parseState(fixture('v1.json'), 'config.json')).toEqual({
      ...v1,
      progress: ProgressMap.fromRecord(v1.progress),
      schemaVersion: 3,
      journal: {},
      courses: {},
      projects: {},
    });
  });

  it('version 2 keeps everything, its progress read from the per-id form', () => {
    const v2 = JSON.parse(fixture('v2.json'));
    expect(findStateProblems(migrateState(v2))).toEqual([]);
    const state = parseState(fixture('v2.json'), 'config.json');
    expect(state).toEqual({
      ...v2,
      schemaVersion: 3,
      progress: ProgressMap.fromRecord(v2.progress),
    });
    expect(state.progress.size).toBeGreaterThan(0);
    expect(migrateState(v2)).toEqual({ ...v2, schemaVersion: 3 });
  });

  it('the current version passes through unchanged, its progress a line per module', () => {
    const text = fixture('v3.json');
    const data = JSON.parse(text);
    expect(findStateProblems(data)).toEqual([]);
    expect(migrateState(data)).toEqual(data);
    const state = parseState(text, 'config.json');
    expect({ ...state, progress: state.progress.toJSON() }).toEqual(data);
    expect(JSON.parse(JSON.stringify(state))).toEqual(data);
    const v2 = parseState(fixture('v2.json'), 'config.json');
    expect(state).toEqual({ ...v2, log: state.log });
  });

  it('refuses state written by a newer version', () => {
    const text = JSON.stringify({ ...emptyState(), schemaVersion: 4 });
    expect(() => parseState(text, '/x/config.json')).toThrow(Failure);
    expect(() => parseState(text, '/x/config.json')).toThrow(
      /newer version of roadmap \(schema version 4\)/,
    );
  });
});

describe('isIso', () => {
  it.each([
    ['2026-03-02T09:00:00.000Z', true],
    ['2026-03-02T09:00:00Z', true],
    ['2024-02-29T23:59:59.999Z', true],
    ['2000-02-29T00:00:00.000Z', true],
    ['2026-12-31T00:00:00.5Z', true],
    ['2026-02-29T10:00:00.000Z', false],
    ['1900-02-29T10:00:00.000Z', false],
    ['2026-02-31T10:00:00.000Z', false],
    ['2026-04-31T10:00:00Z', false],
    ['2026-13-01T10:00:00.000Z', false],
    ['2026-00-10T10:00:00.000Z', false],
    ['2026-03-00T10:00:00.000Z', false],
    ['2026-03-02T24:00:00.000Z', false],
    ['2026-03-02T25:99:00Z', false],
    ['2026-03-02T09:60:00.000Z', false],
    ['2026-03-02T09:00:60.000Z', false],
    ['2026-03-02 09:00:00.000Z', false],
    ['2026-03-02T09:00:00.000+01:00', false],
  ])('%s: %s', (value, valid) => {
    expect(isIso(value)).toBe(valid);
    // What it accepts, Date reads as that very time.
    if (valid) expect(new Date(value).toISOString().slice(0, 19)).toBe(value.slice(0, 19));
  });
  it('accepts exactly the days the calendar has, in leap years and not', () => {
    // Every day-of-month from 00 to 32 in every month of years with every leap rule, checked
    // against what Date makes of the same fields.
    for (const year of [1900, 2000, 2023, 2024, 2100, 2400]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T12:00:00.000Z`;
          const date = new Date(Date.UTC(year, month - 1, day, 12));
          const exists =
            month >= 1 &&
            month <= 12 &&
            day >= 1 &&
            date.getUTCMonth() === month - 1 &&
            date.getUTCDate() === day;
          expect(isIso(iso), iso).toBe(exists);
        }
      }
    }
  });

  it('takes only digits in every field, with one to three of them after the seconds', () => {
    expect(isIso('2026-03-02T09:00:00.1Z')).toBe(true);
    expect(isIso('2026-03-02T09:00:00.12Z')).toBe(true);
    expect(isIso('2026-03-02T09:00:00.1234Z')).toBe(false);
    expect(isIso('2026-03-02T09:00:00.Z')).toBe(false);
    expect(isIso('2O26-03-02T09:00:00.000Z')).toBe(false);
    expect(isIso('2026-03-0xT09:00:00.000Z')).toBe(false);
    expect(isIso('2026-03-02T09:00:00.000Z\n')).toBe(false);
    expect(isIso('+02026-03-02T09:00:00.000Z')).toBe(false);
    expect(isIso(Date.parse('2026-03-02T09:00:00.000Z'))).toBe(false);
  });
});

describe('state validation', () => {
  it.each([
    ['', 'it is empty'],
    ['{"a":', 'it is not valid JSON'],
    ['"text"', 'it does not hold a JSON object'],
    [
      '{"schemaVersion":1,"roadmap":{},"progress":{},"settings":{},"log":{"bytes":0,"entries":0}}',
      'roadmap is not a list',
    ],
    // Too large for a double: JSON.parse makes it Infinity, which must not read as "null".
    [
      '{"schemaVersion":1e400,"roadmap":[],"progress":{},"journal":{},"courses":{},"projects":{},"settings":{},"log":{"bytes":0,"entries":0}}',
      'schemaVersion is Infinity, not a whole number from 0 to 3',
    ],
    [
      '{"schemaVersion":"99","roadmap":[],"progress":{},"journal":{},"courses":{},"projects":{},"settings":{},"log":{"bytes":0,"entries":0}}',
      'schemaVersion is "99", not a whole number from 0 to 3',
    ],
  ])('%j is refused: %s', (text, problem) => {
    expect(() => parseState(text, '/x/config.json')).toThrow(CorruptStateError);
    expect(() => parseState(text, '/x/config.json')).toThrow(problem);
  });

  it('names each malformed entry', () => {
    const state = {
      ...emptyState(),
      roadmap: [
        { courseId: 'a', addedAt: '2026-01-01T00:00:00.000Z' },
        { courseId: 'a', addedAt: '2026-01-01T00:00:00.000Z' },
      ],
      progress: { 'a/1': { status: 'maybe', at: 'yesterday', notes: [] } },
      log: { bytes: -1, entries: 0 },
    };
    expect(findStateProblems(state)).toEqual([
      'roadmap[1] repeats a',
      'progress["a/1"]: status is "maybe", not "done" or "skipped"',
      'log is not {bytes, entries, floor?}',
    ]);
  });

  it('names each bad line of the per-course form by its module id, or its place', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const state = {
      ...emptyState(),
      schemaVersion: 3,
      progress: {
        a: [
          `a/1 done ${at}`,
          `a/2 maybe ${at}`,
          `a/3 done ${at} soon`,
          `a/4 done ${at} 20 [not json`,
          'a/5',
          `a/1 skipped ${at}`,
          `b/1 done ${at}`,
          7,
        ],
        c: `c/1 done ${at}`,
      },
    };
    expect(findStateProblems(state)).toEqual([
      'progress["a/2"]: status is "maybe", not "done" or "skipped"',
      'progress["a/3"]: minutes is not a whole number above 0',
      'progress["a/4"]: notes is not a list of {at, text}',
      'progress["a"][4] is not a line of progress (id status date)',
      'progress["a/1"] appears twice',
      'progress["b/1"] is kept under "a", not its own course',
      'progress["a"][7] is not a line of progress (id status date)',
      'progress["c"]: is not an object {status, at, minutes?, notes?}',
    ]);
  });

  it('refuses a course group named like a prototype key, and keeps no prototype change', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const text = `{"schemaVersion":3,"roadmap":[],"progress":{"__proto__":["__proto__/x done ${at}"],"constructor":["constructor done ${at}"]},"journal":{},"courses":{},"projects":{},"settings":{},"log":{"bytes":0,"entries":0}}`;
    expect(findStateProblems(JSON.parse(text))).toEqual([
      'progress["__proto__/x"] is not a module id',
    ]);
    const salvaged = salvageState(JSON.parse(text));
    expect(salvaged.state.progress.keys()).toEqual(['constructor']);
    expect(({} as { x?: unknown }).x).toBeUndefined();
  });

  it('reads minutes and notes back from a line exactly as they were', () => {
    const text = fixture('v3.json');
    const entry = parseState(text, 'config.json').progress.get('hf-course/chapter0/2')!;
    expect(entry.notes[0]!.text).toBe('seen it before: "tokenizers"\nnext time, more');
    expect(parseState(text, 'config.json').progress.get('hf-course/chapter0/1')).toEqual({
      status: 'done',
      at: '2026-02-02T10:00:00.000Z',
      minutes: 25,
      notes: [],
    });
  });
});

describe('salvage', () => {
  it('keeps what validates and counts what it drops', () => {
    const result = salvageState({
      roadmap: [
        { courseId: 'a', addedAt: '2026-01-01T00:00:00.000Z' },
        { courseId: 7 },
        { courseId: 'a', addedAt: '2026-01-01T00:00:00.000Z' },
      ],
      progress: {
        'a/1': { status: 'done', at: '2026-01-02T00:00:00.000Z', notes: [] },
        'a/2': { status: 'done' },
      },
      settings: { 'bar-width': 30, weird: { nested: true } },
    });
    expect(result.kept).toBe(3);
    expect(result.dropped).toEqual([
      'roadmap[1]',
      'roadmap[2]',
      'progress["a/2"]',
      'settings["weird"]',
    ]);
    expect(result.state.roadmap).toEqual([{ courseId: 'a', addedAt: '2026-01-01T00:00:00.000Z' }]);
    expect(result.state.progress.keys()).toEqual(['a/1']);
    expect(result.state.settings).toEqual({ 'bar-width': 30 });
  });

  it('keeps the parts of an entry that validate, and names the parts it leaves out', () => {
    const at = '2026-01-02T00:00:00.000Z';
    const note = { at, text: 'kept' };
    const result = salvageState({
      schemaVersion: 3,
      roadmap: [{ courseId: 'a', addedAt: at }],
      progress: {
        a: [
          `a/1 done ${at} 25 [${JSON.stringify(note)},{"at":"soon","text":"x"}]`,
          `a/2 done ${at} lots`,
          `a/3 skipped ${at} [not json`,
        ],
      },
      journal: {
        'a/1': {
          sessions: [
            { at, minutes: 30 },
            { at, minutes: -5 },
          ],
          notes: [note, 7],
        },
        'a/2': { sessions: [{ at: 'never', minutes: 5 }], notes: [] },
        'a/3': { sessions: [{ at, minutes: 10 }], notes: 'gone' },
      },
      courses: {
        a: {
          transitions: [
            { at, state: 'active' },
            { at, state: 'asleep' },
          ],
        },
        b: { transitions: [{ state: 'active' }] },
      },
      projects: {
        a: {
          title: 'Tiny tagger',
          stage: 'started',
          estimateMinutes: 'many',
          repo: 42,
          stages: [{ at, stage: 'idea' }, { at, stage: 'started' }, { stage: 'shipped' }],
          sessions: [
            { at, minutes: 90 },
            { at, minutes: 0 },
          ],
        },
        b: { title: 'No stage', stages: [] },
      },
    });
    expect(result.dropped).toEqual([
      'progress["a/1"].notes[1]',
      'progress["a/2"].minutes',
      'progress["a/3"].notes',
      'journal["a/1"].sessions[1]',
      'journal["a/1"].notes[1]',
      'journal["a/2"]',
      'journal["a/3"].notes',
      'courses["a"].transitions[1]',
      'courses["b"]',
      'projects["a"].stages[2]',
      'projects["a"].sessions[1]',
      'projects["a"].repo',
      'projects["a"].estimateMinutes',
      'projects["b"]',
    ]);
    // The roadmap entry, three modules, two journals, one course and one project.
    expect(result.kept).toBe(8);
    const { state } = result;
    expect(state.progress.get('a/1')).toEqual({ status: 'done', at, minutes: 25, notes: [note] });
    expect(state.progress.get('a/2')).toEqual({ status: 'done', at, notes: [] });
    expect(state.progress.get('a/3')).toEqual({ status: 'skipped', at, notes: [] });
    expect(state.journal).toEqual({
      'a/1': { sessions: [{ at, minutes: 30 }], notes: [note] },
      'a/3': { sessions: [{ at, minutes: 10 }], notes: [] },
    });
    expect(state.courses).toEqual({ a: { transitions: [{ at, state: 'active' }] } });
    expect(state.projects).toEqual({
      a: {
        title: 'Tiny tagger',
        stage: 'started',
        stages: [
          { at, stage: 'idea' },
          { at, stage: 'started' },
        ],
        sessions: [{ at, minutes: 90 }],
      },
    });
    // What was kept validates: the salvaged file is one roadmap reads as it is.
    expect(findStateProblems(JSON.parse(JSON.stringify(state)))).toEqual([]);
  });

  it('keeps the lines of the per-course form that validate, and regroups a misfiled one', () => {
    const at = '2026-01-02T00:00:00.000Z';
    const result = salvageState({
      schemaVersion: 3,
      progress: { a: [`a/1 done ${at}`, `a/2 done yesterday`, 'junk', `b/1 skipped ${at}`] },
    });
    expect(result.dropped).toEqual(['progress["a/2"]', 'progress["a"][2]']);
    expect(result.kept).toBe(2);
    expect(result.state.progress.toJSON()).toEqual({
      a: [`a/1 done ${at}`],
      b: [`b/1 skipped ${at}`],
    });
  });
});
