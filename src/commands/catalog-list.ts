import type { Context } from '../context.js';
import { type CatalogListRow, renderCatalogList } from '../ui/render-catalogs.js';
import { emit } from './output.js';

export type { CatalogListRow } from '../ui/render-catalogs.js';

export function listCatalogs(ctx: Context): CatalogListRow[] {
  const set = ctx.catalogs();
  const index = set.index();
  const counts = (id: string | null, kind: string) => {
    const loaded = index.catalogs.find((c) => c.id === id && c.kind === kind);
    if (!loaded) return { courses: null, modules: null, overrides: null };
    const kept = new Set(loaded.courses.map((c) => c.id));
    const modules = loaded.source
      .courseModuleIds()
      .reduce((sum, [course, ids]) => sum + (kept.has(course) ? ids.length : 0), 0);
    return { courses: loaded.courses.length, modules, overrides: loaded.overrides };
  };
  return [
    {
      id: 'bundled',
      kind: 'bundled',
      path: null,
      status: 'loaded',
      problem: null,
      ...counts('bundled', 'bundled'),
    },
    ...set.files.map((file) => ({ ...file, ...counts(file.id, file.kind) })),
  ];
}

/** `roadmap catalog list`: the catalogs loaded in this run, and any that couldn't be. */
export async function catalogList(options: { json?: boolean }, ctx: Context): Promise<void> {
  emit(ctx, listCatalogs(ctx), options.json, renderCatalogList);
}
