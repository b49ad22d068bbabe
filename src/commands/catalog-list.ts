import type { Context } from '../context.js';
import { type CatalogListRow, renderCatalogList } from '../ui/render-catalogs.js';
import { emit } from './output.js';

export type { CatalogListRow } from '../ui/render-catalogs.js';

export function listCatalogs(ctx: Context): CatalogListRow[] {
  const set = ctx.catalogs();
  const index = set.index();
  // By path as well: two ROADMAP_CATALOG files may hold catalogs of one id.
  const counts = (id: string | null, kind: string, path: string | null) => {
    const loaded = index.catalogs.find((c) => c.id === id && c.kind === kind && c.path === path);
    const leftOut = index.problems
      .filter((p) => p.warn && p.catalog === id && p.path === path)
      .map((p) => p.message);
    if (!loaded) return { courses: null, modules: null, overrides: null, leftOut };
    const kept = new Set(loaded.courses.map((c) => c.id));
    const modules = loaded.source
      .courseModuleIds()
      .reduce((sum, [course, ids]) => sum + (kept.has(course) ? ids.length : 0), 0);
    return { courses: loaded.courses.length, modules, overrides: loaded.overrides, leftOut };
  };
  return [
    {
      id: 'bundled',
      kind: 'bundled',
      path: null,
      status: 'loaded',
      problem: null,
      ...counts('bundled', 'bundled', null),
    },
    ...set.files.map((file) => ({ ...file, ...counts(file.id, file.kind, file.path) })),
  ];
}

/** `roadmap catalog list`: the catalogs loaded in this run, and any that couldn't be. */
export async function catalogList(options: { json?: boolean }, ctx: Context): Promise<void> {
  emit(ctx, listCatalogs(ctx), options.json, renderCatalogList);
}
