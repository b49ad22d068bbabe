import chalk from 'chalk';
import type { IdleJson } from '../core/focus-report.js';
import type { ProjectStepJson } from '../core/projects.js';
import type { NextResult } from '../core/select-next.js';
import { clean } from './sanitize.js';
import { commandLines, displayWidth, duration, lineWidth, localDay, wrapWidth } from './text.js';

/** `next --json`: a stable, documented shape. */
export interface NextJson {
  kind: 'module' | 'project' | null;
  reason: 'empty' | 'finished' | 'no-active-course' | null;
  course: { id: string; title: string } | null;
  module: {
    id: string;
    title: string;
    url: string;
    minutes: number;
    /** Which kind of estimate `minutes` is, as `show --json` gives it. */
    minutesBasis: string;
    /** Time already logged on it (`study`), which the estimate doesn't count. */
    minutesLogged: number;
    part: string | null;
    optional: boolean;
  } | null;
  position: { index: number; total: number } | null;
  /**
   * Optional modules left when `next` passes over them (skip-optional): in the course whose
   * project is the next step, or on the whole roadmap when nothing is left; 0 otherwise.
   */
  optionalLeft: number;
  /** With kind "project": the course's project and the step to take; null otherwise. */
  project: ProjectStepJson | null;
  /** When the course in focus has had no study for `idle-days` days; null otherwise. */
  idle: IdleJson | null;
  /**
   * With reason "no-active-course": the command that brings a parked course back; with reason
   * "finished" when every course is dropped and none finished, the one that brings back the first
   * whose catalog is loaded.
   */
  hint: string | null;
}

export interface NextExtras {
  project: ProjectStepJson | null;
  idle: IdleJson | null;
  hint: string | null;
  /** Minutes logged on the next module so far. */
  minutesLogged?: number;
}

export function nextJson(
  next: NextResult,
  extras: NextExtras = { project: null, idle: null, hint: null },
): NextJson {
  if (next.kind === null) {
    return {
      kind: null,
      reason: next.reason,
      course: null,
      module: null,
      position: null,
      optionalLeft: next.optionalLeft,
      project: null,
      idle: null,
      hint: extras.hint,
    };
  }
  const course = { id: next.course.id, title: next.course.title };
  if (next.kind === 'project') {
    return {
      kind: 'project',
      reason: null,
      course,
      module: null,
      position: null,
      optionalLeft: next.optionalLeft,
      project: extras.project,
      idle: extras.idle,
      hint: null,
    };
  }
  const { module, position } = next;
  return {
    kind: 'module',
    reason: null,
    course,
    module: {
      id: module.id,
      title: module.title,
      url: module.url,
      minutes: module.minutes,
      minutesBasis: module.minutesBasis,
      minutesLogged: extras.minutesLogged ?? 0,
      part: module.part ?? null,
      optional: module.optional === true,
    },
    position,
    optionalLeft: 0,
    project: null,
    idle: extras.idle,
    hint: null,
  };
}

/** Lookups the text needs beyond the JSON: module titles and estimate bases. */
export interface NextLabels {
  basisOf(moduleId: string): string;
  titleOf(moduleId: string): string | undefined;
  /** A course out of focus that could be studied now (its catalog is loaded), if there is one. */
  resumable?(): string | undefined;
  /** The course in focus whose catalog isn't loaded, if there is one. */
  unloadedInFocus?(): string | undefined;
}

const LAST: Record<IdleJson['last']['kind'], string> = {
  done: 'done',
  skipped: 'skipped',
  study: 'studied',
  note: 'a note on',
  project: 'worked on the project',
  activated: 'it came into focus',
};

/**
 * "No activity in mlep-intro for 9 days. Last: done “Title” (id) on 2026-02-21." Not "no study":
 * a note or a project step counts too, and the last one named may be a note.
 */
export function renderIdle(idle: IdleJson, labels: Pick<NextLabels, 'titleOf'>): string {
  const { last } = idle;
  const module = last.moduleId
    ? ` ${labels.titleOf(last.moduleId) ? `“${clean(labels.titleOf(last.moduleId)!)}” ` : ''}(${clean(last.moduleId)})`
    : '';
  const days = idle.days === 1 ? '1 day' : `${idle.days} days`;
  return `No activity in ${clean(idle.courseId)} for ${days}. Last: ${LAST[last.kind]}${module} on ${localDay(last.at)}.`;
}

/** A catalog's project ideas, two lines or more each: what it is, then what it delivers. */
export function ideaLines(ideas: ProjectStepJson['ideas']): string[] {
  return ideas.flatMap((idea) => [
    ...wrapWidth(
      `    · ${clean(idea.title)} (about ${duration(idea.minutes)}, ${idea.minutesBasis}; --idea ${clean(idea.id)})`,
      lineWidth(),
      '      ',
    ),
    ...wrapWidth(`      ${clean(idea.deliverable)}`, lineWidth(), '      ').map((l) =>
      chalk.dim(l),
    ),
  ]);
}

function renderProject(data: NextJson): string {
  const course = data.course!;
  const project = data.project!;
  const current = project.current;
  const lines = wrapWidth(
    `Build something of your own for ${clean(course.title)}`,
    lineWidth(),
    '  ',
  ).map((line) => chalk.bold(line));
  lines.push(
    ...wrapWidth(
      `  Its ${data.optionalLeft > 0 ? 'required ' : ''}modules are done; ${clean(course.id)} is finished when its project ships (or you waive it).`,
    ),
  );
  if (data.optionalLeft > 0) {
    lines.push(
      ...wrapWidth(
        `  skip-optional passed over ${data.optionalLeft} optional module${data.optionalLeft === 1 ? '' : 's'}; the course finishes only once ${data.optionalLeft === 1 ? 'it is' : 'they are'} done or skipped too.`,
      ),
    );
  }
  if (current === null) {
    if (project.ideas.length > 0) {
      lines.push('  Ideas from the catalog:', ...ideaLines(project.ideas));
      // The command whole: on a line of its own when it doesn't fit beside its lead-in.
      const lead = `  Pick one with \`roadmap project ${clean(course.id)}\`, or name your own:`;
      const command = clean(project.command!);
      const full = `${lead} ${command}`;
      lines.push(
        ...(displayWidth(full) <= lineWidth() ? [full] : [...wrapWidth(lead), `    ${command}`]),
      );
    } else {
      lines.push(`  Name yours: ${clean(project.command!)}`);
    }
    return lines.join('\n');
  }
  const goal = current.goal ? `: ${clean(current.goal)}` : '';
  lines.push(
    ...wrapWidth(`  Your project: “${clean(current.title ?? '')}”${goal}`, lineWidth(), '    '),
  );
  if (current.repo) lines.push(`  Repo: ${chalk.cyan(clean(current.repo))}`);
  const step =
    project.step === 'start' ? 'When you start building it' : 'When it is out in the world';
  // The command whole, on a line of its own when it doesn't fit beside its lead-in.
  lines.push(...commandLines(`  ${step}: ${clean(project.command!)}`));
  return lines.join('\n');
}

/**
 * A message wrapped to the line width, then the commands to run, each kept whole: on its own
 * line when it doesn't fit beside its lead-in.
 */
function said(sentence: string, ...commands: string[]): string {
  return [
    ...wrapWidth(sentence, lineWidth(), ''),
    ...commands.flatMap((c) => commandLines(c)),
  ].join('\n');
}

/**
 * `heading` goes before a module's title ("Next: " after a change), below any idle nudge, so the
 * nudge keeps its own line.
 */
export function renderNext(data: NextJson, labels: NextLabels, heading = ''): string {
  if (data.kind === null) {
    if (data.reason === 'empty') return 'Your roadmap is empty.';
    if (data.reason === 'no-active-course') {
      if (data.hint === 'roadmap doctor') {
        const other = labels.resumable?.();
        const course = labels.unloadedInFocus?.();
        const named = course === undefined ? 'The course in focus' : clean(course);
        return said(
          `${named} can't be studied now: no loaded catalog has it (its catalog is missing or damaged, or a new version of it left the course out). Import a catalog that has it to go on, or take the course off with \`roadmap remove ${course === undefined ? '<course>' : clean(course)}\`.`,
          'See why: roadmap doctor',
          ...(other === undefined
            ? []
            : [`To study another course meanwhile: roadmap resume ${clean(other)}`]),
        );
      }
      return said(
        'No course is in focus: every course left to study is parked.',
        ...(data.hint ? [`Bring one back: ${clean(data.hint)}`] : []),
      );
    }
    if (data.optionalLeft > 0) {
      return said(
        `Nothing left but ${data.optionalLeft} optional module${data.optionalLeft === 1 ? '' : 's'}, which skip-optional passes over.`,
      );
    }
    if (data.hint !== null) {
      return said(
        'Every course on your roadmap is dropped, so nothing is left to study.',
        `Bring one back: ${clean(data.hint)}`,
        'Or add another: roadmap add <course>',
      );
    }
    return chalk.green('Your roadmap is finished: every course on it is finished or dropped.');
  }
  const idle = data.idle
    ? `${chalk.yellow(wrapWidth(`! ${renderIdle(data.idle, labels)}`, lineWidth(), '  ').join('\n'))}\n`
    : '';
  // After a nudge, the step below is the one to take now; a heading of its own ("Next: ") says so
  // already.
  if (data.kind === 'project')
    return `${idle}${data.idle && heading === '' ? `${chalk.yellow('One step now:')}\n` : ''}${renderProject(data)}`;
  if (data.idle && heading === '') heading = chalk.yellow('One step now: ');
  const { course, module, position } = data as Required<{
    [K in keyof NextJson]: NonNullable<NextJson[K]>;
  }>;
  const optional = module.optional ? chalk.yellow(' (optional)') : '';
  const lines = [
    ...wrapWidth(`${heading}${chalk.bold(clean(module.title))}${optional}`, lineWidth(), '  '),
    ...wrapWidth(
      `  ${clean(course.title)} · module ${position.index} of ${position.total}`,
      lineWidth(),
      '  ',
    ),
  ];
  if (module.part) lines.push(...wrapWidth(`  Part: ${clean(module.part)}`, lineWidth(), '    '));
  const logged =
    module.minutesLogged > 0 ? ` · ${duration(module.minutesLogged)} logged so far` : '';
  lines.push(`  About ${duration(module.minutes)} (${labels.basisOf(module.id)})${logged}`);
  lines.push(`  ${chalk.cyan(clean(module.url))}`);
  lines.push(chalk.dim(`  id: ${clean(module.id)}`));
  return idle + lines.join('\n');
}

/** One line for shell prompts: course, module, time. Empty roadmap: nothing. */
export function renderNextShort(data: NextJson): string | null {
  if (data.kind === null) {
    if (data.reason === 'empty') return null;
    if (data.reason === 'finished') return 'roadmap finished';
    return data.hint === 'roadmap doctor'
      ? 'catalog of the course in focus not loaded'
      : 'no course in focus';
  }
  if (data.kind === 'project') {
    const title = data.project?.current?.title;
    const step = data.project?.step;
    const what =
      step === 'choose'
        ? 'choose a project'
        : `${step} ${title ? `“${clean(title)}”` : 'the project'}`;
    return `${clean(data.course!.id)} · project: ${what}`;
  }
  return `${clean(data.course!.id)} · ${clean(data.module!.title)} · ${duration(data.module!.minutes)}`;
}
