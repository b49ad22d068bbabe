import { addDays } from 'date-fns/addDays';
import { addWeeks } from 'date-fns/addWeeks';
import { differenceInCalendarWeeks } from 'date-fns/differenceInCalendarWeeks';
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

/** 'yyyy-MM-dd' in the process's local time zone. */
export function localDate(date: Date): string {
  return format(date, 'yyyy-MM-dd');
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
  const oldest = addWeeks(startOfStudyWeek(input.now, input.weekStart), 1 - count);
  const result: WeekMinutes[] = Array.from({ length: count }, (_, i) => {
    const start = addWeeks(oldest, i);
    return { start: localDate(start), end: lastDayOfStudyWeek(start), minutes: 0 };
  });
  const options = { weekStartsOn: weekStartsOn(input.weekStart) };
  for (const session of input.sessions) {
    const index = differenceInCalendarWeeks(session.at, oldest, options);
    const week = index >= 0 ? result[index] : undefined;
    if (week) week.minutes += session.minutes;
  }
  return result;
}
