import { type Before, emptyState, type LogDraft, type LogEntry, type State } from './types.js';

/** The current values of the parts of the state that `parts` names. */
export function captureParts(state: State, parts: Before): Before {
  const captured: Before = {};
  if (parts.roadmap) captured.roadmap = state.roadmap;
  if (parts.progress) {
    captured.progress = {};
    for (const id of Object.keys(parts.progress))
      captured.progress[id] = state.progress[id] ?? null;
  }
  if (parts.settings) {
    captured.settings = {};
    for (const key of Object.keys(parts.settings))
      captured.settings[key] = state.settings[key] ?? null;
  }
  return captured;
}

/** Puts the given values into the state (null removes an entry). */
export function applyParts(state: State, parts: Before): State {
  const next: State = { ...state };
  if (parts.roadmap) next.roadmap = parts.roadmap;
  if (parts.progress) {
    next.progress = { ...state.progress };
    for (const [id, value] of Object.entries(parts.progress)) {
      if (value === null) delete next.progress[id];
      else next.progress[id] = value;
    }
  }
  if (parts.settings) {
    next.settings = { ...state.settings };
    for (const [key, value] of Object.entries(parts.settings)) {
      if (value === null) delete next.settings[key];
      else next.settings[key] = value;
    }
  }
  return next;
}

/** A complete log entry: the draft, its id, and what the change left in the parts it touched. */
export function completeEntry(id: string, draft: LogDraft, next: State): LogEntry {
  return { id, ...draft, after: captureParts(next, draft.before) };
}

/**
 * Rebuilds the state from the log alone, oldest entry first: each entry's `after` holds exactly
 * what its change left, and a `repair` entry starts again from the state it recorded.
 */
export function replayLog(entries: LogEntry[]): State {
  let state = emptyState();
  for (const entry of entries) {
    state =
      entry.type === 'repair'
        ? applyParts(emptyState(), entry.after)
        : applyParts(state, entry.after);
  }
  return state;
}
