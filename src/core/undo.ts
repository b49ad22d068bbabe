import { Failure } from '../errors.js';
import { applyParts, captureParts } from './snapshot.js';
import type { Change, LogEntry, State } from './types.js';

/**
 * The most recent entry that is not an undo and has not been undone, back to the last repair.
 * Takes the log newest first, and stops reading as soon as it knows.
 */
export function findUndoable(newestFirst: Iterable<LogEntry>): LogEntry | null {
  const undone = new Set<string>();
  for (const entry of newestFirst) {
    // A repair rebuilt the state; what came before it can't be reverted on top of it.
    if (entry.type === 'repair') return null;
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
  const target = findUndoable(newestFirst);
  if (!target) {
    throw new Failure(
      'Nothing to undo.',
      'Undo reverts done, skip, reset, add, remove, move, park, resume, drop, project and config changes, newest first, back to the last repair; none are left.',
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
