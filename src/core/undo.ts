import { Failure } from '../errors.js';
import { applyParts, captureParts } from './snapshot.js';
import type { Change, LogEntry, State } from './types.js';

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
  return {
    state: applyParts(state, target.before),
    entry: {
      at: now.toISOString(),
      type: 'undo',
      undoes: target.id,
      ...(target.courseId !== undefined && { courseId: target.courseId }),
      ...(target.moduleId !== undefined && { moduleId: target.moduleId }),
      before: captureParts(state, target.before),
    },
    info: { undone: target },
  };
}
