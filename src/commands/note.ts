import type { ModuleRef } from '../catalog/catalog-index.js';
import { type Context, tell } from '../context.js';
import { parseNote } from '../core/inputs.js';
import { addNote } from '../core/journal-changes.js';
import { resolveModule } from '../core/resolve.js';
import { clean } from '../ui/sanitize.js';

/** `roadmap note <module> <text>`: a note on any module, whatever its status. */
export async function note(arg: string, words: string[], ctx: Context): Promise<void> {
  const text = parseNote(words.join(' '), 'the note');
  resolveModule(ctx.catalog, ctx.store.read(), arg);
  let ref: ModuleRef | undefined;
  await ctx.store.change((state) => {
    ref = resolveModule(ctx.catalog, state, arg);
    return addNote(state, ref, text, ctx.now);
  });
  const id = clean(ref!.module.id);
  tell(ctx, `Noted on ${id}. \`roadmap show ${clean(ref!.course.id)}\` lists its notes.`);
}
