import type { ModuleRef } from '../catalog/catalog-index.js';
import { type Context, tell } from '../context.js';
import { withFocus } from '../core/focus.js';
import { resetModule } from '../core/progress-changes.js';
import { resolveModule } from '../core/resolve.js';
import { clean } from '../ui/sanitize.js';
import { tellTransitions } from './focus-messages.js';

export async function reset(arg: string, ctx: Context): Promise<void> {
  resolveModule(ctx.catalog, ctx.store.read(), arg);
  let ref: ModuleRef | undefined;
  const change = await ctx.store.change((state) =>
    withFocus(ctx.catalog, state, ctx.now, (base) => {
      ref = resolveModule(ctx.catalog, base, arg);
      return resetModule(base, ref, ctx.now, ctx.catalog.formerIds.get(ref.module.id));
    }),
  );
  const id = clean(ref!.module.id);
  const previous = change.info.previous;
  if (!previous) return tell(ctx, `${id} is already to do; nothing changed.`);
  const count = previous.notes.length;
  const notes =
    count === 0
      ? ''
      : count === 1
        ? ' Its note was removed with it.'
        : ` Its ${count} notes were removed with it.`;
  tell(
    ctx,
    `${id} is back to do (it was ${previous.status}).${notes} \`roadmap undo\` reverts this.`,
  );
  tellTransitions(ctx, change.info.transitions, change.state);
}
