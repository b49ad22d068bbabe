import { Failure } from '../errors.js';
import type { Before, Change, LogEntry, State } from './types.js';

/** The most recent entry that is not an undo and has not been undone, or null. */
export function findUndoable(log: LogEntry[]): LogEntry | null {
  const undone = new Set<string>();
  for (let i = log.length - 1; i >= 0; i--) {
    const entry = log[i]!;
    if (entry.type === 'undo') {
      if (entry.undoes) undone.add(entry.undoes);
    } else if (!undone.has(entry.id)) {
      return entry;
    }
  }
  return null;
}

/** The current values of the keys a `Before` names: what an undo replaces. */
function captureBefore(state: State, before: Before): Before {
  const captured: Before = {};
  if (before.roadmap) captured.roadmap = state.roadmap;
  if (before.progress) {
    captured.progress = {};
    for (const id of Object.keys(before.progress)) {
      captured.progress[id] = state.progress[id] ?? null;
    }
  }
  if (before.settings) {
    captured.settings = {};
    for (const key of Object.keys(before.settings)) {
      captured.settings[key] = state.settings[key] ?? null;
    }
  }
  return captured;
}

export function applyBefore(state: State, before: Before): State {
  const next: State = { ...state };
  if (before.roadmap) next.roadmap = before.roadmap;
  if (before.progress) {
    next.progress = { ...state.progress };
    for (const [id, value] of Object.entries(before.progress)) {
      if (value === null) delete next.progress[id];
      else next.progress[id] = value;
    }
  }
  if (before.settings) {
    next.settings = { ...state.settings };
    for (const [key, value] of Object.entries(before.settings)) {
      if (value === null) delete next.settings[key];
      else next.settings[key] = value;
    }
  }
  return next;
}

/**
 * Reverts the most recent change not yet undone by appending a compensating entry; the log is
 * never rewritten. Repeating it walks further back.
 */
export function undoLast(state: State, log: LogEntry[], now: Date): Change<{ undone: LogEntry }> {
  const target = findUndoable(log);
  if (!target) throw new Failure('Nothing to undo.');
  return {
    state: applyBefore(state, target.before),
    entry: {
      at: now.toISOString(),
      type: 'undo',
      undoes: target.id,
      ...(target.courseId !== undefined && { courseId: target.courseId }),
      ...(target.moduleId !== undefined && { moduleId: target.moduleId }),
      before: captureBefore(state, target.before),
    },
    info: { undone: target },
  };
}
