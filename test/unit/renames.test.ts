import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexCatalogs } from '../../src/catalog/catalog-index.js';
import { addNote, studyModule } from '../../src/core/journal-changes.js';
import { markModule, resetModule } from '../../src/core/progress-changes.js';
import { mapRenamedIds } from '../../src/core/renames.js';
import { undoLast } from '../../src/core/undo.js';
import { resolveStorePaths } from '../../src/store/paths.js';
import { parseState } from '../../src/store/read-state.js';
import { createStore } from '../../src/store/store.js';
import { course, stateWith } from '../helpers/catalog.js';
import { checkConsistency } from '../helpers/state-check.js';
import { tempDir } from '../helpers/temp.js';

const T = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
const renamed = new Map([
  ['c/old', 'c/m1'],
  ['c/older', 'c/m1'],
]);

describe('mapRenamedIds', () => {
  it('reads progress under a replaced id as the new module’s, leaving the stored state alone', () => {
    const stored = stateWith(['c'], { 'c/old': { status: 'done', at: T(3) } });
    const before = JSON.stringify(stored);
    const view = mapRenamedIds(stored, renamed);
    expect(view.progress).toEqual({ 'c/m1': { status: 'done', at: T(3), notes: [] } });
    expect(JSON.stringify(stored)).toBe(before);
  });

  it.each([
    ['done beats skipped (old done)', 'done', T(5), 'skipped', T(1), 'done', T(5)],
    ['done beats skipped (new done)', 'skipped', T(1), 'done', T(5), 'done', T(5)],
    ['the earlier date wins between two done', 'done', T(2), 'done', T(7), 'done', T(2)],
    [
      'the earlier date wins between two skipped',
      'skipped',
      T(9),
      'skipped',
      T(4),
      'skipped',
      T(4),
    ],
  ] as const)('%s', (_, oldStatus, oldAt, newStatus, newAt, status, at) => {
    const stored = stateWith(['c'], {
      'c/old': { status: oldStatus, at: oldAt, notes: [{ at: oldAt, text: 'old note' }] },
      'c/m1': { status: newStatus, at: newAt, notes: [{ at: newAt, text: 'new note' }] },
    });
    const entry = mapRenamedIds(stored, renamed).progress.get('c/m1')!;
    expect(entry).toMatchObject({ status, at });
    expect(entry.notes.map((n) => n.text).sort()).toEqual(['new note', 'old note']);
  });

  it('follows several old ids into one module, and unites journals', () => {
    const stored = stateWith(['c'], {
      'c/old': { status: 'skipped', at: T(1) },
      'c/older': { status: 'done', at: T(2) },
    });
    stored.journal['c/older'] = { sessions: [{ at: T(1), minutes: 30 }], notes: [] };
    stored.journal['c/m1'] = { sessions: [{ at: T(4), minutes: 20 }], notes: [] };
    const view = mapRenamedIds(stored, renamed);
    expect(view.progress.keys()).toEqual(['c/m1']);
    expect(view.progress.get('c/m1')).toMatchObject({ status: 'done', at: T(2) });
    expect(view.journal['c/m1']!.sessions.map((s) => s.minutes)).toEqual([30, 20]);
  });

  it('returns the same object when no renamed id has anything recorded', () => {
    const stored = stateWith(['c'], { 'c/m2': { status: 'done' } });
    expect(mapRenamedIds(stored, renamed)).toBe(stored);
    expect(mapRenamedIds(stored, new Map())).toBe(stored);
  });
});

/** A store over a temp dir whose view maps c/old to c/m1, as the catalogs would. */
function renamedStore() {
  const dir = tempDir();
  const catalog = indexCatalogs([
    { formatVersion: 1, id: 'mine', courses: [course('c', 2, {}, [{ replaces: ['c/old'] }])] },
  ]);
  const store = createStore(resolveStorePaths(dir, {}), {
    view: (stored) => mapRenamedIds(stored, catalog.renamed),
    formerIds: (id) => catalog.formerIds.get(id) ?? [],
  });
  const ref = catalog.moduleById.get('c/m1')!;
  const raw = () => parseState(readFileSync(join(dir, 'config.json'), 'utf8'), 'config.json');
  return { dir, catalog, store, ref, raw };
}

describe('changes through a view of renamed ids', () => {
  it('write what they touched under the module id, take the old entry over, and undo to the stored state', async () => {
    const { dir, store, ref, raw, catalog } = renamedStore();
    const old = ref.course.modules[0]!;
    // Progress recorded when the module was still called c/old.
    await store.change((s) =>
      markModule(s, { ...ref, module: { ...old, id: 'c/old' } }, 'skipped', {}, new Date(T(1))),
    );
    expect(store.read().progress.get('c/m1')).toMatchObject({ status: 'skipped' });

    const done = await store.change((s) => markModule(s, ref, 'done', {}, new Date(T(2))));
    expect(done.info.outcome).toBe('upgraded');
    // Kept under both ids, the old one would count again if a catalog offered it again.
    expect(raw().progress.keys()).toEqual(['c/m1']);
    expect(done.state.progress.get('c/m1')).toMatchObject({ status: 'done', at: T(2) });

    await store.change((s) => studyModule(s, ref, { minutes: 15 }, new Date(T(3))));
    await store.change((s) => addNote(s, ref, 'a note', new Date(T(3))));
    const reset = await store.change((s) =>
      resetModule(s, ref, new Date(T(4)), catalog.formerIds.get('c/m1')),
    );
    expect(reset.state.progress.get('c/m1')).toBeUndefined();
    expect(raw().progress.size).toBe(0);

    const undo = () => store.change((s, log) => undoLast(s, log.newestFirst(), new Date(T(5))));
    const undone = await undo();
    expect(undone.state.progress.get('c/m1')).toMatchObject({ status: 'done', at: T(2) });
    expect(raw().progress.get('c/old')).toBeUndefined();
    // Undoing the note, the study and the done puts the old entry back where it was.
    for (let i = 0; i < 3; i++) await undo();
    expect(raw().progress.keys()).toEqual(['c/old']);
    expect(raw().progress.get('c/old')).toMatchObject({ status: 'skipped', at: T(1) });
    expect(checkConsistency(dir)).toBeNull();
  });
});
