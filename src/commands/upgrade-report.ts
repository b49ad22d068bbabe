import { indexCatalogs } from '../catalog/catalog-index.js';
import { progressUpgrade } from '../catalog/changes.js';
import type { LintProblem } from '../catalog/lint.js';
import { sourceOf } from '../catalog/sources.js';
import type { Catalog } from '../catalog/types.js';
import type { Context } from '../context.js';
import { loadCatalogSet } from '../load-catalogs.js';
import { clean } from '../ui/sanitize.js';

export interface UpgradeReport {
  /** Warnings for the modules whose progress stops counting, with the `replaces` that keeps it. */
  stranded: LintProblem[];
  /** Lines for the progress that counts again, through modules that now replace its ids. */
  revived: string[];
}

/**
 * What upgrading the imported catalog `before` to `after` does to the progress stored here, with
 * the other catalogs as they are loaded. `done` says whether the upgrade has happened. Nothing,
 * with no roadmap to read (none yet, or a damaged one).
 */
export function upgradeReport(
  before: Catalog,
  after: Catalog,
  ctx: Context,
  done: boolean,
): UpgradeReport {
  let ids: Set<string>;
  try {
    // As stored: the view reads old ids as the modules that replace them in today's catalogs.
    const state = ctx.store.readStored();
    ids = new Set([...state.progress.keys(), ...Object.keys(state.journal)]);
  } catch {
    return { stranded: [], revived: [] };
  }
  if (ids.size === 0) return { stranded: [], revived: [] };
  const others = loadCatalogSet(ctx.store.paths, { exclude: after.id })
    .index()
    .catalogs.map((c) => c.source);
  const { stranded, revived } = progressUpgrade(
    indexCatalogs([...others, sourceOf(before)]),
    indexCatalogs([...others, sourceOf(after)]),
    ids,
  );
  const pathOf = (moduleId: string | null, courseId: string): string => {
    const c = after.courses.findIndex((course) => course.id === courseId);
    if (c < 0) return '(file)';
    const m =
      moduleId === null ? -1 : after.courses[c]!.modules.findIndex((x) => x.id === moduleId);
    return m >= 0 ? `courses[${c}].modules[${m}]` : `courses[${c}]`;
  };
  const fate = done
    ? 'so that progress counts for nothing now (it is kept, not deleted)'
    : 'so importing this would leave that progress counting for nothing (it would be kept, not deleted)';
  return {
    stranded: stranded.map(({ id, courseId, storedAs, likelyRenamedTo }) => {
      const under =
        storedAs.length === 1 && storedAs[0] === id ? '' : ` (stored as ${storedAs.join(', ')})`;
      const replaces = `"replaces": [${storedAs.map((s) => JSON.stringify(s)).join(', ')}]`;
      const fix =
        likelyRenamedTo === null
          ? `If a module here is it renamed, add ${replaces} to that module`
          : `If ${likelyRenamedTo} is it renamed, add ${replaces} to it`;
      return {
        path: pathOf(likelyRenamedTo, courseId),
        message: `${id} holds your progress${under} and is no longer in this catalog, ${fate}. ${fix}${done ? ' and import the catalog again' : ''}.`,
      };
    }),
    revived:
      revived.length === 0
        ? []
        : [
            // Stored under the module's own id (brought by an import), it needs no arrow.
            `  Progress recorded under these now counts for the modules that replace them: ${revived.map((r) => (r.from === r.to ? clean(r.to) : `${clean(r.from)} → ${clean(r.to)}`)).join(', ')}`,
          ],
  };
}
