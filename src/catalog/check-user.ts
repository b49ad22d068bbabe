import { groupOf } from '../core/progress-map.js';
import { suggestIds } from '../core/suggest.js';
import { type CatalogIndex, indexCatalogs, moduleIdsOf } from './catalog-index.js';
import { type LintProblem, quote } from './lint.js';
import { sourceOf } from './sources.js';
import type { Catalog } from './types.js';

/** An imported catalog's id names its file in the config directory, so it can't hold a `/`. */
export const CATALOG_FILE_ID = /^[a-z0-9][a-z0-9._-]*$/;

// Course and module ids become keys of plain objects in the state, where these would read what
// Object.prototype holds rather than the learner's progress.
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype']);

export interface UserCatalogCheck {
  /** Reasons it can't be imported. */
  problems: LintProblem[];
  /** Things that are allowed but probably not meant (an override that matches nothing). */
  warnings: LintProblem[];
}

/**
 * The rules for a user's catalog against the catalogs already loaded (`others`, without any earlier
 * version of this one): no course or module id is taken, no rename takes over a module that is
 * still offered, and renames loop nowhere. (parseUserCatalog checks the catalog's own id.)
 * `others` is only read.
 */
export function checkUserCatalog(
  catalog: Catalog,
  others: CatalogIndex,
  options: { renameLoops?: boolean } = {},
): UserCatalogCheck {
  const problems: LintProblem[] = [];
  const warnings: LintProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  // Ids this catalog hides in other catalogs: replacing a hidden (retired) module is allowed.
  const hiding = new Set(
    (catalog.overrides ?? []).filter((o) => o.hidden === true).map((o) => o.id),
  );
  const replacedByOthers = new Map<string, string>();
  for (const loaded of others.catalogs)
    for (const course of loaded.courses)
      for (const module of course.modules)
        for (const old of module.replaces ?? []) replacedByOthers.set(old, module.id);
  for (const [old, by] of others.renamed)
    if (!replacedByOthers.has(old)) replacedByOthers.set(old, by);

  // A module may not have a course's id (an argument would name both), nor `<course>/project`,
  // the id of that course's project (its calendar event, for one).
  const courseIds = new Set(catalog.courses.map((course) => course.id));
  const isCourse = (id: string) => courseIds.has(id) || others.courseById.has(id);
  const ownTracks = new Set(catalog.courses.flatMap((course) => course.track ?? []));
  catalog.courses.forEach((course, ci) => {
    const at = `courses[${ci}]`;
    if (RESERVED_IDS.has(course.id)) report(`${at}.id`, `${quote(course.id)} can't be an id`);
    const owner = others.catalogOf.get(course.id);
    if (owner) report(`${at}.id`, `course ${quote(course.id)} is already in catalog ${owner.id}`);
    const asModule = others.moduleById.get(course.id);
    if (asModule) report(`${at}.id`, `${quote(course.id)} is a module of ${asModule.course.id}`);
    // `roadmap add <id>` takes a course or a track: one id can't name both.
    if (others.tracks.has(course.id) || ownTracks.has(course.id))
      report(
        `${at}.id`,
        `${quote(course.id)} is a track's id; \`roadmap add ${course.id}\` adds that track`,
      );
    if (course.track !== undefined && isCourse(course.track))
      report(
        `${at}.track`,
        `${quote(course.track)} is a course's id; name the track apart from every course`,
      );
    else if (course.track !== undefined && others.tracks.has(course.track))
      warnings.push({
        path: `${at}.track`,
        message: `${quote(course.track)} is a track of another catalog: \`roadmap add ${course.track}\` will add this course after that track's own courses; name a track of your own to keep them apart`,
      });
    // Finished means every module done, so a course with none could never finish.
    if (course.modules.length === 0)
      report(`${at}.modules`, 'must have at least one module (a course with none never finishes)');
    course.modules.forEach((module, mi) => {
      const mat = `${at}.modules[${mi}]`;
      if (RESERVED_IDS.has(module.id)) report(`${mat}.id`, `${quote(module.id)} can't be an id`);
      // Progress is filed by the part of its id before the first "/": a module named under
      // another course's id counts for that course once its catalog is gone.
      if (!module.id.startsWith(`${course.id}/`) && !isCourse(module.id))
        warnings.push({
          path: `${mat}.id`,
          message: `${quote(module.id)} doesn't begin with its course's id and a slash (${quote(`${course.id}/`)}): progress on it is filed under ${quote(groupOf(module.id))}, so a course without this catalog loaded would not count it; give it an id that begins with ${quote(`${course.id}/`)}, listing ${quote(module.id)} in its "replaces" so that progress recorded under it carries over`,
        });
      if (isCourse(module.id)) report(`${mat}.id`, `${quote(module.id)} is a course's id`);
      else if (module.id.endsWith('/project') && isCourse(module.id.slice(0, -'/project'.length)))
        report(`${mat}.id`, `${quote(module.id)} is the id of a course's project`);
      const taken = others.moduleById.get(module.id);
      if (taken) {
        const where = others.catalogOf.get(taken.course.id)!.id;
        report(
          `${mat}.id`,
          `module ${quote(module.id)} is already in ${taken.course.id} (catalog ${where})`,
        );
      }
      (module.replaces ?? []).forEach((old, ri) => {
        const path = `${mat}.replaces[${ri}]`;
        // Progress is kept by module id: a course's id names no progress to take over.
        if (isCourse(old)) {
          report(path, `${quote(old)} is a course's id; replaces lists the ids the module had`);
          return;
        }
        const live = others.moduleById.get(old);
        if (live && !others.hidden.has(old) && !hiding.has(old)) {
          report(
            path,
            `${quote(old)} is still a module of ${live.course.id} (catalog ${others.catalogOf.get(live.course.id)!.id}); hide it with an override to replace it`,
          );
        }
        const by = replacedByOthers.get(old);
        if (by !== undefined && by !== module.id) {
          report(path, `${quote(old)} is already replaced by ${quote(by)} in another catalog`);
        }
      });
    });
  });

  let suggested = 0;
  (catalog.overrides ?? []).forEach((override, oi) => {
    if (!others.courseById.has(override.id) && !others.moduleById.has(override.id)) {
      const near = nearestId(override.id, others, suggested++);
      warnings.push({
        path: `overrides[${oi}].id`,
        message: `no loaded catalog has ${quote(override.id)}, so this override changes nothing for now${near === undefined ? '' : ` (did you mean ${quote(near)}?)`}`,
      });
    } else if (override.minutes !== undefined && others.courseById.has(override.id)) {
      // Said by `doctor` too, but only once it is imported.
      warnings.push({
        path: `overrides[${oi}].minutes`,
        message: `${quote(override.id)} is a course; minutes apply to modules only, so they change nothing`,
      });
    }
  });
  // Hiding a course's modules one by one until none is left leaves a course of nothing: `status`
  // shows 0/0 and `next` goes straight to its project. Hiding the course says what is meant.
  const hiddenBy = new Map<string, number>();
  (catalog.overrides ?? []).forEach((override, oi) => {
    if (override.hidden !== true) return;
    const owner = others.moduleById.get(override.id)?.course.id;
    if (owner !== undefined && !hiddenBy.has(owner)) hiddenBy.set(owner, oi);
  });
  for (const [courseId, oi] of hiddenBy) {
    const course = others.courseById.get(courseId)!;
    if (others.hidden.has(courseId)) continue;
    if (course.modules.every((m) => hiding.has(m.id) || others.hidden.has(m.id)))
      warnings.push({
        path: `overrides[${oi}].id`,
        message: `these overrides hide every module of ${quote(courseId)}, which would have nothing left to study; to take the course out, hide the course itself (${JSON.stringify({ id: courseId, hidden: true })})`,
      });
  }
  if (catalog.courses.length === 0 && (catalog.overrides ?? []).length === 0) {
    warnings.push({
      path: '(file)',
      message: 'it holds no courses and no overrides, so importing it changes nothing',
    });
  }

  // A loop can only close through modules hidden in other catalogs; index them together to see.
  if (
    options.renameLoops !== false &&
    problems.length === 0 &&
    catalog.courses.some((c) => c.modules.some((m) => m.replaces))
  ) {
    const before = new Set(others.problems.map((p) => p.message));
    const together = indexCatalogs([...others.catalogs.map((c) => c.source), sourceOf(catalog)]);
    for (const problem of together.problems) {
      if (problem.message.startsWith('renames loop') && !before.has(problem.message))
        report('courses', problem.message);
    }
  }
  return { problems, warnings };
}

/** Mistyped override ids given a "did you mean"; the rest are named without one. */
const SUGGESTED = 20;

/**
 * The loaded course or module an override id was likely meant for. A module's is sought among
 * its course's modules (or every course, when the course part is what is mistyped): comparing
 * with all 50,000 module ids of a big catalog took 50 ms an override.
 */
function nearestId(id: string, others: CatalogIndex, already: number): string | undefined {
  if (already >= SUGGESTED) return undefined;
  const course = others.courseById.get(groupOf(id));
  const candidates = course ? moduleIdsOf(course) : others.courseById.keys();
  return suggestIds(id, candidates, 1)[0];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const textOr = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The ids of a catalog that failed validation, each where the file has it, so that its clashes
 * with other catalogs can be listed together with its own problems: one run of `catalog
 * validate` then names everything to fix. Anything that isn't an id here reads as '', which
 * clashes with nothing. Null when the file doesn't even hold a list of courses. Good only for
 * checkUserCatalog without rename loops, which need a valid catalog.
 */
export function idsOfInvalid(data: unknown): Catalog | null {
  if (!isObject(data) || !Array.isArray(data.courses)) return null;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  return {
    formatVersion: 1,
    id: textOr(data.id),
    courses: data.courses.map((course) => {
      const c = isObject(course) ? course : {};
      return {
        id: textOr(c.id),
        modules: list(c.modules).map((module) => {
          const m = isObject(module) ? module : {};
          return {
            id: textOr(m.id),
            ...(Array.isArray(m.replaces) && { replaces: m.replaces.map(textOr) }),
          };
        }),
      };
    }),
    overrides: list(data.overrides).map((override) => {
      const o = isObject(override) ? override : {};
      return { id: textOr(o.id), ...(o.hidden === true && { hidden: true }) };
    }),
  } as unknown as Catalog;
}
