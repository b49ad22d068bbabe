import { addDays } from 'date-fns/addDays';
import { addWeeks } from 'date-fns/addWeeks';
import { min } from 'date-fns/min';
import { startOfDay } from 'date-fns/startOfDay';
import {
  fromLocalDate,
  isInactiveSpan,
  localDate,
  startOfStudyWeek,
  type WeekStart,
} from './calendar.js';
import type { Interval } from './pace.js';

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

/**
 * Day, week and goal-week streaks as of `now`. Entries after today are ignored. A day or week
 * counts as inactive only when one interval covers all of it; one with study still counts.
 * A goal of 0 or less counts as no goal.
 */
export function computeStreaks(input: {
  now: Date;
  weekStart: WeekStart;
  studyTimes: Date[];
  sessions: Array<{ at: Date; minutes: number }>;
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

  const times = input.studyTimes.filter((t) => t < tomorrow);
  let days = NO_RUN;
  let weeks = NO_RUN;
  if (times.length > 0) {
    const first = min(times);
    const studyDays = new Set(times.map(localDate));
    // Weeks from the distinct days, not from every event: a long history has thousands of events.
    const studyWeeks = new Set([...studyDays].map((day) => localDate(weekOf(fromLocalDate(day)))));
    const hasDay = (day: Date) => studyDays.has(localDate(day));
    const hasWeek = (week: Date) => studyWeeks.has(localDate(week));
    days = countRun(startOfDay(first), today, nextDay, hasDay, dayInactive);
    weeks = countRun(weekOf(first), thisWeek, nextWeek, hasWeek, weekInactive);
  }

  const goal = input.goalMinutesPerWeek;
  const sessions = input.sessions.filter((s) => s.at < tomorrow);
  let goalWeeks = NO_RUN;
  if (goal !== null && goal > 0 && sessions.length > 0) {
    const byDay = new Map<string, number>();
    for (const s of sessions) {
      const key = localDate(s.at);
      byDay.set(key, (byDay.get(key) ?? 0) + s.minutes);
    }
    const minutes = new Map<string, number>();
    for (const [day, dayMinutes] of byDay) {
      const key = localDate(weekOf(fromLocalDate(day)));
      minutes.set(key, (minutes.get(key) ?? 0) + dayMinutes);
    }
    const met = (week: Date) => (minutes.get(localDate(week)) ?? 0) >= goal;
    goalWeeks = countRun(
      weekOf(min(sessions.map((s) => s.at))),
      thisWeek,
      nextWeek,
      met,
      weekInactive,
    );
  }
  return { days: { ...days }, weeks: { ...weeks }, goalWeeks: { ...goalWeeks } };
}
