import type { CatalogIndex } from '../catalog/catalog-index.js';
import { calibrationFactor, measuredPaceProblem } from './eta.js';
import { projectSettled, studyOrder } from './focus.js';
import { buildPlan, type Plan, type PlanItem } from './plan.js';
import { projectMinutesLeft, projectMinutesLogged, projectOf } from './projects.js';
import { buildPaceReport, remainingModules } from './report.js';
import { effectiveSettings } from './settings.js';
import type { State } from './types.js';

/** `plan --json`: the plan, and the rate it was made at. */
export interface PlanReport extends Plan {
  /** 'goal' (your weekly goal), 'pace' (the pace you keep) or null (no plan). */
  basis: 'goal' | 'pace' | null;
  minutesPerWeek: number | null;
  /** The calibration factor the module estimates were multiplied by. */
  factor: number;
  /** Every remaining module and project is in the plan (no --weeks limit cut it short). */
  complete: boolean;
  /** The goal's deadline (yyyy-mm-dd), or null: the plan says whether it ends by then. */
  deadline: string | null;
}

/**
 * What is left, in study order (studyOrder: the courses in focus first): each course's modules,
 * then its project, course by course; the same minutes the ETA in `status` counts
 * (buildPaceReport). Dropped courses have none.
 */
function itemsLeft(catalog: CatalogIndex, state: State, factor: number): PlanItem[] {
  const byCourse = new Map<string, PlanItem[]>();
  for (const m of remainingModules(catalog, state, factor)) {
    const list = byCourse.get(m.courseId) ?? [];
    list.push(m);
    byCourse.set(m.courseId, list);
  }
  const items: PlanItem[] = [];
  for (const courseId of studyOrder(catalog, state)) {
    items.push(...(byCourse.get(courseId) ?? []));
    // Your own estimate is taken as you gave it, as the ETA takes it, and time logged on the
    // project comes off it.
    const { minutes } = projectMinutesLeft(catalog, state, courseId, factor);
    // A project with no estimate (no idea in the catalog, none of your own), or one whose
    // estimate its logged time has used up, is still a step left: it is planned at 0 minutes,
    // in the week its course's modules end, rather than left out so that a course with only its
    // project to go reads as nothing left.
    if (minutes <= 0 && !projectLeft(catalog, state, courseId)) continue;
    const project = projectOf(state, courseId);
    const minutesLogged = projectMinutesLogged(project);
    items.push({ project: true, courseId, title: project?.title ?? null, minutes, minutesLogged });
  }
  return items;
}

/** A course a catalog has whose project is neither shipped nor waived. */
const projectLeft = (catalog: CatalogIndex, state: State, courseId: string): boolean =>
  catalog.courseById.has(courseId) && !projectSettled(state, courseId);

/**
 * A week-by-week schedule of what is left, at the goal's pace, else at the measured pace. It
 * starts today whatever happened before: falling behind reshapes the plan, never the history.
 */
export function planRoadmap(
  catalog: CatalogIndex,
  state: State,
  options: { now: Date; windowDays: number; weeks?: number },
): PlanReport {
  const settings = effectiveSettings(state);
  const report = buildPaceReport(catalog, state, options);
  const { pace } = report;
  const goal = settings['goal-minutes-per-week'];
  const problem = measuredPaceProblem(pace);
  const basis = goal !== null ? 'goal' : problem === null ? 'pace' : null;
  const minutesPerWeek = basis === 'goal' ? goal : basis === 'pace' ? pace.minutesPerWeek : null;
  const factor = calibrationFactor(pace);
  const items = itemsLeft(catalog, state, factor);
  const plan = buildPlan({
    now: options.now,
    weekStart: settings['week-start'],
    budgetMinutesPerWeek: minutesPerWeek,
    studiedThisWeekMinutes: report.weeks.at(-1)?.minutes ?? 0,
    items,
    ...(options.weeks !== undefined && { weeks: options.weeks }),
  });
  // With nothing left, that is the answer, goal or no goal.
  const reason =
    basis === null && items.length > 0
      ? `no weekly goal is set, and your pace can't be measured yet (${problem}); set a goal with \`roadmap goal --hours-per-week 5\``
      : plan.reason;
  // False only when --weeks cut the plan short; with no plan at all, nothing was cut.
  const complete = basis === null || plan.modules.length + plan.projects.length === items.length;
  const deadline = settings['goal-deadline'];
  return { ...plan, reason, basis, minutesPerWeek, factor, complete, deadline };
}
