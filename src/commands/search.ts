import { type Context, tell } from '../context.js';
import { searchModules } from '../core/views.js';
import { UsageError } from '../errors.js';
import { renderSearch } from '../ui/render-course.js';
import { loadTextWidthsFor } from '../ui/text.js';
import { emit } from './output.js';

export async function search(
  words: string[],
  options: { json?: boolean },
  ctx: Context,
): Promise<void> {
  const terms = words.map((w) => w.trim()).filter((w) => w !== '');
  if (terms.length === 0)
    throw new UsageError(
      'Give at least one word to search for.',
      'For example: roadmap search tokenizer',
    );
  const hits = searchModules(ctx.catalog, ctx.store.read(), terms);
  if (!options.json && hits.length === 0)
    return tell(ctx, 'No module title contains all of those words.');
  if (!options.json) await loadTextWidthsFor(hits);
  emit(ctx, hits, options.json, renderSearch);
  if (!options.json && hits.some((h) => !h.onRoadmap && h.status === 'todo'))
    tell(ctx, '+ marks a module of a course not on your roadmap: `roadmap add <course>` adds it.');
}
