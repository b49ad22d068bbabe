import { Failure } from '../errors.js';
import { storedState } from './focus.js';
import { applyParts, captureParts } from './snapshot.js';
import type { Change, LogEntry, LoggedTransition, State } from './types.js';

/**
 * The entries undo would revert, in the order it would revert them: each one not an undo and not
 * undone, back to the last repair or import. Takes the log newest first, and reads no further
 * than it is asked to.
 */
function* undoables(newestFirst: Iterable<LogEntry>, limit: number): Generator<LogEntry> {
  const undone = new Set<string>();
  const entries = newestFirst[Symbol.iterator]();
  try {
    // Entries below the floor came in with an import; their `before` belongs to another state.
    // The limit is checked before an entry is read: the one below may be an import's whole state.
    for (let seen = 0; seen < limit; seen++) {
      const next = entries.next();
      if (next.done) return;
      const entry = next.value;
      // A repair rebuilt the state, and an import merged another one in; what came before
      // either can't be reverted on top of it.
      if (entry.type === 'repair' || entry.type === 'import') return;
      if (entry.type === 'undo') {
        if (entry.undoes) undone.add(entry.undoes);
      } else if (!undone.has(entry.id)) {
        yield entry;
      }
    }
  } finally {
    // Lets the log's reader close its file when the caller stops asking.
    entries.return?.();
  }
}

/** The most recent entry that is not an undo and has not been undone, back to the last repair. */
export function findUndoable(newestFirst: Iterable<LogEntry>, limit = Infinity): LogEntry | null {
  const queue = undoables(newestFirst, limit);
  const first = queue.next().value ?? null;
  queue.return(undefined);
  return first;
}

/**
 * Reverts the most recent change not yet undone by appending a compensating entry; the log is
 * never rewritten. Repeating it walks further back.
 */
export function undoLast(
  state: State,
  newestFirst: Iterable<LogEntry>,
  now: Date,
): Change<{ undone: LogEntry; more: boolean }> {
  const { entries, floor } = state.log;
  const queue = undoables(newestFirst, floor === undefined ? Infinity : entries - floor);
  const target = queue.next().value;
  const more = target !== undefined && !queue.next().done;
  queue.return(undefined);
  if (!target) {
    // A first run has nothing recorded at all: the rule about repairs and imports is no answer.
    throw new Failure(
      entries === 0 ? 'Nothing to undo: nothing has been recorded yet.' : 'Nothing to undo.',
      entries === 0
        ? 'Start with `roadmap add <course>`; `roadmap undo` reverts a change once there is one.'
        : 'Undo reverts your changes newest first, back to the last repair or import; none are left.',
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
    // Whether another undo would find something, so the message doesn't promise one in vain.
    info: { undone: target, more },
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
