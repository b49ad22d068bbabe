import { addDays } from 'date-fns/addDays';
import { addWeeks } from 'date-fns/addWeeks';
import { startOfDay } from 'date-fns/startOfDay';
import { isInactiveSpan, localDate, startOfStudyWeek, type WeekStart } from './calendar.js';
import type { Interval } from './pace.js';
import { type StudyDay, StudyDays } from './study-days.js';

/** A run of consecutive periods: the one going on now, and the longest ever (which includes it). */
export interface Run {
  current: number;
  longest: number;
}

/**
 * Study streaks: local days with a study or done entry, weeks with one, and weeks whose minutes
 * met the weekly goal (0/0 without a goal).
 */
export interface Streaks {
  days: Run;
  weeks: Run;
  goalWeeks: Run;
}

const NO_RUN: Run = { current: 0, longest: 0 };

/**
 * Walks periods from `first` through `last` (the current one). A period that counts extends the
 * run; an inactive one is passed over; the current one can't break the run before it ends.
 */
function countRun(
  first: Date,
  last: Date,
  next: (period: Date) => Date,
  counts: (period: Date) => boolean,
  inactive: (period: Date) => boolean,
): Run {
  let current = 0;
  let longest = 0;
  for (let period = first; period <= last; period = next(period)) {
    if (counts(period)) {
      current++;
      longest = Math.max(longest, current);
    } else if (period.getTime() !== last.getTime() && !inactive(period)) {
      current = 0;
    }
  }
  return { current, longest };
}

/** Day, week and goal-week streaks as of `now`, from events (see streaksOverDays). */
export function computeStreaks(input: {
  now: Date;
  weekStart: WeekStart;
  studyTimes: Date[];
  sessions: Array<{ at: Date; minutes: number }>;
  goalMinutesPerWeek: number | null;
  inactive?: Interval[];
}): Streaks {
  const days = new StudyDays();
  for (const at of input.studyTimes) days.studied(at.getTime());
  for (const s of input.sessions) days.counted(s.at.getTime(), s.minutes);
  return streaksOverDays({ ...input, days: days.list() });
}

/**
 * Day, week and goal-week streaks as of `now`. Days after today are ignored. A day or week
 * counts as inactive only when one interval covers all of it; one with study still counts.
 * A goal of 0 or less counts as no goal.
 */
export function streaksOverDays(input: {
  now: Date;
  weekStart: WeekStart;
  /** Oldest first. */
  days: readonly StudyDay[];
  goalMinutesPerWeek: number | null;
  inactive?: Interval[];
}): Streaks {
  const inactive = input.inactive ?? [];
  const today = startOfDay(input.now);
  const tomorrow = addDays(today, 1);
  const weekOf = (date: Date) => startOfStudyWeek(date, input.weekStart);
  const thisWeek = weekOf(today);
  const nextDay = (day: Date) => addDays(day, 1);
  const nextWeek = (week: Date) => addWeeks(week, 1);
  const dayInactive = (day: Date) => isInactiveSpan(day, nextDay(day), inactive);
  const weekInactive = (week: Date) => isInactiveSpan(week, nextWeek(week), inactive);
  const past = input.days.filter((d) => d.start < tomorrow);

  const studied = past.filter((d) => d.events > 0);
  let days = NO_RUN;
  let weeks = NO_RUN;
  if (studied.length > 0) {
    const studyDays = new Set(studied.map((d) => d.key));
    const studyWeeks = new Set(studied.map((d) => localDate(weekOf(d.start))));
    const hasDay = (day: Date) => studyDays.has(localDate(day));
    const hasWeek = (week: Date) => studyWeeks.has(localDate(week));
    days = countRun(studied[0]!.start, today, nextDay, hasDay, dayInactive);
    weeks = countRun(weekOf(studied[0]!.start), thisWeek, nextWeek, hasWeek, weekInactive);
  }

  const goal = input.goalMinutesPerWeek;
  const counted = past.filter((d) => d.counted > 0);
  let goalWeeks = NO_RUN;
  if (goal !== null && goal > 0 && counted.length > 0) {
    const minutes = new Map<string, number>();
    for (const day of counted) {
      const key = localDate(weekOf(day.start));
      minutes.set(key, (minutes.get(key) ?? 0) + day.minutes);
    }
    const met = (week: Date) => (minutes.get(localDate(week)) ?? 0) >= goal;
    goalWeeks = countRun(weekOf(counted[0]!.start), thisWeek, nextWeek, met, weekInactive);
  }
  return { days: { ...days }, weeks: { ...weeks }, goalWeeks: { ...goalWeeks } };
}
