import type { ModuleRef } from '../catalog/catalog-index.js';
import { type Context, tell } from '../context.js';
import { withFocus } from '../core/focus.js';
import { resetModule } from '../core/progress-changes.js';
import { resolveModule } from '../core/resolve.js';
import { clean } from '../ui/sanitize.js';
import { duration } from '../ui/text.js';
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
  // Study sessions stay (they are the journal's); what the mark itself held goes with it.
  const count = previous.notes.length;
  const notes = count === 0 ? '' : count === 1 ? 'its note' : `its ${count} notes`;
  const minutes = previous.minutes ? `the ${duration(previous.minutes)} logged with it` : '';
  const what = [notes, minutes].filter((part) => part !== '').join(' and ');
  const removed =
    what === ''
      ? ''
      : ` ${what[0]!.toUpperCase()}${what.slice(1)} ${count > 1 || minutes ? 'were' : 'was'} removed too.`;
  tell(
    ctx,
    `${id} is back to do (it was ${previous.status}).${removed} \`roadmap undo\` reverts this.`,
  );
  tellTransitions(ctx, change.info.transitions, change.state);
}
