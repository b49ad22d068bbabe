import { type Context, tell } from '../context.js';
import { listCatalog } from '../core/views.js';
import { renderCatalog } from '../ui/render-course.js';
import { loadTextWidths } from '../ui/text.js';
import { emit } from './output.js';

export async function catalog(
  words: string[],
  options: { json?: boolean },
  ctx: Context,
): Promise<void> {
  const rows = listCatalog(ctx.catalog, ctx.store.read(), words);
  if (!options.json) await loadTextWidths(rows.flatMap((r) => [r.id, r.title]));
  if (!options.json && rows.length === 0) return tell(ctx, 'No course matches those words.');
  emit(ctx, rows, options.json, renderCatalog);
}
