import { type Context, tell } from '../context.js';
import { resumableCourse, viewFocus } from '../core/focus.js';
import { normalizeId } from '../core/resolve.js';
import { didYouMean, suggestIds } from '../core/suggest.js';
import { UsageError } from '../errors.js';
import { listCatalogFiles, listOrphanIndexes } from '../store/catalog-files.js';
import { dropCatalog, dropOrphanIndex } from '../store/put-catalog.js';
import { clean } from '../ui/sanitize.js';

/**
 * `roadmap catalog remove <catalog-id>`: takes an imported catalog out, keeping a copy in
 * backups/. Its courses stay on the roadmap, with their progress, shown as "catalog not loaded"
 * until the catalog comes back.
 */
export async function catalogRemove(arg: string, ctx: Context): Promise<void> {
  const id = normalizeId(arg);
  const { paths } = ctx.store;
  const imported = listCatalogFiles(paths).map((file) => file.id);
  // Its file deleted by hand, only its index is left: `catalog list` names it, so remove takes it.
  if (!imported.includes(id) && listOrphanIndexes(paths).some((file) => file.id === id)) {
    await dropOrphanIndex(paths, id, () =>
      tell(ctx, 'Waiting for another roadmap command to finish…'),
    );
    return tell(
      ctx,
      `Removed what was left of catalog ${clean(id)}: its index. Its catalog file was already gone.`,
    );
  }
  if (!imported.includes(id)) {
    if (id === 'bundled') {
      throw new UsageError(
        'The bundled catalog ships with roadmap and cannot be removed.',
        'To hide a course or module of it, import a catalog with an override: {"id": "<course or module>", "hidden": true}.',
      );
    }
    throw new UsageError(
      `\`${clean(arg)}\` is not an imported catalog.`,
      didYouMean(suggestIds(arg, imported)) ??
        (imported.length > 0
          ? `Imported catalogs: ${imported.map(clean).join(', ')}.`
          : 'No catalog is imported; `roadmap catalog list` shows what is loaded.'),
    );
  }
  const courses = ctx.catalog.catalogs.find((c) => c.kind === 'imported' && c.id === id)?.courses;
  const state = ctx.store.read();
  const onRoadmap = new Set(state.roadmap.map((r) => r.courseId));
  const stranded = (courses ?? []).map((c) => c.id).filter((c) => onRoadmap.has(c));
  const view = viewFocus(ctx.catalog, state);
  const inFocus = stranded.filter((c) => view.active.includes(c));
  const copy = await dropCatalog(paths, id, ctx.now, () =>
    tell(ctx, 'Waiting for another roadmap command to finish…'),
  );
  if (copy === null) return tell(ctx, `Catalog ${clean(id)} was already removed.`);
  tell(ctx, `Removed catalog ${clean(id)}; a copy is in ${clean(copy)}.`);
  if (stranded.length > 0) {
    tell(
      ctx,
      `On your roadmap, ${stranded.map(clean).join(', ')} ${stranded.length === 1 ? 'stays' : 'stay'}, shown as "catalog not loaded", with ${stranded.length === 1 ? 'its' : 'their'} progress. Import the catalog again to bring ${stranded.length === 1 ? 'it' : 'them'} back, or \`roadmap remove ${stranded.length === 1 ? clean(stranded[0]!) : '<course>'}\`.`,
    );
  }
  // It keeps its place in the focus (see FocusView.unloaded): say how to study something else.
  const other = resumableCourse(ctx.catalog, state, view, (id) => stranded.includes(id));
  if (inFocus.length > 0 && view.active.length === inFocus.length) {
    tell(
      ctx,
      `${inFocus.map(clean).join(', ')} ${inFocus.length === 1 ? 'keeps its' : 'keep their'} place in focus, so \`roadmap next\` has nothing to show until the catalog is back.${other === undefined ? '' : ` To study another course meanwhile: roadmap resume ${clean(other)}`}`,
    );
  }
}
