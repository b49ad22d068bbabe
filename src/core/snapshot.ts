import {
  type Before,
  emptyState,
  KEYED_PARTS,
  type KeyedPart,
  type LogDraft,
  type LogEntry,
  type ProgressEntry,
  type State,
} from './types.js';

type KeyedValues = Record<string, unknown>;

// Keys come from files; defining rather than assigning keeps a `__proto__` key as plain data.
const setOwn = (target: KeyedValues, key: string, value: unknown) =>
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });

/** What a keyed part of the state holds under `key`; null when nothing. */
export function keyedValue(state: State, part: KeyedPart, key: string): unknown {
  if (part === 'progress') return state.progress.get(key) ?? null;
  const values = state[part] as KeyedValues;
  return Object.hasOwn(values, key) ? values[key] : null;
}

/** The current values of the parts of the state that `parts` names. */
export function captureParts(state: State, parts: Before): Before {
  const captured: Before = {};
  if (parts.roadmap) captured.roadmap = state.roadmap;
  for (const part of KEYED_PARTS) {
    const keys = parts[part];
    if (!keys) continue;
    const values: KeyedValues = {};
    for (const key of Object.keys(keys)) setOwn(values, key, keyedValue(state, part, key));
    (captured as Record<KeyedPart, KeyedValues>)[part] = values;
  }
  return captured;
}

/** Puts the given values into the state (null removes an entry). */
export function applyParts(state: State, parts: Before): State {
  const next: State = { ...state };
  if (parts.roadmap) next.roadmap = parts.roadmap;
  for (const part of KEYED_PARTS) {
    const values = parts[part] as KeyedValues | undefined;
    if (!values) continue;
    if (part === 'progress') {
      next.progress = state.progress.with(values as Record<string, ProgressEntry | null>);
      continue;
    }
    const merged: KeyedValues = { ...(state[part] as KeyedValues) };
    for (const [key, value] of Object.entries(values)) {
      if (value === null) delete merged[key];
      else setOwn(merged, key, value);
    }
    (next as unknown as Record<KeyedPart, KeyedValues>)[part] = merged;
  }
  return next;
}

/** Every part of the state, as a `repair` entry records it. */
export function wholeState(state: State): Before {
  return {
    roadmap: state.roadmap,
    progress: state.progress.toRecord(),
    journal: state.journal,
    courses: state.courses,
    projects: state.projects,
    settings: state.settings,
  };
}

/** A complete log entry: the draft, its id, and what the change left in the parts it touched. */
export function completeEntry(id: string, draft: LogDraft, next: State): LogEntry {
  return { id, ...draft, after: captureParts(next, draft.before) };
}

/**
 * Rebuilds the state from the log alone, oldest entry first: each entry's `after` holds exactly
 * what its change left, and a `repair` or `import` entry starts again from the state it recorded.
 */
export function replayLog(entries: LogEntry[]): State {
  let state = emptyState();
  for (const entry of entries) {
    state =
      entry.type === 'repair' || entry.type === 'import'
        ? applyParts(emptyState(), entry.after)
        : applyParts(state, entry.after);
  }
  return state;
}
