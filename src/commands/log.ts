import { lightFormat } from 'date-fns/lightFormat';
import { type CatalogIndex, liveModule } from '../catalog/catalog-index.js';
import { type Context, print, tell } from '../context.js';
import { compareText } from '../core/compare.js';
import { parseAt } from '../core/inputs.js';
import { normalizeId, resolveCourse } from '../core/resolve.js';
import type { LogEntry, LoggedTransition, LogType } from '../core/types.js';
import { UsageError } from '../errors.js';
import { clean, cleanLines, toSafeJson } from '../ui/sanitize.js';
import {
  displayWidth,
  duration,
  fitWidth,
  lineWidth,
  loadTextWidthsFor,
  wrapWidth,
} from '../ui/text.js';
import { entryVerb } from './undo.js';

export interface LogOptions {
  since?: string;
  course?: string;
  limit?: string;
  json?: boolean;
}

/**
 * The study history: what `log` lists, with course state changes (park, resume, drop) and project
 * stages. Roadmap and settings changes stay out of it, unless they changed a course's state (a
 * lower focus-limit parks courses, an `add` brings one into focus): then they explain it. An undo
 * is listed when what it reverted is, or when it changed a course's state itself.
 */
const LISTED: LogType[] = ['done', 'skip', 'study', 'note', 'reset', 'course', 'project'];

function isListed(entry: LogEntry, byId: Map<string, LogEntry>): boolean {
  if (LISTED.includes(entry.type) || (entry.transitions?.length ?? 0) > 0) return true;
  if (entry.type !== 'undo') return false;
  const target = entry.undoes ? byId.get(entry.undoes) : undefined;
  // A target the log no longer holds (a repair started it again) can't be judged: shown.
  return target === undefined || (target.type !== 'undo' && isListed(target, byId));
}

/** `log --json`: the activity log's own entry shape, without the state snapshots. */
/**
 * An entry as `log --json` gives it; `undoneAt` is when an undo reverted it, if one has. The text
 * shows a title (the module's now, or the project's as the step left it) and tells a project's
 * new stage from an edit of its details: `title` and `stageChanged` say so.
 */
export type LogJsonEntry = Omit<LogEntry, 'before' | 'after'> & {
  title?: string;
  stageChanged?: boolean;
  undoneAt?: string;
};

function parseOptions(options: LogOptions, ctx: Context) {
  let since: Date | undefined;
  if (options.since !== undefined) {
    // Read as --at reads a date, so a typo in an offset or a time the clocks skipped is refused
    // rather than quietly filtering another range. A date in the future lists nothing, and the
    // text says why.
    since = parseAt(options.since, ctx.now, '--since', { before2000: true, future: true });
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
  const course = options.course === undefined ? undefined : courseFilter(ctx, options.course);
  return { since, limit, course };
}

/**
 * The course `--course` names: one a catalog has, or one on the roadmap whose catalog isn't
 * loaded, whose history is still in the log.
 */
function courseFilter(ctx: Context, arg: string): string {
  const id = normalizeId(arg);
  if (!ctx.catalog.courseById.has(id) && ctx.store.read().roadmap.some((r) => r.courseId === id))
    return id;
  return resolveCourse(ctx.catalog, arg).id;
}

export async function log(options: LogOptions, ctx: Context): Promise<void> {
  const { since, limit, course } = parseOptions(options, ctx);
  const all = [...ctx.store.logNewestFirst()];
  const byId = new Map(all.map((e) => [e.id, e]));
  // Newest by date, not by when it was recorded: `--at` back-dates entries, and an import adds
  // another machine's. Among equal dates the later-recorded comes first (the sort is stable).
  const matching = all
    .filter((e) => isListed(e, byId))
    .filter((e) => !since || new Date(e.at) >= since)
    .filter((e) => !course || concerns(e, course, byId, ctx.catalog))
    .sort((a, b) => compareText(b.at, a.at))
    .slice(0, limit);
  // An undone entry stays in the log; it is marked, so that an undo and a corrected entry after
  // it don't read as the same thing logged twice.
  const undoneAt = new Map<string, string>();
  for (const e of all) if (e.type === 'undo' && e.undoes) undoneAt.set(e.undoes, e.at);
  const entries: LogJsonEntry[] = matching.map((full) => {
    const { before: _b, after: _a, ...shown } = full;
    const undone = undoneAt.get(shown.id);
    const title = titleOf(shown, ctx, byId);
    const step = full.type === 'project' && full.minutes === undefined && full.stage;
    return {
      ...shown,
      ...(title !== undefined && { title }),
      ...(step && { stageChanged: entryVerb(full) !== 'project edit' }),
      ...(undone !== undefined && { undoneAt: undone }),
    };
  });
  if (options.json) return print(ctx, toSafeJson(entries));
  if (entries.length === 0) {
    const filtered = since !== undefined || course !== undefined;
    return tell(
      ctx,
      all.length === 0
        ? 'The log is empty: nothing has been recorded yet. Start with `roadmap add <course>`.'
        : since !== undefined && since > ctx.now
          ? `No entry in the log matches: --since ${clean(options.since!.trim())} is in the future.`
          : filtered
            ? 'No entry in the log matches; `roadmap log` without filters lists them all.'
            : 'No study history yet.',
    );
  }
  await loadTextWidthsFor(entries);
  const width = Math.max(5, ...entries.map((e) => entryVerb(byId.get(e.id) ?? e).length));
  print(ctx, entries.map((e) => renderEntry(e, byId, width)).join('\n'));
}

/**
 * Whether an entry is about a course: its own, one it added, one whose state it changed, one its
 * module has moved to since (a catalog update that renamed it into another course), or, for an
 * undo, one the entry it reverted was about (reverting a park puts back the course it let in).
 */
function concerns(
  entry: LogEntry,
  course: string,
  byId: Map<string, LogEntry>,
  catalog: CatalogIndex,
): boolean {
  if (entry.courseId === course || entry.courseIds?.includes(course)) return true;
  if (entry.transitions?.some((t) => t.courseId === course)) return true;
  if (entry.moduleId && liveModule(catalog, entry.moduleId)?.course.id === course) return true;
  const target = entry.type === 'undo' && entry.undoes ? byId.get(entry.undoes) : undefined;
  return target !== undefined && target.type !== 'undo' && concerns(target, course, byId, catalog);
}

/** The module's title now, also for an entry under an id a catalog update has renamed since. */
function titleOf(
  entry: LogJsonEntry,
  ctx: Context,
  byId: Map<string, LogEntry>,
): string | undefined {
  if (entry.moduleId) return liveModule(ctx.catalog, entry.moduleId)?.module.title;
  // A project step: the project's title as the step left it ("project shipped  mlep-intro
  // Drift alerts").
  if (entry.type === 'project' && entry.courseId !== undefined) {
    const after = byId.get(entry.id)?.after.projects;
    const project = after && Object.hasOwn(after, entry.courseId) ? after[entry.courseId] : null;
    return project?.title ?? undefined;
  }
  return undefined;
}

/** What an undo entry reverted, in a few words. */
function undone(entry: LogJsonEntry, byId: Map<string, LogEntry>): string {
  const target = entry.undoes ? byId.get(entry.undoes) : undefined;
  if (!target) return '';
  const subject =
    target.moduleId ?? target.courseIds?.join(', ') ?? target.courseId ?? target.key ?? '';
  return `reverted ${entryVerb(target)} ${subject} of ${lightFormat(new Date(target.at), 'yyyy-MM-dd HH:mm')}`.replace(
    / {2,}/g,
    ' ',
  );
}

/** "mlep-intro parked (for hf-course: labs need a GPU)" */
function renderTransition(t: LoggedTransition): string {
  const why = [
    ...(t.cause === 'switch' && t.switchedTo ? [`for ${clean(t.switchedTo)}`] : []),
    ...(t.cause === 'auto' ? ['focus rule'] : []),
    ...(t.cause === 'limit' ? ['focus limit'] : []),
    ...(t.cause === 'removed' ? ['taken off the roadmap'] : []),
  ].join(', ');
  const reason = t.reason ? `${why ? ': ' : ''}${clean(t.reason)}` : '';
  const detail = why || reason ? ` (${why}${reason})` : '';
  return `${clean(t.courseId)} ${t.state}${detail}`;
}

/**
 * The transitions as text. A course parked and made active again in one entry, neither with a
 * cause, is a finished course the entry reopened (see reopenFinished): one "reopened".
 */
function reopenedPairs(transitions: LoggedTransition[]): string[] {
  const plain = (t: LoggedTransition, state: string) =>
    t.state === state && t.cause === undefined && t.reason === undefined;
  const paired = new Set<number>();
  const text: string[] = [];
  transitions.forEach((t, i) => {
    if (paired.has(i)) return;
    const pair = plain(t, 'parked')
      ? transitions.findIndex(
          (other, j) => j > i && other.courseId === t.courseId && plain(other, 'active'),
        )
      : -1;
    if (pair < 0) {
      text.push(renderTransition(t));
      return;
    }
    paired.add(pair);
    text.push(`${clean(t.courseId)} reopened`);
  });
  return text;
}

/** The reason given and the course state changes an entry made, as lines under it. */
function focusLines(entry: LogJsonEntry, indent: string): string[] {
  const lines: string[] = [];
  // A park's, drop's or waiver's reason stands alone; a switch's shows with the course it parked.
  if (entry.reason && (entry.type === 'course' || entry.type === 'project')) {
    lines.push(`reason: ${clean(entry.reason)}`);
  }
  const transitions = (entry.transitions ?? []).filter(
    (t) => entry.type !== 'course' || t.courseId !== entry.courseId,
  );
  if (transitions.length > 0) {
    const parkedReasons = new Set(
      transitions.filter((t) => t.state === 'parked').map((t) => t.reason),
    );
    const shown = transitions.map((t) =>
      t.state === 'active' && parkedReasons.has(t.reason) ? { ...t, reason: undefined } : t,
    );
    lines.push(`focus: ${reopenedPairs(shown).join(', ')}`);
  }
  if (entry.finished !== undefined && entry.finished.length > 0)
    lines.push(`finished: ${entry.finished.map(clean).join(', ')}`);
  return lines.flatMap((l) => wrapWidth(`${indent}${l}`, lineWidth(), `${indent}  `));
}

function renderEntry(entry: LogJsonEntry, byId: Map<string, LogEntry>, width: number): string {
  const when = lightFormat(new Date(entry.at), 'yyyy-MM-dd HH:mm');
  const minutes = entry.minutes ? ` · ${duration(entry.minutes)}` : '';
  const head = `${when}  ${entryVerb(byId.get(entry.id) ?? entry).padEnd(width)}  `;
  // Lines under the entry (note, focus, undone) start under its subject; on a narrow terminal
  // that would leave them a word a line, so they start near the left instead.
  const depth = lineWidth() >= 60 ? head.length : 10;
  if (entry.type === 'undo') {
    const focus = focusLines(entry, ' '.repeat(depth - 6));
    return [`${head}${clean(undone(entry, byId))}`, ...focus].join('\n');
  }
  const id = clean(
    entry.moduleId ?? entry.courseIds?.join(', ') ?? entry.courseId ?? setting(entry),
  );
  const { title } = entry;
  // Titles give way so a row fits 80 columns; ids stay whole, to be typed back.
  const room = lineWidth() - head.length - displayWidth(id) - 2 - minutes.length;
  const shown = title && room > 8 ? `  ${fitWidth(clean(title), room)}` : '';
  const line = `${head}${id}${shown}${minutes}`;
  const indent = ' '.repeat(depth);
  // Under the other labelled lines (note, reason, focus), in their column.
  const focus = [
    ...focusLines(entry, indent.slice(6)),
    ...(entry.undoneAt
      ? [`${indent.slice(6)}undone: ${lightFormat(new Date(entry.undoneAt), 'yyyy-MM-dd HH:mm')}`]
      : []),
  ];
  if (!entry.note) return [line, ...focus].join('\n');
  const note = cleanLines(entry.note)
    .split('\n')
    .flatMap((l) => wrapWidth(`${indent}${l}`, lineWidth(), indent));
  return [
    line,
    ...note.map((l, i) => (i === 0 ? l.replace(indent, `${indent.slice(6)}note: `) : l)),
    ...focus,
  ].join('\n');
}

/** "focus-limit 1" for a config entry ("focus-limit" when unset); '' for any other. */
function setting(entry: LogJsonEntry): string {
  if (entry.type !== 'config' || entry.key === undefined) return '';
  return entry.value === null || entry.value === undefined
    ? entry.key
    : `${entry.key} ${String(entry.value)}`;
}
