import { type CatalogIndex, moduleIdsOf, moduleMinutesOf } from '../catalog/catalog-index.js';
import { type WeekMinutes, weeklyMinutes } from './calendar.js';
import {
  calibrationFactor,
  computeEtas,
  type Eta,
  hasEnoughHistory,
  MIN_MODULES_DONE,
} from './eta.js';
import { isDropped, isFinished, modulesComplete, studyOrder } from './focus.js';
import { computeGoalStatus, type GoalStatus } from './goal.js';
import { studyHistory } from './history.js';
import { inactiveIntervals } from './inactive.js';
import { journalIndex } from './journal-index.js';
import { type Interval, type Pace, paceOverDays } from './pace.js';
import {
  projectMinutesLeft,
  projectMinutesLogged,
  projectOf,
  remainingProjectMinutes,
} from './projects.js';
import { effectiveSettings } from './settings.js';
import { type Streaks, streaksOverDays } from './streaks.js';
import type { State } from './types.js';

/** The pace part of `status`: how fast you go, when you'll finish, and how steady you are. */
export interface PaceReport {
  pace: Pace;
  eta: Eta;
  /** By course id; finished courses get reason 'finished'. */
  courseEtas: Record<string, Eta>;
  streak: Streaks;
  goal: GoalStatus | null;
  /** The last 12 weeks' minutes, oldest first, ending with this week. */
  weeks: WeekMinutes[];
  /** Minutes left on the roadmap, projects included, after calibration. */
  remainingMinutes: number;
  /** All study minutes: logged ones, and estimates for done modules without any. */
  studiedMinutes: number;
}

export interface RemainingModule {
  moduleId: string;
  courseId: string;
  /** What is left of it: the catalog estimate times `factor`, less what was already studied. */
  minutes: number;
}

/**
 * The modules still to do, in roadmap order. Optional modules count unless skip-optional is on;
 * dropped courses don't count at all. Time already studied on a module comes off its calibrated
 * estimate, so a half-done module isn't counted twice; it never goes below zero. (Off the
 * estimate before calibration, 250 minutes studied at a factor of 2 would take 500 off.)
 */
export function remainingModules(
  catalog: CatalogIndex,
  state: State,
  factor = 1,
): RemainingModule[] {
  const skipOptional = effectiveSettings(state)['skip-optional'];
  const journals = journalIndex(state);
  const result: RemainingModule[] = [];
  for (const entry of state.roadmap) {
    if (isDropped(catalog, state, entry.courseId)) continue;
    // Known without a lookup per module, and most courses of a long roadmap are complete.
    if (modulesComplete(catalog, state, entry.courseId)) continue;
    const course = catalog.courseById.get(entry.courseId);
    if (!course) continue;
    // From the course's ids and minutes and its tally, so that the 10,000 modules left on a long
    // roadmap aren't each built and looked up.
    const ids = moduleIdsOf(course);
    const minutes = moduleMinutesOf(course);
    const { statuses } = state.progress.tally(ids);
    for (let i = 0; i < ids.length; i++) {
      if (statuses[i] !== 0) continue;
      if (skipOptional && course.modules[i]!.optional) continue;
      const sessions = journals.size > 0 ? journals.get(ids[i]!)?.sessions : undefined;
      const studied = (sessions ?? []).reduce((sum, s) => sum + s.minutes, 0);
      result.push({
        moduleId: ids[i]!,
        courseId: entry.courseId,
        minutes: Math.max(0, minutes[i]! * factor - studied),
      });
    }
  }
  return result;
}

export interface ReportOptions {
  now: Date;
  windowDays: number;
  /**
   * Periods when no course was active; they count neither against pace nor streaks. By default,
   * those the course state changes give (inactiveIntervals).
   */
  inactive?: Interval[];
}

export function buildPaceReport(
  catalog: CatalogIndex,
  state: State,
  options: ReportOptions,
): PaceReport {
  const { now } = options;
  const settings = effectiveSettings(state);
  const weekStart = settings['week-start'];
  const goalMinutes = settings['goal-minutes-per-week'];
  const inactive = options.inactive ?? inactiveIntervals(state, now, catalog);
  const days = studyHistory(catalog, state);
  const pace = paceOverDays({ now, windowDays: options.windowDays, days, inactive });
  const factor = calibrationFactor(pace);
  const remaining = remainingModules(catalog, state, factor);
  // Minutes left per course: the projects' catalog estimates, still to be calibrated, and the
  // rest (modules, calibrated already, and estimates of your own), taken as they are.
  const byCourse = new Map<string, number>();
  const readyByCourse = new Map<string, number>();
  let readyMinutes = 0;
  for (const m of remaining) {
    readyByCourse.set(m.courseId, (readyByCourse.get(m.courseId) ?? 0) + m.minutes);
    readyMinutes += m.minutes;
  }
  // A course is finished with its project, so the ETA covers the project too: its estimate, or
  // its idea's (remainingProjectMinutes). Calibration corrects catalog estimates, so an estimate
  // of your own is taken as you gave it.
  // In study order: the ETA of a course counts the courses studied before it.
  const counted = studyOrder(catalog, state);
  let projectMinutes = 0;
  for (const courseId of counted) {
    const project = projectOf(state, courseId);
    if (projectMinutesLogged(project) > 0) {
      // Time logged on the project comes off it once calibrated (projectMinutesLeft).
      const { minutes } = projectMinutesLeft(catalog, state, courseId, factor);
      readyMinutes += minutes;
      readyByCourse.set(courseId, (readyByCourse.get(courseId) ?? 0) + minutes);
      continue;
    }
    const { minutes, basis } = remainingProjectMinutes(catalog, state, courseId);
    if (basis === 'yours') {
      readyMinutes += minutes;
      readyByCourse.set(courseId, (readyByCourse.get(courseId) ?? 0) + minutes);
    } else {
      projectMinutes += minutes;
      byCourse.set(courseId, (byCourse.get(courseId) ?? 0) + minutes);
    }
  }
  const etas = computeEtas({
    now,
    pace,
    goalMinutesPerWeek: goalMinutes,
    courses: counted.map((courseId) => ({
      courseId,
      remainingMinutes: byCourse.get(courseId) ?? 0,
      calibratedMinutes: readyByCourse.get(courseId) ?? 0,
      finished: isFinished(catalog, state, courseId),
      unloaded: !catalog.courseById.has(courseId),
    })),
  });
  if (counted.length === 0 && state.roadmap.length > 0)
    etas.overall = { date: null, basis: null, reason: 'every course on the roadmap is dropped' };
  for (const entry of state.roadmap) {
    etas.courses[entry.courseId] ??= { date: null, basis: null, reason: 'dropped' };
  }
  const weeks = weeklyMinutes({
    now,
    weekStart,
    sessions: days.map((d) => ({ at: d.start, minutes: d.minutes })),
  });
  const left = projectMinutes * factor + readyMinutes;
  const remainingMinutes = Math.round(left);
  const goal =
    goalMinutes === null
      ? null
      : computeGoalStatus({
          now,
          goalMinutesPerWeek: goalMinutes,
          deadline: settings['goal-deadline'],
          thisWeekMinutes: weeks.at(-1)?.minutes ?? 0,
          // Unrounded, as the ETA counts it: rounded, "on track" could sit beside a later ETA.
          remainingMinutes: left,
          // Once the history is long enough, the pace you keep is the truth even when it is too
          // slow to project; the goal stands in only while there is too little history.
          paceMinutesPerWeek:
            hasEnoughHistory(pace) && pace.modulesDone >= MIN_MODULES_DONE
              ? pace.minutesPerWeek
              : null,
        });
  const streak = streaksOverDays({
    now,
    weekStart,
    days,
    goalMinutesPerWeek: goalMinutes,
    inactive,
  });
  return {
    pace,
    eta: etas.overall,
    courseEtas: etas.courses,
    streak,
    goal,
    weeks,
    remainingMinutes,
    studiedMinutes: days.reduce((sum, d) => sum + d.minutes, 0),
  };
}
