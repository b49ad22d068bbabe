import { type Context, tell } from '../context.js';
import { resolveCourse } from '../core/resolve.js';
import { removeCourse } from '../core/roadmap-changes.js';
import { Declined, UsageError } from '../errors.js';
import { clean } from '../ui/sanitize.js';

export async function remove(
  courseId: string,
  options: { yes?: boolean },
  ctx: Context,
): Promise<void> {
  const state = ctx.store.read();
  const known = state.roadmap.some((r) => r.courseId === courseId);
  if (!known) resolveCourse(ctx.catalog, courseId);
  // Validates that the course is on the roadmap before asking anything.
  removeCourse(state, courseId, ctx.now);
  if (!options.yes) {
    if (!ctx.isInteractive) {
      throw new UsageError(
        `Removing ${clean(courseId)} needs confirmation, and there is no terminal to ask in.`,
        `Pass --yes: roadmap remove ${clean(courseId)} --yes`,
      );
    }
    const ok = await ctx.prompt.confirm({
      message: `Remove ${clean(courseId)} from your roadmap? Its progress is kept.`,
      default: false,
    });
    if (!ok) throw new Declined('Nothing removed.');
  }
  await ctx.store.change((fresh) => removeCourse(fresh, courseId, ctx.now));
  tell(
    ctx,
    `Removed ${clean(courseId)}. Its progress is kept: \`roadmap add ${clean(courseId)}\` brings it back, and \`roadmap undo\` reverts this.`,
  );
}
