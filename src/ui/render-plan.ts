import chalk from 'chalk';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { Context } from '../context.js';
import { localDate } from '../core/calendar.js';
import { MAX_PLAN_WEEKS } from '../core/plan.js';
import type { PlanReport } from '../core/plan-report.js';
import { clean } from './sanitize.js';
import {
  displayWidth,
  duration,
  fitWidth,
  goalHours,
  hours,
  lineWidth,
  wrapWidth,
} from './text.js';

/** "Mon Mar 2", with the year when it isn't the plan's first (a plan can run for years). */
const day = (iso: string, firstYear: string) =>
  format(parseISO(iso), iso.startsWith(firstYear) ? 'EEE MMM d' : 'EEE MMM d yyyy');

/**
 * Puts a week's modules and projects in the order they were planned: courses in study order
 * (`courseOrder`), each course's project after its modules.
 */
function plannedOrder(plan: PlanReport, courseOrder: readonly string[]) {
  const rank = new Map(courseOrder.map((id, i) => [id, i]));
  const courseOf = new Map(plan.modules.map((m) => [m.moduleId, m.courseId]));
  const order = (courseId: string) => rank.get(courseId) ?? courseOrder.length;
  return (week: PlanReport['weeks'][number]) =>
    [
      ...week.modules.map((id) => ({ id, courseId: courseOf.get(id) ?? '', project: false })),
      ...week.projects.map((id) => ({ id, courseId: id, project: true })),
    ].sort(
      // Stable: modules keep their order within a course.
      (a, b) => order(a.courseId) - order(b.courseId) || Number(a.project) - Number(b.project),
    );
}

export function renderPlan(plan: PlanReport, ctx: Context, courseOrder: readonly string[]): string {
  const rate =
    plan.basis === 'goal'
      ? `your goal of ${goalHours(plan.minutesPerWeek ?? 0)} a week`
      : `the pace you keep, ${hours(plan.minutesPerWeek ?? 0)} a week`;
  const factor = plan.factor === 1 ? '' : `, estimates × ${plan.factor}`;
  const lines = wrapWidth(`Plan at ${rate}${factor}`, lineWidth(), '  ').map((l) => chalk.bold(l));
  const projectOf = new Map(plan.projects.map((p) => [p.courseId, p]));
  const seen = new Set<string>();
  const weekEntries = plannedOrder(plan, courseOrder);
  const firstYear = plan.weeks[0]?.start.slice(0, 4) ?? '';
  // yyyy-mm-dd dates compare as text.
  const today = localDate(ctx.now);
  for (const week of plan.weeks) {
    const span = `${day(week.start, firstYear)} – ${day(week.end, firstYear)}`;
    // yyyy-mm-dd dates compare as text.
    const due =
      plan.deadline !== null && week.start <= plan.deadline && plan.deadline <= week.end
        ? `  ${chalk.yellow(`deadline ${day(plan.deadline, firstYear)}`)}`
        : '';
    lines.push(
      '',
      ...wrapWidth(
        `${chalk.bold(span)}  ${chalk.dim(duration(week.minutes))}${due}`,
        lineWidth(),
        '  ',
      ),
    );
    for (const entry of weekEntries(week)) {
      const key = `${entry.project ? 'project:' : ''}${entry.id}`;
      const continued = seen.has(key) ? ' (continued)' : '';
      const more = chalk.dim(continued);
      seen.add(key);
      if (entry.project) {
        const project = projectOf.get(entry.id);
        const title = project?.title ?? null;
        const id = clean(entry.id);
        // Planned at 0 minutes, a project without an estimate would look as if it took no time.
        // Or its estimate is used up by the time logged on it: more time needs a new estimate.
        const usedUp = project?.minutes === 0 && (project?.minutesLogged ?? 0) > 0;
        const unestimated = project?.minutes === 0 && !usedUp;
        let hint = '';
        if (continued === '' && title === null)
          hint = unestimated
            ? ` (name it and estimate it: roadmap project ${id} "<title>" --estimate HOURS)`
            : ` (choose one: roadmap project ${id})`;
        else if (continued === '' && usedUp)
          hint = ` (its estimate is used up by the ${duration(project!.minutesLogged)} logged; to plan more: roadmap project ${id} --estimate HOURS)`;
        else if (continued === '' && unestimated)
          hint = ` (no estimate: roadmap project ${id} --estimate HOURS)`;
        const room = lineWidth() - displayWidth(`  ${id} project  ${continued}`);
        const shown = title === null ? 'your project' : fitWidth(clean(title), Math.max(20, room));
        const line = `  ${id} project  ${shown}`;
        if (displayWidth(`${line}${hint}`) <= lineWidth()) {
          const name = title === null ? chalk.dim(`${shown}${hint}`) : `${shown}${chalk.dim(hint)}`;
          lines.push(`${line.slice(0, -shown.length)}${name}${more}`);
        } else {
          // Too long for one line: the hint below, its command on a line of its own, whole.
          lines.push(`${line}${more}`);
          const text = hint.trim().slice(1, -1);
          const at = text.indexOf(': roadmap ');
          const lead = at < 0 ? text : text.slice(0, at + 1);
          if (lead !== '')
            for (const l of wrapWidth(`    ${lead}`, lineWidth(), '    ')) lines.push(chalk.dim(l));
          if (at >= 0) lines.push(chalk.dim(`      ${text.slice(at + 2)}`));
        }
      } else {
        const title = ctx.catalog.moduleById.get(entry.id)?.module.title ?? '';
        // The id whole; the title cut to fit the line.
        const room = lineWidth() - displayWidth(`  ${entry.id}  ${continued}`);
        lines.push(`  ${clean(entry.id)}  ${fitWidth(clean(title), Math.max(20, room))}${more}`);
      }
    }
  }
  // yyyy-mm-dd dates sort as text.
  const last =
    [...plan.modules, ...plan.projects]
      .map((item) => item.end)
      .sort()
      .at(-1) ?? null;
  if (last !== null && plan.complete) {
    lines.push(
      '',
      ...wrapWidth(`At this rate you finish in the week ending ${last}.`, lineWidth(), ''),
    );
    // Weeks are what a plan knows: a deadline inside the last one may or may not be met.
    const lastStart = plan.weeks.find((week) => week.end === last)?.start ?? last;
    // A deadline already gone: no weekly rate meets it, as `status` says. One still to come can
    // fall before the plan's first week (this week's goal is met already): the plan ends after it.
    if (plan.deadline !== null && plan.deadline < today)
      lines.push(
        ...wrapWidth(
          chalk.yellow(
            `Your deadline, ${plan.deadline}, has passed: move it with \`roadmap goal --deadline DATE\`.`,
          ),
          lineWidth(),
          '',
        ),
      );
    else if (plan.deadline !== null && plan.deadline < lastStart)
      lines.push(
        ...wrapWidth(
          chalk.yellow(
            `That is after your deadline, ${plan.deadline}; \`roadmap status\` says how much a week would make it.`,
          ),
          lineWidth(),
          '',
        ),
      );
    else if (plan.deadline !== null && plan.deadline < last)
      lines.push(
        ...wrapWidth(`Your deadline, ${plan.deadline}, falls in that week.`, lineWidth(), ''),
      );
    else if (plan.deadline !== null)
      lines.push(...wrapWidth(`That is by your deadline, ${plan.deadline}.`, lineWidth(), ''));
  } else if (last !== null && plan.weeks.length >= MAX_PLAN_WEEKS)
    lines.push(
      '',
      chalk.dim(`More follows: a plan reaches ${MAX_PLAN_WEEKS} weeks ahead at most.`),
    );
  else if (last !== null) {
    // The deadline lies past the weeks shown (a week inside them is marked): say where it is.
    const shownEnd = plan.weeks.at(-1)?.end ?? last;
    const firstStart = plan.weeks[0]?.start ?? last;
    const beyond =
      plan.deadline === null
        ? ''
        : plan.deadline > shownEnd
          ? ` Your deadline, ${plan.deadline}, comes after these weeks.`
          : plan.deadline < today
            ? ` Your deadline, ${plan.deadline}, has passed.`
            : plan.deadline < firstStart
              ? ` Your deadline, ${plan.deadline}, comes before these weeks.`
              : '';
    lines.push(
      '',
      ...wrapWidth(
        `More follows: run without --weeks for the whole plan.${beyond}`,
        lineWidth(),
        '',
      ).map((l) => chalk.dim(l)),
    );
  }
  return lines.join('\n');
}
