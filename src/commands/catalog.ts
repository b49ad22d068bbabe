import { distance } from 'fastest-levenshtein';
import { type Context, tell } from '../context.js';
import { listCatalog } from '../core/views.js';
import { UsageError } from '../errors.js';
import { renderCatalog } from '../ui/render-course.js';
import { clean } from '../ui/sanitize.js';
import { loadTextWidthsFor } from '../ui/text.js';
import { emit } from './output.js';

export async function catalog(
  words: string[],
  options: { json?: boolean },
  ctx: Context,
  subcommands: readonly string[] = [],
): Promise<void> {
  const rows = listCatalog(ctx.catalog, ctx.store.read(), words);
  if (rows.length === 0) refuseMistypedSubcommand(words, subcommands);
  if (!options.json) await loadTextWidthsFor(rows);
  if (!options.json && rows.length === 0) return tell(ctx, 'No course matches those words.');
  emit(ctx, rows, options.json, renderCatalog);
}

/**
 * Words that match no course, led by a near miss of a subcommand (`catalog improt my.json`),
 * were meant as that subcommand: succeeding with "no course matches" would let a script take a
 * failed import for a done one.
 */
function refuseMistypedSubcommand(words: string[], subcommands: readonly string[]): void {
  const [first] = words;
  if (first === undefined) return;
  const word = first.toLowerCase();
  if (word === 'help') {
    throw new UsageError(
      '`catalog help` is not a subcommand, and no course matches those words.',
      `For help: roadmap catalog --help, or roadmap catalog <subcommand> --help (${subcommands.join(', ')}).`,
    );
  }
  const near = subcommands.filter((name) => distance(word, name) <= 2);
  if (near.length === 0) return;
  throw new UsageError(
    `No course matches those words, and catalog has no subcommand \`${clean(first)}\`.`,
    `Did you mean ${near.map((name) => `\`roadmap catalog ${name}\``).join(' or ')}?`,
  );
}
