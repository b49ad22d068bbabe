import { type Context, print, tell } from '../context.js';
import { buildIcs, type IcsEvent } from '../core/ics.js';
import { type PlanReport, planRoadmap } from '../core/plan-report.js';
import { Failure, UsageError } from '../errors.js';
import { renderPlan } from '../ui/render-plan.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { writeUserFile } from './output.js';
import { parseWindow } from './status.js';

export interface PlanOptions {
  weeks?: string;
  window?: string;
  ics?: string;
  json?: boolean;
}

function parseWeeks(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > 520) {
    throw new UsageError(`--weeks takes a number of weeks from 1 to 520, not \`${raw}\`.`);
  }
  return Number(raw);
}

/** One all-day event per planned module, spanning the weeks it is planned in. */
function planEvents(plan: PlanReport, ctx: Context): IcsEvent[] {
  return plan.modules.map((m) => {
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
}

export async function plan(options: PlanOptions, ctx: Context): Promise<void> {
  const weeks = parseWeeks(options.weeks);
  const windowDays = parseWindow(options.window);
  if (options.ics !== undefined && options.ics.trim() === '') {
    throw new UsageError(
      '--ics needs a file name, or - for stdout.',
      'For example: --ics plan.ics',
    );
  }
  const report = planRoadmap(ctx.catalog, ctx.store.read(), {
    now: ctx.now,
    windowDays,
    ...(weeks !== undefined && { weeks }),
  });
  if (options.ics !== undefined) return writeCalendar(report, options.ics, ctx);
  if (options.json) return print(ctx, toSafeJson(report));
  if (report.weeks.length === 0) return tell(ctx, `No plan: ${report.reason}.`);
  print(ctx, renderPlan(report, ctx));
}

function writeCalendar(report: PlanReport, file: string, ctx: Context): void {
  if (report.weeks.length === 0) {
    throw new Failure(`No calendar written: there is no plan (${report.reason}).`);
  }
  const ics = buildIcs(planEvents(report, ctx), { now: ctx.now, calendarName: 'Learning roadmap' });
  if (file === '-') {
    ctx.stdout.write(ics);
    return;
  }
  const path = writeUserFile(file, ics, 'pass --ics - to print it');
  tell(
    ctx,
    `Wrote ${report.modules.length} events to ${clean(path)}. Import it into your calendar; importing a newer plan updates the same events.`,
  );
}
