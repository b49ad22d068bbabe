import {
  type CatalogIndex,
  hiddenModuleIdsOf,
  moduleIdsOf,
  moduleMinutesOf,
} from '../catalog/catalog-index.js';
import { isDropped } from './focus.js';
import { journalIndex } from './journal-index.js';
import type { State } from './types.js';

/** Module counts and minutes, for a course or for the whole roadmap. */
export interface Totals {
  done: number;
  skipped: number;
  total: number;
  percent: number;
  minutesDone: number;
  minutesTotal: number;
  /** Minutes you logged (`done --minutes` and `study`), summed. */
  minutesLogged: number;
}

export interface CourseProgress extends Totals {
  id: string;
  title: string;
  /** False when the course is on the roadmap but no loaded catalog has it. */
  inCatalog: boolean;
  addedAt: string;
  startedAt: string | null;
  lastActivityAt: string | null;
}

export interface StatusReport {
  courses: CourseProgress[];
  total: Totals;
}

/** (done + skipped) / total as a percentage with one decimal; 0 for an empty total. */
export function percentOf(done: number, skipped: number, total: number): number {
  if (total === 0) return 0;
  return Math.round(((done + skipped) / total) * 1000) / 10;
}

function minIso(a: string | null, b: string): string {
  return a === null || b < a ? b : a;
}

function maxIso(a: string | null, b: string): string {
  return a === null || b > a ? b : a;
}

/**
 * Progress per roadmap course and in total. `minutesDone` counts the catalog estimate of done
 * modules, so it is comparable with `minutesTotal`; skipped modules count toward percent only.
 * Dropped courses are listed but leave the totals: they are no longer part of the path.
 */
export function summarizeProgress(catalog: CatalogIndex, state: State): StatusReport {
  const journals = journalIndex(state);
  const courses: CourseProgress[] = state.roadmap.map((entry) => {
    const course = catalog.courseById.get(entry.courseId);
    const row: CourseProgress = {
      id: entry.courseId,
      title: course?.title ?? entry.courseId,
      inCatalog: course !== undefined,
      done: 0,
      skipped: 0,
      total: course ? moduleIdsOf(course).length : 0,
      percent: 0,
      minutesDone: 0,
      minutesTotal: 0,
      minutesLogged: 0,
      addedAt: entry.addedAt,
      startedAt: null,
      lastActivityAt: null,
    };
    if (course) {
      const ids = moduleIdsOf(course);
      const minutes = moduleMinutesOf(course);
      for (const m of minutes) row.minutesTotal += m;
      // Most modules have no journal; a big roadmap has 50,000 of them.
      if (journals.size > 0) {
        for (const id of ids) {
          for (const session of journals.get(id)?.sessions ?? []) {
            row.minutesLogged += session.minutes;
            row.startedAt = minIso(row.startedAt, session.at);
            row.lastActivityAt = maxIso(row.lastActivityAt, session.at);
          }
        }
      }
      const tally = state.progress.tally(ids);
      row.done = tally.done;
      row.skipped = tally.skipped;
      row.minutesLogged += tally.minutes;
      if (tally.done === ids.length) row.minutesDone = row.minutesTotal;
      else if (tally.done > 0) {
        for (let i = 0; i < ids.length; i++)
          if (tally.statuses[i] === 1) row.minutesDone += minutes[i]!;
      }
      if (tally.firstAt !== '') {
        row.startedAt = minIso(row.startedAt, tally.firstAt);
        row.lastActivityAt = maxIso(row.lastActivityAt, tally.lastAt);
      }
      // Hidden modules leave the counts, but not the time logged on them or when it was.
      for (const id of hiddenModuleIdsOf(catalog, entry.courseId)) {
        const progress = state.progress.get(id);
        const times = [
          ...(progress ? [{ at: progress.at, minutes: progress.minutes ?? 0 }] : []),
          ...(journals.get(id)?.sessions ?? []),
        ];
        for (const { at, minutes } of times) {
          row.minutesLogged += minutes;
          row.startedAt = minIso(row.startedAt, at);
          row.lastActivityAt = maxIso(row.lastActivityAt, at);
        }
      }
    }
    if (!course) {
      // Its modules are unknown, but their ids begin with the course's: what was done and logged
      // on them still shows, though there is no total to count it against.
      const prefix = `${entry.courseId}/`;
      for (const [, progress] of state.progress.ofCourse(entry.courseId)) {
        if (progress.status === 'done') row.done += 1;
        else row.skipped += 1;
        row.minutesLogged += progress.minutes ?? 0;
        row.startedAt = minIso(row.startedAt, progress.at);
        row.lastActivityAt = maxIso(row.lastActivityAt, progress.at);
      }
      for (const [id, journal] of journals) {
        if (!id.startsWith(prefix)) continue;
        for (const session of journal.sessions) {
          row.minutesLogged += session.minutes;
          row.startedAt = minIso(row.startedAt, session.at);
          row.lastActivityAt = maxIso(row.lastActivityAt, session.at);
        }
      }
    }
    // Time spent building the course's project is time logged in the course.
    const project = Object.hasOwn(state.projects, entry.courseId)
      ? state.projects[entry.courseId]!
      : undefined;
    for (const session of project?.sessions ?? []) {
      row.minutesLogged += session.minutes;
      row.startedAt = minIso(row.startedAt, session.at);
      row.lastActivityAt = maxIso(row.lastActivityAt, session.at);
    }
    row.percent = percentOf(row.done, row.skipped, row.total);
    return row;
  });
  const total: Totals = {
    done: 0,
    skipped: 0,
    total: 0,
    percent: 0,
    minutesDone: 0,
    minutesTotal: 0,
    minutesLogged: 0,
  };
  for (const row of courses) {
    if (isDropped(catalog, state, row.id)) continue;
    total.minutesLogged += row.minutesLogged;
    // Modules without a total would make the percentage more than they are part of.
    if (!row.inCatalog) continue;
    total.done += row.done;
    total.skipped += row.skipped;
    total.total += row.total;
    total.minutesDone += row.minutesDone;
    total.minutesTotal += row.minutesTotal;
  }
  total.percent = percentOf(total.done, total.skipped, total.total);
  return { courses, total };
}
