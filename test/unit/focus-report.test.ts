import { describe, expect, it } from 'vitest';
import { viewFocus, withTransition } from '../../src/core/focus.js';
import { hopping, idleFor } from '../../src/core/focus-report.js';
import { inactiveIntervals } from '../../src/core/inactive.js';
import type { State } from '../../src/core/types.js';
import { smallCatalog, stateWith } from '../helpers/catalog.js';

const catalog = smallCatalog();
const d = (iso: string) => new Date(iso);

/** Applies [course, state, date] transitions in order. */
function timeline(state: State, steps: [string, 'active' | 'parked' | 'dropped', string][]) {
  let next = state;
  for (const [id, to, at] of steps) next = withTransition(next, id, to, d(at));
  return next;
}

describe('inactiveIntervals', () => {
  it('is empty before any course was active, and while one is', () => {
    expect(inactiveIntervals(stateWith(['a']), d('2026-03-10'), catalog)).toEqual([]);
    const state = timeline(stateWith(['a']), [['a', 'active', '2026-03-01']]);
    expect(inactiveIntervals(state, d('2026-03-10'), catalog)).toEqual([]);
  });

  it('runs from the moment every course is parked until one is active again', () => {
    const state = timeline(stateWith(['a', 'b']), [
      ['a', 'active', '2026-03-01'],
      ['a', 'parked', '2026-03-03'],
      ['b', 'active', '2026-03-07'],
      ['b', 'dropped', '2026-03-08'],
    ]);
    expect(inactiveIntervals(state, d('2026-03-10'), catalog)).toEqual([
      { start: d('2026-03-03'), end: d('2026-03-07') },
      { start: d('2026-03-08'), end: null },
    ]);
  });

  it('opens nothing for a switch, where one course is parked as another becomes active', () => {
    const state = timeline(stateWith(['a', 'b']), [
      ['a', 'active', '2026-03-01'],
      ['a', 'parked', '2026-03-03'],
      ['b', 'active', '2026-03-03'],
    ]);
    expect(inactiveIntervals(state, d('2026-03-10'), catalog)).toEqual([]);
  });

  it('ends a finished course’s focus when it finished, with the catalog', () => {
    const state = timeline(stateWith(['d'], { 'd/m1': { at: '2026-03-02T00:00:00.000Z' } }), [
      ['d', 'active', '2026-03-01'],
    ]);
    state.projects.d = {
      title: 'Mine',
      stage: 'shipped',
      stages: [{ at: '2026-03-04T00:00:00.000Z', stage: 'shipped' }],
    };
    expect(inactiveIntervals(state, d('2026-03-10'), catalog)).toEqual([
      { start: d('2026-03-04'), end: null },
    ]);
    // Without the catalog only transitions count, and d still reads as active.
    expect(inactiveIntervals(state, d('2026-03-10'))).toEqual([]);
  });

  it('ignores changes after now', () => {
    const state = timeline(stateWith(['a']), [
      ['a', 'active', '2026-03-01'],
      ['a', 'parked', '2026-03-20'],
    ]);
    expect(inactiveIntervals(state, d('2026-03-10'), catalog)).toEqual([]);
  });
});

describe('idle nudges', () => {
  const now = d('2026-03-20T09:00:00.000Z');

  it.each([
    ['studied 6 days ago', '2026-03-14T09:00:00.000Z', null],
    ['studied 7 days ago', '2026-03-13T09:00:00.000Z', 7],
    ['studied 19 days ago', '2026-03-01T09:00:00.000Z', 19],
  ])('%s', (_, at, days) => {
    const state = timeline(stateWith(['a'], { 'a/m1': { at } }), [['a', 'active', '2026-02-01']]);
    const idle = idleFor(catalog, state, 'a', now);
    expect(idle?.days ?? null).toBe(days);
    if (idle) {
      expect(idle).toEqual({
        courseId: 'a',
        days,
        lastActivityAt: at,
        last: { kind: 'done', moduleId: 'a/m1', at },
      });
    }
  });

  it('counts from when the course came back into focus, not from before it was parked', () => {
    const state = timeline(stateWith(['a'], { 'a/m1': { at: '2026-01-01T00:00:00.000Z' } }), [
      ['a', 'active', '2026-01-01'],
      ['a', 'parked', '2026-01-02'],
      ['a', 'active', '2026-03-18'],
    ]);
    expect(idleFor(catalog, state, 'a', now)).toBeNull();
  });

  it('follows idle-days, and 0 turns it off', () => {
    const state = timeline(stateWith(['a']), [['a', 'active', '2026-03-17T09:00:00.000Z']]);
    expect(idleFor(catalog, state, 'a', now)).toBeNull();
    state.settings['idle-days'] = 3;
    expect(idleFor(catalog, state, 'a', now)).toMatchObject({
      days: 3,
      last: { kind: 'activated', moduleId: null },
    });
    state.settings['idle-days'] = 0;
    expect(idleFor(catalog, state, 'a', now)).toBeNull();
  });
});

describe('hopping', () => {
  const progress = {
    'a/m1': { at: '2026-03-01T00:00:00.000Z' },
    'b/m1': { at: '2026-03-02T00:00:00.000Z' },
    'c/m1': { at: '2026-03-03T00:00:00.000Z' },
  };

  it('counts courses started and not finished, parked or dropped', () => {
    const state = timeline(stateWith(['a', 'b', 'c', 'd'], progress), [
      ['a', 'active', '2026-03-01'],
      ['a', 'parked', '2026-03-02'],
      ['b', 'active', '2026-03-02'],
      ['b', 'dropped', '2026-03-03'],
      ['c', 'active', '2026-03-03'],
    ]);
    const report = hopping(catalog, state, viewFocus(catalog, state));
    expect(report.startedUnfinished).toBe(2);
    expect(report.courses).toEqual(['a', 'b']);
    // c was started while a waits, parked unfinished.
    expect(report.warning).toContain('You started c while a is parked unfinished');
  });

  it('does not call a course resumed after a switch a new start', () => {
    const state = timeline(stateWith(['a', 'b'], progress), [
      ['a', 'active', '2026-03-01'],
      ['a', 'parked', '2026-03-02'],
      ['b', 'active', '2026-03-02'],
      ['b', 'parked', '2026-03-05'],
      ['a', 'active', '2026-03-05'],
    ]);
    expect(hopping(catalog, state, viewFocus(catalog, state)).warning).toBeNull();
  });

  it('does not call the course that came in when another was taken off the roadmap a new start', () => {
    // a, worked on, is removed (parked, cause removed) and b comes into focus by itself; a is
    // added back later, parked as it was.
    let state = timeline(stateWith(['a', 'b'], progress), [['a', 'active', '2026-03-01']]);
    state = withTransition(state, 'a', 'parked', d('2026-03-02'), { cause: 'removed' });
    state = withTransition(state, 'b', 'active', d('2026-03-02'), { cause: 'auto' });
    const report = hopping(catalog, state, viewFocus(catalog, state));
    expect(report.courses).toEqual(['a']);
    expect(report.warning).toBeNull();
  });

  it('counts a course with only time on its project as started', () => {
    const state = timeline(stateWith(['a', 'd']), [
      ['d', 'active', '2026-03-01'],
      ['d', 'parked', '2026-03-02'],
      ['a', 'active', '2026-03-02'],
    ]);
    state.projects.d = {
      title: 'Mine',
      stage: 'started',
      stages: [{ at: '2026-03-01T10:00:00.000Z', stage: 'started' }],
      sessions: [{ at: '2026-03-01T11:00:00.000Z', minutes: 30 }],
    };
    const report = hopping(catalog, state, viewFocus(catalog, state));
    expect(report.courses).toEqual(['d']);
    expect(report.warning).toContain('You started a while d is parked unfinished');
  });

  it('warns when more than two courses are parked unfinished', () => {
    const state = timeline(stateWith(['a', 'b', 'c', 'd'], progress), [
      ['a', 'active', '2026-03-01'],
      ['a', 'parked', '2026-03-02'],
      ['b', 'active', '2026-03-02'],
      ['b', 'parked', '2026-03-03'],
      ['c', 'active', '2026-03-03'],
      ['c', 'parked', '2026-03-04'],
      ['d', 'active', '2026-03-04'],
    ]);
    const report = hopping(catalog, state, viewFocus(catalog, state));
    expect(report.startedUnfinished).toBe(3);
    expect(report.warning).toMatch(/^3 courses are parked unfinished \(.+\)\. Finish one/);
  });
});
