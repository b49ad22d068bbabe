import { type Context, print, tell } from '../context.js';
import { focusReport } from '../core/focus-report.js';
import { DEFAULT_WINDOW_DAYS } from '../core/pace.js';
import { summarizeProgress } from '../core/progress.js';
import { projectStep } from '../core/projects.js';
import { buildPaceReport } from '../core/report.js';
import { nextInCourse } from '../core/select-next.js';
import { effectiveSettings } from '../core/settings.js';
import type { State } from '../core/types.js';
import { UsageError } from '../errors.js';
import { renderStatusMarkdown } from '../ui/render-markdown.js';
import { renderStatus, type StatusLabels, statusJson } from '../ui/render-status.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { duration, loadTextWidthsFor } from '../ui/text.js';
import { findCatalogUpdates, tellCatalogUpdates } from './catalog-notices.js';

export interface StatusOptions {
  json?: boolean;
  format?: string;
  window?: string;
  all?: boolean;
}

const FORMATS = ['text', 'markdown', 'json'] as const;

/** --window: days of history the pace is measured over. */
export function parseWindow(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_WINDOW_DAYS;
  const days = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || days < 7 || days > 365) {
    throw new UsageError(
      `--window takes a number of days from 7 to 365, not \`${raw}\`.`,
      'For example: --window 56',
    );
  }
  return days;
}

function parseFormat(options: StatusOptions): (typeof FORMATS)[number] {
  const format = options.format?.trim().toLowerCase() ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(
      `--format takes text, markdown or json, not \`${options.format}\`.`,
      'For example: roadmap status --format markdown > progress.md',
    );
  }
  if (options.json && format !== 'json' && options.format !== undefined) {
    throw new UsageError('--json and --format disagree; use one of them.');
  }
  return options.json ? 'json' : (format as (typeof FORMATS)[number]);
}

function statusLabels(ctx: Context, state: State): StatusLabels {
  return {
    titleOf: (moduleId) => ctx.catalog.moduleById.get(moduleId)?.module.title,
    stepOf(courseId) {
      const course = ctx.catalog.courseById.get(courseId);
      const skipOptional = effectiveSettings(state)['skip-optional'];
      const step = course ? nextInCourse(course, state, { skipOptional }) : null;
      if (step?.kind === 'module') {
        // Not `roadmap next`: with room for two courses, it can show the other one's module.
        return `study “${clean(step.module.title)}” (${clean(step.module.id)}, about ${duration(step.module.minutes)}); \`roadmap open ${clean(step.module.id)}\` opens it.`;
      }
      if (step?.kind === 'project') {
        const { step: next, command } = projectStep(state, courseId);
        // An hour of building is a step too, and the one most often at hand.
        return next === 'start' || next === 'ship'
          ? `build for an hour and log it: \`roadmap project ${clean(courseId)} --minutes 60\``
          : clean(command ?? '');
      }
      return '`roadmap next`';
    },
  };
}

export async function status(options: StatusOptions, ctx: Context): Promise<void> {
  const format = parseFormat(options);
  const windowDays = parseWindow(options.window);
  const state = ctx.store.read();
  const settings = effectiveSettings(state);
  const report = summarizeProgress(ctx.catalog, state);
  if (format !== 'json' && report.courses.length === 0) {
    return tell(
      ctx,
      'Your roadmap is empty. Add courses with `roadmap add mlep`, or browse `roadmap catalog`.',
    );
  }
  const pace = buildPaceReport(ctx.catalog, state, { now: ctx.now, windowDays });
  const data = statusJson(
    report,
    pace,
    settings['week-start'],
    focusReport(ctx.catalog, state, ctx.now),
  );
  const updates = findCatalogUpdates(ctx.store.paths, ctx.catalogs(), state);
  // JSON carries the changes but doesn't count as telling you: a script may be the one reading.
  if (format === 'json')
    return print(ctx, toSafeJson({ ...data, catalogChanges: updates.changes }));
  await loadTextWidthsFor(data);
  print(
    ctx,
    format === 'markdown'
      ? renderStatusMarkdown(data, ctx.now, statusLabels(ctx, state))
      : renderStatus(data, ctx.now, settings['bar-width'], statusLabels(ctx, state), {
          all: options.all,
        }),
  );
  await tellCatalogUpdates(ctx, updates);
}
