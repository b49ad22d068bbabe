import type { CatalogIndex } from '../catalog/catalog-index.js';
import { measuredPaceProblem } from './eta.js';
import { buildPlan, type Plan } from './plan.js';
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
  /** Every remaining module is in the plan (no --weeks limit cut it short). */
  complete: boolean;
}

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
  const factor = pace.calibration.factor;
  const remaining = remainingModules(catalog, state);
  const plan = buildPlan({
    now: options.now,
    weekStart: settings['week-start'],
    budgetMinutesPerWeek: minutesPerWeek,
    studiedThisWeekMinutes: report.weeks.at(-1)?.minutes ?? 0,
    modules: remaining.map((m) => ({ ...m, minutes: m.minutes * factor })),
    ...(options.weeks !== undefined && { weeks: options.weeks }),
  });
  const reason =
    basis === null
      ? `no weekly goal is set, and your pace can't be measured yet (${problem}); set a goal with \`roadmap goal --hours-per-week 5\``
      : plan.reason;
  const complete = plan.modules.length === remaining.length;
  return { ...plan, reason, basis, minutesPerWeek, factor, complete };
}
