import type { CatalogUpdate, CourseChanges, ModuleDetailsChange } from '../catalog/changes.js';
import type { Catalog } from '../catalog/types.js';
import { clean } from './sanitize.js';
import { displayWidth, duration, padWidth, plural } from './text.js';

/** One row of `catalog list --json`. */
export interface CatalogListRow {
  id: string | null;
  kind: 'bundled' | 'imported' | 'env';
  /** The file it is read from; null for the bundled catalog. */
  path: string | null;
  /** loaded: through its index or, bundled, as shipped; checked: read and validated in full; skipped: not loaded. */
  status: 'loaded' | 'checked' | 'skipped';
  /** Why it was skipped, or why an imported one is checked in full on every run. */
  problem: string | null;
  /** Courses and modules loaded from it (null when skipped); courses left out for taken ids don't count. */
  courses: number | null;
  modules: number | null;
  overrides: number | null;
  /** Why each course left out was, as every command warns: `course x was left out: …`. */
  leftOut: string[];
}

export function renderCatalogList(rows: CatalogListRow[]): string {
  const width = Math.max(...rows.map((r) => displayWidth(clean(r.id ?? '?'))));
  return rows
    .map((row) => {
      const id = padWidth(clean(row.id ?? '?'), width);
      if (row.status === 'skipped')
        return `${id}  not loaded: ${clean(row.problem ?? '')} (${clean(row.path ?? '')})`;
      const parts = [plural(row.courses ?? 0, 'course'), plural(row.modules ?? 0, 'module')];
      if (row.overrides) parts.push(plural(row.overrides, 'override'));
      const from =
        row.kind === 'bundled'
          ? 'shipped with roadmap'
          : row.kind === 'imported'
            ? `imported (${clean(row.path ?? '')})`
            : `from ROADMAP_CATALOG (${clean(row.path ?? '')})`;
      const slow =
        row.status === 'checked' && row.kind === 'imported'
          ? ` · checked in full on every run: ${clean(row.problem ?? '')}`
          : '';
      const left = row.leftOut.map((reason) => `\n${' '.repeat(width + 2)}${clean(reason)}`);
      return `${id}  ${parts.join(' · ')} · ${from}${slow}${left.join('')}`;
    })
    .join('\n');
}

const list = (ids: string[], shown = 5) =>
  ids.length <= shown
    ? ids.map(clean).join(', ')
    : `${ids.slice(0, shown).map(clean).join(', ')}, … (${ids.length - shown} more)`;

/** One line per changed course, for `status` and `catalog import`. */
export function renderCourseChanges(changes: readonly CourseChanges[]): string[] {
  return changes.map((c) => {
    if (c.courseRemoved)
      return `  ${clean(c.courseId)}: no longer in catalog ${clean(c.catalog)}; it stays on your roadmap with its progress`;
    const parts: string[] = [];
    if (c.added.length > 0)
      parts.push(`${plural(c.added.length, 'new module')} (${list(c.added)})`);
    if (c.renamed.length > 0) {
      const pairs = c.renamed.map((r) => `${r.from} → ${r.to}`);
      parts.push(`${c.renamed.length} renamed (${list(pairs, 3)}; progress carries over)`);
    }
    if (c.removed.length > 0)
      parts.push(`${c.removed.length} removed (${list(c.removed)}; progress on them is kept)`);
    return `  ${clean(c.courseId)}: ${parts.join('; ')}`;
  });
}

const DETAILS_SHOWN = 5;

/**
 * Modules whose title, link or estimate changed: each named with what changed, since a new
 * estimate moves every ETA, or, past a handful, by id only.
 */
function renderDetailsChanges(changes: readonly ModuleDetailsChange[]): string[] {
  if (changes.length === 0) return [];
  if (changes.length > DETAILS_SHOWN) {
    const ids = changes.map((c) => c.id);
    return [
      `  ${changes.length} courses and modules changed title, link or estimate: ${list(ids, DETAILS_SHOWN)}`,
    ];
  }
  return changes.map((c) => {
    const parts: string[] = [];
    if (c.title) parts.push(`title “${clean(c.title.from)}” → “${clean(c.title.to)}”`);
    if (c.url) parts.push('new link');
    if (c.minutes) parts.push(`estimate ${duration(c.minutes.from)} → ${duration(c.minutes.to)}`);
    return `  ${clean(c.id)}: ${parts.join('; ')}`;
  });
}

/**
 * What the overrides do differently. Hiding a module takes it out of its course's totals, and
 * showing one again can reopen a finished course, so each is named.
 */
export function renderOverrideChanges(o: CatalogUpdate['overrides']): string[] {
  const lines: string[] = [];
  if (o.hides.length > 0)
    lines.push(`  Now hidden by its overrides: ${list(o.hides)} (progress on them is kept)`);
  if (o.showsAgain.length > 0)
    lines.push(`  No longer hidden: ${list(o.showsAgain)} (they count in their courses again)`);
  if (o.patches.length > 0)
    lines.push(`  New or changed overrides of title, link or estimate: ${list(o.patches)}`);
  if (o.stopsPatching.length > 0)
    lines.push(`  Back to their own catalog's title, link and estimate: ${list(o.stopsPatching)}`);
  return lines;
}

/**
 * Modules of a catalog that take over progress recorded under other ids (their `replaces`): that
 * progress now counts for them, so each is named, as hiding a module is. Only ids with something
 * recorded (`recorded`) are named: replacing one with nothing takes nothing over.
 */
export function renderTakeovers(catalog: Catalog, recorded: (id: string) => boolean): string[] {
  const taken: string[] = [];
  for (const course of catalog.courses) {
    for (const module of course.modules) {
      for (const id of module.replaces ?? []) if (recorded(id)) taken.push(`${id} → ${module.id}`);
    }
  }
  if (taken.length === 0) return [];
  return [`  Progress recorded under these now counts for its modules: ${list(taken)}`];
}

/** What an upgrade changed, for `catalog import`: one line per kind of change. */
export function renderCatalogUpdate(update: CatalogUpdate, more: string[] = []): string[] {
  const lines: string[] = [];
  if (update.coursesAdded.length > 0)
    lines.push(`  New courses: ${update.coursesAdded.map(clean).join(', ')}`);
  if (update.coursesRemoved.length > 0) {
    lines.push(
      `  No longer in it: ${update.coursesRemoved.map(clean).join(', ')} (any on your roadmap stay there, shown as "catalog not loaded", with their progress)`,
    );
  }
  lines.push(...renderCourseChanges(update.courses));
  lines.push(...renderDetailsChanges(update.detailsChanged));
  lines.push(...renderOverrideChanges(update.overrides));
  for (const { id, was, to } of update.renamesDropped) {
    const keep = to === null ? '' : ` (list it in ${clean(to)}'s replaces to keep it)`;
    lines.push(
      `  ${clean(id)}: read as ${clean(was)} until now, but no module replaces it in this version, so progress under it no longer counts${keep}`,
    );
  }
  lines.push(...more);
  if (lines.length === 0) lines.push('  Nothing about its courses or modules changed.');
  return lines;
}
