import {
  type CatalogIndex,
  liveModule,
  type ModuleRef,
  moduleIdsOf,
} from '../catalog/catalog-index.js';
import type { CatalogCourse } from '../catalog/types.js';
import { UsageError } from '../errors.js';
import { didYouMean, suggestIds } from './suggest.js';
import type { State } from './types.js';

/** Ids are lower case by definition, so `MLEP-Intro` means `mlep-intro`. */
export function normalizeId(arg: string): string {
  return arg.trim().toLowerCase();
}

/**
 * Expands course and track ids into course ids, in the order given (a track in catalog order). A
 * course an override hides can't be added: it was retired on purpose.
 */
export function resolveCourseArgs(catalog: CatalogIndex, args: string[]): string[] {
  const ids: string[] = [];
  for (const arg of args) {
    const id = normalizeId(arg);
    const course = catalog.courseById.get(id);
    const track = catalog.tracks.get(id);
    if (course && catalog.hidden.has(course.id)) {
      const by = catalog.overridden.get(course.id)?.catalogs.join(', ') ?? 'an override';
      throw new UsageError(
        `\`${arg}\` is hidden by an override in your catalog ${by}.`,
        'Remove that override (and import the catalog again) to add it.',
      );
    }
    if (course) ids.push(course.id);
    else if (track) ids.push(...track);
    else throw unknownCourse(catalog, arg, true);
  }
  return [...new Set(ids)];
}

/** One course (not a track). */
export function resolveCourse(catalog: CatalogIndex, arg: string): CatalogCourse {
  const id = normalizeId(arg);
  const course = catalog.courseById.get(id);
  if (course) return course;
  const track = catalog.tracks.get(id);
  if (track) {
    throw new UsageError(
      `\`${arg}\` is a track of ${track.length} courses; this command takes one course.`,
      `Its courses: ${track.join(', ')}.`,
    );
  }
  throw unknownCourse(catalog, arg, false);
}

/** `tracks`: the command takes a track too (`add`), so one is suggested and named. */
function unknownCourse(catalog: CatalogIndex, arg: string, tracks: boolean): UsageError {
  const asModule = catalog.moduleById.get(normalizeId(arg));
  if (asModule) {
    return new UsageError(
      `\`${arg}\` is a module, not a course.`,
      `Its course is \`${asModule.course.id}\`.`,
    );
  }
  // Courses and tracks first. Only when nothing else is close, the courses of modules named like
  // it (`chapter3`): a module id would only be refused here as not a course.
  const courses = suggestIds(arg, [
    ...catalog.courseById.keys(),
    ...(tracks ? catalog.tracks.keys() : []),
  ]);
  let hint = didYouMean(courses);
  if (hint === undefined) {
    const modules = suggestIds(arg, catalog.moduleById.keys());
    const owners = [...new Set(modules.map((id) => catalog.moduleById.get(id)!.course.id))];
    const asked = didYouMean(owners);
    if (asked !== undefined)
      hint = `${asked} ${owners.length === 1 ? 'It has' : 'They have'} a module named like \`${arg}\`.`;
  }
  return new UsageError(
    `Unknown ${tracks ? 'course or track' : 'course'} \`${arg}\`.`,
    hint ?? 'Run `roadmap catalog` to list the courses.',
  );
}

/**
 * The position of a course on the roadmap; a usage error, with suggestions, when it isn't there.
 * A catalog course that isn't on it is offered to add, unless `adding` is false (`remove`).
 */
export function roadmapIndex(
  state: State,
  arg: string,
  catalog?: CatalogIndex,
  adding = true,
): number {
  const id = normalizeId(arg);
  const index = state.roadmap.findIndex((r) => r.courseId === id);
  if (index >= 0) return index;
  const known = catalog ? resolveCourse(catalog, arg) : null;
  const hint = didYouMean(
    suggestIds(
      arg,
      state.roadmap.map((r) => r.courseId),
    ),
  );
  throw new UsageError(
    `\`${arg}\` is not on your roadmap.`,
    known !== null && adding
      ? `Add it first: roadmap add ${known.id}`
      : (hint ?? 'Run `roadmap status` to see the courses on it.'),
  );
}

/**
 * A module argument is a full id, or a suffix at a `/` boundary that is unique among the courses
 * on the roadmap (`chapter3/2` for `hf-course/chapter3/2`).
 */
export function resolveModule(catalog: CatalogIndex, state: State, arg: string): ModuleRef {
  const id = normalizeId(arg);
  const onRoadmap = new Set(state.roadmap.map((r) => r.courseId));
  // An id a module replaces still names it, so old notes and scripts keep working.
  const exact = liveModule(catalog, id);
  if (exact && exact.index < 0) {
    const by = catalog.overridden.get(exact.module.id)?.catalogs.join(', ') ?? 'an override';
    throw new UsageError(
      `\`${arg}\` is hidden by an override in your catalog ${by}.`,
      `Its progress is kept; \`roadmap show ${exact.course.id}\` lists the modules that count.`,
    );
  }
  if (exact) {
    if (!onRoadmap.has(exact.course.id)) {
      throw new UsageError(
        `\`${arg}\` belongs to \`${exact.course.id}\`, which is not on your roadmap.`,
        `Add it first: roadmap add ${exact.course.id}`,
      );
    }
    return exact;
  }
  const matches: ModuleRef[] = [];
  for (const entry of state.roadmap) {
    const course = catalog.courseById.get(entry.courseId);
    for (const [index, module] of (course?.modules ?? []).entries()) {
      if (module.id.endsWith(`/${id}`)) matches.push({ module, course: course!, index });
    }
  }
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new UsageError(
      `\`${arg}\` matches ${matches.length} modules on your roadmap: ${matches.map((m) => m.module.id).join(', ')}.`,
      'Pass the full module id.',
    );
  }
  // `done mlep-intro`: a course where a module goes. Said as such, rather than "unknown module".
  if (catalog.courseById.has(id)) {
    throw new UsageError(
      `\`${arg}\` is a course, not a module.`,
      `Name one of its modules (\`roadmap show ${id}\` lists them), or none, for the next one where the command allows it.`,
    );
  }
  const track = catalog.tracks.get(id);
  if (track) {
    throw new UsageError(
      `\`${arg}\` is a track of courses, not a module.`,
      `Name a module of one of its courses (${track.join(', ')}); \`roadmap show <course>\` lists them.`,
    );
  }
  // Progress kept for a module no loaded catalog has any more: say so, rather than "unknown".
  if (state.progress.has(id) || Object.hasOwn(state.journal, id)) {
    throw new UsageError(
      `\`${arg}\` is in no loaded catalog any more; its progress is kept.`,
      '`roadmap doctor` lists such modules; a catalog that has it again brings it back.',
    );
  }
  // A suffix of exactly one module of a course you haven't added: say which, and how to add it.
  const elsewhere = catalog.courses
    .filter((course) => !onRoadmap.has(course.id))
    .flatMap((course) => moduleIdsOf(course).filter((moduleId) => moduleId.endsWith(`/${id}`)));
  if (elsewhere.length === 1) {
    const { module, course } = catalog.moduleById.get(elsewhere[0]!)!;
    throw new UsageError(
      `\`${arg}\` is \`${module.id}\`, of \`${course.id}\`, which is not on your roadmap.`,
      `Add it first: roadmap add ${course.id}`,
    );
  }
  const roadmapModules = state.roadmap.flatMap(
    (r) => catalog.courseById.get(r.courseId)?.modules.map((m) => m.id) ?? [],
  );
  // Modules on the roadmap first, so a typo finds the course you are taking.
  const suggestions = suggestIds(arg, roadmapModules);
  const hint = didYouMean(
    suggestions.length > 0 ? suggestions : suggestIds(arg, catalog.moduleById.keys()),
  );
  throw new UsageError(
    `Unknown module \`${arg}\`.`,
    hint ?? 'Run `roadmap show <course>` to list its modules.',
  );
}
