import { rmSync } from 'node:fs';
import { sourceOf } from '../catalog/sources.js';
import type { Catalog } from '../catalog/types.js';
import {
  catalogFileOf,
  indexPathOf,
  isSavedAsIs,
  listCatalogFiles,
  listOrphanIndexes,
  readCatalogFile,
  saveCatalog,
  setCatalogAside,
} from './catalog-files.js';
import { listSeen, writeSeen } from './catalog-seen.js';
import { ensureConfigDir, withLock } from './lock.js';
import type { StorePaths } from './paths.js';

/** The imported catalog with this id as it is kept now, or null (none, or unreadable). */
export function readImportedCatalog(paths: StorePaths, id: string): Catalog | null {
  if (!listCatalogFiles(paths).some((file) => file.id === id)) return null;
  try {
    const data = JSON.parse(readCatalogFile(catalogFileOf(paths, id))) as Catalog;
    return Array.isArray(data?.courses) ? data : null;
  } catch {
    return null;
  }
}

const snapshot = (catalog: Catalog) => {
  const source = sourceOf(catalog);
  return {
    catalog: catalog.id,
    revision: source.revision(),
    courses: source.courseModuleIds().map(([id, ids]): [string, string[]] => [id, [...ids]]),
  };
};

/**
 * Imports a validated catalog, or upgrades the one with its id, under the store's lock. `check`
 * runs first, under the lock, with the version kept now (null for a new one); if it throws,
 * nothing is written. What `status` will compare later updates with is recorded too: for a new
 * catalog, this version; for an upgrade, the version before it, unless something is recorded
 * already.
 */
export async function putCatalog<T>(
  paths: StorePaths,
  catalog: Catalog,
  check: (previous: Catalog | null) => T,
  onWait?: () => void,
): Promise<{ previous: Catalog | null; checked: T; unchanged: boolean }> {
  ensureConfigDir(paths);
  return withLock(
    paths,
    () => {
      const previous = readImportedCatalog(paths, catalog.id);
      const checked = check(previous);
      if (previous !== null && isSavedAsIs(paths, catalog))
        return { previous, checked, unchanged: true };
      const recorded = listSeen(paths).has(catalog.id);
      saveCatalog(paths, catalog);
      // The baseline of the catalog-update notice only: catalogs-seen/ is safe to delete, and a
      // later command that loads the catalogs writes a missing baseline. Failing to write it
      // (a full disk, a folder made read-only) must not fail an import that is done.
      try {
        if (!recorded) writeSeen(paths, snapshot(previous ?? catalog));
      } catch {}
      return { previous, checked, unchanged: false };
    },
    onWait,
  );
}

/** Takes an imported catalog out, keeping a copy in backups/. Returns the copy's path. */
export async function dropCatalog(
  paths: StorePaths,
  id: string,
  now: Date,
  onWait?: () => void,
): Promise<string | null> {
  return withLock(
    paths,
    () =>
      listCatalogFiles(paths).some((file) => file.id === id)
        ? setCatalogAside(paths, id, now)
        : null,
    onWait,
  );
}

/**
 * Removes the index left of a catalog whose file is gone (deleted by hand): roadmap's own derived
 * file, which holds no progress. False when there is no such index.
 */
export async function dropOrphanIndex(
  paths: StorePaths,
  id: string,
  onWait?: () => void,
): Promise<boolean> {
  return withLock(
    paths,
    () => {
      const orphan = listOrphanIndexes(paths).find((file) => file.id === id);
      if (orphan === undefined) return false;
      rmSync(indexPathOf(orphan), { force: true });
      return true;
    },
    onWait,
  );
}
