import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { startOfDay } from 'date-fns/startOfDay';

/**
 * Where the learner stands against a weekly goal. Without a deadline `onTrack`,
 * `neededMinutesPerWeek` and `behindMinutes` are null. `behindMinutes` is 0 when on track.
 */
export interface GoalStatus {
  minutesPerWeek: number;
  /** Local 'yyyy-MM-dd', inclusive. */
  deadline: string | null;
  thisWeekMinutes: number;
  onTrack: boolean | null;
  neededMinutesPerWeek: number | null;
  behindMinutes: number | null;
  /**
   * The pace `onTrack` and `behindMinutes` assume: the one you keep once it can be measured, else
   * the goal's. Null when nothing was compared (no deadline, nothing left, or the deadline passed).
   */
  basis: 'pace' | 'goal' | null;
  reason: string | null;
}

/**
 * The time left runs from the start of today through the end of the deadline day, counted in
 * whole days. The pace kept is the measured one when usable, else the goal itself. Minutes are
 * rounded up (needed, behind), so a learner is never told a little less than the truth.
 */
export function computeGoalStatus(input: {
  now: Date;
  goalMinutesPerWeek: number;
  deadline: string | null;
  thisWeekMinutes: number;
  remainingMinutes: number;
  paceMinutesPerWeek: number | null;
}): GoalStatus {
  const base = {
    minutesPerWeek: input.goalMinutesPerWeek,
    deadline: input.deadline,
    thisWeekMinutes: input.thisWeekMinutes,
  };
  const open = { onTrack: null, neededMinutesPerWeek: null, behindMinutes: null, basis: null };
  if (input.deadline === null) return { ...base, ...open, reason: null };

  const today = startOfDay(input.now);
  const deadline = parse(input.deadline, 'yyyy-MM-dd', today);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.deadline) || !isValid(deadline)) {
    return { ...base, ...open, reason: `the deadline ${input.deadline} is not a yyyy-MM-dd date` };
  }
  const remaining = Math.max(0, input.remainingMinutes);
  const daysLeft = differenceInCalendarDays(deadline, today) + 1;
  if (remaining === 0) {
    return {
      ...base,
      onTrack: true,
      neededMinutesPerWeek: 0,
      behindMinutes: 0,
      basis: null,
      reason: null,
    };
  }
  if (daysLeft <= 0) {
    return {
      ...base,
      onTrack: false,
      neededMinutesPerWeek: null,
      behindMinutes: Math.ceil(remaining),
      basis: null,
      reason: 'the deadline has passed',
    };
  }

  const kept = input.paceMinutesPerWeek ?? input.goalMinutesPerWeek;
  // Compared in minutes×7 so a week fraction like 10/7 adds no float error.
  const canDo = Math.max(0, kept) * daysLeft;
  const onTrack = canDo >= remaining * 7;
  return {
    ...base,
    onTrack,
    neededMinutesPerWeek: Math.ceil((remaining * 7) / daysLeft - 1e-9),
    behindMinutes: onTrack ? 0 : Math.ceil(remaining - canDo / 7 - 1e-9),
    basis: input.paceMinutesPerWeek === null ? 'goal' : 'pace',
    reason: null,
  };
}
