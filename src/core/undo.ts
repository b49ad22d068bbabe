import { Failure } from '../errors.js';
import { localDate } from './calendar.js';
import { storedState } from './focus.js';
import { applyParts, captureParts } from './snapshot.js';
import type { Change, LogEntry, LoggedTransition, State } from './types.js';

/**
 * The entries undo would revert, in the order it would revert them: each one not an undo and not
 * undone, back to the last repair or import. Takes the log newest first, and reads no further
 * than it is asked to.
 */
function* undoables(
  newestFirst: Iterable<LogEntry>,
  limit: number,
): Generator<LogEntry, LogEntry | 'floor' | null> {
  const undone = new Set<string>();
  const entries = newestFirst[Symbol.iterator]();
  try {
    // Entries below the floor came in with an import; their `before` belongs to another state.
    // The limit is checked before an entry is read: the one below may be an import's whole state.
    for (let seen = 0; seen < limit; seen++) {
      const next = entries.next();
      if (next.done) return null;
      const entry = next.value;
      // A repair rebuilt the state, and an import merged another one in; what came before
      // either can't be reverted on top of it.
      if (entry.type === 'repair' || entry.type === 'import') return entry;
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
  // The import's floor: below it, the other machine's entries.
  return 'floor';
}

/** The most recent entry that is not an undo and has not been undone, back to the last repair. */
export function findUndoable(newestFirst: Iterable<LogEntry>, limit = Infinity): LogEntry | null {
  const queue = undoables(newestFirst, limit);
  const first = queue.next();
  queue.return(null);
  return first.done ? null : first.value;
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
  const first = queue.next();
  const target = first.done ? undefined : first.value;
  const more = target !== undefined && !queue.next().done;
  queue.return(null);
  if (!target) {
    // A first run has nothing recorded at all: the rule about repairs and imports is no answer.
    if (entries === 0)
      throw new Failure(
        'Nothing to undo: nothing has been recorded yet.',
        'Start with `roadmap add <course>`; `roadmap undo` reverts a change once there is one.',
      );
    throw new Failure(
      `Nothing to undo${stopText(first.value ?? null)}.`,
      stopHint(first.value ?? null),
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

/** What undo stopped at, for its message: ": the last change left is an import (…)". */
function stopText(stop: LogEntry | 'floor' | null): string {
  if (stop === null) return '';
  // The day as `log` shows it: local.
  if (stop === 'floor' || stop.type === 'import')
    return `: the last change left is an import${stop === 'floor' ? '' : ` (${localDate(new Date(stop.at))})`}, which undo doesn't reverse`;
  return `: the last change left is a repair (${localDate(new Date(stop.at))}), which undo doesn't reverse`;
}

function stopHint(stop: LogEntry | 'floor' | null): string {
  if (stop !== null && (stop === 'floor' || stop.type === 'import'))
    return 'If you had a roadmap here before the import, it kept a copy in backups/ in the config directory (`roadmap config path` shows where).';
  return 'Undo reverts your changes newest first, back to the last repair or import; none are left.';
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
