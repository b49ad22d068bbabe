import { revivedModules, strandedModules } from '../catalog/changes.js';
import type { LintProblem } from '../catalog/lint.js';
import type { Catalog } from '../catalog/types.js';
import type { Context } from '../context.js';
import { recordsAny } from '../core/renames.js';
import { clean } from '../ui/sanitize.js';

/**
 * Whether progress is stored under any of some ids; null with no roadmap to read. As stored: the
 * view would read old ids as the modules that replace them in the catalogs as they are now.
 */
export function progressIn(ctx: Context): ((ids: readonly string[]) => boolean) | null {
  try {
    const state = ctx.store.readStored();
    return (ids) => recordsAny(state, ids);
  } catch {
    return null; // no roadmap yet, or a damaged one: no progress to name
  }
}

/**
 * Warnings for the modules an upgrade of a catalog takes away while your progress is on them: it
 * is kept, but counts for nothing until a module takes it over, which a renamed module does when
 * it lists the old id in `replaces`. `done` says whether the upgrade has happened.
 */
export function strandedProgress(
  before: Catalog,
  after: Catalog,
  ctx: Context,
  done: boolean,
): LintProblem[] {
  const recorded = progressIn(ctx);
  if (recorded === null) return [];
  const pathOf = (id: string): string => {
    for (const [c, course] of after.courses.entries()) {
      const m = course.modules.findIndex((module) => module.id === id);
      if (m >= 0) return `courses[${c}].modules[${m}]`;
      if (id.startsWith(`${course.id}/`)) return `courses[${c}]`;
    }
    return '(file)';
  };
  return strandedModules(before, after, recorded).map(({ id, likelyRenamedTo }) => {
    const fate = done
      ? 'so that progress counts for nothing now (it is kept, not deleted)'
      : 'so importing this would leave that progress counting for nothing (it would be kept, not deleted)';
    const fix =
      likelyRenamedTo === null
        ? `If a module here is it renamed, add "replaces": ["${id}"] to that module`
        : `If ${likelyRenamedTo} is it renamed, add "replaces": ["${id}"] to it`;
    return {
      path: pathOf(likelyRenamedTo ?? id),
      message: `${id} holds your progress and is no longer in this catalog, ${fate}. ${fix}${done ? ' and import the catalog again' : ''}.`,
    };
  });
}

/** Lines for the progress an upgrade brings back, through modules that newly replace old ids. */
export function revivedProgress(before: Catalog, after: Catalog, ctx: Context): string[] {
  const recorded = progressIn(ctx);
  if (recorded === null) return [];
  const revived = revivedModules(before, after, recorded);
  if (revived.length === 0) return [];
  const pairs = revived.map((r) => `${clean(r.from)} → ${clean(r.to)}`);
  return [
    `  Progress recorded under these now counts for the modules that replace them: ${pairs.join(', ')}`,
  ];
}
