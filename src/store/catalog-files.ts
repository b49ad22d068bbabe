import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { MAX_CATALOG_BYTES } from '../catalog/load.js';
import {
  checkStoredIndex,
  encodeStored,
  type LineReader,
  type StoredIndex,
} from '../catalog/stored.js';
import type { Catalog } from '../catalog/types.js';
import { Failure } from '../errors.js';
import { NOT_A_FILE, openRegular, readRegularText } from '../read-text.js';
import { blockedByFile, isProcessRunning } from './lock.js';
import type { StorePaths } from './paths.js';

/** An imported catalog as kept in the config directory. */
export interface CatalogFile {
  /** The catalog's id, which is also the file's name without `.json`. */
  id: string;
  path: string;
}

const NAME = /^([a-z0-9][a-z0-9._-]*)\.json$/;

/** What the catalogs folder holds; nothing when it doesn't exist. */
function folderNames(paths: StorePaths): string[] {
  try {
    return readdirSync(paths.catalogs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    // roadmap never puts a file there, and --repair won't move one it didn't write.
    // A config directory that is itself a file holds no catalogs; reading or writing the state
    // says what is wrong with it.
    if (code === 'ENOTDIR' && blockedByFile(paths.dir)) return [];
    if (code === 'ENOTDIR') {
      throw new Failure(
        `Could not list the imported catalogs: ${paths.catalogs} is a file, where roadmap keeps a folder`,
        'Move that file somewhere else (roadmap makes the folder again when you import a catalog).',
      );
    }
    throw new Failure(
      `Could not list the imported catalogs in ${paths.catalogs} (${code ?? (error as Error).message})`,
      'Check the folder, or run `roadmap doctor`.',
    );
  }
}

const byId = (a: CatalogFile, b: CatalogFile) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The imported catalogs, sorted by id. */
function catalogFilesIn(paths: StorePaths, names: string[]): CatalogFile[] {
  return names
    .flatMap((name) => {
      const match = NAME.exec(name);
      return match ? [{ id: match[1]!, path: join(paths.catalogs, name) }] : [];
    })
    .sort(byId);
}

export function listCatalogFiles(paths: StorePaths): CatalogFile[] {
  return catalogFilesIn(paths, folderNames(paths));
}

/**
 * What the imported catalogs are now, as text to compare: each file's id, size and time of
 * change. `catalog import` and `catalog remove` write no log entry, so a question about the whole
 * roadmap (`import --replace`) compares this too.
 */
export function catalogFilesStamp(paths: StorePaths): string {
  try {
    return listCatalogFiles(paths)
      .map((file) => {
        const stats = statSync(file.path);
        return `${file.id} ${stats.size} ${Math.round(stats.mtimeMs)}`;
      })
      .join('\n');
  } catch {
    return '(unreadable)';
  }
}

/** The index kept beside a catalog file (not a `.json` name, so never taken for a catalog). */
export const indexPathOf = (file: CatalogFile): string => file.path.replace(/\.json$/, '.index');

/**
 * Imported catalogs whose file is gone while their index is left (the file deleted by hand):
 * nothing loads them, and without this no command would say why their courses went missing.
 */
function orphanIndexesIn(paths: StorePaths, names: string[]): CatalogFile[] {
  const present = new Set(names);
  return names
    .flatMap((name) => {
      const match = /^([a-z0-9][a-z0-9._-]*)\.index$/.exec(name);
      return match && !present.has(`${match[1]}.json`)
        ? [{ id: match[1]!, path: join(paths.catalogs, `${match[1]}.json`) }]
        : [];
    })
    .sort(byId);
}

export function listOrphanIndexes(paths: StorePaths): CatalogFile[] {
  return orphanIndexesIn(paths, folderNames(paths));
}

export const ORPHAN_INDEX_PROBLEM = 'its catalog file is missing; only its index is left';

/**
 * Temporary files a catalog import or repair killed mid-write left behind (writeAtomically names
 * them by process id); those of a process still running are its own, being written.
 */
export function listCatalogTempFiles(paths: StorePaths): string[] {
  return folderNames(paths)
    .filter((name) => {
      const match = /^[a-z0-9][a-z0-9._-]*\.(?:json|index)\.(\d+)\.tmp$/.exec(name);
      return match !== null && !isProcessRunning(Number(match[1]));
    })
    .sort()
    .map((name) => join(paths.catalogs, name));
}

export function catalogFileOf(paths: StorePaths, id: string): CatalogFile {
  return { id, path: join(paths.catalogs, `${id}.json`) };
}

export function readCatalogFile(file: CatalogFile): string {
  try {
    if (statSync(file.path).size > MAX_CATALOG_BYTES) {
      throw new Failure(`The imported catalog ${file.path} is larger than 256 MB.`);
    }
    return readRegularText(file.path);
  } catch (error) {
    if (error instanceof Failure) throw error;
    throw new Failure(
      `Could not read the imported catalog ${file.path}: ${(error as Error).message}`,
    );
  }
}

/**
 * Writes a file atomically: a temporary file, flushed to disk, renamed over it, so a crash or a
 * power cut leaves one or the other, never an empty file under the catalog's name.
 */
function writeAtomically(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const full = code === 'ENOSPC' || code === 'EDQUOT';
    throw new Failure(
      `Could not write ${path} (${full ? 'the disk is full' : (code ?? (error as Error).message)}).`,
      full
        ? 'Free some space, then run the command again.'
        : 'Check that you can write to the config directory (`roadmap doctor`).',
    );
  }
}

/** A file's text, or null when there is none (or it can't be read). */
function textOrNull(path: string): string | null {
  try {
    return readRegularText(path);
  } catch {
    return null;
  }
}

/**
 * Keeps a validated catalog: the catalog file, then its index. Each write is atomic; a crash
 * between the two leaves an index that no longer matches, which readers notice and `roadmap doctor
 * --repair` rebuilds. An index that can't be written (a full disk) puts the catalog file back as
 * it was, so that a failed import leaves nothing imported. Call it while holding the store's lock.
 */
export function saveCatalog(paths: StorePaths, catalog: Catalog): CatalogFile {
  if (!NAME.test(`${catalog.id}.json`)) throw new Error(`not a catalog id: ${catalog.id}`);
  try {
    mkdirSync(paths.catalogs, { recursive: true });
  } catch (error) {
    throw new Failure(
      `Could not create ${paths.catalogs}: ${(error as Error).message}. Nothing was imported.`,
      'Check the config directory (`roadmap doctor`).',
    );
  }
  const file = catalogFileOf(paths, catalog.id);
  const { text, index } = encodeStored(catalog);
  const before = textOrNull(file.path);
  writeAtomically(file.path, text);
  try {
    writeAtomically(indexPathOf(file), `${JSON.stringify(withTimeOf(file, index))}\n`);
  } catch (error) {
    try {
      if (before === null) rmSync(file.path, { force: true });
      else writeAtomically(file.path, before);
    } catch {
      // Left as written: its index no longer matches, so it is read and checked in full, and
      // `roadmap doctor --repair` reindexes it.
    }
    throw error;
  }
  return file;
}

/**
 * Whether the catalog is kept exactly as saveCatalog would write it, its index included: a second
 * import of the same file then writes nothing.
 */
export function isSavedAsIs(paths: StorePaths, catalog: Catalog): boolean {
  if (!NAME.test(`${catalog.id}.json`)) return false;
  const file = catalogFileOf(paths, catalog.id);
  const { text, index } = encodeStored(catalog);
  try {
    return (
      textOrNull(file.path) === text &&
      textOrNull(indexPathOf(file)) === `${JSON.stringify(withTimeOf(file, index))}\n`
    );
  } catch {
    return false;
  }
}

/** The index, with the modification time its catalog file has now (see StoredIndex.mtimeMs). */
export function withTimeOf(file: CatalogFile, index: StoredIndex): StoredIndex {
  return { ...index, mtimeMs: statSync(file.path).mtimeMs };
}

/** Removes an imported catalog's files. Call it while holding the store's lock. */
export function removeCatalogFile(paths: StorePaths, id: string): void {
  const file = catalogFileOf(paths, id);
  rmSync(file.path, { force: true });
  rmSync(indexPathOf(file), { force: true });
}

/** A name for a file set aside in backups/, unique even for two within one second. */
function backupName(paths: StorePaths, base: string, now: Date): string {
  const stamp = now.toISOString().replaceAll(':', '-');
  let name = join(paths.backups, `${base}-${stamp}.json`);
  for (let n = 2; existsSync(name); n++) name = join(paths.backups, `${base}-${stamp}-${n}.json`);
  return name;
}

/**
 * Moves an imported catalog into backups/ (its index is dropped), so that removing it loses
 * nothing; with `copy`, leaves it in place too, before something replaces or removes it. Returns
 * where it went. Call it while holding the store's lock.
 */
export function setCatalogAside(
  paths: StorePaths,
  id: string,
  now: Date,
  { copy = false } = {},
): string {
  const file = catalogFileOf(paths, id);
  const target = backupName(paths, `catalog-${id}`, now);
  try {
    mkdirSync(paths.backups, { recursive: true });
    if (copy) copyFileSync(file.path, target);
    else renameSync(file.path, target);
  } catch (error) {
    throw new Failure(
      `Could not ${copy ? 'copy' : 'move'} ${file.path} to ${paths.backups}: ${(error as Error).message}. Nothing was ${copy ? 'changed' : 'removed'}.`,
      'Check that you can write to the config directory (`roadmap doctor`).',
    );
  }
  if (!copy) rmSync(indexPathOf(file), { force: true });
  return target;
}

/** Reads byte ranges of a catalog file, opening it for each read (a command reads a few lines). */
function lineReader(path: string): LineReader {
  return (offset, length) => {
    const buffer = Buffer.allocUnsafe(length);
    let got = 0;
    try {
      const fd = openRegular(path);
      try {
        while (got < length) {
          const n = readSync(fd, buffer, got, length - got, offset + got);
          if (n === 0) break;
          got += n;
        }
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      throw new Failure(
        `Could not read the imported catalog ${path}: ${(error as Error).message}`,
        'Run `roadmap doctor` to check it.',
      );
    }
    return buffer.toString('utf8', 0, got);
  };
}

/** How an imported catalog can be read in this run. */
export type ImportedCatalog =
  | { kind: 'indexed'; file: CatalogFile; index: StoredIndex; read: LineReader }
  /** The index is missing or out of step: the catalog must be parsed and validated in full. */
  | { kind: 'unindexed'; file: CatalogFile; text: string; reason: string }
  | { kind: 'unreadable'; file: CatalogFile; problem: string };

/**
 * Reads what each imported catalog needs to be loaded: its index when that is present and matches
 * the catalog file (size and a cheap shape check), otherwise the whole file. Nothing is validated
 * here; an index that passes is trusted, since roadmap wrote it from a validated catalog.
 */
export function readImportedCatalogs(paths: StorePaths): ImportedCatalog[] {
  const names = folderNames(paths);
  const orphans = orphanIndexesIn(paths, names).map(
    (file): ImportedCatalog => ({ kind: 'unreadable', file, problem: ORPHAN_INDEX_PROBLEM }),
  );
  const read = catalogFilesIn(paths, names).map((file): ImportedCatalog => {
    let size: number;
    let mtimeMs: number;
    try {
      const stats = statSync(file.path);
      if (!stats.isFile()) return { kind: 'unreadable', file, problem: NOT_A_FILE };
      ({ size, mtimeMs } = stats);
    } catch (error) {
      return { kind: 'unreadable', file, problem: (error as Error).message };
    }
    let reason: string;
    try {
      const data: unknown = JSON.parse(readRegularText(indexPathOf(file)));
      const wrong = checkStoredIndex(data, file.id, size, mtimeMs);
      if (wrong === null)
        return { kind: 'indexed', file, index: data as StoredIndex, read: lineReader(file.path) };
      reason = wrong;
    } catch (error) {
      reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'it has no index'
          : 'its index is damaged';
    }
    if (size > MAX_CATALOG_BYTES)
      return { kind: 'unreadable', file, problem: 'it is larger than 256 MB' };
    try {
      return { kind: 'unindexed', file, text: readRegularText(file.path), reason };
    } catch (error) {
      return { kind: 'unreadable', file, problem: (error as Error).message };
    }
  });
  return [...read, ...orphans];
}
