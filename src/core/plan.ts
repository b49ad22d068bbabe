import { addWeeks } from 'date-fns/addWeeks';
import { startOfDay } from 'date-fns/startOfDay';
import { lastDayOfStudyWeek, localDate, startOfStudyWeek, type WeekStart } from './calendar.js';

/** A module still to do, in study order. */
export interface PlanModule {
  moduleId: string;
  courseId: string;
  /** Already calibrated; planned in whole minutes (rounded). */
  minutes: number;
}

/** A course's project, planned after its modules: the course isn't finished without it. */
export interface PlanProject {
  project: true;
  courseId: string;
  /** The learner's title for it; null before they have one (`roadmap project <course>`). */
  title: string | null;
  /** Already calibrated, as a module's, less the time logged on it. */
  minutes: number;
  /** Time logged on it so far (`project <course> --minutes`). */
  minutesLogged: number;
}

export type PlanItem = PlanModule | PlanProject;

/**
 * One calendar week of the plan (local dates, inclusive). The first week starts today, not on
 * its calendar start. `modules` lists every module with minutes scheduled in the week, including
 * ones that started in an earlier week or go on into a later one; `projects` does the same for
 * projects, by course id.
 */
export interface PlanWeek {
  start: string;
  end: string;
  minutes: number;
  modules: string[];
  projects: string[];
}

/** A module's first and last day: the start of its first week and the end of its last week. */
export interface PlannedModule {
  moduleId: string;
  courseId: string;
  start: string;
  end: string;
}

/**
 * A project's first and last day, as a module's, and its planned minutes (0: no estimate, or one
 * the time logged has used up).
 */
export interface PlannedProject {
  courseId: string;
  title: string | null;
  start: string;
  end: string;
  minutes: number;
  /** Time logged on it so far. */
  minutesLogged: number;
}

/** A plan, or no weeks and a `reason`. */
export interface Plan {
  weeks: PlanWeek[];
  modules: PlannedModule[];
  projects: PlannedProject[];
  reason: string | null;
}

/**
 * The furthest a plan reaches, as `--weeks` does at most: ten years. A crawl of a pace would
 * otherwise schedule a week at a time for centuries.
 */
export const MAX_PLAN_WEEKS = 520;

/**
 * Schedules the items (modules and projects) in order at `budgetMinutesPerWeek`, starting today.
 * With a `weeks` limit (at least 1, at most MAX_PLAN_WEEKS, which also holds without one), only
 * that many weeks are returned, and only items that start within them; an item that starts
 * within the limit and runs past it keeps its real last day.
 * Items of 0 minutes are placed in the week the previous item ended in.
 */
export function buildPlan(input: {
  now: Date;
  weekStart: WeekStart;
  budgetMinutesPerWeek: number | null;
  studiedThisWeekMinutes: number;
  items: PlanItem[];
  weeks?: number;
}): Plan {
  const budget = input.budgetMinutesPerWeek;
  if (input.items.length === 0) return empty('nothing left to plan');
  if (budget === null) return empty('no weekly budget is set');
  if (!(budget > 0)) return empty('the weekly budget must be more than 0 minutes');

  const asked = input.weeks === undefined ? Infinity : Math.max(1, Math.floor(input.weeks) || 1);
  const limit = Math.min(asked, MAX_PLAN_WEEKS);
  const today = startOfDay(input.now);
  const thisWeek = startOfStudyWeek(today, input.weekStart);
  // What was studied this week already comes out of this week's budget; if it used all of it,
  // the plan begins next week.
  // Steps of no minutes (a project whose estimate is used up) take no budget: with nothing else
  // left they are this week's, as the ETA (today) has them.
  let capacity = budget - Math.max(0, input.studiedThisWeekMinutes);
  const timeLeft = input.items.some((item) => Math.round(item.minutes) > 0);
  const skip = capacity > 0 || !timeLeft ? 0 : 1;
  if (skip) capacity = budget;

  const weekStartDay = (offset: number) => addWeeks(thisWeek, skip + offset);
  const weekEnd = (offset: number) => lastDayOfStudyWeek(weekStartDay(offset));
  const weeks: PlanWeek[] = [];
  const weekAt = (offset: number): PlanWeek => {
    const existing = weeks[offset];
    if (existing) return existing;
    const first = skip + offset === 0;
    const week: PlanWeek = {
      start: localDate(first ? today : weekStartDay(offset)),
      end: weekEnd(offset),
      minutes: 0,
      modules: [],
      projects: [],
    };
    weeks.push(week);
    return week;
  };

  const modules: PlannedModule[] = [];
  const projects: PlannedProject[] = [];
  let offset = 0;
  for (const item of input.items) {
    let left = Math.max(0, Math.round(item.minutes)) || 0;
    if (left > 0 && capacity <= 0) {
      offset++;
      capacity = budget;
    }
    if (offset >= limit) break;
    const firstOffset = offset;
    for (;;) {
      const take = Math.min(left, Math.max(0, capacity));
      const week = weekAt(offset);
      week.minutes += take;
      if ('project' in item) week.projects.push(item.courseId);
      else week.modules.push(item.moduleId);
      left -= take;
      capacity -= take;
      if (left <= 0) break;
      offset++;
      capacity = budget;
      if (offset >= limit) {
        // Past the limit only this module's last week matters.
        offset += Math.ceil(left / budget) - 1;
        break;
      }
    }
    const start = weekAt(firstOffset).start;
    const end = weekEnd(offset);
    if ('project' in item)
      projects.push({
        courseId: item.courseId,
        title: item.title,
        start,
        end,
        minutes: Math.max(0, Math.round(item.minutes)) || 0,
        minutesLogged: item.minutesLogged,
      });
    else modules.push({ moduleId: item.moduleId, courseId: item.courseId, start, end });
  }
  return { weeks, modules, projects, reason: null };
}

function empty(reason: string): Plan {
  return { weeks: [], modules: [], projects: [], reason };
}
