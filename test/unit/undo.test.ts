import { describe, expect, it } from 'vitest';
import { markModule, resetModule } from '../../src/core/progress-changes.js';
import { addCourses, moveCourse, removeCourse } from '../../src/core/roadmap-changes.js';
import { setSetting } from '../../src/core/settings.js';
import { completeEntry, replayLog } from '../../src/core/snapshot.js';
import type { Change, LogEntry, State } from '../../src/core/types.js';
import { findUndoable, undoLast } from '../../src/core/undo.js';
import { Failure } from '../../src/errors.js';
import { smallCatalog, stateWith, T0 } from '../helpers/catalog.js';

const catalog = smallCatalog();
const ref = (id: string) => catalog.moduleById.get(id)!;

/** Applies changes like the store does: each entry gets an id and joins the log. */
function apply(start: State, steps: ((s: State, log: LogEntry[]) => Change)[]) {
  let state = start;
  const log: LogEntry[] = [];
  const history: State[] = [state];
  for (const step of steps) {
    const change = step(state, log);
    if (change.entry) log.push(completeEntry(`e${log.length + 1}`, change.entry, change.state));
    state = change.state;
    history.push(state);
  }
  return { state, log, history };
}

const undo = (s: State, log: LogEntry[]) => undoLast(s, [...log].reverse(), T0);

describe('marking modules', () => {
  it('done upgrades a skipped module and keeps its notes', () => {
    const start = stateWith(['a'], {
      'a/m1': { status: 'skipped', notes: [{ at: T0.toISOString(), text: 'later' }] },
    });
    const change = markModule(start, ref('a/m1'), 'done', { note: 'did it', minutes: 30 }, T0);
    expect(change.info.outcome).toBe('upgraded');
    expect(change.state.progress.get('a/m1')).toEqual({
      status: 'done',
      at: T0.toISOString(),
      minutes: 30,
      notes: [
        { at: T0.toISOString(), text: 'later' },
        { at: T0.toISOString(), text: 'did it' },
      ],
    });
  });

  it('marking a done module again, or skipping it, changes nothing', () => {
    const start = stateWith(['a'], { 'a/m1': {} });
    for (const status of ['done', 'skipped'] as const) {
      const change = markModule(start, ref('a/m1'), status, {}, T0);
      expect(change.entry).toBeNull();
      expect(change.state).toBe(start);
      expect(change.info.outcome).toBe('already');
    }
  });

  it('uses --at as the date of the entry', () => {
    const at = new Date('2026-02-20T18:00:00.000Z');
    const change = markModule(stateWith(['a']), ref('a/m1'), 'done', { at }, T0);
    expect(change.state.progress.get('a/m1')!.at).toBe(at.toISOString());
    expect(change.entry!.at).toBe(at.toISOString());
  });
});

describe('undo', () => {
  it('restores every earlier state exactly, one step at a time', () => {
    const { state, log, history } = apply(stateWith([]), [
      (s) => addCourses(catalog, s, ['a', 'd'], T0),
      (s) => markModule(s, ref('a/m1'), 'skipped', { note: 'n1' }, T0),
      (s) => markModule(s, ref('a/m1'), 'done', { minutes: 20 }, T0),
      (s) => markModule(s, ref('d/m1'), 'done', {}, T0),
      (s) => resetModule(s, ref('d/m1'), T0),
      (s) => moveCourse(s, 'd', { to: 1 }, T0),
      (s) => removeCourse(s, 'a', T0),
      (s) => setSetting(s, 'skip-optional', true, T0),
    ]);
    // The log alone rebuilds the state after every step.
    for (let i = 1; i <= log.length; i++) expect(replayLog(log.slice(0, i))).toEqual(history[i]);
    let current = state;
    for (let i = history.length - 2; i >= 0; i--) {
      const change = undo(current, log);
      // Only the last undo, back to the empty roadmap, leaves nothing further back.
      expect(change.info.more).toBe(i > 0);
      log.push(completeEntry(`u${i}`, change.entry!, change.state));
      current = change.state;
      expect(current).toEqual(history[i]);
      expect(replayLog(log)).toEqual(current);
    }
    expect(() => undo(current, log)).toThrow(Failure);
  });

  it('puts a module that was skipped back to skipped', () => {
    const { state, log } = apply(stateWith(['a']), [
      (s) => markModule(s, ref('a/m1'), 'skipped', {}, T0),
      (s) => markModule(s, ref('a/m1'), 'done', {}, T0),
    ]);
    expect(undo(state, log).state.progress.get('a/m1')!.status).toBe('skipped');
  });

  it('never rewrites the log: it appends an entry naming what it undid', () => {
    const { state, log } = apply(stateWith(['a']), [
      (s) => markModule(s, ref('a/m1'), 'done', {}, T0),
    ]);
    const change = undo(state, log);
    expect(change.entry).toMatchObject({ type: 'undo', undoes: 'e1', moduleId: 'a/m1' });
    expect(change.info.undone.id).toBe('e1');
  });

  it('skips undo entries and undone entries when choosing what to undo', () => {
    const log = [
      { id: '1', type: 'done', at: '', before: {} },
      { id: '2', type: 'done', at: '', before: {} },
      { id: '3', type: 'undo', undoes: '2', at: '', before: {} },
    ] as LogEntry[];
    expect(findUndoable([...log].reverse())?.id).toBe('1');
    expect(findUndoable([])).toBeNull();
    // Nothing before a repair can be undone on top of the repaired state.
    expect(
      findUndoable([
        { id: '4', type: 'repair', at: '', before: {}, after: {} } as LogEntry,
        ...[...log].reverse(),
      ]),
    ).toBeNull();
  });
});
