import { type CatalogIndex, liveModule, type ModuleRef } from './catalog-index.js';
import type { Catalog, Override } from './types.js';

/** What changed in one course between two versions of its catalog. */
export interface CourseChanges {
  catalog: string;
  courseId: string;
  /** Modules the course didn't have before. */
  added: string[];
  /** Modules it no longer has (progress on them is kept, as orphans). */
  removed: string[];
  /** Modules now under another id; their progress counts for the new one. */
  renamed: Array<{ from: string; to: string }>;
  /** The whole course is gone from the catalog. */
  courseRemoved: boolean;
}

export type CourseModuleIds = ReadonlyArray<readonly [string, readonly string[]]>;

export const hasChanges = (c: CourseChanges): boolean =>
  c.courseRemoved || c.added.length > 0 || c.removed.length > 0 || c.renamed.length > 0;

/**
 * Compares each course of `before` (those `only` accepts) with the same course in `after`. A module
 * that is gone counts as renamed when `renamed` maps it to a module of the new version, in its own
 * course or another (its progress goes with it either way), and the module it became is then no
 * new one. Courses without changes are left out.
 */
export function diffCourses(
  catalog: string,
  before: CourseModuleIds,
  after: CourseModuleIds,
  renamed: ReadonlyMap<string, string>,
  only: (courseId: string) => boolean = () => true,
): CourseChanges[] {
  const now = new Map(after);
  const live = new Set(after.flatMap(([, ids]) => ids));
  // Modules that old ones became, in whichever course: not "new" where they landed.
  const becameOf = new Set<string>();
  for (const [, ids] of before)
    for (const id of ids) if (!live.has(id) && renamed.has(id)) becameOf.add(renamed.get(id)!);
  const changes: CourseChanges[] = [];
  for (const [courseId, oldIds] of before) {
    if (!only(courseId)) continue;
    const newIds = now.get(courseId);
    const change: CourseChanges = {
      catalog,
      courseId,
      added: [],
      removed: [],
      renamed: [],
      courseRemoved: newIds === undefined,
    };
    if (newIds !== undefined) {
      const was = new Set(oldIds);
      const is = new Set(newIds);
      for (const id of oldIds) {
        if (is.has(id)) continue;
        const to = renamed.get(id);
        // Moved within the course, or to another: a module that is still offered.
        if (to !== undefined && !live.has(id)) change.renamed.push({ from: id, to });
        else change.removed.push(id);
      }
      for (const id of newIds) if (!was.has(id) && !becameOf.has(id)) change.added.push(id);
    }
    if (hasChanges(change)) changes.push(change);
  }
  return changes;
}

/**
 * A course or module kept by an upgrade, with what changed about it; absent fields didn't
 * change. A course comes before its modules.
 */
export interface ModuleDetailsChange {
  id: string;
  title?: { from: string; to: string };
  url?: { from: string; to: string };
  minutes?: { from: number; to: number };
}

/** What an upgrade of a catalog changes, for `catalog import` to report. */
export interface CatalogUpdate {
  coursesAdded: string[];
  coursesRemoved: string[];
  courses: CourseChanges[];
  /** Courses whose title or link changed, and modules whose title, link or estimate did. */
  detailsChanged: ModuleDetailsChange[];
  /**
   * What the overrides do differently, by the id they target: hiding it now, showing it again, or
   * patching other fields (title, url, minutes), newly or no longer. An override targets another
   * catalog's course or module, so the version's own courses don't show this.
   */
  overrides: {
    hides: string[];
    showsAgain: string[];
    patches: string[];
    stopsPatching: string[];
  };
  /** Ids the version before renamed that the new one no longer reads as any module. */
  renamesDropped: Array<{ id: string; was: string; to: string | null }>;
}

const PATCHED = ['title', 'url', 'minutes'] as const;

const patchOf = (o: Override | undefined): string =>
  JSON.stringify(PATCHED.map((field) => o?.[field] ?? null));

export function compareOverrides(
  before: Override[],
  after: Override[],
): CatalogUpdate['overrides'] {
  const was = new Map(before.map((o) => [o.id, o]));
  const is = new Map(after.map((o) => [o.id, o]));
  const changes: CatalogUpdate['overrides'] = {
    hides: [],
    showsAgain: [],
    patches: [],
    stopsPatching: [],
  };
  for (const id of new Set([...was.keys(), ...is.keys()])) {
    const old = was.get(id);
    const now = is.get(id);
    if ((old?.hidden === true) !== (now?.hidden === true))
      (now?.hidden === true ? changes.hides : changes.showsAgain).push(id);
    if (patchOf(old) === patchOf(now)) continue;
    const patching = now !== undefined && PATCHED.some((field) => now[field] !== undefined);
    (patching ? changes.patches : changes.stopsPatching).push(id);
  }
  return changes;
}

const moduleIds = (catalog: Catalog): CourseModuleIds =>
  catalog.courses.map((c) => [c.id, c.modules.map((m) => m.id)] as const);

export function compareVersions(before: Catalog, after: Catalog): CatalogUpdate {
  const renamed = new Map<string, string>();
  for (const course of after.courses)
    for (const module of course.modules)
      for (const old of module.replaces ?? []) renamed.set(old, module.id);
  const oldCourses = new Set(before.courses.map((c) => c.id));
  const newCourses = new Set(after.courses.map((c) => c.id));
  const oldModules = new Map(before.courses.flatMap((c) => c.modules.map((m) => [m.id, m])));
  const detailsChanged: ModuleDetailsChange[] = [];
  const oldCourseById = new Map(before.courses.map((c) => [c.id, c]));
  for (const course of after.courses) {
    // A course's own title or link, named like a module's.
    const oldCourse = oldCourseById.get(course.id);
    if (oldCourse && (oldCourse.title !== course.title || oldCourse.url !== course.url)) {
      const change: ModuleDetailsChange = { id: course.id };
      if (oldCourse.title !== course.title)
        change.title = { from: oldCourse.title, to: course.title };
      if (oldCourse.url !== course.url) change.url = { from: oldCourse.url, to: course.url };
      detailsChanged.push(change);
    }
    for (const module of course.modules) {
      const old = oldModules.get(module.id);
      if (!old) continue;
      const change: ModuleDetailsChange = { id: module.id };
      if (old.title !== module.title) change.title = { from: old.title, to: module.title };
      if (old.url !== module.url) change.url = { from: old.url, to: module.url };
      if (old.minutes !== module.minutes)
        change.minutes = { from: old.minutes, to: module.minutes };
      if (change.title || change.url || change.minutes) detailsChanged.push(change);
    }
  }
  return {
    coursesAdded: after.courses.filter((c) => !oldCourses.has(c.id)).map((c) => c.id),
    coursesRemoved: before.courses.filter((c) => !newCourses.has(c.id)).map((c) => c.id),
    courses: diffCourses(after.id, moduleIds(before), moduleIds(after), renamed, (id) =>
      newCourses.has(id),
    ),
    detailsChanged,
    overrides: compareOverrides(before.overrides ?? [], after.overrides ?? []),
    renamesDropped: droppedRenames(before, after, renamed),
  };
}

/**
 * Ids the version before read as one of its modules (through `replaces`) that the new version
 * reads as nothing: a module renamed again that lists only its last id. Progress under them
 * stops counting, though the rename beside it says "progress carries over"; `to` is where the
 * module they stood for went (renamed, or still there), where listing them would keep it.
 */
function droppedRenames(
  before: Catalog,
  after: Catalog,
  renamed: ReadonlyMap<string, string>,
): Array<{ id: string; was: string; to: string | null }> {
  const live = new Set(after.courses.flatMap((c) => c.modules.map((m) => m.id)));
  const dropped: Array<{ id: string; was: string; to: string | null }> = [];
  for (const course of before.courses) {
    for (const module of course.modules) {
      for (const id of module.replaces ?? []) {
        if (live.has(id) || renamed.has(id)) continue;
        const to = live.has(module.id) ? module.id : (renamed.get(module.id) ?? null);
        dropped.push({ id, was: module.id, to });
      }
    }
  }
  return dropped;
}

/** A module an upgrade takes away while progress is recorded on it, and what may have become of it. */
export interface StrandedModule {
  /** The module the progress counted for until now, and its course. */
  id: string;
  courseId: string;
  /** The ids the progress is stored under (the module's own, or ids it replaced). */
  storedAs: string[];
  /**
   * The one new module of the same course with the same title or link, which is likely the same
   * module under a new id; null when there is none, or more than one.
   */
  likelyRenamedTo: string | null;
}

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * What an upgrade does to progress stored under `ids`, with every loaded catalog read before it
 * (`before`) and after it (`after`), renames followed to their end: the modules whose progress
 * stops counting (`stranded`), and the stored ids that count again (`revived`, each with the
 * module it counts for). A course gone from the catalog is left out: its progress stays with it,
 * counted by its ids' prefix.
 */
export function progressUpgrade(
  before: CatalogIndex,
  after: CatalogIndex,
  ids: Iterable<string>,
): { stranded: StrandedModule[]; revived: Array<{ from: string; to: string }> } {
  const lost = new Map<string, { ref: ModuleRef; storedAs: string[] }>();
  const revived: Array<{ from: string; to: string }> = [];
  for (const id of ids) {
    const was = liveModule(before, id);
    const is = liveModule(after, id);
    if (was !== undefined && is === undefined && after.courseById.has(was.course.id)) {
      const entry = lost.get(was.module.id) ?? { ref: was, storedAs: [] };
      entry.storedAs.push(id);
      lost.set(was.module.id, entry);
    } else if (was === undefined && is !== undefined) revived.push({ from: id, to: is.module.id });
  }
  const stranded = [...lost.values()].map(({ ref, storedAs }): StrandedModule => {
    const fresh = after.courseById
      .get(ref.course.id)!
      .modules.filter((m) => !before.moduleById.has(m.id));
    const alike = fresh.filter(
      (m) => sameText(m.title, ref.module.title) || m.url.trim() === ref.module.url.trim(),
    );
    return {
      id: ref.module.id,
      courseId: ref.course.id,
      storedAs: storedAs.sort(),
      likelyRenamedTo: alike.length === 1 ? alike[0]!.id : null,
    };
  });
  return { stranded, revived };
}
