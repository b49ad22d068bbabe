import type { CatalogIndex } from '../catalog/catalog-index.js';
import { foldProgressEntry, mergeJournal } from './merge.js';
import type { ProgressMap } from './progress-map.js';
import { applyParts, keyedValue } from './snapshot.js';
import { type Before, KEYED_PARTS, type KeyedPart, type LogDraft, type State } from './types.js';

type Keyed = Record<string, unknown>;

// Keys come from files; defining rather than assigning keeps any key plain data.
const setOwn = (target: Keyed, key: string, value: unknown) =>
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });

/**
 * What reading each old id as its new one does to the entries `get` reads: the old id's entry
 * moves to the new id, merged with what is there, in the order of `renamed`. Null removes an
 * entry; no changes, undefined.
 */
function foldChanges<T>(
  get: (id: string) => T | undefined,
  renamed: ReadonlyMap<string, string>,
  merge: (current: T, old: T) => T,
): Map<string, T | null> | undefined {
  const changes = new Map<string, T | null>();
  const current = (id: string) => (changes.has(id) ? changes.get(id) : get(id)) ?? null;
  for (const [old, id] of renamed) {
    const entry = current(old);
    if (entry === null) continue;
    changes.set(old, null);
    const kept = current(id);
    changes.set(id, kept === null ? entry : merge(kept, entry));
  }
  return changes.size === 0 ? undefined : changes;
}

function fold<T>(
  entries: Record<string, T>,
  renamed: ReadonlyMap<string, string>,
  merge: (current: T, old: T) => T,
): Record<string, T> | undefined {
  const get = (id: string) => (Object.hasOwn(entries, id) ? entries[id] : undefined);
  const changes = foldChanges(get, renamed, merge);
  if (!changes) return undefined;
  const folded = { ...entries };
  for (const [id, value] of changes) {
    if (value === null) delete folded[id];
    else setOwn(folded, id, value);
  }
  return folded;
}

function foldProgress(
  progress: ProgressMap,
  renamed: ReadonlyMap<string, string>,
): ProgressMap | undefined {
  const changes = foldChanges((id) => progress.get(id), renamed, foldProgressEntry);
  return changes && progress.withEntries(changes);
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

/**
 * A change computed on the mapped view, moved onto the stored state: the parts it touched take the
 * values it gave them, everything else stays as stored, and `before` holds the stored values, so
 * that `undo` and a replay of the log work on what is really kept. Keys that held nothing before
 * and after are dropped.
 *
 * A module's progress or journal that the change touched is stored under its id from then on,
 * and the entries of the ids it replaces (`formerIds`), which the view had folded into it, are
 * removed with it. Left where they were, they would count twice once a catalog offers the old
 * id again (a rename reverted), and a `reset` would leave them to read the module as done.
 */
export function rebaseChange(
  stored: State,
  change: { state: State; entry: LogDraft },
  formerIds: (id: string) => readonly string[] = () => [],
): { state: State; entry: LogDraft } {
  const touched = withFormerIds(stored, change.entry.before, formerIds);
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
      const old = keyedValue(stored, part, key);
      const next = keyedValue(change.state, part, key);
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

/** The keys a change touched, with the stored former ids of its modules added. */
function withFormerIds(
  stored: State,
  touched: Before,
  formerIds: (id: string) => readonly string[],
): Before {
  let result = touched;
  for (const part of ['progress', 'journal'] as const) {
    const keys = touched[part];
    if (!keys) continue;
    const more: Keyed = {};
    for (const key of Object.keys(keys))
      for (const old of formerIds(key))
        if (keyedValue(stored, part, old) !== null) setOwn(more, old, null);
    if (Object.keys(more).length > 0) result = { ...result, [part]: { ...keys, ...more } };
  }
  return result;
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
