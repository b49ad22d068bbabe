import chalk from 'chalk';
import type { WeekMinutes } from '../core/calendar.js';
import { hours, lineWidth } from './text.js';

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Mar 02' for '2026-03-02', as date-fns' 'MMM dd' would, without loading its formatter. */
export function weekLabel(day: string): string {
  return `${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(8, 10)}`;
}
/** Columns for the longest bar: label (6) + gaps + bar + value stay inside 80 columns. */
/** Bar cells at most, on a terminal of 80 columns or more. */
export const MOST_CELLS = 48;

/** A bar of `value / max` of `width` columns, in eighths of a column. */
function hbar(value: number, max: number, width: number): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/**
 * Study hours per week, one labelled line a week, oldest first. An empty week shows a baseline
 * mark (·) so every week stays visible; with a goal, a ┆ marks where the goal is.
 */
export function renderWeekChart(weeks: WeekMinutes[], goalMinutes: number | null): string[] {
  // The label (10 columns) and the figure after the bar (up to 19) take the rest of a line.
  const cellsWide = Math.min(MOST_CELLS, lineWidth() - 29);
  const max = Math.max(...weeks.map((w) => w.minutes), goalMinutes ?? 0, 60);
  const goalColumn =
    goalMinutes === null
      ? -1
      : Math.min(cellsWide - 1, Math.round((goalMinutes / max) * cellsWide) - 1);
  return weeks.map((week, i) => {
    const label = weekLabel(week.start);
    const filled = hbar(week.minutes, max, cellsWide);
    let cells = week.minutes > 0 ? filled : '·';
    let width = [...cells].length;
    if (goalColumn >= width) {
      cells += `${' '.repeat(goalColumn - width)}${chalk.dim('┆')}`;
      width = goalColumn + 1;
    }
    const met = goalMinutes !== null && week.minutes >= goalMinutes;
    const shown =
      week.minutes > 0 ? (met ? chalk.green(cells) : chalk.cyan(cells)) : chalk.dim(cells);
    const value = week.minutes > 0 ? hours(week.minutes) : chalk.dim('0 h');
    const now = i === weeks.length - 1 ? chalk.dim(' (this week)') : '';
    return `  ${label}  ${shown}${' '.repeat(Math.max(0, cellsWide + 1 - width))}${value}${now}`;
  });
}
