import { describe, expect, it } from 'vitest';
import { applyParts, captureParts, replayLog, wholeState } from '../../src/core/snapshot.js';
import { emptyState, type LogEntry, type State } from '../../src/core/types.js';

const at = '2026-03-01T10:00:00.000Z';
const state: State = {
  ...emptyState(),
  journal: { 'm/1': { sessions: [{ at, minutes: 30 }], notes: [] } },
  courses: { c: { transitions: [{ at, state: 'active' }] } },
  projects: {},
  settings: { 'bar-width': 20 },
};

describe('state parts', () => {
  it('captures the touched keys of every keyed part, null for absent ones', () => {
    expect(
      captureParts(state, {
        journal: { 'm/1': null, 'm/2': null },
        courses: { c: null },
        projects: { c: null },
      }),
    ).toEqual({
      journal: { 'm/1': state.journal['m/1'], 'm/2': null },
      courses: { c: state.courses.c },
      projects: { c: null },
    });
  });

  it('applying a capture puts the values back, and null removes an entry', () => {
    const before = captureParts(state, { journal: { 'm/1': null }, courses: { c: null } });
    const changed = applyParts(state, { journal: { 'm/1': null }, courses: { c: null } });
    expect(changed.journal).toEqual({});
    expect(changed.courses).toEqual({});
    expect(state.journal['m/1']).toBeDefined();
    expect(applyParts(changed, before)).toEqual(state);
  });

  it('a repair entry records every part, and a replay rebuilds them', () => {
    const entry = { id: 'x', at, type: 'repair', before: {}, after: wholeState(state) } as LogEntry;
    expect(replayLog([entry])).toEqual(state);
  });

  it('an id such as __proto__ is kept as data and changes no prototype', () => {
    const parts = JSON.parse('{"journal":{"__proto__":{"sessions":[],"notes":[]}}}');
    const changed = applyParts(state, parts);
    expect(Object.getPrototypeOf(changed.journal)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).sessions).toBeUndefined();
  });
});
