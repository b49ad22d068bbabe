import type { CatalogIndex } from '../catalog/catalog-index.js';
import { mergeJournal, mergeProgress } from './merge.js';
import { ProgressMap } from './progress-map.js';
import { applyParts } from './snapshot.js';
import {
  type Before,
  KEYED_PARTS,
  type KeyedPart,
  type LogDraft,
  type ProgressEntry,
  type State,
} from './types.js';

type Keyed = Record<string, unknown>;

// Keys come from files; defining rather than assigning keeps any key plain data.
const setOwn = (target: Keyed, key: string, value: unknown) =>
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });

function fold<T>(
  entries: Record<string, T>,
  renamed: ReadonlyMap<string, string>,
  merge: (current: T, old: T) => T,
): Record<string, T> | undefined {
  let folded: Record<string, T> | undefined;
  for (const [old, id] of renamed) {
    if (!Object.hasOwn(entries, old)) continue;
    folded ??= { ...entries };
    const entry = folded[old]!;
    delete folded[old];
    setOwn(folded, id, Object.hasOwn(folded, id) ? merge(folded[id]!, entry) : entry);
  }
  return folded;
}

/** fold for progress, which isn't a plain object; same rules, in the same order. */
function foldProgress(
  progress: ProgressMap,
  renamed: ReadonlyMap<string, string>,
): ProgressMap | undefined {
  const changes = new Map<string, ProgressEntry | null>();
  const current = (id: string) => (changes.has(id) ? changes.get(id)! : (progress.get(id) ?? null));
  for (const [old, id] of renamed) {
    const entry = current(old);
    if (!entry) continue;
    changes.set(old, null);
    const kept = current(id);
    changes.set(id, kept ? mergeProgress(kept, entry) : entry);
  }
  return changes.size === 0 ? undefined : progress.withEntries(changes);
}

/**
 * The state as the loaded catalogs read it: progress and journal entries kept under an id that a
 * module replaces count as that module's. When both ids have progress, done beats skipped and the
 * earlier date wins (the rules of an import's merge), and notes and sessions are united. The
 * stored entries are never rewritten: this is a view, and the same object comes back when no
 * renamed id has anything recorded.
 */
export function mapRenamedIds(state: State, renamed: ReadonlyMap<string, string>): State {
  if (renamed.size === 0) return state;
  const progress = foldProgress(state.progress, renamed);
  const journal = fold(state.journal, renamed, mergeJournal);
  if (!progress && !journal) return state;
  return { ...state, progress: progress ?? state.progress, journal: journal ?? state.journal };
}

/** Whether any of `ids` has a progress or journal entry. */
export function recordsAny(state: State, ids: Iterable<string>): boolean {
  for (const id of ids) if (state.progress.has(id) || Object.hasOwn(state.journal, id)) return true;
  return false;
}

const valueAt = (values: unknown, key: string): unknown => {
  if (values instanceof ProgressMap) return values.get(key) ?? null;
  return Object.hasOwn(values as Keyed, key) ? (values as Keyed)[key] : null;
};

/**
 * A change computed on the mapped view, moved onto the stored state: the parts it touched take the
 * values it gave them, everything else stays as stored, and `before` holds the stored values, so
 * that `undo` and a replay of the log work on what is really kept. Keys that held nothing before
 * and after are dropped.
 */
export function rebaseChange(
  stored: State,
  change: { state: State; entry: LogDraft },
): { state: State; entry: LogDraft } {
  const touched = change.entry.before;
  const before: Before = {};
  const after: Before = {};
  if (touched.roadmap) {
    before.roadmap = stored.roadmap;
    after.roadmap = change.state.roadmap;
  }
  for (const part of KEYED_PARTS) {
    const keys = touched[part];
    if (!keys) continue;
    const was: Keyed = {};
    const now: Keyed = {};
    for (const key of Object.keys(keys)) {
      const old = valueAt(stored[part], key);
      const next = valueAt(change.state[part], key);
      if (old === null && next === null) continue;
      setOwn(was, key, old);
      setOwn(now, key, next);
    }
    if (Object.keys(was).length === 0) continue;
    (before as Record<KeyedPart, Keyed>)[part] = was;
    (after as Record<KeyedPart, Keyed>)[part] = now;
  }
  return { state: applyParts(stored, after), entry: { ...change.entry, before } };
}

/**
 * Ids with progress or a journal that no loaded catalog knows, neither as a module nor as an id a
 * module replaces. They are kept, never deleted: a catalog may come back, or the learner may want
 * their history; `doctor` lists them.
 */
export function orphanIds(state: State, catalog: CatalogIndex): string[] {
  const orphans = new Set<string>();
  for (const ids of [state.progress.keys(), Object.keys(state.journal)])
    for (const id of ids)
      if (!catalog.moduleById.has(id) && !catalog.renamed.has(id)) orphans.add(id);
  return [...orphans].sort();
}
