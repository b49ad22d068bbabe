import chalk from 'chalk';
import { compareOverrides, compareVersions } from '../catalog/changes.js';
import { checkUserCatalog } from '../catalog/check-user.js';
import type { Catalog } from '../catalog/types.js';
import { type Context, tell } from '../context.js';
import { recordsAny } from '../core/renames.js';
import type { State } from '../core/types.js';
import { putCatalog } from '../store/put-catalog.js';
import {
  renderCatalogUpdate,
  renderOverrideChanges,
  renderTakeovers,
} from '../ui/render-catalogs.js';
import { clean } from '../ui/sanitize.js';
import { plural } from '../ui/text.js';
import { invalidCatalog, othersThan, readAndCheck, warnAbout } from './catalog-validate.js';
import { upgradeReport } from './upgrade-report.js';

const countModules = (catalog: Catalog) =>
  catalog.courses.reduce((sum, course) => sum + course.modules.length, 0);

const size = (catalog: Catalog) =>
  `${plural(catalog.courses.length, 'course')}, ${plural(countModules(catalog), 'module')}`;

/**
 * `roadmap catalog import FILE`: validates a catalog completely, then keeps a copy in the config
 * directory, or upgrades the one with the same id in place. No confirmation: `export` and
 * `import` are the way back, and an upgrade never touches progress.
 */
export async function catalogImport(file: string, ctx: Context): Promise<void> {
  const doing = 'Nothing was imported.';
  const { paths } = ctx.store;
  const read = readAndCheck(file, paths, doing, 'catalog import');
  if (!read.catalog || read.problems.length > 0)
    throw invalidCatalog(read.source, read.problems, doing);
  const catalog = read.catalog;
  // Checked again under the lock: another catalog may have been imported in the meantime.
  const { previous, unchanged } = await putCatalog(paths, catalog, () => {
    const again = checkUserCatalog(catalog, othersThan(paths, catalog.id));
    if (again.problems.length > 0) throw invalidCatalog(read.source, again.problems, doing);
  });
  warnAbout(ctx, read.warnings);
  const id = clean(catalog.id);
  if (unchanged)
    return tell(
      ctx,
      `Catalog ${id} is imported already, just as ${clean(read.source)} has it; nothing changed.`,
    );
  if (!previous) {
    tell(ctx, `${chalk.green('✓')} Imported catalog ${id}: ${size(catalog)}.`);
    // What its overrides do to other catalogs' courses, as an update would say it.
    for (const line of renderOverrideChanges(compareOverrides([], catalog.overrides ?? [])))
      tell(ctx, line);
    let state: State | undefined;
    try {
      state = ctx.store.read();
    } catch {
      // No roadmap to read (none yet, or a damaged file): no progress to name.
    }
    for (const line of renderTakeovers(
      catalog,
      (id) => state !== undefined && recordsAny(state, [id]),
    ))
      tell(ctx, line);
    tell(ctx, nextStep(catalog, ctx));
    return;
  }
  tell(
    ctx,
    `${chalk.green('✓')} Updated catalog ${id} (was ${size(previous)}; now ${size(catalog)}):`,
  );
  const { stranded, revived } = upgradeReport(previous, catalog, ctx, true);
  for (const line of renderCatalogUpdate(compareVersions(previous, catalog), revived))
    tell(ctx, line);
  warnAbout(ctx, stranded);
  tell(
    ctx,
    stranded.length > 0
      ? 'Your progress on every module it still offers is unchanged; `roadmap status` shows your courses.'
      : revived.length > 0
        ? 'Your other progress is unchanged; `roadmap status` shows your courses.'
        : 'Your progress is unchanged; `roadmap status` shows your courses.',
  );
}

/** What to do with a catalog just imported: add its courses, unless there is nothing to add. */
function nextStep(catalog: Catalog, ctx: Context): string {
  if (catalog.courses.length === 0)
    return 'Its overrides apply from now on; `roadmap catalog` lists the courses.';
  const add = 'Add its courses with `roadmap add <course>`; `roadmap catalog` lists them.';
  let onRoadmap: Set<string>;
  try {
    onRoadmap = new Set(ctx.store.read().roadmap.map((r) => r.courseId));
  } catch {
    return add; // the import is done; a damaged state is doctor's to report
  }
  if (catalog.courses.every((c) => onRoadmap.has(c.id)))
    return 'Its courses are on your roadmap already; `roadmap status` shows them.';
  return add;
}
