import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { parseUserCatalog } from '../catalog/load.js';
import { encodeStored, isSameTime, type StoredIndex } from '../catalog/stored.js';
import type { Catalog } from '../catalog/types.js';
import { formatProblems } from '../catalog/validate.js';
import { readRegularText } from '../read-text.js';
import {
  type CatalogFile,
  indexPathOf,
  listCatalogFiles,
  listCatalogTempFiles,
  listOrphanIndexes,
  ORPHAN_INDEX_PROBLEM,
  readCatalogFile,
  saveCatalog,
} from './catalog-files.js';
import { withLock } from './lock.js';
import type { StorePaths } from './paths.js';

/** What is wrong with one imported catalog file, and what `--repair` does about it. */
export interface CatalogFileHealth {
  file: CatalogFile;
  problem: string;
  /**
   * reindex: the catalog is good, its index isn't; set-aside: the catalog itself is unusable;
   * drop-index: the catalog file is gone and its index is left, to be set aside in its place;
   * remove-temp: a temporary file an interrupted write left (`file.path`), to be removed.
   */
  repair: 'reindex' | 'set-aside' | 'drop-index' | 'remove-temp';
  /** The catalog, when it is good. */
  catalog: Catalog | null;
}

/**
 * Checks every imported catalog in full, as import did: it must still be a valid catalog under
 * its own id, and its index must be exactly what roadmap would write for it now.
 */
export function diagnoseCatalogFiles(paths: StorePaths): CatalogFileHealth[] {
  const found: CatalogFileHealth[] = [];
  for (const file of listCatalogFiles(paths)) {
    let text: string;
    try {
      text = readCatalogFile(file);
    } catch (error) {
      found.push({ file, problem: (error as Error).message, repair: 'set-aside', catalog: null });
      continue;
    }
    const { catalog, problems } = parseUserCatalog(text);
    if (!catalog) {
      const lines = formatProblems(problems);
      const more = lines.length > 1 ? ` (and ${lines.length - 1} more)` : '';
      found.push({
        file,
        problem: `it is not a valid catalog: ${lines[0]}${more}`,
        repair: 'set-aside',
        catalog: null,
      });
      continue;
    }
    if (catalog.id !== file.id) {
      found.push({
        file,
        problem: `it holds catalog ${catalog.id}, but its name says ${file.id}`,
        repair: 'set-aside',
        catalog: null,
      });
      continue;
    }
    const expected = encodeStored(catalog);
    let index: string | null = null;
    try {
      index = readRegularText(indexPathOf(file));
    } catch {}
    if (expected.text !== text || index === null || !isIndexOf(index, expected.index, file)) {
      found.push({
        file,
        problem:
          index === null
            ? 'it has no index, so every command reads and checks it in full'
            : 'its index is out of date, so every command reads and checks it in full',
        repair: 'reindex',
        catalog,
      });
    }
  }
  for (const file of listOrphanIndexes(paths))
    found.push({ file, problem: ORPHAN_INDEX_PROBLEM, repair: 'drop-index', catalog: null });
  for (const path of listCatalogTempFiles(paths)) {
    found.push({
      file: { id: '', path },
      problem: 'a leftover temp file from an interrupted catalog import',
      repair: 'remove-temp',
      catalog: null,
    });
  }
  return found;
}

export interface CatalogRepair {
  reindexed: string[];
  /** Leftover temp files removed. */
  removedTempFiles: string[];
  /** Files set aside: where each went. */
  setAside: Array<{ from: string; to: string }>;
}

/**
 * Rebuilds the index of each good catalog, and sets each unusable one aside (renamed, never
 * deleted), so that commands stop warning about it. Runs under the store's lock.
 */
export async function repairCatalogFiles(paths: StorePaths, now: Date): Promise<CatalogRepair> {
  const repair: CatalogRepair = { reindexed: [], removedTempFiles: [], setAside: [] };
  try {
    const found =
      listCatalogFiles(paths).length +
      listOrphanIndexes(paths).length +
      listCatalogTempFiles(paths).length;
    if (found === 0) return repair;
  } catch {
    // A folder that can't be listed isn't something to repair by renaming; doctor reports it.
    return repair;
  }
  return withLock(paths, () => {
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    for (const health of diagnoseCatalogFiles(paths)) {
      if (health.repair === 'reindex' && health.catalog) {
        saveCatalog(paths, health.catalog);
        repair.reindexed.push(health.file.path);
        continue;
      }
      if (health.repair === 'remove-temp') {
        rmSync(health.file.path, { force: true });
        repair.removedTempFiles.push(health.file.path);
        continue;
      }
      // The index is set aside only when its catalog is gone: otherwise it is roadmap's own
      // derived file, rebuilt on import, and removed with the catalog it indexes.
      const from = health.repair === 'drop-index' ? indexPathOf(health.file) : health.file.path;
      let to = `${from}.corrupt-${stamp}`;
      for (let n = 2; existsSync(to); n++) to = `${from}.corrupt-${stamp}-${n}`;
      renameSync(from, to);
      if (health.repair !== 'drop-index') rmSync(indexPathOf(health.file), { force: true });
      repair.setAside.push({ from, to });
    }
    return repair;
  });
}

/**
 * Whether the index text is exactly what roadmap writes for the catalog, modification time
 * aside; that time must be the file's own, when the index has one (an index written before has
 * none, and is trusted by the file's size, as before).
 */
function isIndexOf(text: string, expected: StoredIndex, file: CatalogFile): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  const { mtimeMs, ...rest } = parsed as Record<string, unknown>;
  if (mtimeMs !== undefined && !isSameTime(mtimeMs, statSync(file.path).mtimeMs)) return false;
  return JSON.stringify(rest) === JSON.stringify(expected);
}
