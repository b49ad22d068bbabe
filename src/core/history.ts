import { type CatalogIndex, moduleIdsOf, moduleMinutesOf } from '../catalog/catalog-index.js';
import { journalIndex } from './journal-index.js';
import { groupOf } from './progress-map.js';
import { type StudyDay, StudyDays } from './study-days.js';
import type { State } from './types.js';

/**
 * The study history by local day, from the state rather than the log: the state is already
 * parsed, and the log can hold 100,000 entries. A done module counts its logged minutes, or its
 * catalog estimate when it has none; one no loaded catalog knows counts only its logged minutes.
 */
export function studyHistory(catalog: CatalogIndex, state: State): StudyDay[] {
  const days = new StudyDays();
  const journals = journalIndex(state);
  for (const journal of journals.values()) {
    for (const session of journal.sessions) {
      const ms = Date.parse(session.at);
      days.studied(ms);
      days.counted(ms, session.minutes);
    }
  }
  const estimateOf = estimates(catalog);
  state.progress.forEachEntry((moduleId, position, status, at, minutes) => {
    if (status !== 'done') return;
    const ms = Date.parse(at);
    days.studied(ms);
    if (minutes) days.counted(ms, minutes);
    // Only time logged up to the moment it was done measures the module against its estimate;
    // review sessions after it add study time, but don't replace the estimate.
    let actualMinutes = minutes ?? 0;
    const sessions = journals.size > 0 ? journals.get(moduleId)?.sessions : undefined;
    for (const s of sessions ?? []) if (s.at <= at) actualMinutes += s.minutes;
    const estimateMinutes = estimateOf(moduleId, position);
    days.finished(ms, estimateMinutes, actualMinutes);
    if (actualMinutes === 0 && estimateMinutes > 0) days.counted(ms, estimateMinutes);
  });
  return days.list();
}

/**
 * A module's catalog estimate, by id and its line's place in its course's progress. Progress
 * kept in catalog order is found by that place, without a lookup per module.
 */
function estimates(catalog: CatalogIndex): (moduleId: string, position: number) => number {
  let ids: readonly string[] = [];
  let minutes: readonly number[] = [];
  return (moduleId, position) => {
    if (ids[position] === moduleId) return minutes[position]!;
    // Nearly always the course whose id prefixes the module's; asking it first saves building
    // the module objects of every course the history touches.
    const course =
      catalog.courseById.get(groupOf(moduleId)) ?? catalog.moduleById.get(moduleId)?.course;
    if (!course) return 0;
    ids = moduleIdsOf(course);
    minutes = moduleMinutesOf(course);
    if (ids[position] === moduleId) return minutes[position]!;
    return catalog.moduleById.get(moduleId)?.module.minutes ?? 0;
  };
}
