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
const DAY_MS = 86_400_000;

/**
 * Local calendar days since 1970-01-01: consecutive local dates differ by exactly 1, across DST
 * changes too, so a run of days is found by subtracting rather than by stepping a Date.
 */
const dayNumber = (date: Date): number =>
  Math.round((date.getTime() - date.getTimezoneOffset() * 60_000) / DAY_MS);

/** The start of a day number's local date (01:00 where a time zone skipped that midnight). */
function dayOfNumber(day: number): Date {
  const utc = new Date(day * DAY_MS);
  // From noon: a date set on a time a zone skipped (Azores' 23:00 in 1916) would move to the next.
  const local = new Date(2000, 0, 1, 12);
  local.setFullYear(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
  local.setHours(0, 0, 0, 0);
  return local;
}

/**
 * The day run, as countRun would walk it from the first study day through today (`studyDays`
 * ascending), but stepping over study days: a long history has thousands of days, and the days
 * between two study days are walked only while some interval might make them all inactive.
 */
function dayRun(studyDays: readonly number[], today: number, inactive: Interval[]): Run {
  // Whether a day strictly between `from` and `to` breaks the run (today never does). A date a
  // time zone skipped (Samoa's 30 December 2011) isn't a day, and walking dates never met it.
  const gapBreaks = (from: number, to: number) => {
    for (let day = from + 1; day < to; day++) {
      const start = dayOfNumber(day);
      if (dayNumber(start) !== day) continue;
      if (inactive.length === 0 || !isInactiveSpan(start, addDays(start, 1), inactive)) return true;
    }
    return false;
  };
  let current = 0;
  let longest = 0;
  let previous = Number.NaN;
  for (const day of studyDays) {
    // Days after today don't count, as the walk this replaced never reached them.
    if (day > today) break;
    if (day === previous) continue;
    if (current > 0 && gapBreaks(previous, day)) current = 0;
    current++;
    longest = Math.max(longest, current);
    previous = day;
  }
  if (current > 0 && previous < today && gapBreaks(previous, today)) current = 0;
  return { current, longest };
}

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
  // Not today plus 24 hours: where today's midnight was skipped, today starts at 01:00.
  const tomorrow = startOfDay(addDays(today, 1));
  const weekOf = (date: Date) => startOfStudyWeek(date, input.weekStart);
  const thisWeek = weekOf(today);
  const nextWeek = (week: Date) => addWeeks(week, 1);
  const weekInactive = (week: Date) => isInactiveSpan(week, nextWeek(week), inactive);
  const past = input.days.filter((d) => d.start < tomorrow);

  const studied = past.filter((d) => d.events > 0);
  let days = NO_RUN;
  let weeks = NO_RUN;
  if (studied.length > 0) {
    const studyWeeks = new Set(studied.map((d) => localDate(weekOf(d.start))));
    const hasWeek = (week: Date) => studyWeeks.has(localDate(week));
    days = dayRun(
      studied.map((d) => dayNumber(d.start)),
      dayNumber(today),
      inactive,
    );
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
