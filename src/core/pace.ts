import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { max } from 'date-fns/max';
import { min } from 'date-fns/min';
import { startOfDay } from 'date-fns/startOfDay';
import { isInactiveSpan, localDate } from './calendar.js';

/** Minutes spent on a module, from `study` and from `done --minutes`. */
export interface StudySession {
  at: Date;
  minutes: number;
  moduleId: string;
}

/** A module marked done. Skipped modules are never passed in. */
export interface DoneModule {
  moduleId: string;
  at: Date;
  /** The catalog estimate at the time it was done. */
  estimateMinutes: number;
  /** All minutes logged on this module; 0 if none. */
  actualMinutes: number;
}

/** A period when no course was active (every course parked); `end` null means still ongoing. */
export interface Interval {
  start: Date;
  end: Date | null;
}

/**
 * How far real study time runs from catalog estimates. `factor` is 1 with a `reason` when too
 * few modules support it; `modules` is the supporting count either way.
 */
export interface Calibration {
  factor: number;
  modules: number;
  reason: string | null;
}

/**
 * The learner's measured pace. `windowDays` is the number of days the rates are taken over:
 * the window after shortening it to the history and leaving out inactive days (0 with no history).
 */
export interface Pace {
  minutesPerWeek: number;
  modulesPerWeek: number;
  windowDays: number;
  historyDays: number;
  modulesDone: number;
  calibration: Calibration;
}

export const DEFAULT_WINDOW_DAYS = 28;
export const MIN_CALIBRATING_MODULES = 3;
const FACTOR_MIN = 0.25;
const FACTOR_MAX = 4;

const round2 = (n: number): number => Math.round(n * 100) / 100;
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Pace over a rolling window of local calendar days ending today. Entries dated after today are
 * ignored (clock skew, typos in `--at`). A day with logged activity always counts, even inside an
 * inactive interval: the activity shows a course was being studied that day.
 */
export function computePace(input: {
  now: Date;
  windowDays?: number;
  sessions: StudySession[];
  done: DoneModule[];
  inactive?: Interval[];
}): Pace {
  const requested = Math.max(1, Math.floor(input.windowDays ?? DEFAULT_WINDOW_DAYS) || 1);
  const today = startOfDay(input.now);
  const tomorrow = addDays(today, 1);
  const sessions = input.sessions.filter((s) => s.at < tomorrow);
  const done = input.done.filter((d) => d.at < tomorrow);
  const times = [...sessions.map((s) => s.at), ...done.map((d) => d.at)];
  if (times.length === 0) {
    return {
      minutesPerWeek: 0,
      modulesPerWeek: 0,
      windowDays: 0,
      historyDays: 0,
      modulesDone: 0,
      calibration: calibrate([], requested),
    };
  }

  const first = startOfDay(min(times));
  const windowStart = max([first, addDays(today, 1 - requested)]);
  const inWindow = (at: Date) => at >= windowStart;
  const windowSessions = sessions.filter((s) => inWindow(s.at));
  const windowDone = done.filter((d) => inWindow(d.at));

  const activeDays = new Set(times.filter(inWindow).map(localDate));
  let days = 0;
  for (let day = windowStart; day < tomorrow; day = addDays(day, 1)) {
    const next = addDays(day, 1);
    if (activeDays.has(localDate(day)) || !isInactiveSpan(day, next, input.inactive ?? [])) days++;
  }

  const minutes =
    windowSessions.reduce((sum, s) => sum + s.minutes, 0) +
    windowDone.reduce((sum, d) => sum + (d.actualMinutes > 0 ? 0 : d.estimateMinutes), 0);
  const perWeek = (n: number) => (days === 0 ? 0 : (n / days) * 7);

  return {
    minutesPerWeek: Math.round(perWeek(minutes)),
    modulesPerWeek: round2(perWeek(windowDone.length)),
    windowDays: days,
    historyDays: Math.max(0, differenceInCalendarDays(today, first)),
    modulesDone: done.length,
    calibration: calibrate(windowDone, requested),
  };
}

/** Modules without logged minutes or without an estimate say nothing about the ratio. */
function calibrate(done: DoneModule[], windowDays: number): Calibration {
  const support = done.filter((d) => d.actualMinutes > 0 && d.estimateMinutes > 0);
  if (support.length < MIN_CALIBRATING_MODULES) {
    const count = support.length === 0 ? 'no' : `only ${support.length}`;
    const verb = support.length === 1 ? 'has' : 'have';
    return {
      factor: 1,
      modules: support.length,
      reason: `${count} done ${support.length === 1 ? 'module' : 'modules'} in the last ${plural(windowDays, 'day')} ${verb} logged minutes; ${MIN_CALIBRATING_MODULES} are needed`,
    };
  }
  const actual = support.reduce((sum, d) => sum + d.actualMinutes, 0);
  const estimate = support.reduce((sum, d) => sum + d.estimateMinutes, 0);
  const factor = Math.min(FACTOR_MAX, Math.max(FACTOR_MIN, actual / estimate));
  return { factor: round2(factor), modules: support.length, reason: null };
}
