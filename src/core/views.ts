import type { CatalogIndex } from '../catalog/catalog-index.js';
import type { CatalogCourse, MinutesBasis } from '../catalog/types.js';
import { compareText } from './compare.js';
import { type CourseStatus, courseStatus } from './focus.js';
import { loggedMinutes } from './journal-changes.js';
import { journalIndex } from './journal-index.js';
import { type ProjectJson, projectJson, projectOf } from './projects.js';
import type { Note, State } from './types.js';

export type ModuleStatus = 'todo' | 'done' | 'skipped';

export function moduleStatus(state: State, moduleId: string): ModuleStatus {
  const entry = state.progress.get(moduleId);
  if (!entry) return 'todo';
  return entry.status === 'done' ? 'done' : 'skipped';
}

/** What overrides changed on a course or module, and whose overrides they are. */
export interface OverrideView {
  /** The catalogs whose overrides apply, in load order. */
  catalogs: string[];
  /** Any of `title`, `url`, `minutes`, `hidden`. */
  fields: string[];
}

/** `show --json`. */
export interface CourseView {
  id: string;
  title: string;
  provider: string;
  url: string;
  caveats: string[];
  onRoadmap: boolean;
  /** Its state on the roadmap (`planned`, `active`, `parked`, `dropped`, `finished`), or null. */
  state: CourseStatus | null;
  /** Your project for it, as `status --json` gives it, or null. */
  project: ProjectJson | null;
  /** The catalog the course comes from (`bundled` for the catalog roadmap ships). */
  source: string;
  /** What overrides changed on the course itself, or null. */
  override: OverrideView | null;
  /** An override hides the course: it is left out of `catalog`, `search` and `add`. */
  hidden: boolean;
  /** Modules an override hides: left out of `modules`, of totals and of `next`. */
  hiddenModules: string[];
  modules: {
    id: string;
    title: string;
    url: string;
    minutes: number;
    minutesBasis: MinutesBasis;
    /** Minutes you logged on it (`done --minutes` and `study` sessions together), or null. */
    minutesLogged: number | null;
    /** How many `study` sessions it has. */
    sessions: number;
    part: string | null;
    optional: boolean;
    status: ModuleStatus;
    at: string | null;
    /** Notes from `done --note`, `study --note` and `note`, oldest first. */
    notes: Note[];
    /** What overrides changed on the module (title, url, minutes), or null. */
    override: OverrideView | null;
  }[];
}

/** Every note on a module, wherever it was recorded, oldest first. */
export function moduleNotes(state: State, moduleId: string): Note[] {
  const journal = state.journal[moduleId];
  const sessionNotes = (journal?.sessions ?? []).flatMap((s) =>
    s.note === undefined ? [] : [{ at: s.at, text: s.note }],
  );
  return [
    ...(state.progress.get(moduleId)?.notes ?? []),
    ...sessionNotes,
    ...(journal?.notes ?? []),
  ].sort((a, b) => compareText(a.at, b.at));
}

const overrideOf = (catalog: CatalogIndex | undefined, id: string): OverrideView | null => {
  const applied = catalog?.overridden.get(id);
  return applied ? { catalogs: [...applied.catalogs], fields: [...applied.fields] } : null;
};

/** The modules of a course that an override hides, in catalog order. */
function hiddenModulesOf(catalog: CatalogIndex | undefined, course: CatalogCourse): string[] {
  if (!catalog || catalog.hidden.size === 0) return [];
  return [...catalog.hidden].filter((id) => catalog.moduleById.get(id)?.course === course);
}

export function viewCourse(
  course: CatalogCourse,
  state: State,
  catalog?: CatalogIndex,
): CourseView {
  const onRoadmap = state.roadmap.some((r) => r.courseId === course.id);
  const project = projectOf(state, course.id);
  return {
    id: course.id,
    title: course.title,
    provider: course.provider,
    url: course.url,
    caveats: course.caveats ?? [],
    onRoadmap,
    state: onRoadmap && catalog ? courseStatus(catalog, state, course.id) : null,
    project: project && catalog ? projectJson(catalog, course.id, project) : null,
    source: catalog?.catalogOf.get(course.id)?.id ?? 'bundled',
    override: overrideOf(catalog, course.id),
    hidden: catalog?.hidden.has(course.id) ?? false,
    hiddenModules: hiddenModulesOf(catalog, course),
    modules: course.modules.map((m) => {
      const progress = state.progress.get(m.id);
      const sessions = journalIndex(state).get(m.id)?.sessions ?? [];
      const logged = loggedMinutes(state, m.id);
      return {
        id: m.id,
        title: m.title,
        url: m.url,
        minutes: m.minutes,
        minutesBasis: m.minutesBasis,
        minutesLogged: logged > 0 ? logged : null,
        sessions: sessions.length,
        part: m.part ?? null,
        optional: m.optional === true,
        status: moduleStatus(state, m.id),
        at: progress?.at ?? null,
        notes: moduleNotes(state, m.id),
        override: overrideOf(catalog, m.id),
      };
    }),
  };
}

/** One row of `catalog --json`. */
export interface CatalogRow {
  id: string;
  title: string;
  provider: string;
  url: string;
  moduleCount: number;
  minutes: number;
  onRoadmap: boolean;
  /** The track it belongs to (`roadmap add <track>` adds the whole track), or null. */
  track: string | null;
  /** The catalog it comes from: `bundled`, or the id of one of your catalogs. */
  source: string;
}

/**
 * Lower case in one Unicode form: "é" pasted from some pages or macOS is "e" and a combining
 * accent, which the "é" typed in a terminal would never match. ASCII, the usual case, needs none.
 */
const folded = (text: string): string =>
  (/[^\u0000-\u007f]/.test(text) ? text.normalize('NFC') : text).toLowerCase();

function matchesAll(haystack: string, words: string[]): boolean {
  const text = folded(haystack);
  return words.every((w) => text.includes(folded(w)));
}

/** Courses whose id, title or provider contain every word (case-insensitive). */
export function listCatalog(catalog: CatalogIndex, state: State, words: string[]): CatalogRow[] {
  const onRoadmap = new Set(state.roadmap.map((r) => r.courseId));
  return catalog.courses
    .filter((c) => matchesAll(`${c.id}\n${c.title}\n${c.provider}`, words))
    .map((c) => ({
      id: c.id,
      title: c.title,
      provider: c.provider,
      url: c.url,
      moduleCount: c.modules.length,
      minutes: c.modules.reduce((sum, m) => sum + m.minutes, 0),
      onRoadmap: onRoadmap.has(c.id),
      track: c.track ?? null,
      source: catalog.catalogOf.get(c.id)?.id ?? 'bundled',
    }));
}

/** One row of `search --json`. */
export interface SearchHit {
  id: string;
  title: string;
  url: string;
  courseId: string;
  status: ModuleStatus;
  /** Its course is on your roadmap: a hit in another course is no step of yours yet. */
  onRoadmap: boolean;
}

/** Modules whose titles contain every word (case-insensitive substrings), across all courses. */
export function searchModules(catalog: CatalogIndex, state: State, words: string[]): SearchHit[] {
  const hits: SearchHit[] = [];
  const on = new Set(state.roadmap.map((r) => r.courseId));
  for (const course of catalog.courses) {
    for (const m of course.modules) {
      if (!matchesAll(m.title, words)) continue;
      hits.push({
        id: m.id,
        title: m.title,
        url: m.url,
        courseId: course.id,
        status: moduleStatus(state, m.id),
        onRoadmap: on.has(course.id),
      });
    }
  }
  return hits;
}
