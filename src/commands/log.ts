import { lightFormat } from 'date-fns/lightFormat';
import { parseISO } from 'date-fns/parseISO';
import { type Context, print, tell } from '../context.js';
import { resolveCourse } from '../core/resolve.js';
import type { LogEntry, LogType } from '../core/types.js';
import { UsageError } from '../errors.js';
import { clean, cleanLines, toSafeJson } from '../ui/sanitize.js';
import { duration } from '../ui/text.js';

export interface LogOptions {
  since?: string;
  course?: string;
  limit?: string;
  json?: boolean;
}

/** The study history: what `log` lists. Roadmap and settings changes stay out of it. */
const LISTED: LogType[] = ['done', 'skip', 'study', 'note', 'reset', 'undo'];

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
    if (course && entry.courseId !== course) continue;
    const { before: _before, after: _after, ...shown } = entry;
    entries.push(shown);
  }
  if (options.json) return print(ctx, toSafeJson(entries));
  if (entries.length === 0) return tell(ctx, 'No study history matches yet.');
  print(ctx, entries.map((e) => renderEntry(e, ctx)).join('\n'));
}

function renderEntry(entry: LogJsonEntry, ctx: Context): string {
  const when = lightFormat(new Date(entry.at), 'yyyy-MM-dd HH:mm');
  const title = entry.moduleId
    ? ctx.catalog.moduleById.get(entry.moduleId)?.module.title
    : undefined;
  const minutes = entry.minutes ? ` · ${duration(entry.minutes)}` : '';
  const line = `${when}  ${entry.type.padEnd(5)}  ${clean(entry.moduleId ?? entry.courseId ?? '')}${title ? `  ${clean(title)}` : ''}${minutes}`;
  return entry.note
    ? `${line}\n${' '.repeat(19)}note: ${cleanLines(entry.note).replaceAll('\n', `\n${' '.repeat(25)}`)}`
    : line;
}
