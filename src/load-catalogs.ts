import { type CatalogIndex, indexCatalogs } from './catalog/catalog-index.js';
import { bundledSource, parseUserCatalog, readEnvCatalogs } from './catalog/load.js';
import { type CatalogSource, sourceOf } from './catalog/sources.js';
import { storedSource } from './catalog/stored.js';
import { readImportedCatalogs } from './store/catalog-files.js';
import type { StorePaths } from './store/paths.js';

/** One catalog file roadmap tried to load, besides the bundled catalog. */
export interface CatalogFileReport {
  /** null when the file couldn't be read far enough to know. */
  id: string | null;
  kind: 'imported' | 'env';
  path: string;
  /**
   * loaded: through its index (the fast way); checked: parsed and validated in full, as every
   * ROADMAP_CATALOG file is and an imported one whose index is missing or stale; skipped: not loaded.
   */
  status: 'loaded' | 'checked' | 'skipped';
  /** Why it was skipped, or why an imported one had to be checked in full. */
  problem: string | null;
}

/** Every catalog of this run, with the index over them built on first use. */
export interface CatalogSet {
  sources: CatalogSource[];
  files: CatalogFileReport[];
  index(): CatalogIndex;
}

export interface LoadOptions {
  /** ROADMAP_CATALOG's value. */
  env?: string | undefined;
  /** An imported catalog to leave out (the one `catalog import` is about to replace). */
  exclude?: string;
}

/**
 * The bundled catalog, then the imported ones by id, then those in ROADMAP_CATALOG in the order
 * given (one with an imported catalog's id stands in for it in this run). A file that can't be used
 * is left out and reported, so a broken catalog never stops an unrelated command. With no
 * catalogs folder and no ROADMAP_CATALOG this costs one failed directory listing more than the
 * bundled catalog alone.
 */
export function loadCatalogSet(paths: StorePaths, options: LoadOptions = {}): CatalogSet {
  const files: CatalogFileReport[] = [];
  const env = readEnvCatalogs(options.env);
  const envIds = new Set(env.flatMap((e) => (e.source ? [e.source.id] : [])));
  const imported: CatalogSource[] = [];
  let reads: ReturnType<typeof readImportedCatalogs> = [];
  try {
    reads = readImportedCatalogs(paths);
  } catch (error) {
    // The folder itself can't be listed (a file in its place, no permission): nothing from it.
    files.push({
      id: null,
      kind: 'imported',
      path: paths.catalogs,
      status: 'skipped',
      problem: (error as Error).message,
    });
  }
  for (const read of reads) {
    const { file } = read;
    if (file.id === options.exclude || envIds.has(file.id)) continue;
    const report = (status: CatalogFileReport['status'], problem: string | null) =>
      files.push({ id: file.id, kind: 'imported', path: file.path, status, problem });
    if (read.kind === 'indexed') {
      imported.push(storedSource(read.index, read.read, file.path));
      report('loaded', null);
    } else if (read.kind === 'unreadable') {
      report('skipped', read.problem);
    } else {
      const { catalog, problems } = parseUserCatalog(read.text);
      if (!catalog) {
        const first = problems[0]!;
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
        report('skipped', `${first.path}: ${first.message}${more}`);
      } else if (catalog.id !== file.id) {
        report('skipped', `it holds catalog ${catalog.id}, but its name says ${file.id}`);
      } else {
        imported.push(sourceOf(catalog, 'imported', file.path));
        report('checked', read.reason);
      }
    }
  }
  // Two files with one catalog id would both load, and clash course by course: the first one
  // named is the catalog, as the first of two imports of one id would be.
  const envSources: CatalogSource[] = [];
  const envPathOf = new Map<string, string>();
  for (const entry of env) {
    const id = entry.source?.id ?? ('id' in entry ? entry.id : undefined) ?? null;
    const first = entry.source ? envPathOf.get(entry.source.id) : undefined;
    if (entry.source && first === undefined) {
      envPathOf.set(entry.source.id, entry.path);
      envSources.push(entry.source);
    }
    files.push({
      id,
      kind: 'env',
      path: entry.path,
      status: entry.source && first === undefined ? 'checked' : 'skipped',
      problem:
        first === undefined
          ? entry.problem
          : `ROADMAP_CATALOG already names ${first}, which gives catalog ${id}`,
    });
  }
  const sources = [bundledSource(), ...imported, ...envSources];
  let index: CatalogIndex | undefined;
  return {
    sources,
    files,
    index: () => {
      index ??= indexCatalogs(sources);
      return index;
    },
  };
}

/** The one-line warnings a command prints about files it couldn't use as they are. */
export function fileWarnings(files: readonly CatalogFileReport[]): string[] {
  return files.flatMap((file) => {
    if (file.status === 'skipped')
      return [`catalog ${file.path} was not loaded: ${file.problem}. Run \`roadmap doctor\`.`];
    if (file.status === 'checked' && file.kind === 'imported') {
      return [
        `catalog ${file.path} is read and checked in full on every run (${file.problem}); \`roadmap doctor --repair\` indexes it again.`,
      ];
    }
    return [];
  });
}

/** Warnings about parts of catalogs the index left out. */
export function indexWarnings(index: CatalogIndex): string[] {
  return index.problems
    .filter((p) => p.warn)
    .map((p) => `catalog ${p.catalog}: ${p.message}. Run \`roadmap doctor\`.`);
}
