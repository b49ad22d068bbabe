import chalk from 'chalk';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { Context } from '../context.js';
import type { PlanReport } from '../core/plan-report.js';
import { clean } from './sanitize.js';
import { duration, hours } from './text.js';

const day = (iso: string) => format(parseISO(iso), 'EEE MMM d');

export function renderPlan(plan: PlanReport, ctx: Context): string {
  const rate =
    plan.basis === 'goal'
      ? `your goal of ${hours(plan.minutesPerWeek ?? 0)} a week`
      : `the pace you keep, ${hours(plan.minutesPerWeek ?? 0)} a week`;
  const factor = plan.factor === 1 ? '' : `, estimates × ${plan.factor}`;
  const lines = [chalk.bold(`Plan at ${rate}${factor}`)];
  const seen = new Set<string>();
  for (const week of plan.weeks) {
    lines.push(
      '',
      `${chalk.bold(`${day(week.start)} – ${day(week.end)}`)}  ${chalk.dim(duration(week.minutes))}`,
    );
    for (const id of week.modules) {
      const title = ctx.catalog.moduleById.get(id)?.module.title ?? '';
      const more = seen.has(id) ? chalk.dim(' (continued)') : '';
      seen.add(id);
      lines.push(`  ${clean(id)}  ${clean(title)}${more}`);
    }
  }
  const last = plan.modules.at(-1);
  if (last && plan.complete)
    lines.push('', `At this rate you finish in the week ending ${last.end}.`);
  else if (last) lines.push('', chalk.dim('More follows: run without --weeks for the whole plan.'));
  return lines.join('\n');
}
