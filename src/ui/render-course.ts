import chalk from 'chalk';
import type {
  CatalogRow,
  CourseView,
  ModuleStatus,
  OverrideView,
  SearchHit,
} from '../core/views.js';
import { projectSummary } from './render-status.js';
import { clean, cleanLines } from './sanitize.js';
import {
  displayWidth,
  duration,
  fitWidth,
  hours,
  lineWidth,
  localDay,
  padWidth,
  plural,
  wrapWidth,
} from './text.js';

const MARK: Record<ModuleStatus, string> = { done: '✓', skipped: '↷', todo: '·' };

function mark(status: ModuleStatus): string {
  if (status === 'done') return chalk.green(MARK.done);
  if (status === 'skipped') return chalk.yellow(MARK.skipped);
  return chalk.dim(MARK.todo);
}

const BASIS: Record<string, string> = { stated: 'stated', derived: 'derived', assumed: 'assumed' };

/** " (title and url changed by my-fixes)", for what an override changed, uncoloured. */
function overriddenText(override: OverrideView | null, leave: string[] = []): string {
  const fields = override?.fields.filter((f) => !leave.includes(f)) ?? [];
  if (!override || fields.length === 0) return '';
  const what =
    fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
  return ` (${what} changed by ${override.catalogs.map(clean).join(', ')})`;
}

/** A title shorter than this is cut no further: the row is let run wider instead. */
const MIN_TITLE = 16;

/** A warning in yellow, wrapped at 80 columns like status's, under its first word. */
function warn(lines: string[], text: string): void {
  for (const line of wrapWidth(`! ${text}`, lineWidth(), '  ')) lines.push(chalk.yellow(line));
}

export function renderCourse(view: CourseView): string {
  const from = view.source === 'bundled' ? '' : chalk.dim(` · catalog ${clean(view.source)}`);
  // The heading wrapped, its id kept whole; coloured once wrapped, so widths are plain.
  const heading = wrapWidth(`${clean(view.title)} (${clean(view.id)})`, lineWidth(), '  ');
  const changed = overriddenText(view.override, ['hidden']).trim();
  const lines = [
    ...heading.map((l) => chalk.bold(l)),
    ...(changed === '' ? [] : [chalk.yellow(`  ${changed}`)]),
    `${clean(view.provider)} · ${chalk.cyan(clean(view.url))}${from}`,
  ];
  if (view.hidden) {
    warn(
      lines,
      `Hidden by an override in ${view.override?.catalogs.map(clean).join(', ')}: left out of \`roadmap catalog\` and \`roadmap add\`.`,
    );
  }
  if (!view.onRoadmap) lines.push(chalk.dim(`Not on your roadmap: roadmap add ${clean(view.id)}`));
  for (const caveat of view.caveats) warn(lines, clean(caveat));
  let part: string | null | undefined;
  const idWidth = Math.min(32, Math.max(...view.modules.map((m) => displayWidth(m.id))));
  for (const m of view.modules) {
    if (m.part !== part) {
      part = m.part;
      lines.push('', chalk.bold(clean(part ?? 'Modules')));
    }
    const optional = m.optional ? ' (optional)' : '';
    const estimate = `${duration(m.minutes)} ${BASIS[m.minutesBasis] ?? ''}`.trim();
    const minutes =
      m.minutesLogged === null ? estimate : `${estimate} · ${duration(m.minutesLogged)} logged`;
    const id = padWidth(clean(m.id), idWidth);
    // The id and the rest stay whole; the title is cut to fit the line.
    const around = `  ${MARK.todo} ${id}  ${optional} · ${minutes}`;
    const title = fitWidth(clean(m.title), Math.max(MIN_TITLE, lineWidth() - displayWidth(around)));
    lines.push(
      `  ${mark(m.status)} ${chalk.dim(id)}  ${title}${chalk.yellow(optional)} ${chalk.dim(`· ${minutes}`)}`,
    );
    // What an override changed, under the row rather than in the room the title needs.
    const changed = overriddenText(m.override).trim();
    if (changed !== '') lines.push(chalk.yellow(`      ${changed}`));
    for (const note of m.notes) {
      const label = `      note (${localDay(note.at)}): `;
      // Continuation lines, the note's own and those wrapping makes, line up with its first.
      const indent = ' '.repeat(label.length);
      const wrapped = cleanLines(note.text)
        .split('\n')
        .flatMap((line) => wrapWidth(`${indent}${line}`, lineWidth(), indent));
      lines.push(chalk.dim(label) + wrapped.join('\n').slice(indent.length));
    }
  }
  const done = view.modules.filter((m) => m.status === 'done').length;
  const skipped = view.modules.filter((m) => m.status === 'skipped').length;
  const counts = `${done} done, ${skipped} skipped, ${view.modules.length - done - skipped} to do`;
  // Where the course stands on the roadmap, and its project, as `status` has them.
  lines.push('', view.state === null ? counts : `${counts} · ${view.state}`);
  if (view.project !== null)
    lines.push(...wrapWidth(`Project: ${projectSummary(view.project)}`, lineWidth(), '  '));
  if (view.hiddenModules.length > 0) {
    lines.push(
      chalk.dim(
        `Hidden by an override, and left out of the totals: ${view.hiddenModules.map(clean).join(', ')}`,
      ),
    );
  }
  return lines.join('\n');
}

/** Two lines a course, so long titles are never cut. */
export function renderCatalog(rows: CatalogRow[]): string {
  const idWidth = Math.max(...rows.map((r) => displayWidth(r.id)));
  return rows
    .map((r) => {
      const dim = (text: string) => ({ text, paint: chalk.dim });
      const parts = [
        dim(clean(r.provider)),
        dim(plural(r.moduleCount, 'module')),
        dim(hours(r.minutes)),
        ...(r.track ? [dim(`track ${clean(r.track)}`)] : []),
        ...(r.source === 'bundled' ? [] : [dim(`catalog ${clean(r.source)}`)]),
        ...(r.onRoadmap ? [{ text: '✓ on your roadmap', paint: chalk.green }] : []),
      ];
      const indent = ' '.repeat(idWidth + 2);
      return [
        // The title whole, wrapped under itself when it is long.
        ...wrapWidth(`${padWidth(clean(r.id), idWidth)}  ${clean(r.title)}`, lineWidth(), indent),
        ...detailLines(parts, indent),
      ].join('\n');
    })
    .join('\n');
}

/** Parts joined with " · ", in lines of the line width under `indent`; a part is never split. */
function detailLines(
  parts: Array<{ text: string; paint: (text: string) => string }>,
  indent: string,
): string[] {
  const lines: string[] = [];
  let plain = '';
  let painted = '';
  for (const { text, paint } of parts) {
    if (plain !== '' && displayWidth(`${indent}${plain} · ${text}`) > lineWidth()) {
      lines.push(`${indent}${painted}`);
      plain = '';
      painted = '';
    }
    plain += plain === '' ? text : ` · ${text}`;
    painted += painted === '' ? paint(text) : `${chalk.dim(' · ')}${paint(text)}`;
  }
  return [...lines, `${indent}${painted}`];
}

export function renderSearch(hits: SearchHit[]): string {
  const idWidth = Math.min(36, Math.max(...hits.map((h) => displayWidth(h.id))));
  return hits
    .map((h) => {
      const id = padWidth(clean(h.id), idWidth);
      // The id whole (a longer one takes more room); the title cut to fit the line.
      const room = lineWidth() - displayWidth(`${MARK.todo} ${id}  `);
      // A module of a course not on the roadmap is no step of yours: `+`, not a to-do's `·`.
      const marked = h.onRoadmap || h.status !== 'todo' ? mark(h.status) : chalk.dim('+');
      return `${marked} ${id}  ${fitWidth(clean(h.title), Math.max(MIN_TITLE, room))}`;
    })
    .join('\n');
}
