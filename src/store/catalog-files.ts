import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Failure } from '../errors.js';
import type { StorePaths } from './paths.js';

/** An imported catalog as kept in the config directory. */
export interface CatalogFile {
  /** The catalog's id, which is also the file's name without `.json`. */
  id: string;
  path: string;
}

const NAME = /^([a-z0-9][a-z0-9._-]*)\.json$/;

/** The imported catalogs, sorted by id; none when the folder doesn't exist. */
export function listCatalogFiles(paths: StorePaths): CatalogFile[] {
  let names: string[];
  try {
    names = readdirSync(paths.catalogs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Failure(
      `Could not list the imported catalogs in ${paths.catalogs}: ${(error as Error).message}`,
      'Check the folder, or run `roadmap doctor`.',
    );
  }
  return names
    .flatMap((name) => {
      const match = NAME.exec(name);
      return match ? [{ id: match[1]!, path: join(paths.catalogs, name) }] : [];
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function readCatalogFile(file: CatalogFile): string {
  try {
    return readFileSync(file.path, 'utf8');
  } catch (error) {
    throw new Failure(
      `Could not read the imported catalog ${file.path}: ${(error as Error).message}`,
    );
  }
}

/**
 * Writes a catalog file atomically (a temporary file renamed over it), so a crash leaves the old
 * catalog or the new one, never half of one. Call it while holding the store's lock.
 */
export function writeCatalogFile(paths: StorePaths, id: string, text: string): string {
  if (!NAME.test(`${id}.json`)) throw new Error(`not a catalog id: ${id}`);
  mkdirSync(paths.catalogs, { recursive: true });
  const path = join(paths.catalogs, `${id}.json`);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new Failure(
      `Could not write ${path}: ${(error as Error).message}`,
      'Check that you can write to the config directory (`roadmap doctor`).',
    );
  }
  return path;
}

/** Removes an imported catalog's file. Call it while holding the store's lock. */
export function removeCatalogFile(paths: StorePaths, id: string): void {
  rmSync(join(paths.catalogs, `${id}.json`), { force: true });
}
