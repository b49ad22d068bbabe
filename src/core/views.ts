import type { CatalogIndex } from '../catalog/catalog-index.js';
import type { CatalogCourse, MinutesBasis } from '../catalog/types.js';
import { loggedMinutes } from './journal-changes.js';
import type { Note, State } from './types.js';

export type ModuleStatus = 'todo' | 'done' | 'skipped';

export function moduleStatus(state: State, moduleId: string): ModuleStatus {
  const entry = state.progress[moduleId];
  if (!entry) return 'todo';
  return entry.status === 'done' ? 'done' : 'skipped';
}

/** `show --json`. */
export interface CourseView {
  id: string;
  title: string;
  provider: string;
  url: string;
  caveats: string[];
  onRoadmap: boolean;
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
  }[];
}

/** Every note on a module, wherever it was recorded, oldest first. */
export function moduleNotes(state: State, moduleId: string): Note[] {
  const journal = state.journal[moduleId];
  const sessionNotes = (journal?.sessions ?? []).flatMap((s) =>
    s.note === undefined ? [] : [{ at: s.at, text: s.note }],
  );
  return [
    ...(state.progress[moduleId]?.notes ?? []),
    ...sessionNotes,
    ...(journal?.notes ?? []),
  ].sort((a, b) => a.at.localeCompare(b.at));
}

export function viewCourse(course: CatalogCourse, state: State): CourseView {
  return {
    id: course.id,
    title: course.title,
    provider: course.provider,
    url: course.url,
    caveats: course.caveats ?? [],
    onRoadmap: state.roadmap.some((r) => r.courseId === course.id),
    modules: course.modules.map((m) => {
      const progress = state.progress[m.id];
      const sessions = state.journal[m.id]?.sessions ?? [];
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
}

function matchesAll(haystack: string, words: string[]): boolean {
  const text = haystack.toLowerCase();
  return words.every((w) => text.includes(w.toLowerCase()));
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
    }));
}

/** One row of `search --json`. */
export interface SearchHit {
  id: string;
  title: string;
  url: string;
  courseId: string;
  status: ModuleStatus;
}

/** Modules whose titles contain every word (case-insensitive substrings), across all courses. */
export function searchModules(catalog: CatalogIndex, state: State, words: string[]): SearchHit[] {
  const hits: SearchHit[] = [];
  for (const course of catalog.courses) {
    for (const m of course.modules) {
      if (!matchesAll(m.title, words)) continue;
      hits.push({
        id: m.id,
        title: m.title,
        url: m.url,
        courseId: course.id,
        status: moduleStatus(state, m.id),
      });
    }
  }
  return hits;
}
