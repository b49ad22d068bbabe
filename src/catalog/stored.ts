import { Failure } from '../errors.js';
import { catalogRevision, lineChecksum } from './revision.js';
import type { CatalogSource } from './sources.js';
import {
  CATALOG_FORMAT_VERSION,
  type Catalog,
  type CatalogCourse,
  type CatalogModule,
  type MinutesBasis,
  type Override,
  type ProjectIdea,
} from './types.js';

/**
 * An imported catalog is kept as two files. `<id>.json` is the catalog itself, in the catalog
 * format, written one course a line so that a single course can be read on its own. `<id>.index`
 * holds what nearly every command needs (course and module ids, minutes, titles of courses) and
 * where each course's line is. Parsing and validating a 50,000-module catalog costs more than
 * Node's whole start-up, so it is validated once, at import, and from then on a command parses only
 * the index and the lines of the courses it shows.
 */
export const STORED_INDEX_VERSION = 1;

/** A course's summary fields, as the catalog gives them, and where the rest of it is. */
export interface StoredCourseEntry
  extends Pick<CatalogCourse, 'id' | 'title' | 'provider' | 'url' | 'track' | 'prerequisites'> {
  /** Byte offset and length of the course's line in the catalog file, and a checksum of it. */
  line: [number, number, string];
  ids: string[];
  minutes: number[];
  /** Positions of the optional modules. */
  optional?: number[];
  /** Position of a module -> the ids it replaces. */
  replaces?: Array<[number, string[]]>;
  /** Positions of modules whose id doesn't start with `<course id>/` (see ModuleLookup). */
  loose?: number[];
  /** The course's project ideas, when it has any and the index holds them (see `withIdeas`). */
  ideas?: ProjectIdea[];
}

export interface StoredIndex {
  index: number;
  id: string;
  formatVersion: number;
  revision: string;
  /** Byte length of the catalog file, so that a file changed behind roadmap's back is noticed. */
  bytes: number;
  /**
   * The catalog file's modification time as it was written, for the same reason: an edit that
   * keeps the length (600 minutes made 900) changes it. Absent in indexes written before.
   */
  mtimeMs?: number;
  courses: StoredCourseEntry[];
  overrides?: Override[];
  /**
   * Courses carry their project ideas (ETAs need every course's, and reading a thousand course
   * lines for them costs more than the rest of `status`). Absent in indexes written before, whose
   * courses' ideas are read from their lines.
   */
  withIdeas?: true;
}

/** The catalog file's text and its index, for a catalog that has been validated. */
export function encodeStored(catalog: Catalog): { text: string; index: StoredIndex } {
  const head = `{"formatVersion":${catalog.formatVersion},"id":${JSON.stringify(catalog.id)},"courses":[\n`;
  let offset = Buffer.byteLength(head);
  const lines: string[] = [];
  const courses = catalog.courses.map((course, c): StoredCourseEntry => {
    const line = JSON.stringify(course);
    if (c > 0) offset += 2; // ",\n"
    const bytes = Buffer.byteLength(line);
    lines.push(line);
    const entry: StoredCourseEntry = {
      id: course.id,
      title: course.title,
      provider: course.provider,
      url: course.url,
      line: [offset, bytes, lineChecksum(line)],
      ids: course.modules.map((m) => m.id),
      minutes: course.modules.map((m) => m.minutes),
    };
    offset += bytes;
    if (course.track !== undefined) entry.track = course.track;
    if (course.prerequisites !== undefined) entry.prerequisites = course.prerequisites;
    const optional = course.modules.flatMap((m, i) => (m.optional ? [i] : []));
    if (optional.length > 0) entry.optional = optional;
    const replaces = course.modules.flatMap(
      (m, i): Array<[number, string[]]> => (m.replaces?.length ? [[i, m.replaces]] : []),
    );
    if (replaces.length > 0) entry.replaces = replaces;
    const loose = course.modules.flatMap((m, i) => (m.id.startsWith(`${course.id}/`) ? [] : [i]));
    if (loose.length > 0) entry.loose = loose;
    if (course.projectIdeas?.length) entry.ideas = course.projectIdeas;
    return entry;
  });
  const overrides =
    catalog.overrides === undefined ? '' : `,"overrides":${JSON.stringify(catalog.overrides)}`;
  const text = `${head}${lines.join(',\n')}\n]${overrides}}\n`;
  const index: StoredIndex = {
    index: STORED_INDEX_VERSION,
    id: catalog.id,
    formatVersion: catalog.formatVersion,
    revision: catalogRevision(catalog),
    bytes: Buffer.byteLength(text),
    courses,
    withIdeas: true,
  };
  if (catalog.overrides !== undefined) index.overrides = catalog.overrides;
  return { text, index };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isTextList = (v: unknown) => Array.isArray(v) && v.every(isText);
const isIdeaList = (v: unknown) =>
  Array.isArray(v) && v.every((idea) => isObject(idea) && isText(idea.id) && isText(idea.title));

/**
 * Whether an index's `mtimeMs` is its file's modification time. Within a millisecond: a copy
 * that keeps times (`cp -p`, Node's own cpSync) may round them to it. A time of whole seconds is
 * one a file system or a copy cut short (FAT keeps even seconds), so it matches the two seconds
 * before it. An edit by hand even a fraction of a second later is told apart.
 */
export function isSameTime(indexed: unknown, mtimeMs: number): boolean {
  if (typeof indexed !== 'number') return false;
  const behind = indexed - mtimeMs;
  return Math.abs(behind) < 1 || (mtimeMs % 1000 === 0 && behind >= 0 && behind < 2000);
}

/**
 * Trusts an index after a cheap look at its shape: it was written by roadmap from a catalog that
 * passed validation, and this only has to notice a file that is damaged, hand-edited, from another
 * version, or out of step with the catalog file (whose size is `bytes` and modification time
 * `mtimeMs`). Returns what is wrong.
 */
export function checkStoredIndex(
  data: unknown,
  id: string,
  bytes: number,
  mtimeMs: number,
): string | null {
  if (!isObject(data)) return 'the index is not a JSON object';
  if (data.index !== STORED_INDEX_VERSION) return 'the index is from another version of roadmap';
  if (data.id !== id) return 'the index belongs to another catalog';
  if (data.bytes !== bytes || (data.mtimeMs !== undefined && !isSameTime(data.mtimeMs, mtimeMs)))
    return 'the catalog changed since it was indexed';
  if (
    !Number.isInteger(data.formatVersion) ||
    (data.formatVersion as number) > CATALOG_FORMAT_VERSION ||
    !isText(data.revision) ||
    !Array.isArray(data.courses) ||
    (data.overrides !== undefined && !Array.isArray(data.overrides)) ||
    (data.withIdeas !== undefined && data.withIdeas !== true)
  )
    return 'the index is damaged';
  for (const course of data.courses as unknown[]) {
    if (
      !isObject(course) ||
      !isText(course.id) ||
      !isText(course.title) ||
      !isText(course.provider) ||
      !isText(course.url) ||
      (course.track !== undefined && !isText(course.track)) ||
      (course.prerequisites !== undefined && !isTextList(course.prerequisites)) ||
      !Array.isArray(course.line) ||
      !isCount(course.line[0]) ||
      !isCount(course.line[1]) ||
      !isText(course.line[2]) ||
      (course.line[0] as number) + (course.line[1] as number) > bytes ||
      !Array.isArray(course.ids) ||
      !Array.isArray(course.minutes) ||
      course.ids.length !== course.minutes.length ||
      (course.optional !== undefined && !Array.isArray(course.optional)) ||
      (course.loose !== undefined && !Array.isArray(course.loose)) ||
      (course.replaces !== undefined && !Array.isArray(course.replaces)) ||
      (course.ideas !== undefined && !isIdeaList(course.ideas))
    )
      return 'the index is damaged';
    // One module of each course is looked at; the rest is trusted (see above).
    const { ids, minutes } = course as { ids: unknown[]; minutes: unknown[] };
    if (ids.length > 0 && (typeof ids[0] !== 'string' || typeof minutes[0] !== 'number'))
      return 'the index is damaged';
    for (const list of [course.optional, course.loose] as unknown[][])
      for (const at of list ?? [])
        if (!isCount(at) || (at as number) >= ids.length) return 'the index is damaged';
    for (const pair of (course.replaces as unknown[] | undefined) ?? [])
      if (!Array.isArray(pair) || !isCount(pair[0]) || !isTextList(pair[1]))
        return 'the index is damaged';
  }
  return null;
}

/** Reads `length` bytes of the catalog file from `offset`, as text. */
export type LineReader = (offset: number, length: number) => string;

/** What every copy of a stored course shares: where its line is, and the line once read. */
interface CourseLine {
  entry: StoredCourseEntry;
  read: LineReader;
  file: string;
  /** The entry holds the course's project ideas (StoredIndex.withIdeas). */
  ideas: boolean;
  details?: CatalogCourse;
}

class StoredCourse implements CatalogCourse {
  id: string;
  title: string;
  provider: string;
  url: string;
  track?: string;
  prerequisites?: string[];
  readonly #line: CourseLine;
  #modules: CatalogModule[] | undefined;
  /** The modules list was given (a copy, or overrides changed it): the index's ids may differ. */
  #ownModules: boolean;

  constructor(line: CourseLine, modules?: CatalogModule[]) {
    const { entry } = line;
    this.id = entry.id;
    this.title = entry.title;
    this.provider = entry.provider;
    this.url = entry.url;
    if (entry.track !== undefined) this.track = entry.track;
    if (entry.prerequisites !== undefined) this.prerequisites = entry.prerequisites;
    this.#line = line;
    this.#modules = modules;
    this.#ownModules = modules !== undefined;
  }

  /** Built on first use: a command often needs a few courses' modules out of a thousand. */
  get modules(): CatalogModule[] {
    if (this.#modules) return this.#modules;
    const { ids, minutes, optional, replaces } = this.#line.entry;
    const built: CatalogModule[] = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) built[i] = new StoredModule(this, i, ids[i]!, minutes[i]!);
    for (const at of optional ?? []) (built[at] as StoredModule).optional = true;
    for (const [at, old] of replaces ?? []) (built[at] as StoredModule).replaces = old;
    this.#modules = built;
    return built;
  }

  set modules(modules: CatalogModule[]) {
    this.#modules = modules;
    this.#ownModules = true;
  }

  moduleIds(): readonly string[] {
    return this.#ownModules ? this.#modules!.map((m) => m.id) : this.#line.entry.ids;
  }

  moduleMinutes(): readonly number[] {
    return this.#ownModules ? this.#modules!.map((m) => m.minutes) : this.#line.entry.minutes;
  }

  looseModules(): CatalogModule[] {
    const { loose } = this.#line.entry;
    return loose ? loose.map((at) => this.modules[at]!) : [];
  }

  replacements(): ReadonlyArray<readonly [string, readonly string[]]> {
    const { ids, replaces } = this.#line.entry;
    return (replaces ?? []).map(([at, old]) => [ids[at]!, old] as const);
  }

  /** A copy with a modules list of its own, for an index to change (see indexCatalogs). */
  copy(): StoredCourse {
    const copy = new StoredCourse(this.#line, [...this.modules]);
    copy.title = this.title;
    copy.url = this.url;
    return copy;
  }

  /** The course's own line of the catalog file, read and checked on first use. */
  details(): CatalogCourse {
    const line = this.#line;
    if (line.details) return line.details;
    const [offset, length, checksum] = line.entry.line;
    const text = line.read(offset, length);
    let parsed: CatalogCourse | undefined;
    if (lineChecksum(text) === checksum) {
      try {
        parsed = JSON.parse(text) as CatalogCourse;
      } catch {}
    }
    if (parsed?.id !== this.id || parsed.modules?.length !== line.entry.ids.length) {
      throw new Failure(
        `The imported catalog ${line.file} changed since roadmap indexed it.`,
        'Run `roadmap doctor --repair` to check it and index it again.',
      );
    }
    line.details = parsed;
    return parsed;
  }

  get tags(): string[] | undefined {
    return this.details().tags;
  }

  get caveats(): string[] | undefined {
    return this.details().caveats;
  }

  get projectIdeas(): ProjectIdea[] | undefined {
    return this.#line.ideas ? this.#line.entry.ideas : this.details().projectIdeas;
  }
}

/** A module whose id, minutes and renames come from the index, and the rest from its course's line. */
class StoredModule implements CatalogModule {
  readonly id: string;
  readonly minutes: number;
  optional?: boolean;
  replaces?: string[];
  readonly #course: StoredCourse;
  readonly #at: number;

  constructor(course: StoredCourse, at: number, id: string, minutes: number) {
    this.#course = course;
    this.#at = at;
    this.id = id;
    this.minutes = minutes;
  }

  #detail(): CatalogModule {
    return this.#course.details().modules[this.#at]!;
  }

  get title(): string {
    return this.#detail().title;
  }

  get url(): string {
    return this.#detail().url;
  }

  get minutesBasis(): MinutesBasis {
    return this.#detail().minutesBasis;
  }

  get part(): string | undefined {
    return this.#detail().part;
  }
}

/** A source over an imported catalog's index; course objects are built when asked for. */
export function storedSource(index: StoredIndex, read: LineReader, path: string): CatalogSource {
  return {
    id: index.id,
    kind: 'imported',
    path,
    revision: () => index.revision,
    courseModuleIds: () => index.courses.map((c) => [c.id, c.ids] as const),
    replacedIds: () => index.courses.flatMap((c) => (c.replaces ?? []).flatMap(([, old]) => old)),
    catalog: () => ({
      formatVersion: index.formatVersion,
      id: index.id,
      courses: index.courses.map(
        (entry) => new StoredCourse({ entry, read, file: path, ideas: index.withIdeas === true }),
      ),
      ...(index.overrides !== undefined && { overrides: index.overrides }),
    }),
  };
}
