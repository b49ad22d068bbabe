import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Context, print, tell } from '../context.js';
import { studyOrder } from '../core/focus.js';
import { buildIcs, ICS_PRODID, type IcsEvent } from '../core/ics.js';
import { MAX_PLAN_WEEKS } from '../core/plan.js';
import { type PlanReport, planRoadmap } from '../core/plan-report.js';
import { projectStep } from '../core/projects.js';
import type { State } from '../core/types.js';
import { Failure, UsageError } from '../errors.js';
import { expandHome } from '../store/paths.js';
import { renderPlan } from '../ui/render-plan.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { loadTextWidths, plural } from '../ui/text.js';
import { isFolder, refuseStoreFile, writeUserFile } from './output.js';
import { parseWindow } from './status.js';

export interface PlanOptions {
  weeks?: string;
  window?: string;
  ics?: string;
  force?: boolean;
  json?: boolean;
}

function parseWeeks(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 520) {
    throw new UsageError(`--weeks takes a number of weeks from 1 to 520, not \`${raw}\`.`);
  }
  return Number(raw);
}

/**
 * The project's next step as the plan was made: a calendar keeps the event as it was written, so
 * it names the step the project is at rather than a shipping command that would be refused.
 */
function projectStepLine(state: State, courseId: string): string {
  const { step, command } = projectStep(state, courseId);
  // As the text plan has it: with no title, the command offers the course's ideas.
  if (step === 'choose') return `Choose one: roadmap project ${courseId}`;
  if (step === 'start') return `When you start it: ${command}`;
  return `When you ship it: ${command ?? `roadmap project ${courseId} --shipped <url-or-commit>`}`;
}

/** One all-day event per planned module and project, spanning the weeks it is planned in. */
function planEvents(plan: PlanReport, state: State, ctx: Context): IcsEvent[] {
  const modules = plan.modules.map((m): IcsEvent => {
    const ref = ctx.catalog.moduleById.get(m.moduleId);
    const title = ref?.module.title ?? m.moduleId;
    const course = ref?.course.title ?? m.courseId;
    return {
      uid: `${m.moduleId}@roadmap`,
      start: m.start,
      end: m.end,
      summary: `${title} (${course})`,
      description: `${m.moduleId}\nWhen you finish it: roadmap done ${m.moduleId}`,
      ...(ref && { url: ref.module.url }),
    };
  });
  const projects = plan.projects.map((p): IcsEvent => {
    const course = ctx.catalog.courseById.get(p.courseId)?.title ?? p.courseId;
    return {
      uid: `${p.courseId}/project@roadmap`,
      start: p.start,
      end: p.end,
      summary: `Project: ${p.title ?? 'your project'} (${course})`,
      description: `The project of ${p.courseId}\n${projectStepLine(state, p.courseId)}`,
    };
  });
  return [...modules, ...projects];
}

export async function plan(options: PlanOptions, ctx: Context): Promise<void> {
  const weeks = parseWeeks(options.weeks);
  const windowDays = parseWindow(options.window);
  // Silently ignored, it would read as if something had been forced.
  if (options.force && options.ics === undefined) {
    throw new UsageError(
      '--force goes with --ics: it lets the calendar replace a file that plan did not write.',
      'For example: roadmap plan --ics plan.ics --force',
    );
  }
  if (options.ics !== undefined && options.ics.trim() === '') {
    throw new UsageError(
      '--ics needs a file name, or - for stdout.',
      'For example: --ics plan.ics',
    );
  }
  const state = ctx.store.read();
  const report = planRoadmap(ctx.catalog, state, {
    now: ctx.now,
    windowDays,
    ...(weeks !== undefined && { weeks }),
  });
  if (options.ics !== undefined)
    return writeCalendar(report, state, expandHome(options.ics, ctx.env), ctx, options.force);
  if (options.json) return print(ctx, toSafeJson(report));
  // "Nothing left to plan" on an empty roadmap would read as everything done.
  if (state.roadmap.length === 0)
    return tell(
      ctx,
      'No plan: your roadmap is empty. Add courses with `roadmap add mlep`, or browse `roadmap catalog`.',
    );
  if (report.weeks.length === 0) return tell(ctx, `No plan: ${report.reason}.`);
  await loadTextWidths([
    ...report.modules.map((m) => ctx.catalog.moduleById.get(m.moduleId)?.module.title ?? ''),
    ...report.projects.map((p) => p.title ?? ''),
  ]);
  print(
    ctx,
    // In the order the courses are studied (those in focus first), as the plan was laid out.
    renderPlan(report, ctx, studyOrder(ctx.catalog, state)),
  );
}

/**
 * Whether `file` is a calendar `plan --ics` wrote, which a newer plan replaces as a matter of
 * course. Anything else there may be someone's work, and a mistyped path must not destroy it.
 */
function isOurCalendar(file: string): boolean {
  // Only the start of a regular file: reading a pipe or a device (/dev/zero) whole would wait
  // for a writer, or fill memory.
  let fd: number | undefined;
  try {
    if (!statSync(file).isFile()) return false;
    fd = openSync(file, 'r');
    const head = Buffer.alloc(1024);
    const text = head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('utf8');
    return text.startsWith('BEGIN:VCALENDAR') && text.includes(`PRODID:${ICS_PRODID}`);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function writeCalendar(
  report: PlanReport,
  state: State,
  file: string,
  ctx: Context,
  force = false,
): void {
  if (report.weeks.length === 0) {
    throw new Failure(
      `No calendar written: there is no plan. ${capitalise(report.reason ?? 'nothing is left to plan')}.`,
    );
  }
  if (file !== '-') refuseStoreFile(file, ctx.store.paths, 'roadmap plan --ics roadmap.ics');
  if (file !== '-' && isFolder(file)) {
    throw new Failure(
      `${clean(resolve(file))} is a folder; nothing was written.`,
      `Name a file in it: roadmap plan --ics ${clean(join(file, 'roadmap.ics'))}`,
    );
  }
  if (file !== '-' && !force && existsSync(file) && !isOurCalendar(file)) {
    throw new Failure(
      `${clean(resolve(file))} already exists and is not a calendar roadmap wrote; nothing was written.`,
      `Choose another name, or pass --force to overwrite it: roadmap plan --ics ${clean(file)} --force`,
    );
  }
  const events = planEvents(report, state, ctx);
  const ics = buildIcs(events, { now: ctx.now, calendarName: 'Learning roadmap' });
  // A calendar cut short by --weeks, or by how far a plan reaches, says so as the text plan does.
  const cut = report.complete
    ? null
    : report.weeks.length >= MAX_PLAN_WEEKS
      ? `It holds the first ${MAX_PLAN_WEEKS} weeks, as far as a plan reaches; more follows.`
      : `It holds the ${plural(report.weeks.length, 'week')} --weeks asked for; run without --weeks for the whole plan.`;
  if (file === '-') {
    ctx.stdout.write(ics);
    if (cut !== null) tell(ctx, `The calendar is not the whole plan. ${cut}`);
    return;
  }
  const path = writeUserFile(file, ics, 'pass --ics - to print it');
  tell(
    ctx,
    `Wrote ${plural(events.length, 'event')} to ${clean(path)}. Import it into your calendar; importing a newer plan updates the same events.`,
  );
  if (cut !== null) tell(ctx, `The calendar is not the whole plan. ${cut}`);
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
