import { type CatalogKind, type CatalogSource, sourceOf } from './sources.js';
import type { Catalog, CatalogCourse, CatalogModule, Override } from './types.js';

export interface ModuleRef {
  module: CatalogModule;
  course: CatalogCourse;
  /** 0-based position within its course's visible modules; -1 for a hidden module. */
  index: number;
}

/** A catalog as loaded: where it came from, and those of its courses that were loaded. */
export interface LoadedCatalog {
  id: string;
  kind: CatalogKind;
  path: string | null;
  source: CatalogSource;
  /** Its courses in catalog order, less any left out because their ids were taken. */
  courses: CatalogCourse[];
  /** How many overrides it holds. */
  overrides: number;
}

export type OverrideField = 'title' | 'url' | 'minutes' | 'hidden';

/** What overrides changed on one course or module. */
export interface AppliedOverride {
  /** The catalogs whose overrides changed it, in load order. */
  catalogs: string[];
  fields: OverrideField[];
}

/** Something the index could not use as given; each names the catalog it is in. */
export interface IndexProblem {
  catalog: string;
  path: string | null;
  message: string;
  /**
   * Worth a warning on every command (part of a catalog was left out), rather than only in
   * `roadmap doctor`.
   */
  warn: boolean;
}

/** Module id -> where it is, hidden modules included. */
export interface ModuleLookup {
  get(id: string): ModuleRef | undefined;
  has(id: string): boolean;
  /** Every module id; this builds the whole table, so keep it for rare paths (suggestions). */
  keys(): IterableIterator<string>;
  readonly size: number;
}

/** Lookup tables over every loaded catalog, built once per command. */
export interface CatalogIndex {
  /** Courses you can browse and add, in load order: hidden ones are left out. */
  courses: CatalogCourse[];
  /** Every loaded course, hidden ones too, so a course on your roadmap keeps working. */
  courseById: Map<string, CatalogCourse>;
  moduleById: ModuleLookup;
  /** Track id -> its visible course ids, in catalog order. */
  tracks: Map<string, string[]>;
  /** The catalogs in load order: the bundled one, imported ones by id, then ROADMAP_CATALOG's. */
  catalogs: LoadedCatalog[];
  /** The catalog each course comes from, by course id. */
  catalogOf: Map<string, LoadedCatalog>;
  /** Ids that modules replace -> the module that now stands for them (renames, chains followed). */
  renamed: Map<string, string>;
  /** Module id -> the ids it stands for, the inverse of `renamed`. */
  formerIds: Map<string, string[]>;
  /** What overrides changed, by course or module id. */
  overridden: Map<string, AppliedOverride>;
  /** Courses and modules hidden by an override. */
  hidden: Set<string>;
  problems: IndexProblem[];
}

/**
 * What a course can tell without building its module objects. A stored course answers from its
 * index (see stored.ts); any other course is asked through its modules.
 */
interface CheapCourse {
  moduleIds?(): readonly string[];
  /** The minutes of its modules, in the same order. */
  moduleMinutes?(): readonly number[];
  /** Modules whose id doesn't start with `<course id>/`. */
  looseModules?(): CatalogModule[];
  /** [module id, ids it replaces] for each module that replaces any. */
  replacements?(): ReadonlyArray<readonly [string, readonly string[]]>;
}

/**
 * The ids of a course's modules (`course.modules`), without building a stored course's module
 * objects: checking which courses are complete needn't build 50,000 of them.
 */
export const moduleIdsOf = (course: CatalogCourse): readonly string[] =>
  (course as CheapCourse).moduleIds?.() ?? course.modules.map((m) => m.id);

/**
 * The ids of a course's modules that an override hides, which `course.modules` leaves out. They
 * leave the totals, but what was done on them is still the learner's own work in the course.
 */
export function hiddenModuleIdsOf(catalog: CatalogIndex, courseId: string): string[] {
  const ids: string[] = [];
  if (catalog.hidden.size === 0) return ids;
  for (const id of catalog.hidden)
    if (catalog.moduleById.get(id)?.course.id === courseId) ids.push(id);
  return ids;
}

/** The module an id names now: its own, or the one that replaced it in a catalog update. */
export const liveModule = (catalog: CatalogIndex, id: string): ModuleRef | undefined =>
  catalog.moduleById.get(catalog.renamed.get(id) ?? id);

/** The minutes of a course's modules, in order, without building a stored course's modules. */
export const moduleMinutesOf = (course: CatalogCourse): readonly number[] =>
  (course as CheapCourse).moduleMinutes?.() ?? course.modules.map((m) => m.minutes);

const looseOf = (course: CatalogCourse): CatalogModule[] =>
  (course as CheapCourse).looseModules?.() ??
  course.modules.filter((m) => !m.id.startsWith(`${course.id}/`));

const replacementsOf = (
  course: CatalogCourse,
): ReadonlyArray<readonly [string, readonly string[]]> =>
  (course as CheapCourse).replacements?.() ??
  course.modules.flatMap((m) => (m.replaces?.length ? [[m.id, m.replaces] as const] : []));

/**
 * The module table. Ids follow `<course id>/<slug>` almost always, so a module is found through
 * its course, and the few that don't are kept in a table of their own; a table of every module
 * (50,000 in a big user catalog) is built only when something asks for all of them.
 */
class Modules implements ModuleLookup {
  readonly #courses: Map<string, CatalogCourse>;
  /** Module id -> course, for ids that don't start with their course's id. */
  readonly #loose = new Map<string, CatalogCourse>();
  /** A course's modules as loaded (patched by overrides), hidden ones included. */
  readonly #all = new WeakMap<CatalogCourse, CatalogModule[]>();
  #table: Map<string, ModuleRef> | undefined;
  #positions = new WeakMap<CatalogModule[], Map<string, number>>();

  constructor(courses: Map<string, CatalogCourse>) {
    this.#courses = courses;
  }

  addLoose(module: CatalogModule, course: CatalogCourse): void {
    this.#loose.set(module.id, course);
  }

  /** A course's modules, hidden ones included. */
  all(course: CatalogCourse): CatalogModule[] {
    return this.#all.get(course) ?? course.modules;
  }

  /** Sets a course's modules as loaded, when its visible list is about to differ from them. */
  keepAll(course: CatalogCourse, modules: CatalogModule[]): void {
    this.#all.set(course, modules);
  }

  /** Forgets what was found so far; the index calls it after changing courses. */
  reset(): void {
    this.#table = undefined;
    this.#positions = new WeakMap();
  }

  get(id: string): ModuleRef | undefined {
    if (this.#table) return this.#table.get(id);
    const loose = this.#loose.get(id);
    if (loose) return this.#find(loose, id);
    for (let at = id.indexOf('/'); at > 0; at = id.indexOf('/', at + 1)) {
      const course = this.#courses.get(id.slice(0, at));
      const ref = course && this.#find(course, id);
      if (ref) return ref;
    }
    return undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  keys(): IterableIterator<string> {
    return this.#build().keys();
  }

  get size(): number {
    return this.#build().size;
  }

  #find(course: CatalogCourse, id: string): ModuleRef | undefined {
    const all = this.all(course);
    // A position table per course: status looks up every done module, 40,000 in a big roadmap.
    let positions = this.#positions.get(all);
    if (!positions) {
      positions = new Map();
      for (let i = all.length - 1; i >= 0; i--) positions.set(all[i]!.id, i);
      this.#positions.set(all, positions);
    }
    const at = positions.get(id);
    if (at === undefined) return undefined;
    const module = all[at]!;
    const index = all === course.modules ? at : course.modules.indexOf(module);
    return { module, course, index };
  }

  #build(): Map<string, ModuleRef> {
    if (this.#table) return this.#table;
    const table = new Map<string, ModuleRef>();
    for (const course of this.#courses.values()) {
      const all = this.all(course);
      all.forEach((module, i) => {
        const index = all === course.modules ? i : course.modules.indexOf(module);
        table.set(module.id, { module, course, index });
      });
    }
    this.#table = table;
    return table;
  }
}

// Ids become keys of plain objects in the state; these would read what Object.prototype holds.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

const isSource = (input: Catalog | CatalogSource): input is CatalogSource =>
  typeof (input as CatalogSource).revision === 'function';

/**
 * Builds the index from catalogs in load order. A course whose id, or one of whose module ids, an
 * earlier catalog already has is left out (the earlier one wins, so a new bundled course never
 * changes what your progress means); then overrides apply, then renames resolve. Nothing it is
 * given is changed: a course that overrides or hiding change is copied first.
 */
export function indexCatalogs(inputs: ReadonlyArray<Catalog | CatalogSource>): CatalogIndex {
  const courseById = new Map<string, CatalogCourse>();
  const modules = new Modules(courseById);
  const index: CatalogIndex = {
    courses: [],
    courseById,
    moduleById: modules,
    tracks: new Map(),
    catalogs: [],
    catalogOf: new Map(),
    renamed: new Map(),
    formerIds: new Map(),
    overridden: new Map(),
    hidden: new Set(),
    problems: [],
  };
  const sources = inputs.map((input) => (isSource(input) ? input : sourceOf(input)));
  const catalogs = sources.map((source) => source.catalog());
  // Module ids of the catalogs loaded so far, filled only when a later catalog needs the check,
  // and every part of them before a `/`.
  const taken = new Map<string, string>();
  const prefixes = new Set<string>();
  sources.forEach((source, s) => {
    const catalog = catalogs[s]!;
    const loaded: LoadedCatalog = {
      id: source.id,
      kind: source.kind,
      path: source.path,
      source,
      courses: [],
      overrides: catalog.overrides?.length ?? 0,
    };
    for (const course of catalog.courses) {
      const clash = findClash(index, taken, prefixes, course, loaded.id);
      if (clash !== null) {
        index.problems.push({
          catalog: loaded.id,
          path: loaded.path,
          message: `course ${course.id} was left out: ${clash}`,
          warn: true,
        });
        continue;
      }
      courseById.set(course.id, course);
      index.catalogOf.set(course.id, loaded);
      for (const module of looseOf(course)) modules.addLoose(module, course);
      loaded.courses.push(course);
    }
    index.catalogs.push(loaded);
    if (s < sources.length - 1)
      for (const course of loaded.courses)
        for (const id of moduleIdsOf(course)) {
          taken.set(id, course.id);
          for (let at = id.indexOf('/'); at > 0; at = id.indexOf('/', at + 1))
            prefixes.add(id.slice(0, at));
        }
  });
  const own = owner(index, modules);
  index.catalogs.forEach((loaded, s) => {
    (catalogs[s]!.overrides ?? []).forEach((override, i) => {
      applyOverride(index, own, loaded, override, i);
    });
  });
  const renames = collectRenames(index);
  hide(index, own, modules);
  for (const loaded of index.catalogs) {
    for (const course of loaded.courses) {
      if (index.hidden.has(course.id)) continue;
      index.courses.push(course);
      if (course.track) {
        const list = index.tracks.get(course.track) ?? [];
        list.push(course.id);
        index.tracks.set(course.track, list);
      }
    }
  }
  resolveRenames(index, renames);
  return index;
}

function findClash(
  index: CatalogIndex,
  taken: Map<string, string>,
  prefixes: Set<string>,
  course: CatalogCourse,
  catalogId: string,
): string | null {
  if (RESERVED.has(course.id)) return `"${course.id}" can't be an id`;
  const owner = index.catalogOf.get(course.id);
  // Two files of one catalog id (both in ROADMAP_CATALOG): the name alone would say it clashes
  // with itself.
  const named = (c: LoadedCatalog) =>
    c.id === catalogId && c.path !== null ? `${c.id} (${c.path})` : c.id;
  if (owner) return `catalog ${named(owner)} already has a course with that id`;
  // A module id under the course's own id can only be taken if some taken id is under it too,
  // and can't be a reserved word; so a big catalog's modules are checked only when that is so.
  const ids = prefixes.has(course.id) ? moduleIdsOf(course) : looseOf(course).map((m) => m.id);
  for (const id of ids) {
    if (RESERVED.has(id)) return `"${id}" can't be an id`;
    const other = taken.get(id);
    if (other !== undefined) {
      const where = named(index.catalogOf.get(other)!);
      return `its module ${id} is already in ${other} (catalog ${where})`;
    }
  }
  return null;
}

/** Gives a course a copy of its own before the index changes it. */
type Own = (course: CatalogCourse) => CatalogCourse;

/**
 * The objects a source hands out are its own (the bundled one hands out the same ones again), so
 * overrides and hiding change copies, made on first change; the index's references move to the
 * copy.
 */
function owner(index: CatalogIndex, modules: Modules): Own {
  const owned = new WeakSet<CatalogCourse>();
  return (course) => {
    if (owned.has(course)) return course;
    const copyable = course as CatalogCourse & { copy?: () => CatalogCourse };
    const copy =
      typeof copyable.copy === 'function'
        ? copyable.copy()
        : { ...course, modules: [...course.modules] };
    owned.add(copy);
    index.courseById.set(copy.id, copy);
    const loaded = index.catalogOf.get(copy.id)!;
    loaded.courses[loaded.courses.indexOf(course)] = copy;
    for (const module of looseOf(course)) modules.addLoose(module, copy);
    modules.reset();
    return copy;
  };
}

/** A plain copy of a module with an override's fields. */
function patchModule(module: CatalogModule, override: Override): CatalogModule {
  const patched: CatalogModule = {
    id: module.id,
    title: override.title ?? module.title,
    url: override.url ?? module.url,
    minutes: override.minutes ?? module.minutes,
    minutesBasis: module.minutesBasis,
  };
  if (module.part !== undefined) patched.part = module.part;
  if (module.optional !== undefined) patched.optional = module.optional;
  if (module.replaces !== undefined) patched.replaces = module.replaces;
  return patched;
}

function applyOverride(
  index: CatalogIndex,
  own: Own,
  loaded: LoadedCatalog,
  override: Override,
  i: number,
): void {
  const problem = (message: string) =>
    index.problems.push({
      catalog: loaded.id,
      path: loaded.path,
      message: `overrides[${i}]: ${message}`,
      warn: false,
    });
  const course = index.courseById.get(override.id);
  const ref = course ? undefined : index.moduleById.get(override.id);
  const target = course ?? ref?.course;
  // A catalog's own entries are fixed in the catalog itself; lint says so for the file.
  if (!target || index.catalogOf.get(target.id) === loaded) {
    if (!target) problem(`no loaded catalog has "${override.id}", so it changes nothing`);
    return;
  }
  const fields: OverrideField[] = [];
  if (course) {
    if (override.title !== undefined) own(course).title = override.title;
    if (override.url !== undefined) own(course).url = override.url;
    if (override.title !== undefined) fields.push('title');
    if (override.url !== undefined) fields.push('url');
    if (override.minutes !== undefined)
      problem(`"${override.id}" is a course; minutes apply to modules only`);
  } else if (ref) {
    const changes = (['title', 'url', 'minutes'] as const).filter((f) => override[f] !== undefined);
    if (changes.length > 0) {
      // Before any module is hidden, a course's visible list is all of its modules.
      own(ref.course).modules[ref.index] = patchModule(ref.module, override);
      fields.push(...changes);
    }
  }
  if (override.hidden === true) {
    index.hidden.add(override.id);
    fields.push('hidden');
  } else if (override.hidden === false) {
    // An earlier catalog's `hidden: true` is undone by a later `hidden: false`.
    index.hidden.delete(override.id);
  }
  if (fields.length === 0) return;
  const applied = index.overridden.get(override.id) ?? { catalogs: [], fields: [] };
  if (!applied.catalogs.includes(loaded.id)) applied.catalogs.push(loaded.id);
  for (const field of fields) if (!applied.fields.includes(field)) applied.fields.push(field);
  index.overridden.set(override.id, applied);
}

/** Leaves hidden modules out of their courses' lists (they stay known to the module table). */
function hide(index: CatalogIndex, own: Own, modules: Modules): void {
  const touched = new Set<CatalogCourse>();
  for (const id of index.hidden) {
    const ref = index.moduleById.get(id);
    if (ref) touched.add(ref.course);
  }
  for (const original of touched) {
    const course = own(original);
    modules.keepAll(course, course.modules);
    course.modules = course.modules.filter((m) => !index.hidden.has(m.id));
  }
  modules.reset();
}

interface Replacer {
  by: string;
  catalog: LoadedCatalog;
}

/** Every `replaces` entry of the loaded modules, hidden ones included. */
function collectRenames(index: CatalogIndex): Array<[string, Replacer]> {
  const pairs: Array<[string, Replacer]> = [];
  for (const loaded of index.catalogs)
    for (const course of loaded.courses)
      for (const [by, olds] of replacementsOf(course))
        for (const old of olds) pairs.push([old, { by, catalog: loaded }]);
  return pairs;
}

/**
 * Maps every replaced id to the visible module that now stands for it. A replaced id that is still
 * a visible module keeps its own progress (the rename is ignored and reported); one that is a
 * hidden module is retired, so its progress moves on, and so a chain a -> b -> c, each step in
 * another catalog, is followed to its end. A chain that loops is ignored and reported.
 */
function resolveRenames(index: CatalogIndex, pairs: Array<[string, Replacer]>): void {
  const replacedBy = new Map<string, Replacer>();
  for (const [old, replacer] of pairs) {
    const problem = (message: string) =>
      index.problems.push({
        catalog: replacer.catalog.id,
        path: replacer.catalog.path,
        message,
        warn: false,
      });
    const live = index.moduleById.get(old);
    if (live && !index.hidden.has(old)) {
      problem(
        `${replacer.by} replaces ${old}, which is still a module of ${live.course.id}; the rename is ignored`,
      );
      continue;
    }
    const earlier = replacedBy.get(old);
    if (earlier) {
      problem(
        `${replacer.by} replaces ${old}, which ${earlier.by} (catalog ${earlier.catalog.id}) already replaces; ${earlier.by} keeps it`,
      );
      continue;
    }
    replacedBy.set(old, replacer);
  }
  // Each id resolves once: a walk stops at the first id already resolved.
  const resolved = new Map<string, string | null>();
  for (const start of replacedBy.keys()) {
    if (resolved.has(start)) continue;
    const path: string[] = [];
    const onPath = new Set<string>();
    let id = start;
    let result: string | null;
    for (;;) {
      if (resolved.has(id)) {
        result = resolved.get(id)!;
        break;
      }
      if (onPath.has(id)) {
        const { catalog } = replacedBy.get(id)!;
        index.problems.push({
          catalog: catalog.id,
          path: catalog.path,
          message: `renames loop across catalogs: ${[...path.slice(path.indexOf(id)), id].join(' -> ')}; they are ignored`,
          warn: false,
        });
        result = null;
        break;
      }
      const next = replacedBy.get(id);
      if (!next) {
        // The end of the chain: a module (hidden only when nothing replaces a retired one).
        result = index.moduleById.has(id) ? id : null;
        break;
      }
      path.push(id);
      onPath.add(id);
      id = next.by;
    }
    for (const step of path) resolved.set(step, result);
  }
  for (const [old, live] of resolved) {
    if (live === null) continue;
    index.renamed.set(old, live);
    const former = index.formerIds.get(live);
    if (former) former.push(old);
    else index.formerIds.set(live, [old]);
  }
}
