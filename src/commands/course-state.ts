import chalk from 'chalk';
import { type Context, tell } from '../context.js';
import { type CourseAction, changeCourseState } from '../core/course-changes.js';
import { courseStatus, viewFocus, withFocus } from '../core/focus.js';
import { parseText } from '../core/inputs.js';
import type { State } from '../core/types.js';
import { clean } from '../ui/sanitize.js';
import { tellTransitions } from './focus-messages.js';

const ALREADY: Record<CourseAction, string> = {
  park: 'is already parked',
  resume: 'is already in focus',
  drop: 'is already dropped',
};

/** `park`, `resume` and `drop`: a course's place in your focus. Progress is never touched. */
export async function changeState(
  action: CourseAction,
  arg: string,
  options: { reason?: string },
  ctx: Context,
): Promise<void> {
  const reason = options.reason === undefined ? undefined : parseText(options.reason, '--reason');
  const compute = (state: Parameters<typeof changeCourseState>[1]) =>
    withFocus(ctx.catalog, state, ctx.now, (base) =>
      changeCourseState(ctx.catalog, base, arg, action, ctx.now, reason),
    );
  // Refusals and unknown ids fail before the lock is taken.
  compute(ctx.store.read());
  const change = await ctx.store.change(compute);
  const { courseId, plan, transitions } = change.info;
  const id = clean(courseId);
  if (!change.entry) return tell(ctx, `${id} ${ALREADY[action]}; nothing changed.`);
  const why = reason === undefined ? '' : ` (${clean(reason)})`;
  if (action === 'park') {
    tell(
      ctx,
      `${chalk.green('✓')} Parked ${id}${why}; its progress is kept. \`roadmap resume ${id}\` brings it back.`,
    );
  } else if (action === 'drop') {
    tell(
      ctx,
      `${chalk.green('✓')} Dropped ${id}${why}. It stays on your roadmap, out of the totals; \`roadmap resume ${id}\` takes it up again, \`roadmap remove ${id}\` takes it off.`,
    );
  } else {
    // A course never in focus before (planned, or dropped from planned): "again" would be wrong.
    const history = change.state.courses[courseId]?.transitions ?? [];
    const before = history.slice(0, -1).some((t) => t.state === 'active');
    tell(ctx, `${chalk.green('✓')} ${id} is in focus${before ? ' again' : ''}.`);
  }
  tellTransitions(ctx, transitions, change.state);
  if (plan?.kind === 'switch') tell(ctx, '`roadmap undo` reverts both.');
  tell(ctx, whatNow(ctx, change.state));
}

/** What to do next once the focus has changed: study, resume a parked course, or add one. */
function whatNow(ctx: Context, state: State): string {
  const view = viewFocus(ctx.catalog, state);
  if (view.active.length > 0) return 'See what to study: `roadmap next`';
  // In focus, but not to be studied until its catalog is back.
  if (view.unloaded.length > 0)
    return `${view.unloaded.map(clean).join(', ')} ${view.unloaded.length === 1 ? 'is' : 'are'} in focus, but ${view.unloaded.length === 1 ? 'its' : 'their'} catalog isn't loaded: import it again to study, and \`roadmap doctor\` says why.`;
  const parked = state.roadmap
    .map((r) => r.courseId)
    .filter((id) => courseStatus(ctx.catalog, state, id) === 'parked');
  if (parked.length === 1) {
    return `No course is in focus now; \`roadmap resume ${clean(parked[0]!)}\` brings back the parked one.`;
  }
  if (parked.length > 1) {
    return 'No course is in focus now; `roadmap status` lists the parked ones to resume.';
  }
  return 'Nothing is left to study: every course on your roadmap is finished or dropped. `roadmap catalog` lists more to add.';
}

export const park = (arg: string, options: { reason?: string }, ctx: Context) =>
  changeState('park', arg, options, ctx);
export const resume = (arg: string, options: { reason?: string }, ctx: Context) =>
  changeState('resume', arg, options, ctx);
export const drop = (arg: string, options: { reason?: string }, ctx: Context) =>
  changeState('drop', arg, options, ctx);
