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
  // What the mark held (its notes, minutes logged with it) stays, in the module's journal.
  const { keptNotes, keptMinutes } = change.info;
  // All the time logged on it, as `show` counts it: the mark's minutes and any study before.
  const journal = change.state.journal[ref!.module.id];
  const logged = keptMinutes
    ? (journal?.sessions ?? []).reduce((sum, s) => sum + s.minutes, 0) || keptMinutes
    : 0;
  const notes = keptNotes === 0 ? '' : keptNotes === 1 ? 'its note' : `its ${keptNotes} notes`;
  const minutes = logged ? `the ${duration(logged)} logged on it` : '';
  const what = [notes, minutes].filter((part) => part !== '').join(' and ');
  const many = keptNotes > 1 || minutes !== '';
  const kept =
    what === ''
      ? ''
      : ` ${what[0]!.toUpperCase()}${what.slice(1)} ${many ? 'stay' : 'stays'} on the module (\`roadmap show ${clean(ref!.course.id)}\` lists ${many ? 'them' : 'it'}).`;
  tell(
    ctx,
    `${id} is back to do (it was ${previous.status}).${kept} \`roadmap undo\` reverts this.`,
  );
  tellTransitions(ctx, change.info.transitions, change.state);
}
