import type { Context } from '../context.js';
import { listCatalog } from '../core/views.js';
import { renderCatalog } from '../ui/render-course.js';
import { emit } from './output.js';

export async function catalog(
  words: string[],
  options: { json?: boolean },
  ctx: Context,
): Promise<void> {
  emit(ctx, listCatalog(ctx.catalog, ctx.store.read(), words), options.json, renderCatalog);
}
