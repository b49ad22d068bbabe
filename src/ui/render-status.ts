import chalk from 'chalk';
import type { WeekMinutes } from '../core/calendar.js';
import type { Eta } from '../core/eta.js';
import type { CourseFocusJson, FocusJson, FocusReport, HoppingJson } from '../core/focus-report.js';
import type { GoalStatus } from '../core/goal.js';
import type { Pace } from '../core/pace.js';
import type { CourseProgress, StatusReport, Totals } from '../core/progress.js';
import type { ProjectJson } from '../core/projects.js';
import type { PaceReport } from '../core/report.js';
import type { Streaks } from '../core/streaks.js';
import { bar } from './bar.js';
import { renderIdle } from './render-next.js';
import { clean } from './sanitize.js';
import {
  ago,
  displayWidth,
  fitWidth,
  goalHours,
  hours,
  lineWidth,
  localDay,
  padWidth,
  plural,
  towardGoal,
  wrapWidth,
} from './text.js';
import { renderWeekChart } from './week-chart.js';

/** One course in `status --json`: its progress, ETA, state and project. */
export type StatusCourseJson = CourseProgress & { eta: Eta } & CourseFocusJson;

/** `status --json`: every documented key is present, null where it doesn't apply. */
export interface StatusJson {
  courses: StatusCourseJson[];
  /** Every course but the dropped ones. */
  total: StatusReport['total'];
  focus: FocusJson;
  hopping: HoppingJson;
  pace: Pace;
  eta: Eta;
  streak: Streaks;
  goal: GoalStatus | null;
  weeks: WeekMinutes[];
  /** All study minutes so far (logged, plus estimates of done modules without any). */
  studiedMinutes: number;
  weekStart: 'monday' | 'sunday';
}

export function statusJson(
  report: StatusReport,
  pace: PaceReport,
  weekStart: 'monday' | 'sunday',
  focus: FocusReport,
): StatusJson {
  const noEta: Eta = { date: null, basis: null, reason: 'not on the roadmap' };
  return {
    courses: report.courses.map((c) => ({
      ...c,
      eta: pace.courseEtas[c.id] ?? noEta,
      ...focus.courses.get(c.id)!,
    })),
    total: report.total,
    focus: focus.focus,
    hopping: focus.hopping,
    pace: pace.pace,
    eta: pace.eta,
    streak: pace.streak,
    goal: pace.goal,
    weeks: pace.weeks,
    studiedMinutes: pace.studiedMinutes,
    weekStart,
  };
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

/**
 * "2027-03-01 at your pace", or why there is no date. At the goal's pace, why yours can't be used
 * is said too, unless `why` is false: a course's line leaves it to the total's, which says it once.
 */
export function etaText(eta: Eta, why = true): string {
  if (eta.reason === 'finished' || eta.reason === 'all courses are finished') return 'finished';
  if (eta.date === null) return `no date yet: ${eta.reason ?? 'not enough history'}`;
  if (eta.basis !== 'goal') return `${eta.date} at your pace`;
  return why
    ? `${eta.date} at your goal's pace (yours can't be used: ${eta.reason})`
    : `${eta.date} at your goal's pace`;
}

const STATE_LABEL: Record<CourseFocusJson['state'], (text: string) => string> = {
  active: (t) => chalk.cyan(t),
  planned: (t) => chalk.dim(t),
  parked: (t) => chalk.yellow(t),
  dropped: (t) => chalk.dim(t),
  finished: (t) => chalk.green(t),
};

/** "parked 2 days ago (for hf-course): the labs need a GPU" */
function stateLine(course: StatusCourseJson, now: Date): string | null {
  if (course.state !== 'parked' && course.state !== 'dropped') return null;
  const since = course.stateSince ? ` ${ago(course.stateSince, now)}` : '';
  const parkedFor = course.parkedFor ? ` (for ${clean(course.parkedFor)})` : '';
  const reason = course.reason ? `: ${clean(course.reason)}` : '';
  const left = course.state === 'dropped' ? ' · not counted in the totals' : '';
  return `    ${course.state}${since}${parkedFor}${reason}${left}`;
}

function projectLine(course: StatusCourseJson): string | null {
  const p = course.project;
  const modulesDone = course.total > 0 && course.done + course.skipped === course.total;
  if (p === null) {
    return modulesDone && course.state !== 'dropped'
      ? `    project: none yet; the course is finished when one ships (\`roadmap project ${clean(course.id)}\`)`
      : null;
  }
  return `    project: ${projectSummary(p)}`;
}

/** A project in a line, as `status` and `show` give it: "“Drift alerts” · shipped 2026-03-16 · v1". */
export function projectSummary(p: ProjectJson): string {
  if (p.stage === 'waived') return `waived${p.waiveReason ? `: ${clean(p.waiveReason)}` : ''}`;
  const title = p.title ? `“${clean(p.title)}” · ` : '';
  const detail =
    p.stage === 'shipped'
      ? ` ${p.shippedAt ? localDay(p.shippedAt) : ''}${p.shippedRef ? ` · ${clean(p.shippedRef)}` : ''}`
      : p.stage === 'started' && p.repo
        ? ` · ${clean(p.repo)}`
        : '';
  const logged = p.minutesLogged > 0 ? ` · ${hours(p.minutesLogged)} logged` : '';
  return `${title}${p.stage}${detail}${logged}`;
}

/** The smallest bar that still shows progress at a glance. */
const MIN_BAR = 5;

/** Columns a bar's lead takes: "    " under a course, "Total  " for the total. */
const leadWidthOf = (lead: string) => displayWidth(lead.replace(/\u001b\[[\d;]*m/g, ''));

/**
 * One width for every bar, so that they compare at a glance: in a terminal narrower than 80
 * columns the bars give way (down to MIN_BAR) until the widest counts fit beside them. At 80,
 * the bar-width chosen is kept, however long the lines.
 */
function fittedBarWidth(barWidth: number, rows: Array<{ lead: string; text: string }>): number {
  if (lineWidth() >= 80) return barWidth;
  const room = Math.min(
    ...rows.map((r) => lineWidth() - leadWidthOf(r.lead) - 2 - displayWidth(r.text)),
  );
  return Math.min(barWidth, Math.max(MIN_BAR, room));
}

/**
 * A bar and its counts: on one line when they fit, else the counts on a line of their own (at 80
 * columns too, where the bars keep their width: "19/111 (18 done, 1 skipped) · … (without
 * dropped)" is longer than a line beside one).
 */
function barLines(
  lead: string,
  tally: { done: number; skipped: number; total: number },
  text: string,
  width: number,
): string[] {
  const leadWidth = leadWidthOf(lead);
  const drawn = `${lead}${bar(tally.done, tally.skipped, tally.total, width)}`;
  const fits = leadWidth + width + 2 + displayWidth(text) <= lineWidth();
  return fits
    ? [`${drawn}  ${text}`]
    : [
        drawn,
        ...wrapWidth(`${' '.repeat(leadWidth)}${text}`, lineWidth(), ' '.repeat(leadWidth + 2)),
      ];
}

function courseLines(
  course: StatusCourseJson,
  n: string,
  idWidth: number,
  now: Date,
  barWidth: number,
): string[] {
  const id = padWidth(clean(course.id), idWidth);
  if (!course.inCatalog) {
    // What was done on it is still known; its total is not.
    const known = [
      ...(course.done > 0 ? [`${course.done} done`] : []),
      ...(course.skipped > 0 ? [`${course.skipped} skipped`] : []),
      ...(course.minutesLogged > 0 ? [`${hours(course.minutesLogged)} logged`] : []),
    ];
    return wrapWidth(
      `${n} ${id}  ${chalk.yellow('catalog not loaded')} · ${[course.state, ...known].join(' · ')}`,
      lineWidth(),
      ' '.repeat(displayWidth(`${n} ${id}  `)),
    );
  }
  const finished = course.state === 'finished';
  const label = finished ? '' : `  ${course.state}`;
  // " 1. " + id (padded, or longer than the column) + two spaces come before the title; a
  // finished one gains " ✓", the others their state.
  const room = lineWidth() - displayWidth(`${n} ${id}  `) - (finished ? 2 : 0) - label.length;
  const title = fitWidth(clean(course.title), room);
  const styled = finished
    ? chalk.green(`${title} ✓`)
    : course.state === 'dropped'
      ? chalk.dim(title)
      : chalk.bold(title);
  const lines = [
    `${n} ${id}  ${styled}${label && STATE_LABEL[course.state](label)}`,
    ...barLines('    ', course, counts(course), barWidth),
    ...wrapWidth(
      course.startedAt === null
        ? `    added ${ago(course.addedAt, now)} · not started yet`
        : `    started ${ago(course.startedAt, now)} · last worked ${ago(course.lastActivityAt, now)}${logged(course)}`,
      lineWidth(),
      '      ',
    ).map((l) => chalk.dim(l)),
  ];
  for (const line of [stateLine(course, now), projectLine(course)]) {
    if (line !== null) lines.push(...wrapWidth(line, lineWidth(), '      '));
  }
  if (course.eta.date !== null)
    lines.push(...wrapWidth(`    ETA ${etaText(course.eta, false)}`, lineWidth(), '      '));
  return lines;
}

/**
 * The pace, a week's worth. Under a week of history a weekly figure would multiply a day or two
 * by seven, so what was done in those days is given instead.
 */
export function paceText(pace: Pace): string {
  if (pace.windowDays < 7 && pace.windowDays < pace.requestedWindowDays) {
    const minutes = Math.round((pace.minutesPerWeek * pace.windowDays) / 7);
    const modules = Math.round((pace.modulesPerWeek * pace.windowDays) / 7);
    return `${hours(minutes)} and ${plural(modules, 'module')} in ${plural(pace.windowDays, 'day')} so far; a weekly figure needs 7 days`;
  }
  return `${hours(pace.minutesPerWeek)} and ${plural(pace.modulesPerWeek, 'module')} a week, over the last ${plural(pace.windowDays, 'day')}`;
}

function paceLines(data: StatusJson): string[] {
  const { pace } = data;
  const lines: string[] = [];
  if (pace.windowDays > 0) lines.push(...wrapWidth(`Pace: ${paceText(pace)}`));
  // The estimates are scaled for what is left: with every course finished or dropped, nothing is.
  const nothingLeft =
    data.eta.reason === 'all courses are finished' ||
    data.eta.reason === 'every course on the roadmap is dropped';
  if (nothingLeft) return lines;
  const { calibration } = pace;
  lines.push(
    calibration.reason === null
      ? wrapWidth(`Estimates: ${calibrationText(calibration)}`).join('\n')
      : wrapWidth(`Estimates: the catalog's, as they are (${calibration.reason})`)
          .map((l) => chalk.dim(l))
          .join('\n'),
  );
  return lines;
}

/**
 * "you take 1.2× the catalog's estimate, from 3 modules", or, when the factor was held to its
 * range, what your minutes gave and what roadmap applies instead.
 */
export function calibrationText(calibration: Pace['calibration']): string {
  const { factor, measured } = calibration;
  const from = `from ${plural(calibration.modules, 'module')}`;
  if (measured === null || measured === factor)
    return `you take ${factor}× the catalog's estimate, ${from}`;
  const end = measured < factor ? 'least' : 'most';
  return `your minutes give ${measured}× the catalog's estimate, ${from}; roadmap applies ${factor}×, the ${end} it does`;
}

const WEEK_MINUTES = 7 * 24 * 60;

function goalLines(goal: GoalStatus | null): string[] {
  if (goal === null) {
    // The command goes on a line of its own when the line doesn't fit (40 columns).
    const none = 'Goal: none set (roadmap goal --hours-per-week 5)';
    const lines =
      displayWidth(none) <= lineWidth()
        ? [none]
        : ['Goal: none set; set one with:', '  roadmap goal --hours-per-week 5'];
    return lines.map((l) => chalk.dim(l));
  }
  const week = `Goal: ${towardGoal(goal.thisWeekMinutes, goal.minutesPerWeek)} of ${goalHours(goal.minutesPerWeek)} this week`;
  if (goal.deadline === null) return [week];
  if (goal.onTrack) {
    return wrapWidth(
      `${week} · ${chalk.green('on track')} for ${goal.deadline} (needs ${hours(goal.neededMinutesPerWeek ?? 0)} a week)`,
    );
  }
  const short = hours(goal.behindMinutes ?? 0);
  // Not a debt owed today: what the pace you keep would leave undone when the deadline comes.
  if (goal.neededMinutesPerWeek === null) {
    return [
      ...wrapWidth(
        `${week} · ${chalk.yellow(`${short} left`)}, and the deadline ${goal.deadline} has passed`,
        lineWidth(),
        '      ',
      ),
      '      move it: roadmap goal --deadline DATE',
    ];
  }
  // Until your own pace can be measured, the goal's stands in: say so, as the ETA line does.
  const pace = goal.basis === 'goal' ? "at your goal's pace" : 'at this pace';
  const behind = `${pace}, ${chalk.yellow(`${short} short`)} by ${goal.deadline}`;
  const needed =
    goal.neededMinutesPerWeek > WEEK_MINUTES
      ? `you'd need ${hours(goal.neededMinutesPerWeek)} a week, more than a week holds: move the deadline (roadmap goal --deadline DATE)`
      : `you'd need ${hours(goal.neededMinutesPerWeek)} a week from now on`;
  return [
    ...wrapWidth(`${week} · ${behind}`),
    ...wrapWidth(`      ${needed}`, lineWidth(), '      '),
  ];
}

function streakText(streak: Streaks): string {
  const days = streak.days.current;
  return days === 0 ? 'no streak' : `${days}-day streak`;
}

/** The one-line summary: done (and skipped)/total, hours, streak and ETA. */
export function summaryLine(data: StatusJson): string {
  const { total } = data;
  const eta =
    data.eta.reason === 'all courses are finished'
      ? 'all finished'
      : data.eta.date === null
        ? 'no ETA yet'
        : // At the goal's pace, said so: the line is shared on its own, without the ETA line.
          `ETA ${data.eta.date}${data.eta.basis === 'goal' ? ' at goal pace' : ''}`;
  const marked = total.skipped > 0 ? 'done or skipped' : 'done';
  return `${total.done + total.skipped}/${total.total} ${marked} · ${hours(data.studiedMinutes)} studied · ${streakText(data.streak)} · ${eta}`;
}

/** Lookups the text needs beyond the JSON. */
export interface StatusLabels {
  titleOf(moduleId: string): string | undefined;
  /** The one step to take now in a course: its next module, or its project. */
  stepOf(courseId: string): string;
}

const NO_LABELS: StatusLabels = { titleOf: () => undefined, stepOf: () => '`roadmap next`' };

/** Where the focus is, whether you hop between courses, and courses left idle. */
export function focusLines(data: StatusJson, labels: StatusLabels): string[] {
  const lines: string[] = [];
  const { hopping } = data;
  if (hopping.startedUnfinished > 0) {
    lines.push(
      `Started and not finished: ${hopping.startedUnfinished} (${hopping.courses.map(clean).join(', ')})`,
    );
  }
  if (hopping.warning) lines.push(...wrapWidth(`! ${clean(hopping.warning)}`, lineWidth(), '  '));
  for (const course of data.courses) {
    if (course.idle === null) continue;
    lines.push(...wrapWidth(`! ${renderIdle(course.idle, labels)}`, lineWidth(), '  '));
    lines.push(...wrapWidth(`  One step now: ${labels.stepOf(course.id)}`, lineWidth(), '    '));
  }
  return lines;
}

/** A run of courses listed as one line: finished ones, or planned ones not started. */
interface FoldedRun {
  /** Position of the first course on the roadmap, from 0. */
  from: number;
  courses: StatusCourseJson[];
}

/** Runs shorter than this are listed course by course. */
const FOLD_AT = 4;

const foldable = (course: StatusCourseJson): 'finished' | 'planned' | null =>
  !course.inCatalog
    ? null
    : course.state === 'finished'
      ? 'finished'
      : course.state === 'planned' && course.startedAt === null
        ? 'planned'
        : null;

/**
 * The courses to list, with long runs of finished courses, and of planned ones after the first
 * (the one coming up next), folded into one line each: a roadmap of a thousand courses would
 * otherwise print four thousand lines, and those runs say nothing one line can't.
 */
function foldRuns(
  courses: StatusCourseJson[],
): Array<{ at: number; course: StatusCourseJson } | FoldedRun> {
  const rows: Array<{ at: number; course: StatusCourseJson } | FoldedRun> = [];
  for (let at = 0; at < courses.length; ) {
    const kind = foldable(courses[at]!);
    let end = at + 1;
    while (kind && end < courses.length && foldable(courses[end]!) === kind) end++;
    // The first planned course is what comes next, so it keeps its lines.
    const start = kind === 'planned' ? at + 1 : at;
    if (kind && end - start >= FOLD_AT) {
      for (let i = at; i < start; i++) rows.push({ at: i, course: courses[i]! });
      rows.push({ from: start, courses: courses.slice(start, end) });
    } else {
      for (let i = at; i < end; i++) rows.push({ at: i, course: courses[i]! });
    }
    at = end;
  }
  return rows;
}

function foldedLines(run: FoldedRun): string[] {
  const { courses } = run;
  const first = courses[0]!;
  const last = courses.at(-1)!;
  const ids =
    courses.length <= 6
      ? courses.map((c) => clean(c.id)).join(', ')
      : `${clean(first.id)} … ${clean(last.id)}`;
  const numbers = `${run.from + 1}–${run.from + courses.length}.`.padStart(3);
  if (first.state === 'finished') {
    return wrapWidth(
      `${numbers} ${chalk.green(`${courses.length} finished courses ✓`)} ${chalk.dim(ids)}`,
      lineWidth(),
      '      ',
    );
  }
  const minutes = courses.reduce((sum, c) => sum + c.minutesTotal, 0);
  const eta = last.eta.date === null ? '' : ` · the last ETA ${etaText(last.eta, false)}`;
  return wrapWidth(
    `${numbers} ${courses.length} ${chalk.dim('planned')} courses, not started: ${ids} · ${hours(minutes)}${eta}`,
    lineWidth(),
    '      ',
  );
}

export function renderStatus(
  data: StatusJson,
  now: Date,
  chosenBarWidth: number,
  labels: StatusLabels = NO_LABELS,
  options: { all?: boolean } = {},
): string {
  const lines: string[] = [];
  const idWidth = Math.min(20, Math.max(...data.courses.map((c) => c.id.length), 5));
  const { focus } = data;
  const unloadedInFocus = focus.unloaded;
  if (focus.active.length > 0) {
    const held = unloadedInFocus.map((id) => `${clean(id)} (catalog not loaded)`);
    lines.push(
      ...wrapWidth(
        `In focus: ${[...focus.active.map(clean), ...held].join(', ')} ${chalk.dim(`(focus-limit ${focus.limit})`)}`,
        lineWidth(),
        '    ',
      ),
    );
  } else if (unloadedInFocus.length > 0) {
    // It keeps its place in the focus (no course comes in by itself), so say what holds it.
    lines.push(
      chalk.yellow(
        `In focus: ${unloadedInFocus.map(clean).join(', ')}, whose catalog isn't loaded; \`roadmap doctor\` says why.`,
      ),
    );
  } else if (data.courses.some((c) => c.state === 'parked')) {
    lines.push(chalk.yellow('In focus: nothing; every course left to study is parked.'));
  }
  const rows = options.all
    ? data.courses.map((course, at) => ({ at, course }))
    : foldRuns(data.courses);
  const { total } = data;
  const dropped = data.courses.some((c) => c.state === 'dropped') ? ' (without dropped)' : '';
  const totalLead = `${chalk.bold('Total')}  `;
  const totalText = `${counts(total)}${dropped}`;
  const barWidth = fittedBarWidth(chosenBarWidth, [
    ...rows.flatMap((row) =>
      'course' in row && row.course.inCatalog ? [{ lead: '    ', text: counts(row.course) }] : [],
    ),
    { lead: totalLead, text: totalText },
  ]);
  for (const row of rows) {
    if ('course' in row) {
      lines.push(...courseLines(row.course, `${row.at + 1}.`.padStart(3), idWidth, now, barWidth));
    } else {
      lines.push(...foldedLines(row));
    }
  }
  if (rows.length < data.courses.length) {
    lines.push(chalk.dim('     (`roadmap status --all` lists every course in full)'));
  }
  lines.push('');
  lines.push(...barLines(totalLead, total, totalText, barWidth));
  lines.push('');
  const starts = data.weekStart === 'sunday' ? 'Sunday' : 'Monday';
  lines.push(
    ...wrapWidth(
      `${chalk.bold(`Study hours, last ${data.weeks.length} weeks`)} ${chalk.dim(`(weeks start on ${starts})`)}`,
      lineWidth(),
      '  ',
    ),
  );
  lines.push(...renderWeekChart(data.weeks, data.goal?.minutesPerWeek ?? null));
  lines.push('');
  // With nothing left to study, a nudge to set a weekly goal would be advice for no one.
  const nothingLeft = data.goal === null && data.eta.reason === 'all courses are finished';
  lines.push(...paceLines(data), ...(nothingLeft ? [] : goalLines(data.goal)));
  const { streak } = data;
  const goalRun = data.goal
    ? ` · goal met ${plural(streak.goalWeeks.current, 'week')} (best ${streak.goalWeeks.longest})`
    : '';
  lines.push(
    ...wrapWidth(
      `Streaks: ${plural(streak.days.current, 'day')} (best ${streak.days.longest}) · ${plural(streak.weeks.current, 'week')} (best ${streak.weeks.longest})${goalRun}`,
    ),
  );

  const eta = wrapWidth(`ETA: ${etaText(data.eta)}`);
  lines.push(...(data.eta.date === null ? eta.map((l) => chalk.dim(l)) : eta));
  lines.push('');
  lines.push(...wrapWidth(summaryLine(data), lineWidth(), '  ').map((l) => chalk.bold(l)));
  const focusText = focusLines(data, labels);
  if (focusText.length > 0) lines.push('', ...focusText.map((l) => chalk.yellow(l)));
  return lines.join('\n');
}

/** The one-line summary shown by bare `roadmap`; `counted` leaves dropped courses out. */
export function renderStatusLine(report: StatusReport, counted = report.courses.length): string {
  const { total } = report;
  return `${total.done + total.skipped}/${total.total} modules (${total.percent}%) across ${counted} course${counted === 1 ? '' : 's'} · ${hours(total.minutesDone)} of ${hours(total.minutesTotal)}`;
}
