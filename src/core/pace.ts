import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { max } from 'date-fns/max';
import { startOfDay } from 'date-fns/startOfDay';
import { isInactiveSpan, localDate } from './calendar.js';
import { type StudyDay, StudyDays } from './study-days.js';

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
  /**
   * Your minutes over the estimates, before the factor was held to 0.25–4×; differs from
   * `factor` only when it was. Null when no factor is applied.
   */
  measured: number | null;
}

/**
 * The learner's measured pace. `windowDays` is the number of days the rates are taken over:
 * the window after shortening it to the history and leaving out inactive days (0 with no history).
 */
export interface Pace {
  minutesPerWeek: number;
  modulesPerWeek: number;
  windowDays: number;
  /** The window asked for (`--window`, or 28 days), before it was cut. */
  requestedWindowDays: number;
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
 * Pace over a rolling window of local calendar days ending today, from events (see paceOverDays).
 */
export function computePace(input: {
  now: Date;
  windowDays?: number;
  sessions: StudySession[];
  done: DoneModule[];
  inactive?: Interval[];
}): Pace {
  const days = new StudyDays();
  for (const s of input.sessions) {
    const ms = s.at.getTime();
    days.studied(ms);
    days.counted(ms, s.minutes);
  }
  for (const d of input.done) {
    const ms = d.at.getTime();
    days.studied(ms);
    days.finished(ms, d.estimateMinutes, d.actualMinutes);
    if (!(d.actualMinutes > 0)) days.counted(ms, d.estimateMinutes);
  }
  return paceOverDays({ ...input, days: days.list() });
}

/**
 * Pace over a rolling window of local calendar days ending today. Days after today are ignored
 * (clock skew, typos in `--at`). A day with logged activity always counts, even inside an
 * inactive interval: the activity shows a course was being studied that day.
 */
export function paceOverDays(input: {
  now: Date;
  windowDays?: number;
  /** Oldest first. */
  days: readonly StudyDay[];
  inactive?: Interval[];
}): Pace {
  const requested = Math.max(1, Math.floor(input.windowDays ?? DEFAULT_WINDOW_DAYS) || 1);
  const today = startOfDay(input.now);
  const tomorrow = addDays(today, 1);
  const past = input.days.filter((d) => d.start < tomorrow);
  const first = past.find((d) => d.events > 0)?.start;
  if (first === undefined) {
    return {
      minutesPerWeek: 0,
      modulesPerWeek: 0,
      windowDays: 0,
      requestedWindowDays: requested,
      historyDays: 0,
      modulesDone: 0,
      calibration: calibrate(0, 0, 0, requested),
    };
  }

  const windowStart = max([first, addDays(today, 1 - requested)]);
  const inWindow = past.filter((d) => d.start >= windowStart);
  const activeDays = new Set(inWindow.filter((d) => d.events > 0).map((d) => d.key));
  let days = 0;
  for (let day = windowStart; day < tomorrow; day = addDays(day, 1)) {
    const next = addDays(day, 1);
    if (activeDays.has(localDate(day)) || !isInactiveSpan(day, next, input.inactive ?? [])) days++;
  }

  const sum = (list: readonly StudyDay[], field: keyof StudyDay) =>
    list.reduce((total, d) => total + (d[field] as number), 0);
  const perWeek = (n: number) => (days === 0 ? 0 : (n / days) * 7);

  return {
    minutesPerWeek: Math.round(perWeek(sum(inWindow, 'minutes'))),
    modulesPerWeek: round2(perWeek(sum(inWindow, 'done'))),
    windowDays: days,
    requestedWindowDays: requested,
    historyDays: Math.max(0, differenceInCalendarDays(today, first)),
    modulesDone: sum(past, 'done'),
    calibration: calibrate(
      sum(inWindow, 'calibrating'),
      sum(inWindow, 'actualMinutes'),
      sum(inWindow, 'estimateMinutes'),
      requested,
    ),
  };
}

/**
 * From the done modules with both logged minutes and an estimate; the others say nothing about
 * the ratio.
 */
function calibrate(
  modules: number,
  actual: number,
  estimate: number,
  windowDays: number,
): Calibration {
  if (modules < MIN_CALIBRATING_MODULES) {
    const count = modules === 0 ? 'no' : `only ${modules}`;
    const verb = modules === 1 ? 'has' : 'have';
    return {
      factor: 1,
      modules,
      measured: null,
      reason: `${count} done ${modules === 1 ? 'module' : 'modules'} in the last ${plural(windowDays, 'day')} ${verb} logged minutes; ${MIN_CALIBRATING_MODULES} are needed`,
    };
  }
  const ratio = actual / estimate;
  const factor = Math.min(FACTOR_MAX, Math.max(FACTOR_MIN, ratio));
  return {
    factor: round2(factor),
    modules,
    reason: null,
    measured: factor === ratio ? round2(factor) : round2(ratio),
  };
}
