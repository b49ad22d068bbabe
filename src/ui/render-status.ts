import chalk from 'chalk';
import type { CourseProgress, StatusReport, Totals } from '../core/progress.js';
import { bar } from './bar.js';
import { clean } from './sanitize.js';
import { ago, hours, padWidth } from './text.js';

/** `status --json`: every documented key is present, null where it doesn't apply. */
export interface StatusJson {
  courses: CourseProgress[];
  total: StatusReport['total'];
}

export function statusJson(report: StatusReport): StatusJson {
  return { courses: report.courses, total: report.total };
}

function counts(row: Totals): string {
  const modules =
    row.skipped > 0
      ? `${row.done + row.skipped}/${row.total} (${row.done} done, ${row.skipped} skipped)`
      : `${row.done}/${row.total} done`;
  return `${modules} · ${row.percent}% · ${hours(row.minutesDone)} of ${hours(row.minutesTotal)}`;
}

function logged(row: Totals): string {
  return row.minutesLogged > 0 ? ` · ${hours(row.minutesLogged)} logged` : '';
}

export function renderStatus(report: StatusReport, now: Date, barWidth: number): string {
  const lines: string[] = [];
  const idWidth = Math.min(20, Math.max(...report.courses.map((c) => c.id.length), 5));
  report.courses.forEach((course, i) => {
    const n = `${i + 1}.`.padStart(3);
    if (!course.inCatalog) {
      lines.push(
        `${n} ${padWidth(clean(course.id), idWidth)}  ${chalk.yellow('catalog not loaded')}`,
      );
      return;
    }
    const finished = course.total > 0 && course.done + course.skipped === course.total;
    const title = finished
      ? chalk.green(`${clean(course.title)} ✓`)
      : chalk.bold(clean(course.title));
    lines.push(`${n} ${padWidth(clean(course.id), idWidth)}  ${title}`);
    lines.push(
      `    ${bar(course.done, course.skipped, course.total, barWidth)}  ${counts(course)}`,
    );
    lines.push(
      chalk.dim(
        `    added ${ago(course.addedAt, now)} · started ${ago(course.startedAt, now)} · last worked ${ago(course.lastActivityAt, now)}${logged(course)}`,
      ),
    );
  });
  const { total } = report;
  lines.push('');
  lines.push(
    `${chalk.bold('Total')}  ${bar(total.done, total.skipped, total.total, barWidth)}  ${counts(total)}`,
  );
  if (total.minutesLogged > 0) lines.push(chalk.dim(`       ${hours(total.minutesLogged)} logged`));
  return lines.join('\n');
}

/** The one-line summary shown by bare `roadmap`. */
export function renderStatusLine(report: StatusReport): string {
  const { total } = report;
  return `${total.done + total.skipped}/${total.total} modules (${total.percent}%) across ${report.courses.length} course${report.courses.length === 1 ? '' : 's'} · ${hours(total.minutesDone)} of ${hours(total.minutesTotal)}`;
}
