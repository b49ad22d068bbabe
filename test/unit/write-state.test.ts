import fs, { cpSync, existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { indexCatalogs } from '../../src/catalog/catalog-index.js';
import { studyModule } from '../../src/core/journal-changes.js';
import { markModule } from '../../src/core/progress-changes.js';
import { ProgressMap } from '../../src/core/progress-map.js';
import { emptyState, type State } from '../../src/core/types.js';
import { resolveStorePaths } from '../../src/store/paths.js';
import { CorruptStateError, TRUST_FROM_BYTES } from '../../src/store/read-state.js';
import { createStore, writeState } from '../../src/store/store.js';
import { course } from '../helpers/catalog.js';
import { tempDir } from '../helpers/temp.js';

const AT = '2026-03-02T10:00:00.000Z';

function withEntry(status: string): State {
  const state = emptyState();
  state.progress = ProgressMap.fromEntries([
    ['hf-course/chapter1/1', { status, at: AT, notes: [] } as never],
  ]);
  return state;
}

/** A state big enough for its file to be trusted (TRUST_FROM_BYTES), with one entry of `status`. */
function bigWithEntry(status: string): State {
  const state = withEntry(status);
  state.progress = state.progress.withEntries(
    Array.from({ length: 8000 }, (_, i) => [
      `big/course-${i}/module`,
      { status: 'done', at: AT, notes: [] },
    ]),
  );
  return state;
}

describe('writeState', () => {
  it('writes the state as tab-indented JSON without conf parsing the file it replaces', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    await writeState(paths, emptyState());
    // conf would throw on this if it parsed the file (clearInvalidConfig is off).
    writeFileSync(paths.config, 'not json {');
    await writeState(paths, withEntry('done'));
    const text = readFileSync(paths.config, 'utf8');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(withEntry('done'))));
    expect(text).toContain(
      `\n\t"progress": {\n\t\t"hf-course": [\n\t\t\t"hf-course/chapter1/1 done ${AT}"\n\t\t]`,
    );
  });
});

describe('writeState reading the old file', () => {
  it('never lets conf read it: roadmap has just read it, under the lock', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    await writeState(paths, withEntry('done'));
    const read = vi.spyOn(fs, 'readFileSync');
    try {
      await writeState(paths, withEntry('skipped'));
      expect(read.mock.calls.filter(([path]) => path === paths.config)).toHaveLength(0);
    } finally {
      read.mockRestore();
    }
    const text = readFileSync(paths.config, 'utf8');
    expect(text).not.toContain('__internal__');
    expect(createStore(paths).read().progress.get('hf-course/chapter1/1')?.status).toBe('skipped');
  });
});

describe('a state file roadmap wrote', () => {
  it('is read without checking its entries again, as long as it is that same version', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    // A malformed entry that only a bug could write: trusted, because roadmap wrote this version.
    await writeState(paths, bigWithEntry('finished'));
    expect(statSync(paths.config).size).toBeGreaterThan(TRUST_FROM_BYTES);
    expect(readFileSync(paths.checked, 'utf8')).toMatch(/^3 \d+:\d+\n$/);
    expect(createStore(paths).read().progress.get('hf-course/chapter1/1')?.status).toBe('finished');
  });

  it('is still known after a copy that keeps its times, as restoring a backup does', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    await writeState(paths, bigWithEntry('finished'));
    const copy = resolveStorePaths(tempDir(), {});
    cpSync(paths.dir, copy.dir, { recursive: true, preserveTimestamps: true });
    expect(createStore(copy).read().progress.get('hf-course/chapter1/1')?.status).toBe('finished');
  });

  it('is checked in full once anything else changed it, even in place at the same size', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    await writeState(paths, bigWithEntry('done'));
    const before = statSync(paths.config);
    const edited = readFileSync(paths.config, 'utf8').replace(' done ', ' dune ');
    writeFileSync(paths.config, edited);
    // A later time of change, as any real edit makes.
    utimesSync(paths.config, before.atime, new Date(before.mtimeMs + 1000));
    expect(() => createStore(paths).read()).toThrow(CorruptStateError);
  });

  it('is always checked in full when it is small, and no note is kept for it', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    await writeState(paths, bigWithEntry('done'));
    expect(existsSync(paths.checked)).toBe(true);
    await writeState(paths, withEntry('finished'));
    expect(existsSync(paths.checked)).toBe(false);
    expect(() => createStore(paths).read()).toThrow(CorruptStateError);
  });

  it('refuses a change to a course damaged since, its size and time kept, and writes nothing', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    const state = bigWithEntry('done');
    state.progress = state.progress.with({
      'hf-course/chapter1/1': { status: 'done', at: AT, minutes: 10, notes: [] },
    });
    await writeState(paths, state);
    const before = statSync(paths.config);
    // A same-length edit with the time put back: read without the full check, as roadmap wrote it.
    const damaged = readFileSync(paths.config, 'utf8').replace(`${AT} 10"`, `${AT} -1"`);
    writeFileSync(paths.config, damaged);
    utimesSync(paths.config, before.atime, before.mtime);
    const store = createStore(paths);
    expect(store.read().progress.get('hf-course/chapter1/1')?.minutes).toBeNaN();
    const ref = indexCatalogs([
      { id: 'c', formatVersion: 1, courses: [course('hf-course', 2)] },
    ]).moduleById.get('hf-course/m2')!;
    const change = store.change((s) => markModule(s, ref, 'done', {}, new Date(AT)));
    await expect(change).rejects.toThrow(/minutes is not a whole number above 0/);
    // Not written back, with the damage made into other damage ("NaN").
    expect(readFileSync(paths.config, 'utf8')).toBe(damaged);
    expect(existsSync(paths.log)).toBe(false);
    // From then on the file is checked in full, so reads refuse it as well.
    expect(() => createStore(paths).read()).toThrow(CorruptStateError);
  });

  it('refuses a change to a module whose journal was damaged since, as it refuses its progress', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    const state = bigWithEntry('done');
    state.journal = { 'hf-course/m2': { sessions: [{ at: AT, minutes: 30 }], notes: [] } };
    await writeState(paths, state);
    const before = statSync(paths.config);
    const damaged = readFileSync(paths.config, 'utf8').replace('"minutes": 30', '"minutes": -3');
    expect(damaged).not.toBe(readFileSync(paths.config, 'utf8'));
    writeFileSync(paths.config, damaged);
    utimesSync(paths.config, before.atime, before.mtime);
    const ref = indexCatalogs([
      { id: 'c', formatVersion: 1, courses: [course('hf-course', 2)] },
    ]).moduleById.get('hf-course/m2')!;
    const change = createStore(paths).change((s) =>
      studyModule(s, ref, { minutes: 10 }, new Date(AT)),
    );
    await expect(change).rejects.toThrow(/journal\["hf-course\/m2"\] is malformed/);
    expect(readFileSync(paths.config, 'utf8')).toBe(damaged);
    expect(existsSync(paths.log)).toBe(false);
  });

  it('still takes a change to a course nothing damaged: untouched courses are written as read', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    await writeState(paths, bigWithEntry('done'));
    const ref = indexCatalogs([
      { id: 'c', formatVersion: 1, courses: [course('hf-course', 2)] },
    ]).moduleById.get('hf-course/m2')!;
    await createStore(paths).change((s) => markModule(s, ref, 'done', {}, new Date(AT)));
    expect(createStore(paths).read().progress.get('hf-course/m2')?.status).toBe('done');
  });

  it('is checked in full when the note is missing or from another file', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    await writeState(paths, bigWithEntry('finished'));
    writeFileSync(paths.checked, '2 1:2\n');
    expect(() => createStore(paths).read()).toThrow(CorruptStateError);
    const other = resolveStorePaths(tempDir(), {});
    await writeState(other, emptyState());
    writeFileSync(join(other.dir, 'config.json'), readFileSync(paths.config));
    expect(() => createStore(other).read()).toThrow(CorruptStateError);
  });
});
