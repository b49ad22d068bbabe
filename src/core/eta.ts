import { addDays } from 'date-fns/addDays';
import { startOfDay } from 'date-fns/startOfDay';
import { localDate } from './calendar.js';
import type { Pace } from './pace.js';

/**
 * An estimated finish date (local 'yyyy-MM-dd'). `basis` says which weekly rate gave it. `reason`
 * is null for a date at the measured pace; with basis 'goal' it says why the measured pace wasn't
 * used; with no date it says why there is none ('finished' for a finished course).
 */
export interface Eta {
  date: string | null;
  basis: 'pace' | 'goal' | null;
  reason: string | null;
}

/** A course on the roadmap, as the ETA needs it. */
export interface EtaCourse {
  courseId: string;
  /** Catalog estimate of what's left, before calibration. */
  remainingMinutes: number;
  /**
   * Minutes left that calibration leaves as they are: estimates of your own (a project's), and
   * modules already calibrated, less what you studied on them.
   */
  calibratedMinutes?: number;
  finished: boolean;
  /** No loaded catalog has the course: what is left of it is unknown, so it has no date. */
  unloaded?: boolean;
}

const UNLOADED = 'its catalog is not loaded';

export const MIN_HISTORY_DAYS = 14;
export const MIN_MODULES_DONE = 3;
export const MIN_MINUTES_PER_WEEK = 30;

const FINISHED: Eta = { date: null, basis: null, reason: 'finished' };

/**
 * Days of history, counting today, as the pace's window counts them: with its first study 13
 * calendar days back, a history covers 14 days, and "over the last 14 days" has its 14.
 */
export const historySpan = (pace: Pace): number => pace.historyDays + 1;

/**
 * Days the window must count: 14, or the window asked for when it is shorter. Days with no course
 * in focus leave the window, so after a break with everything parked the history can be long
 * while the pace rests on two evenings.
 */
const neededWindowDays = (pace: Pace): number =>
  Math.min(MIN_HISTORY_DAYS, Math.max(1, pace.requestedWindowDays));

export const hasEnoughHistory = (pace: Pace): boolean =>
  historySpan(pace) >= MIN_HISTORY_DAYS && pace.windowDays >= neededWindowDays(pace);

/** Why the measured pace can't give a date, or null when it can. */
export function measuredPaceProblem(pace: Pace): string | null {
  if (pace.historyDays === 0 && pace.modulesDone === 0 && pace.minutesPerWeek === 0) {
    return 'no study logged yet';
  }
  if (historySpan(pace) < MIN_HISTORY_DAYS) {
    return pace.historyDays === 0
      ? `your first study was today; ${MIN_HISTORY_DAYS} days of history are needed`
      : `your history covers ${historySpan(pace)} days, counting today; ${MIN_HISTORY_DAYS} are needed`;
  }
  if (!hasEnoughHistory(pace)) {
    const span = Math.min(pace.requestedWindowDays, historySpan(pace));
    return `only ${pace.windowDays} of the last ${span} days had a course in focus; ${neededWindowDays(pace)} are needed`;
  }
  if (pace.modulesDone < MIN_MODULES_DONE) {
    if (pace.modulesDone === 0) return `no module done yet; ${MIN_MODULES_DONE} are needed`;
    const done = pace.modulesDone === 1 ? '1 module' : `${pace.modulesDone} modules`;
    return `only ${done} done; ${MIN_MODULES_DONE} are needed`;
  }
  if (pace.minutesPerWeek < MIN_MINUTES_PER_WEEK) {
    const minutes = pace.minutesPerWeek === 1 ? '1 minute' : `${pace.minutesPerWeek} minutes`;
    return `a pace of ${minutes} a week is too slow to project; ${MIN_MINUTES_PER_WEEK} are needed`;
  }
  return null;
}

/**
 * No date is given further out than this: a crawl of a pace, or a catalog estimate typed with too
 * many zeros, would otherwise name a date in the year 30000, or one no calendar has.
 */
const MAX_ETA_DAYS = 100 * 366;
const BEYOND_HORIZON = 'more than 100 years away at this rate';

/**
 * Days from today to finish `minutes` at `perWeek`, rounded up and never negative. The epsilon
 * keeps float noise (e.g. 14.000000000002) from adding a day.
 */
function daysToFinish(minutes: number, perWeek: number): number {
  return Math.max(0, Math.ceil((minutes * 7) / perWeek - 1e-9));
}

/** The factor catalog estimates are multiplied by; 1 when the pace gives none that is finite. */
export const calibrationFactor = (pace: Pace): number =>
  Number.isFinite(pace.calibration.factor) ? pace.calibration.factor : 1;

/**
 * ETAs per course and overall. Courses are studied one after another in the order given (study
 * order), so each course's date includes the work of the unfinished courses before it. The
 * calibration factor applies whichever rate is used: it corrects the catalog's estimates, not the
 * pace, and not estimates of your own. A goal of 0 or less
 * counts as no goal.
 */
export function computeEtas(input: {
  now: Date;
  pace: Pace;
  goalMinutesPerWeek: number | null;
  courses: EtaCourse[];
}): { overall: Eta; courses: Record<string, Eta> } {
  const today = startOfDay(input.now);
  const problem = measuredPaceProblem(input.pace);
  const goal =
    input.goalMinutesPerWeek !== null && input.goalMinutesPerWeek > 0
      ? input.goalMinutesPerWeek
      : null;
  const rate =
    problem === null
      ? { perWeek: input.pace.minutesPerWeek, basis: 'pace' as const, reason: null }
      : goal !== null
        ? { perWeek: goal, basis: 'goal' as const, reason: problem }
        : null;
  const factor = calibrationFactor(input.pace);

  const entries: Array<[string, Eta]> = [];
  let cumulative = 0;
  let unloaded = 0;
  let last: Eta | null = null;
  for (const course of input.courses) {
    if (course.finished) {
      entries.push([course.courseId, { ...FINISHED }]);
      continue;
    }
    if (course.unloaded) {
      entries.push([course.courseId, { date: null, basis: null, reason: UNLOADED }]);
      unloaded += 1;
      continue;
    }
    cumulative +=
      Math.max(0, course.remainingMinutes) * factor + Math.max(0, course.calibratedMinutes ?? 0);
    const days = rate ? daysToFinish(cumulative, rate.perWeek) : 0;
    last = !rate
      ? { date: null, basis: null, reason: problem }
      : days > MAX_ETA_DAYS
        ? { date: null, basis: null, reason: BEYOND_HORIZON }
        : {
            // Today is the first day of study, as the deadline counts it: a day's work left
            // finishes today, so "on track" for a date never comes with an ETA after it.
            date: localDate(addDays(today, Math.max(0, days - 1))),
            basis: rate.basis,
            reason: rate.reason,
          };
    entries.push([course.courseId, last]);
  }

  const overall: Eta =
    input.courses.length === 0
      ? { date: null, basis: null, reason: 'no courses on the roadmap' }
      : (last ??
        (unloaded > 0
          ? { date: null, basis: null, reason: 'the catalog of what is left is not loaded' }
          : { date: null, basis: null, reason: 'all courses are finished' }));
  return { overall, courses: Object.fromEntries(entries) };
}
