/**
 * The catalog format (formatVersion 1). data/catalog.schema.json describes exactly this shape;
 * users' own catalogs use it too, so change both together and bump formatVersion on a breaking change.
 */
export const CATALOG_FORMAT_VERSION = 1;

/** How a module's `minutes` was obtained: stated by the source, derived by arithmetic, or assumed. */
export type MinutesBasis = 'stated' | 'derived' | 'assumed';

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

export interface Catalog {
  formatVersion: number;
  id: string;
  courses: CatalogCourse[];
}
