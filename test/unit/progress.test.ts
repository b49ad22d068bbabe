import { describe, expect, it } from 'vitest';
import { percentOf, summarizeProgress } from '../../src/core/progress.js';
import { smallCatalog, stateWith } from '../helpers/catalog.js';

describe('progress arithmetic', () => {
  it.each([
    [0, 0, 0, 0],
    [1, 0, 3, 33.3],
    [1, 1, 3, 66.7],
    [2, 0, 3, 66.7],
    [1, 0, 16, 6.3],
    [3, 0, 3, 100],
    [1, 0, 7, 14.3],
  ])('percentOf(%i done, %i skipped, %i total) = %d', (done, skipped, total, expected) => {
    expect(percentOf(done, skipped, total)).toBe(expected);
  });

  it('counts done, skipped, minutes and dates per course and in total', () => {
    const state = stateWith(['a', 'b', 'gone'], {
      'a/m1': { at: '2026-02-01T10:00:00.000Z' },
      'a/m2': { status: 'skipped', at: '2026-02-03T10:00:00.000Z' },
      'b/m1': { at: '2026-01-15T10:00:00.000Z', minutes: 500 },
      'x/orphan': {},
    });
    const report = summarizeProgress(smallCatalog(), state);
    expect(report.courses[0]).toMatchObject({
      id: 'a',
      done: 1,
      skipped: 1,
      total: 3,
      percent: 66.7,
      minutesDone: 60,
      minutesTotal: 180,
      startedAt: '2026-02-01T10:00:00.000Z',
      lastActivityAt: '2026-02-03T10:00:00.000Z',
    });
    // minutesDone counts the catalog estimate, comparable with minutesTotal.
    expect(report.courses[1]).toMatchObject({ id: 'b', done: 1, minutesDone: 60, percent: 50 });
    expect(report.courses[2]).toMatchObject({
      id: 'gone',
      inCatalog: false,
      total: 0,
      title: 'gone',
    });
    expect(report.total).toEqual({
      done: 2,
      skipped: 1,
      total: 5,
      percent: 60,
      minutesDone: 120,
      minutesTotal: 300,
      minutesLogged: 500,
    });
  });
});
