import type { JournalEntry, State } from './types.js';

const indexes = new WeakMap<State['journal'], Map<string, JournalEntry>>();

/**
 * The journal as a Map, built once per journal object. Reports ask it about every module on the
 * roadmap (50,000 in a big one), nearly always about a module with no journal, and a miss in a
 * Map costs a third of one in a plain object.
 */
export function journalIndex(state: State): ReadonlyMap<string, JournalEntry> {
  let index = indexes.get(state.journal);
  if (!index) {
    index = new Map(Object.entries(state.journal));
    indexes.set(state.journal, index);
  }
  return index;
}
