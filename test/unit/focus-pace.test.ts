import { describe, expect, it } from 'vitest';
import { withTransition } from '../../src/core/focus.js';
import { buildPaceReport, remainingModules } from '../../src/core/report.js';
import { smallCatalog, stateWith } from '../helpers/catalog.js';

const catalog = smallCatalog();
const now = new Date('2026-02-28T12:00:00.000Z');

describe('pace, ETA and the focus rules together', () => {
  it('leaves the time with no course active out of the pace', () => {
    let state = stateWith(['a'], {
      'a/m1': { at: '2026-02-02T10:00:00.000Z', minutes: 60 },
      'a/m3': { at: '2026-02-03T10:00:00.000Z', minutes: 60 },
    });
    state = withTransition(state, 'a', 'active', new Date('2026-02-01T00:00:00.000Z'));
    state = withTransition(state, 'a', 'parked', new Date('2026-02-05T00:00:00.000Z'));
    const parked = buildPaceReport(catalog, state, { now, windowDays: 28 });
    const counted = buildPaceReport(catalog, state, { now, windowDays: 28, inactive: [] });
    // 2 to 4 February, not the 24 days parked since.
    expect(parked.pace.windowDays).toBe(3);
    expect(counted.pace.windowDays).toBe(27);
    expect(parked.pace.minutesPerWeek).toBeGreaterThan(counted.pace.minutesPerWeek);
  });

  it('counts the project in what is left, and nothing for a dropped course', () => {
    let state = stateWith(['d', 'c'], { 'd/m1': { at: '2026-02-02T10:00:00.000Z' } });
    state.projects.d = {
      title: 'Mine',
      stage: 'started',
      estimateMinutes: 120,
      stages: [{ at: '2026-02-03T10:00:00.000Z', stage: 'started' }],
    };
    const open = buildPaceReport(catalog, state, { now, windowDays: 28 });
    // c's two modules (60 min each) and d's project; c has no ideas, so no project time.
    expect(open.remainingMinutes).toBe(240);
    expect(open.courseEtas.d!.reason).not.toBe('finished');
    state = withTransition(state, 'c', 'dropped', new Date('2026-02-04T00:00:00.000Z'));
    const dropped = buildPaceReport(catalog, state, { now, windowDays: 28 });
    expect(dropped.remainingMinutes).toBe(120);
    expect(dropped.courseEtas.c).toEqual({ date: null, basis: null, reason: 'dropped' });
    expect(remainingModules(catalog, state)).toEqual([]);
    state.projects.d = { ...state.projects.d!, stage: 'shipped' };
    expect(buildPaceReport(catalog, state, { now, windowDays: 28 }).courseEtas.d).toEqual({
      date: null,
      basis: null,
      reason: 'finished',
    });
  });
});
