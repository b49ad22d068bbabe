import chalk from 'chalk';
import { type Context, tell } from '../context.js';
import { withFocus } from '../core/focus.js';
import { hasProgress } from '../core/focus-report.js';
import { normalizeId } from '../core/resolve.js';
import { removeCourse } from '../core/roadmap-changes.js';
import type { State } from '../core/types.js';
import { Declined, UsageError } from '../errors.js';
import { dumbTerminalNote } from '../terminal.js';
import { clean } from '../ui/sanitize.js';
import { tellTransitions } from './focus-messages.js';

export async function remove(arg: string, options: { yes?: boolean }, ctx: Context): Promise<void> {
  // Validates that the course is on the roadmap before asking anything.
  const snapshot = ctx.store.read();
  removeCourse(snapshot, arg, ctx.now, ctx.catalog);
  const id = clean(normalizeId(arg));
  let askedOn: State | undefined;
  if (!options.yes) {
    if (!ctx.isInteractive) {
      throw new UsageError(
        `Removing ${id} needs confirmation, and there is no terminal to ask in${dumbTerminalNote(ctx.env)}.`,
        `Pass --yes: roadmap remove ${id} --yes`,
      );
    }
    const ok = await ctx.prompt.confirm({
      message: `Remove ${id} from your roadmap? Its progress is kept.`,
      default: false,
    });
    if (!ok) throw new Declined('Nothing removed.');
    askedOn = snapshot;
  }
  const change = await ctx.store.change(
    (fresh) =>
      withFocus(ctx.catalog, fresh, ctx.now, (base) =>
        removeCourse(base, arg, ctx.now, ctx.catalog),
      ),
    { askedOn },
  );
  // A course an override hides can't be added again until that override goes.
  const course = normalizeId(arg);
  const progress = hasProgress(ctx.catalog, change.state, course);
  const back =
    ctx.catalog.courseById.has(course) && !ctx.catalog.hidden.has(course)
      ? `\`roadmap add ${id}\` brings it back${progress ? ' with its progress' : ''}`
      : 'its progress is kept';
  tell(ctx, `${chalk.green('✓')} Removed ${id}; ${back}. \`roadmap undo\` reverts this.`);
  tellTransitions(ctx, change.info.transitions, change.state);
}
