import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { startOfWeek } from 'date-fns/startOfWeek';
import type { Interval } from './pace.js';

/** The first day of a study week. ISO weeks start on Monday unless the user sets Sunday. */
export type WeekStart = 'monday' | 'sunday';

/** Minutes studied in one calendar week; `start` and `end` are local dates, both inclusive. */
export interface WeekMinutes {
  start: string;
  end: string;
  minutes: number;
}

/** date-fns's `weekStartsOn` for a week start. */
export function weekStartsOn(weekStart: WeekStart): 0 | 1 {
  return weekStart === 'sunday' ? 0 : 1;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * 'yyyy-MM-dd' in the process's local time zone. Written out rather than through date-fns'
 * `format`, because pace and streaks call it for every study event (40,000 in a big history).
 */
export function localDate(date: Date): string {
  const year = date.getFullYear();
  const y = year >= 0 && year < 10000 ? `${year}`.padStart(4, '0') : format(date, 'yyyy');
  return `${y}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** Local midnight at the start of a 'yyyy-MM-dd' local date (as localDate gives it). */
export function fromLocalDate(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const result = new Date(year, month - 1, date);
  // new Date(y, ...) reads years 0-99 as 1900-1999.
  if (year < 100) result.setFullYear(year, month - 1, date);
  return result;
}

/** Local midnight on the first day of the study week that contains `date`. */
export function startOfStudyWeek(date: Date, weekStart: WeekStart): Date {
  return startOfWeek(date, { weekStartsOn: weekStartsOn(weekStart) });
}

/** The local date of the last day of the week that starts on `weekStartDay`. */
export function lastDayOfStudyWeek(weekStartDay: Date): string {
  return localDate(addDays(weekStartDay, 6));
}

/**
 * Whether the span [from, to) lies wholly inside one inactive interval. Intervals are not merged:
 * parked periods come from course state changes, which don't overlap.
 */
export function isInactiveSpan(from: Date, to: Date, inactive: readonly Interval[]): boolean {
  return inactive.some((i) => i.start <= from && (i.end === null || i.end >= to));
}

/**
 * Minutes per study week for the last `weeks` weeks (default 12), oldest first, ending with the
 * week that contains `now`. Every week is listed, with 0 when nothing was studied; sessions
 * outside those weeks (older, later, or with an invalid date) are left out.
 */
export function weeklyMinutes(input: {
  now: Date;
  weekStart: WeekStart;
  sessions: Array<{ at: Date; minutes: number }>;
  weeks?: number;
}): WeekMinutes[] {
  const count = Math.max(0, Math.floor(input.weeks ?? 12) || 0);
  const thisWeek = startOfStudyWeek(input.now, input.weekStart);
  const starts = Array.from({ length: count + 1 }, (_, i) => weeksFrom(thisWeek, i + 1 - count));
  const result: WeekMinutes[] = starts.slice(0, count).map((start) => ({
    start: localDate(start),
    end: lastDayOfStudyWeek(start),
    minutes: 0,
  }));
  // Week boundaries are the starts of local days, so comparing instants with them is exact.
  const bounds = starts.map((start) => start.getTime());
  for (const session of input.sessions) {
    const index = weekIndex(bounds, session.at.getTime());
    if (index >= 0) result[index]!.minutes += session.minutes;
  }
  return result;
}

/**
 * The start of the day `weeks` weeks from the day `day` falls on: its midnight, or the first time
 * it has when the clocks skipped midnight (as in Cuba or Chile). Not addWeeks, which keeps the
 * time of day: from a week that began at 01:00 every other week would begin at 01:00 too, and a
 * day's study (dated at its start) would fall into the week before.
 */
function weeksFrom(day: Date, weeks: number): Date {
  const result = new Date(day);
  result.setHours(0, 0, 0, 0);
  result.setDate(result.getDate() + 7 * weeks);
  result.setHours(0, 0, 0, 0);
  return result;
}

/** The i with bounds[i] <= at < bounds[i + 1], or -1; bounds ascend. */
function weekIndex(bounds: readonly number[], at: number): number {
  if (!(at >= bounds[0]! && at < bounds.at(-1)!)) return -1;
  let low = 0;
  let high = bounds.length - 1;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (at < bounds[mid]!) high = mid;
    else low = mid;
  }
  return low;
}

/**
 * Days since `from`, as the calendar counts them, once a whole day has passed (0 before): last
 * worked on the 29th, the 8th is 10 days later, as the dates shown beside the count say, even at
 * an earlier hour; and across a change of clocks a week is still 7 days. Until the clock reads
 * the same time the next day it is 0, so yesterday 23:00 is not "1 day ago" at 00:30.
 */
export function daysSince(from: Date, to: Date): number {
  const days = differenceInCalendarDays(to, from);
  if (days < 1) return 0;
  // The day after: a day has passed once the clock reads the time it did then, whatever the
  // length of the night between (23 or 25 hours when the clocks change).
  if (days === 1 && minutesOfDay(to) < minutesOfDay(from)) return 0;
  return days;
}

const minutesOfDay = (date: Date): number =>
  date.getHours() * 60 + date.getMinutes() + date.getSeconds() / 60;
