import type { CatalogIndex } from '../catalog/catalog-index.js';
import { journalIndex } from './journal-index.js';
import type { DoneModule, StudySession } from './pace.js';
import type { State } from './types.js';

const NONE: never[] = [];

/** What pace, streaks and charts read from the state, as dated events. */
export interface StudyHistory {
  /** Minutes the learner logged: `study` sessions and `done --minutes`. */
  logged: StudySession[];
  /** Logged minutes plus, for done modules with none logged, their catalog estimate. */
  counted: Array<{ at: Date; minutes: number }>;
  done: DoneModule[];
  /** Every study event (a session or a done module); skipping is not study. */
  studyTimes: Date[];
}

/**
 * Gathers the history from the state, not the log: the state is already parsed, and the log can
 * hold 100,000 entries. A done module no loaded catalog knows still counts its logged minutes.
 */
export function studyHistory(catalog: CatalogIndex, state: State): StudyHistory {
  const history: StudyHistory = { logged: [], counted: [], done: [], studyTimes: [] };
  const journals = journalIndex(state);
  for (const [moduleId, journal] of Object.entries(state.journal)) {
    for (const session of journal.sessions) {
      const at = new Date(session.at);
      history.logged.push({ at, minutes: session.minutes, moduleId });
      history.studyTimes.push(at);
    }
  }
  for (const [moduleId, progress] of state.progress.entries()) {
    if (progress.status !== 'done') continue;
    const at = new Date(progress.at);
    history.studyTimes.push(at);
    if (progress.minutes) history.logged.push({ at, minutes: progress.minutes, moduleId });
    // Only time logged up to the moment it was done measures the module against its estimate;
    // review sessions after it add study time, but don't replace the estimate.
    let actualMinutes = progress.minutes ?? 0;
    for (const s of journals.get(moduleId)?.sessions ?? NONE)
      if (s.at <= progress.at) actualMinutes += s.minutes;
    const estimateMinutes = catalog.moduleById.get(moduleId)?.module.minutes ?? 0;
    history.done.push({ moduleId, at, estimateMinutes, actualMinutes });
    if (actualMinutes === 0 && estimateMinutes > 0) {
      history.counted.push({ at, minutes: estimateMinutes });
    }
  }
  history.counted.push(...history.logged);
  return history;
}
