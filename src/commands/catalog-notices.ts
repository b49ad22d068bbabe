import chalk from 'chalk';
import { type CourseChanges, diffCourses } from '../catalog/changes.js';
import type { CatalogSource } from '../catalog/sources.js';
import { type Context, tell } from '../context.js';
import type { State } from '../core/types.js';
import type { CatalogSet } from '../load-catalogs.js';
import { listSeen, readSeen, recordSeenIfFree, type SeenRecord } from '../store/catalog-seen.js';
import type { StorePaths } from '../store/paths.js';
import { renderCourseChanges } from '../ui/render-catalogs.js';

const snapshotOf = (source: CatalogSource): SeenRecord => ({
  catalog: source.id,
  revision: source.revision(),
  courses: source.courseModuleIds().map(([id, modules]) => [id, [...modules]]),
});

/**
 * The catalogs that have a course on the roadmap and nothing recorded yet: what they hold now is
 * the starting point later updates are compared with. Recorded after every change of state, so
 * a learner who never runs `status` between two updates still hears about both.
 */
export function missingBaselines(
  sources: readonly CatalogSource[],
  state: State,
  seen: ReadonlyMap<string, string>,
): SeenRecord[] {
  if (state.roadmap.length === 0) return [];
  const onRoadmap = new Set(state.roadmap.map((r) => r.courseId));
  return sources
    .filter(
      (source) =>
        source.kind !== 'env' &&
        !seen.has(source.id) &&
        source.courseModuleIds().some(([id]) => onRoadmap.has(id)),
    )
    .map(snapshotOf);
}

export interface CatalogUpdates {
  /** Changes in courses on the roadmap since `status` last told you, per course. */
  changes: CourseChanges[];
  /** What to record once they have been told. */
  records: SeenRecord[];
}

/** Compares each catalog with what was recorded as seen; reads a snapshot only when it changed. */
export function findCatalogUpdates(
  paths: StorePaths,
  set: CatalogSet,
  state: State,
): CatalogUpdates {
  const updates: CatalogUpdates = { changes: [], records: [] };
  const seen = listSeen(paths);
  if (seen.size === 0) return updates;
  const onRoadmap = new Set(state.roadmap.map((r) => r.courseId));
  for (const source of set.sources) {
    // A ROADMAP_CATALOG file is a preview for one run, not an update: recorded as seen, the
    // imported version would read as a change the next time, and the real update as none.
    if (source.kind === 'env') continue;
    const last = seen.get(source.id);
    if (last === undefined || last === source.revision()) continue;
    updates.records.push(snapshotOf(source));
    const before = readSeen(paths, source.id, last);
    if (!before) continue;
    const renamed = set.index().renamed;
    updates.changes.push(
      ...diffCourses(source.id, before.courses, source.courseModuleIds(), renamed, (id) =>
        onRoadmap.has(id),
      ),
    );
  }
  return updates;
}

/**
 * Says once what changed in the courses on your roadmap, then records the catalogs as seen. When
 * that can't be recorded (the directory is read-only, or another command holds the lock), the
 * notice comes again next time rather than being lost.
 */
export async function tellCatalogUpdates(ctx: Context, updates: CatalogUpdates): Promise<void> {
  if (updates.changes.length > 0) {
    tell(ctx, '');
    tell(ctx, chalk.bold('Catalog updates in your courses since you last looked:'));
    for (const line of renderCourseChanges(updates.changes)) tell(ctx, line);
  }
  await recordSeenIfFree(ctx.store.paths, updates.records);
}
