import { type Context, tell } from '../context.js';
import { withFocus } from '../core/focus.js';
import { type MoveTarget, moveCourse } from '../core/roadmap-changes.js';
import { UsageError } from '../errors.js';
import { clean } from '../ui/sanitize.js';

export interface MoveOptions {
  before?: string;
  after?: string;
  to?: string;
}

function parseTarget(options: MoveOptions): MoveTarget {
  const given = (['before', 'after', 'to'] as const).filter((k) => options[k] !== undefined);
  if (given.length !== 1) {
    throw new UsageError(
      'Say where to move the course with exactly one of --before <course>, --after <course> or --to <position>.',
      'For example: roadmap move hf-course --before mlep-intro',
    );
  }
  if (options.to !== undefined) {
    // Spaces around it are taken away, as for every number roadmap reads (--minutes, --limit).
    const typed = options.to.trim();
    if (!/^\d+$/.test(typed))
      throw new UsageError(`--to takes a position such as 1, not \`${options.to}\`.`);
    return { to: Number(typed), typed };
  }
  return options.before !== undefined ? { before: options.before } : { after: options.after! };
}

export async function move(courseId: string, options: MoveOptions, ctx: Context): Promise<void> {
  const target = parseTarget(options);
  moveCourse(ctx.store.read(), courseId, target, ctx.now, ctx.catalog);
  const change = await ctx.store.change((state) =>
    withFocus(ctx.catalog, state, ctx.now, (base) =>
      moveCourse(base, courseId, target, ctx.now, ctx.catalog),
    ),
  );
  const { from, to } = change.info;
  // The id as stored, not as typed (`HF-COURSE`).
  const id = clean(change.state.roadmap[to - 1]?.courseId ?? courseId);
  if (!change.entry) return tell(ctx, `${id} is already at position ${to}; nothing changed.`);
  tell(ctx, `Moved ${id} from position ${from} to ${to}. See the order with \`roadmap status\`.`);
}
