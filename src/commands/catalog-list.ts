import type { Context } from '../context.js';
import { clean } from '../ui/sanitize.js';
import { displayWidth, padWidth, plural } from '../ui/text.js';
import { emit } from './output.js';

/** One row of `catalog list --json`. */
export interface CatalogListRow {
  id: string | null;
  kind: 'bundled' | 'imported' | 'env';
  /** The file it is read from; null for the bundled catalog. */
  path: string | null;
  /** loaded: through its index or, bundled, as shipped; checked: read and validated in full; skipped: not loaded. */
  status: 'loaded' | 'checked' | 'skipped';
  /** Why it was skipped, or why an imported one is checked in full on every run. */
  problem: string | null;
  /** Courses and modules loaded from it (null when skipped); courses left out for taken ids don't count. */
  courses: number | null;
  modules: number | null;
  overrides: number | null;
}

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

function renderCatalogList(rows: CatalogListRow[]): string {
  const width = Math.max(...rows.map((r) => displayWidth(clean(r.id ?? '?'))));
  return rows
    .map((row) => {
      const id = padWidth(clean(row.id ?? '?'), width);
      if (row.status === 'skipped')
        return `${id}  not loaded: ${clean(row.problem ?? '')} (${clean(row.path ?? '')})`;
      const parts = [plural(row.courses ?? 0, 'course'), plural(row.modules ?? 0, 'module')];
      if (row.overrides) parts.push(plural(row.overrides, 'override'));
      const from =
        row.kind === 'bundled'
          ? 'shipped with roadmap'
          : row.kind === 'imported'
            ? `imported (${clean(row.path ?? '')})`
            : `from ROADMAP_CATALOG (${clean(row.path ?? '')})`;
      const slow =
        row.status === 'checked' && row.kind === 'imported'
          ? ` · checked in full on every run: ${clean(row.problem ?? '')}`
          : '';
      return `${id}  ${parts.join(' · ')} · ${from}${slow}`;
    })
    .join('\n');
}

/** `roadmap catalog list`: the catalogs loaded in this run, and any that couldn't be. */
export async function catalogList(options: { json?: boolean }, ctx: Context): Promise<void> {
  emit(ctx, listCatalogs(ctx), options.json, renderCatalogList);
}
