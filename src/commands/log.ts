import { lightFormat } from 'date-fns/lightFormat';
import { parseISO } from 'date-fns/parseISO';
import { type Context, print, tell } from '../context.js';
import { resolveCourse } from '../core/resolve.js';
import type { LogEntry, LoggedTransition, LogType } from '../core/types.js';
import { UsageError } from '../errors.js';
import { clean, cleanLines, toSafeJson } from '../ui/sanitize.js';
import { duration } from '../ui/text.js';
import { entryVerb } from './undo.js';

export interface LogOptions {
  since?: string;
  course?: string;
  limit?: string;
  json?: boolean;
}

/**
 * The study history: what `log` lists, with course state changes (park, resume, drop) and project
 * stages. Roadmap and settings changes stay out of it.
 */
const LISTED: LogType[] = ['done', 'skip', 'study', 'note', 'reset', 'course', 'project', 'undo'];

/** `log --json`: the activity log's own entry shape, without the state snapshots. */
export type LogJsonEntry = Omit<LogEntry, 'before' | 'after'>;

function parseOptions(options: LogOptions, ctx: Context) {
  let since: Date | undefined;
  if (options.since !== undefined) {
    since = parseISO(options.since.trim());
    if (!/^\d{4}-\d{2}-\d{2}/.test(options.since.trim()) || Number.isNaN(since.getTime())) {
      throw new UsageError(
        `--since takes an ISO date such as 2026-03-01, not \`${options.since}\`.`,
      );
    }
  }
  let limit = Number.POSITIVE_INFINITY;
  if (options.limit !== undefined) {
    if (!/^\d+$/.test(options.limit) || Number(options.limit) < 1) {
      throw new UsageError(
        `--limit takes a whole number of entries, 1 or more, not \`${options.limit}\`.`,
      );
    }
    limit = Number(options.limit);
  }
  const course =
    options.course === undefined ? undefined : resolveCourse(ctx.catalog, options.course).id;
  return { since, limit, course };
}

export async function log(options: LogOptions, ctx: Context): Promise<void> {
  const { since, limit, course } = parseOptions(options, ctx);
  const entries: LogJsonEntry[] = [];
  for (const entry of ctx.store.logNewestFirst()) {
    if (entries.length >= limit) break;
    if (since && new Date(entry.at) < since) continue;
    if (!LISTED.includes(entry.type)) continue;
    if (
      course &&
      entry.courseId !== course &&
      !entry.transitions?.some((t) => t.courseId === course)
    )
      continue;
    const { before: _before, after: _after, ...shown } = entry;
    entries.push(shown);
  }
  if (options.json) return print(ctx, toSafeJson(entries));
  if (entries.length === 0) return tell(ctx, 'No study history matches yet.');
  const width = Math.max(5, ...entries.map((e) => entryVerb(e).length));
  print(ctx, entries.map((e) => renderEntry(e, ctx, width)).join('\n'));
}

/** "mlep-intro parked (for hf-course: labs need a GPU)" */
function renderTransition(t: LoggedTransition): string {
  const why = [
    ...(t.cause === 'switch' && t.switchedTo ? [`for ${clean(t.switchedTo)}`] : []),
    ...(t.cause === 'auto' ? ['next on the roadmap'] : []),
    ...(t.cause === 'limit' ? ['focus limit'] : []),
    ...(t.cause === 'removed' ? ['taken off the roadmap'] : []),
  ].join(', ');
  const reason = t.reason ? `${why ? ': ' : ''}${clean(t.reason)}` : '';
  const detail = why || reason ? ` (${why}${reason})` : '';
  return `${clean(t.courseId)} ${t.state}${detail}`;
}

function renderEntry(entry: LogJsonEntry, ctx: Context, width: number): string {
  const when = lightFormat(new Date(entry.at), 'yyyy-MM-dd HH:mm');
  const title = entry.moduleId
    ? ctx.catalog.moduleById.get(entry.moduleId)?.module.title
    : undefined;
  const minutes = entry.minutes ? ` · ${duration(entry.minutes)}` : '';
  const lines = [
    `${when}  ${entryVerb(entry).padEnd(width)}  ${clean(entry.moduleId ?? entry.courseId ?? '')}${title ? `  ${clean(title)}` : ''}${minutes}`,
  ];
  const indent = ' '.repeat(19);
  if (entry.note) {
    lines.push(`${indent}note: ${cleanLines(entry.note).replaceAll('\n', `\n${' '.repeat(25)}`)}`);
  }
  // A switch's reason shows with the course it parked; a park's, drop's or waiver's stands alone.
  if (entry.reason && (entry.type === 'course' || entry.type === 'project')) {
    lines.push(`${indent}reason: ${clean(entry.reason)}`);
  }
  const transitions = entry.transitions?.filter(
    (t) => entry.type !== 'course' || t.courseId !== entry.courseId,
  );
  if (transitions && transitions.length > 0) {
    // A switch's reason is told once, with the course it parked.
    const parkedReasons = new Set(
      transitions.filter((t) => t.state === 'parked').map((t) => t.reason),
    );
    const shown = transitions.map((t) =>
      t.state === 'active' && parkedReasons.has(t.reason) ? { ...t, reason: undefined } : t,
    );
    lines.push(`${indent}focus: ${shown.map(renderTransition).join(', ')}`);
  }
  return lines.join('\n');
}
