import chalk from 'chalk';
import { type Context, tell } from '../context.js';
import { viewFocus } from '../core/focus.js';
import { parkedUnfinished, startWarning } from '../core/focus-report.js';
import { effectiveSettings } from '../core/settings.js';
import type { LoggedTransition, State } from '../core/types.js';
import { clean } from '../ui/sanitize.js';

/** One line per course state change the focus rules made; the command reports its own change. */
function describe(t: LoggedTransition, state: State): string | null {
  const id = clean(t.courseId);
  if (t.state === 'parked' && t.cause === 'switch') {
    return `Parked ${id} to make room for ${clean(t.switchedTo ?? 'another course')}; its progress is kept. \`roadmap resume ${id}\` brings it back.`;
  }
  if (t.state === 'parked' && t.cause === 'limit') {
    const limit = effectiveSettings(state)['focus-limit'];
    return `Parked ${id}: focus-limit allows ${limit} active course${limit === 1 ? '' : 's'}. \`roadmap resume ${id}\` brings it back.`;
  }
  if (t.state === 'active' && t.cause === 'auto') {
    const before = state.courses[t.courseId]?.transitions.at(-2);
    if (before?.state === 'parked' && before.cause === 'switch') {
      return `${id} is back in focus: it was parked to make room for ${clean(before.switchedTo ?? 'another course')}.`;
    }
    if (before?.state === 'parked' && before.cause === 'removed') {
      return `${id} is back in focus, as it was when you removed it.`;
    }
    if (before?.state === 'parked' && before.cause === 'limit') {
      return `${id} is back in focus: the focus limit had parked it.`;
    }
    return `${id} is now in focus: it is the next course on your roadmap.`;
  }
  if (t.state === 'active' && t.cause === 'study') return `${id} is now in focus.`;
  return null;
}

/**
 * Tells what the focus rules did besides the command's own change, and warns when a course was
 * started while others wait parked unfinished.
 */
export function tellTransitions(ctx: Context, transitions: LoggedTransition[], state: State): void {
  for (const t of transitions) {
    const line = describe(t, state);
    if (line) tell(ctx, line);
  }
  const view = viewFocus(ctx.catalog, state);
  const parked = parkedUnfinished(ctx.catalog, state, view);
  for (const t of transitions) {
    const first = state.courses[t.courseId]?.transitions.filter((x) => x.state === 'active');
    if (t.state !== 'active' || first?.length !== 1) continue;
    // A course the focus rules brought in (after a park, say) is none the learner started.
    if (t.cause === 'auto') continue;
    const warning = startWarning(t.courseId, parked);
    if (warning) tell(ctx, chalk.yellow(`! ${clean(warning)}`));
  }
}
