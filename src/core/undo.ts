import { Failure } from '../errors.js';
import { storedState } from './focus.js';
import { applyParts, captureParts } from './snapshot.js';
import type { Change, LogEntry, LoggedTransition, State } from './types.js';

/**
 * The most recent entry that is not an undo and has not been undone, back to the last repair.
 * Takes the log newest first, and stops reading as soon as it knows.
 */
export function findUndoable(newestFirst: Iterable<LogEntry>, limit = Infinity): LogEntry | null {
  const undone = new Set<string>();
  let seen = 0;
  for (const entry of newestFirst) {
    // Entries below the floor came in with an import; their `before` belongs to another state.
    if (seen++ >= limit) return null;
    // A repair rebuilt the state, and an import merged another one in; what came before either
    // can't be reverted on top of it.
    if (entry.type === 'repair' || entry.type === 'import') return null;
    if (entry.type === 'undo') {
      if (entry.undoes) undone.add(entry.undoes);
    } else if (!undone.has(entry.id)) {
      return entry;
    }
  }
  return null;
}

/**
 * Reverts the most recent change not yet undone by appending a compensating entry; the log is
 * never rewritten. Repeating it walks further back.
 */
export function undoLast(
  state: State,
  newestFirst: Iterable<LogEntry>,
  now: Date,
): Change<{ undone: LogEntry }> {
  const { entries, floor } = state.log;
  const target = findUndoable(newestFirst, floor === undefined ? Infinity : entries - floor);
  if (!target) {
    throw new Failure(
      'Nothing to undo.',
      'Undo reverts your changes newest first, back to the last repair or import; none are left.',
    );
  }
  const after = applyParts(state, target.before);
  const transitions = restoredStates(state, after, target);
  return {
    state: after,
    entry: {
      at: now.toISOString(),
      type: 'undo',
      undoes: target.id,
      ...(target.courseId !== undefined && { courseId: target.courseId }),
      ...(target.moduleId !== undefined && { moduleId: target.moduleId }),
      ...(transitions.length > 0 && { transitions }),
      before: captureParts(state, target.before),
    },
    info: { undone: target },
  };
}

/**
 * The course states the undo puts back, as the entry's transitions, so that `log` shows what it
 * changed as it does for any other entry. A course an undone `add` takes off the roadmap has no
 * state left to show.
 */
function restoredStates(state: State, after: State, target: LogEntry): LoggedTransition[] {
  const onRoadmap = new Set(after.roadmap.map((r) => r.courseId));
  const transitions: LoggedTransition[] = [];
  for (const courseId of Object.keys(target.before.courses ?? {})) {
    if (!onRoadmap.has(courseId)) continue;
    const to = storedState(after, courseId);
    if (to !== storedState(state, courseId)) transitions.push({ courseId, state: to });
  }
  return transitions;
}
