import { format } from 'date-fns/format';
import { renderIdle } from './render-next.js';
import type { StatusJson } from './render-status.js';
import {
  calibrationText,
  etaText,
  paceText,
  type StatusLabels,
  summaryLine,
} from './render-status.js';
import { clean } from './sanitize.js';
import { goalHours, hours, localDay, plural, towardGoal } from './text.js';
import { renderWeekChart } from './week-chart.js';

/** Markdown table cells can't hold a pipe or a line break. */
const cell = (text: string) => clean(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

/**
 * Text from a catalog or the learner (titles, reasons), shown as written: Markdown's own
 * characters are escaped, so that `*stars*` stay stars, a backtick opens no code span and
 * `<script>` is no HTML. Safe in a table cell too.
 */
const literal = (text: string) =>
  clean(text)
    .replace(/[\\`*_[\]<>#|~&!]/g, '\\$&')
    .replaceAll('\n', ' ');

/**
 * `status --format markdown`: the same report as text, for a journal or a README. The chart goes
 * in a code block, where its block characters keep their alignment; colour is never used.
 */
export function renderStatusMarkdown(
  data: StatusJson,
  now: Date,
  labels: StatusLabels = { titleOf: () => undefined, stepOf: () => '`roadmap next`' },
): string {
  const lines = [
    `# Learning roadmap, ${format(now, 'yyyy-MM-dd')}`,
    '',
    `**${summaryLine(data)}**`,
    '',
  ];
  // Hours are the estimates of what is done, of the whole; Logged is the time you recorded.
  lines.push('| # | Course | Done | % | Hours | Logged | ETA |', '|---|---|---|---|---|---|---|');
  data.courses.forEach((c, i) => {
    // As the text report counts: skipped modules count toward the course, and say so.
    const split = c.skipped > 0 ? ` (${c.done} done, ${c.skipped} skipped)` : '';
    const done = c.inCatalog ? `${c.done + c.skipped}/${c.total}${split}` : 'catalog not loaded';
    const eta =
      c.eta.reason === 'finished' || c.eta.reason === 'dropped'
        ? c.eta.reason
        : c.eta.date === null
          ? '—'
          : `${c.eta.date}${c.eta.basis === 'goal' ? ' (goal pace)' : ''}`;
    lines.push(
      `| ${i + 1} | ${literal(c.title)} (\`${cell(c.id)}\`) | ${done} | ${c.percent}% | ${hours(c.minutesDone)} of ${hours(c.minutesTotal)} | ${hours(c.minutesLogged)} | ${eta} |`,
    );
  });
  lines.push('', ...focusMarkdown(data, labels));
  // Labelled by each week's first day, as in the text report, which says which day that is.
  const starts = data.weekStart === 'sunday' ? 'Sunday' : 'Monday';
  lines.push('', `## Study hours per week (weeks start on ${starts})`, '', '```');
  // The chart colours itself for terminals; a Markdown file gets the plain characters.
  const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
  lines.push(
    ...renderWeekChart(data.weeks, data.goal?.minutesPerWeek ?? null).map((l) =>
      l.replace(ansi, ''),
    ),
  );
  lines.push('```', '', '## Pace', '');
  const { pace, streak, goal } = data;
  // As in the text report: no pace line before there is any study to measure.
  if (pace.windowDays > 0) lines.push(`- Pace: ${paceText(pace)}`);
  lines.push(
    pace.calibration.reason === null
      ? `- Estimates: ${calibrationText(pace.calibration)}`
      : `- Estimates: the catalog's as they are (${pace.calibration.reason})`,
  );
  if (goal) {
    const track =
      goal.onTrack === null
        ? ''
        : goal.onTrack
          ? ', on track'
          : goal.neededMinutesPerWeek === null
            ? `, ${hours(goal.behindMinutes ?? 0)} left and passed`
            : `, ${goal.basis === 'goal' ? "at your goal's pace" : 'at this pace'} ${hours(goal.behindMinutes ?? 0)} short; you'd need ${hours(goal.neededMinutesPerWeek)} a week`;
    const deadline = goal.deadline ? ` (deadline ${goal.deadline}${track})` : '';
    lines.push(
      `- Goal: ${towardGoal(goal.thisWeekMinutes, goal.minutesPerWeek)} of ${goalHours(goal.minutesPerWeek)} this week${deadline}`,
    );
  }
  const goalRun = goal
    ? `, goal met ${plural(streak.goalWeeks.current, 'week')} (best ${streak.goalWeeks.longest})`
    : '';
  lines.push(
    `- Streaks: ${plural(streak.days.current, 'day')} (best ${streak.days.longest}), ${plural(streak.weeks.current, 'week')} (best ${streak.weeks.longest})${goalRun}`,
  );
  lines.push(`- ETA: ${etaText(data.eta)}`);
  return lines.join('\n');
}

/** Where the focus is, the courses set aside and why, and the projects. */
function focusMarkdown(data: StatusJson, labels: StatusLabels): string[] {
  const code = (id: string) => `\`${cell(id)}\``;
  const lines = ['## Focus and projects', ''];
  // A course in focus whose catalog isn't loaded keeps its place (no course comes in by itself).
  const unloaded = data.focus.unloaded.map((id) => `${code(id)} (catalog not loaded)`);
  lines.push(
    data.focus.active.length > 0
      ? `- In focus: ${[...data.focus.active.map(code), ...unloaded].join(', ')} (focus-limit ${data.focus.limit})`
      : unloaded.length > 0
        ? `- In focus: ${unloaded.join(', ')}`
        : '- In focus: nothing',
  );
  for (const c of data.courses) {
    if (c.state === 'parked' || c.state === 'dropped') {
      const since = c.stateSince ? ` since ${localDay(c.stateSince)}` : '';
      lines.push(`- ${code(c.id)} ${c.state}${since}${c.reason ? `: ${literal(c.reason)}` : ''}`);
    }
    const p = c.project;
    if (p !== null) {
      const title = p.title ? `“${literal(p.title)}”, ` : '';
      const where = p.shippedRef ?? p.repo ?? p.waiveReason;
      const logged = p.minutesLogged > 0 ? `, ${hours(p.minutesLogged)} logged` : '';
      lines.push(
        `- Project for ${code(c.id)}: ${title}${p.stage}${where ? ` (${literal(where)})` : ''}${logged}`,
      );
    }
  }
  const { hopping } = data;
  if (hopping.startedUnfinished > 0)
    lines.push(
      `- Started and not finished: ${hopping.startedUnfinished} (${hopping.courses.map(code).join(', ')})`,
    );
  if (hopping.warning) lines.push(`- ${cell(hopping.warning)}`);
  // The idle nudge, as the text report gives it; its titles are the catalog's, so escaped.
  const titles = {
    titleOf: (id: string) => {
      const title = labels.titleOf(id);
      return title === undefined ? undefined : literal(title);
    },
  };
  // The step is text with commands in backticks; escaped whole, it reads as the text report does.
  for (const c of data.courses)
    if (c.idle !== null)
      lines.push(`- ${renderIdle(c.idle, titles)} One step now: ${literal(labels.stepOf(c.id))}`);
  return lines;
}
