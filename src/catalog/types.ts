/**
 * The catalog format (formatVersion 1). data/catalog.schema.json describes exactly this shape;
 * users' own catalogs use it too, so change both together and bump formatVersion on a breaking change.
 * Fields added within a version must be optional, so that older catalogs stay valid.
 */
export const CATALOG_FORMAT_VERSION = 1;

/** The values of `MinutesBasis`, listed once for the validator; the schema's enum must match. */
export const MINUTES_BASES = ['stated', 'derived', 'assumed'] as const;

/** How a `minutes` figure was obtained: stated by the source, derived by arithmetic, or assumed. */
export type MinutesBasis = (typeof MINUTES_BASES)[number];

export interface CatalogModule {
  /** Globally unique, stable id; progress is keyed by it. Usually `<course id>/<slug>`. */
  id: string;
  title: string;
  url: string;
  minutes: number;
  minutesBasis: MinutesBasis;
  /** The chapter or group the module belongs to, shown as a heading. */
  part?: string;
  /** Optional modules count in totals, are offered by `next` in their place, and may be skipped. */
  optional?: boolean;
  /**
   * Earlier ids of this module (renames), so progress recorded under them carries over. A replaced
   * id may not still be a module, so a module renamed twice lists both earlier ids; and no id may be
   * replaced by two modules, or progress would count twice.
   */
  replaces?: string[];
}

/** A project to build alongside a course, exercising what some of its modules teach. */
export interface ProjectIdea {
  /** Unique within its course. */
  id: string;
  title: string;
  /** What the learner ends up with. */
  deliverable: string;
  /** The data and tools the project needs. */
  uses: string[];
  /** Ids of modules of the same course that the project exercises. */
  modules: string[];
  minutes: number;
  minutesBasis: MinutesBasis;
}

export interface CatalogCourse {
  id: string;
  title: string;
  provider: string;
  url: string;
  /** Courses sharing a track id can be added together, in catalog order (`roadmap add mlep`). */
  track?: string;
  /** Ids of courses that should come before this one on a roadmap. */
  prerequisites?: string[];
  tags?: string[];
  /** Things a learner should know before relying on this entry (retirements, renumbering, estimates). */
  caveats?: string[];
  projectIdeas?: ProjectIdea[];
  modules: CatalogModule[];
}

/**
 * A change to a course or module of another catalog (usually the bundled one), matched by `id`; it
 * sets at least one of the other fields. Only its shape can be checked with the catalog that holds
 * it, since the target lives elsewhere.
 */
export interface Override {
  id: string;
  url?: string;
  title?: string;
  minutes?: number;
  /** Hides the course or module. */
  hidden?: boolean;
}

export interface Catalog {
  formatVersion: number;
  id: string;
  /** Empty in a catalog that only holds overrides. */
  courses: CatalogCourse[];
  overrides?: Override[];
}
