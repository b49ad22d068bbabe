import { type CatalogIndex, moduleIdsOf, moduleMinutesOf } from '../catalog/catalog-index.js';
import { journalIndex } from './journal-index.js';
import { groupOf, lineFields, readLine } from './progress-map.js';
import { countDone, countMinutes, type StudyDay, StudyDays } from './study-days.js';
import type { State } from './types.js';

/**
 * The study history by local day, from the state rather than the log: the state is already
 * parsed, and the log can hold 100,000 entries. A done module counts its logged minutes, or its
 * catalog estimate when it has none; one no loaded catalog knows counts only its logged minutes.
 * A skipped module counts only minutes logged with the skip.
 *
 * It reads the progress lines in one loop, without an object per entry: a long roadmap has
 * 40,000 done modules, and status reads them all.
 */
export function studyHistory(catalog: CatalogIndex, state: State): StudyDay[] {
  const days = new StudyDays();
  const journals = journalIndex(state);
  for (const journal of journals.values()) {
    for (const session of journal.sessions) {
      const day = days.ofIso(session.at);
      if (!day) continue;
      day.events++;
      countMinutes(day, session.minutes);
    }
  }
  // Time spent building a project is study too, for pace, streaks and the week's hours.
  for (const courseId in state.projects) {
    if (!Object.hasOwn(state.projects, courseId)) continue;
    for (const session of state.projects[courseId]!.sessions ?? []) {
      const day = days.ofIso(session.at);
      if (!day) continue;
      day.events++;
      countMinutes(day, session.minutes);
    }
  }
  const fields = lineFields();
  // The course of the lines being read, and its modules' ids and minutes: progress kept in
  // catalog order finds a module's estimate by its place, without a lookup.
  let ids: readonly string[] = [];
  let estimates: readonly number[] = [];
  for (const lines of state.progress.storedLines()) {
    for (let position = 0; position < lines.length; position++) {
      const line = lines[position]!;
      if (!readLine(line, fields)) continue;
      if (fields.status !== 'done') {
        // Skipping is not study, but minutes logged with a skip were spent studying.
        const day = fields.minutes ? days.ofIso(fields.at) : null;
        if (day) {
          day.events++;
          countMinutes(day, fields.minutes!);
        }
        continue;
      }
      const day = days.ofIso(fields.at);
      if (!day) continue;
      day.events++;
      const minutes = fields.minutes;
      if (minutes) countMinutes(day, minutes);
      // Only time logged up to the moment it was done measures the module against its
      // estimate; review sessions after it add study time, but don't replace the estimate.
      let actualMinutes = minutes ?? 0;
      if (journals.size > 0) {
        for (const s of journals.get(line.slice(0, fields.idEnd))?.sessions ?? [])
          if (s.at <= fields.at) actualMinutes += s.minutes;
      }
      let expected = ids[position];
      if (expected === undefined || !isIdOf(line, fields.idEnd, expected)) {
        const moduleId = line.slice(0, fields.idEnd);
        const course =
          catalog.courseById.get(groupOf(moduleId)) ?? catalog.moduleById.get(moduleId)?.course;
        ids = course ? moduleIdsOf(course) : [];
        estimates = course ? moduleMinutesOf(course) : [];
        expected = ids[position];
      }
      const estimateMinutes =
        expected !== undefined && isIdOf(line, fields.idEnd, expected)
          ? estimates[position]!
          : (catalog.moduleById.get(line.slice(0, fields.idEnd))?.module.minutes ?? 0);
      countDone(day, estimateMinutes, actualMinutes);
      if (actualMinutes === 0 && estimateMinutes > 0) countMinutes(day, estimateMinutes);
    }
  }
  return days.list();
}

/** Whether the line's id, which ends at `idEnd`, is `id`. */
const isIdOf = (line: string, idEnd: number, id: string): boolean =>
  idEnd === id.length && line.startsWith(id);
