import { lightFormat } from 'date-fns/lightFormat';
import { type Context, print, tell } from '../context.js';
import { setGoal } from '../core/goal-changes.js';
import { noSuchDay } from '../core/inputs.js';
import { DEFAULT_WINDOW_DAYS } from '../core/pace.js';
import { buildPaceReport } from '../core/report.js';
import { effectiveSettings, isCalendarDate } from '../core/settings.js';
import { UsageError } from '../errors.js';
import { clean } from '../ui/sanitize.js';
import { goalHours, hours } from '../ui/text.js';

export interface GoalOptions {
  hoursPerWeek?: string;
  deadline?: string;
  clear?: boolean;
  json?: boolean;
}

const MIN_MINUTES = 30;
const MAX_MINUTES = 5040;

function parseHours(raw: string): number {
  const text = raw.trim();
  const minutes = Math.round(Number(text) * 60);
  if (!/^\d+(\.\d+)?$/.test(text) || minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
    throw new UsageError(
      `--hours-per-week takes a number of hours from 0.5 to 84, not \`${raw}\`.`,
      'For example: roadmap goal --hours-per-week 5',
    );
  }
  return minutes;
}

function parseDeadline(raw: string, now: Date): string {
  const text = raw.trim();
  const today = lightFormat(now, 'yyyy-MM-dd');
  if (!isCalendarDate(text)) {
    const why = /^\d{4}-\d{2}-\d{2}$/.test(text) ? noSuchDay(text) : null;
    if (why !== null)
      throw new UsageError(`--deadline ${why}.`, 'For example: --deadline 2027-06-30');
    throw new UsageError(
      `--deadline takes a date written yyyy-mm-dd, not \`${raw}\`.`,
      'For example: --deadline 2027-06-30',
    );
  }
  if (text < today) {
    throw new UsageError(
      `--deadline ${text} has already passed.`,
      `Choose today (${today}) or a later date.`,
    );
  }
  return text;
}

/** `roadmap goal`: set, clear or show the weekly goal and the deadline. */
export async function goal(options: GoalOptions, ctx: Context): Promise<void> {
  const setting = options.hoursPerWeek !== undefined || options.deadline !== undefined;
  if (options.clear && setting) {
    throw new UsageError('--clear removes the goal; it takes no --hours-per-week or --deadline.');
  }
  if (!options.clear && !setting) return showGoal(options, ctx);
  const minutes = options.hoursPerWeek === undefined ? undefined : parseHours(options.hoursPerWeek);
  const deadline =
    options.deadline === undefined
      ? undefined
      : options.deadline.trim().toLowerCase() === 'none'
        ? null
        : parseDeadline(options.deadline, ctx.now);
  const current = effectiveSettings(ctx.store.read());
  // Each option changes only its own part; a deadline alone needs a goal to measure against.
  if (
    !options.clear &&
    minutes === undefined &&
    current['goal-minutes-per-week'] === null &&
    deadline !== null
  ) {
    throw new UsageError(
      'A deadline needs a weekly goal to go with it.',
      `For example: roadmap goal --hours-per-week 5 --deadline ${clean(options.deadline ?? '')}`,
    );
  }
  const change = await ctx.store.change((state) => {
    const fresh = effectiveSettings(state);
    const wanted = options.clear
      ? { minutesPerWeek: null, deadline: null }
      : {
          minutesPerWeek: minutes ?? fresh['goal-minutes-per-week'],
          deadline: deadline === undefined ? fresh['goal-deadline'] : deadline,
        };
    return setGoal(state, wanted, ctx.now);
  });
  const now = effectiveSettings(change.state);
  // The goal as it now stands, as `goal --json` shows it; the message still goes to stderr.
  if (options.json) print(ctx, JSON.stringify(goalOf(now), null, 2));
  if (!change.entry) {
    return tell(
      ctx,
      options.clear
        ? 'No goal was set; nothing changed.'
        : 'Your goal is already that; nothing changed.',
    );
  }
  if (now['goal-minutes-per-week'] === null) {
    return tell(ctx, 'Goal cleared. Plans and ETAs now use the pace you keep.');
  }
  const by = now['goal-deadline'] ? `, finishing by ${now['goal-deadline']}` : ', no deadline';
  tell(
    ctx,
    `Goal set: ${goalHours(now['goal-minutes-per-week'])} a week${by}. See it in \`roadmap status\`.`,
  );
  // A deadline kept from before may have passed since; one given now never has.
  const kept = now['goal-deadline'];
  if (kept && kept < lightFormat(ctx.now, 'yyyy-MM-dd')) {
    tell(
      ctx,
      `Your deadline ${kept} has passed: set a new one with --deadline, or drop it with --deadline none.`,
    );
    return;
  }
  // Said now, while the goal is being chosen, rather than found later in `status`.
  const goal = buildPaceReport(ctx.catalog, change.state, {
    now: ctx.now,
    windowDays: DEFAULT_WINDOW_DAYS,
  }).goal;
  if (goal?.onTrack === false && goal.neededMinutesPerWeek !== null) {
    const at = goal.basis === 'goal' ? 'At that goal' : 'At the pace you keep';
    tell(
      ctx,
      `! ${at} you'd finish after ${kept}, about ${hours(goal.behindMinutes ?? 0)} short: it takes ${hours(goal.neededMinutesPerWeek)} a week from now on. \`roadmap plan\` shows the weeks.`,
    );
  } else if (
    goal?.onTrack === true &&
    goal.basis === 'pace' &&
    goal.neededMinutesPerWeek !== null &&
    goal.minutesPerWeek < goal.neededMinutesPerWeek
  ) {
    // The pace you keep makes it, but `plan` schedules at the goal, which doesn't.
    tell(
      ctx,
      `! The pace you keep makes ${kept}, but that goal alone wouldn't: it takes ${hours(goal.neededMinutesPerWeek)} a week from now on, and \`roadmap plan\` schedules at the goal.`,
    );
  }
}

/** `goal --json`: `{minutesPerWeek, deadline}`, null where not set. */
function goalOf(settings: ReturnType<typeof effectiveSettings>) {
  return { minutesPerWeek: settings['goal-minutes-per-week'], deadline: settings['goal-deadline'] };
}

function showGoal(options: GoalOptions, ctx: Context): void {
  const data = goalOf(effectiveSettings(ctx.store.read()));
  if (options.json) print(ctx, JSON.stringify(data, null, 2));
  else if (data.minutesPerWeek === null) {
    tell(ctx, 'No goal set. Set one: roadmap goal --hours-per-week 5 [--deadline DATE]');
  } else {
    const by = data.deadline ? `, finishing by ${data.deadline}` : '';
    print(ctx, `${goalHours(data.minutesPerWeek)} a week${by}`);
    if (data.deadline && data.deadline < lightFormat(ctx.now, 'yyyy-MM-dd')) {
      tell(
        ctx,
        `The deadline ${data.deadline} has passed: move it with \`roadmap goal --deadline DATE\`, or drop it with \`--deadline none\`.`,
      );
    }
  }
}
