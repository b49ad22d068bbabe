import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProgressMap } from '../../src/core/progress-map.js';
import { emptyState } from '../../src/core/types.js';
import { Failure } from '../../src/errors.js';
import { migrateState } from '../../src/store/migrate.js';
import { CorruptStateError, parseState } from '../../src/store/read-state.js';
import { salvageState } from '../../src/store/salvage.js';
import { findStateProblems } from '../../src/store/validate-state.js';

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
    expect(findStateProblems(v2)).toEqual([]);
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

describe('state validation', () => {
  it.each([
    ['', 'it is empty'],
    ['{"a":', 'it is not valid JSON'],
    ['"text"', 'it does not hold a JSON object'],
    [
      '{"schemaVersion":1,"roadmap":{},"progress":{},"settings":{},"log":{"bytes":0,"entries":0}}',
      'roadmap is not a list',
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
      'progress["a/1"] is malformed',
      'log is not {bytes, entries, floor?}',
    ]);
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
});
