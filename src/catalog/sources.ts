import { catalogRevision } from './revision.js';
import type { Catalog } from './types.js';

/** Where a loaded catalog comes from: shipped with roadmap, imported, or named in ROADMAP_CATALOG. */
export type CatalogKind = 'bundled' | 'imported' | 'env';

/**
 * A catalog ready to be indexed. The cheap questions (which courses, which renamed ids) are
 * answered without building every course and module object, so that a command that only needs to
 * know whether renames touch the state doesn't pay for 50,000 modules.
 */
export interface CatalogSource {
  id: string;
  kind: CatalogKind;
  /** The file it was read from; null for a catalog given in memory. */
  path: string | null;
  /** See catalogRevision. */
  revision(): string;
  /** Each course's id and its module ids, in catalog order. */
  courseModuleIds(): ReadonlyArray<readonly [string, readonly string[]]>;
  /** Every id a module of this catalog replaces. */
  replacedIds(): readonly string[];
  /** The catalog itself. Indexing never changes what this returns (see indexCatalogs). */
  catalog(): Catalog;
}

/**
 * A source over a catalog already in memory (the bundled one, or one just read and validated).
 * `revision`, when given, is the catalog's known catalogRevision, so it isn't worked out again.
 */
export function sourceOf(
  catalog: Catalog,
  kind: CatalogKind = catalog.id === 'bundled' ? 'bundled' : 'imported',
  path: string | null = null,
  revision?: string,
): CatalogSource {
  return {
    id: catalog.id,
    kind,
    path,
    revision: () => {
      revision ??= catalogRevision(catalog);
      return revision;
    },
    courseModuleIds: () => catalog.courses.map((c) => [c.id, c.modules.map((m) => m.id)] as const),
    replacedIds: () => catalog.courses.flatMap((c) => c.modules.flatMap((m) => m.replaces ?? [])),
    catalog: () => catalog,
  };
}
