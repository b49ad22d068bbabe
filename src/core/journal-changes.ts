import type { ModuleRef } from '../catalog/catalog-index.js';
import { compareText } from './compare.js';
import { MAX_MINUTES } from './inputs.js';
import type { Change, JournalEntry, State, StudySession } from './types.js';

const EMPTY: JournalEntry = { sessions: [], notes: [] };

/**
 * Minutes a mark held, as study sessions of at most a day (MAX_MINUTES) dated when they were
 * logged. A module that took others' place (`replaces`) holds their minutes added up, which can
 * be more than a day; one session of it would be a session no `study` can log, and one an
 * import refuses.
 */
export function loggedSessions(at: string, minutes: number): StudySession[] {
  const sessions: StudySession[] = [];
  for (let left = minutes; left > 0; left -= MAX_MINUTES)
    sessions.push({ at, minutes: Math.min(left, MAX_MINUTES) });
  return sessions;
}

/** The change that puts `next` in place of a module's journal, and its log entry. */
function journalChange(
  state: State,
  ref: ModuleRef,
  next: JournalEntry,
  entry: { at: string; type: 'study' | 'note'; minutes?: number; note?: string },
): Change {
  const moduleId = ref.module.id;
  const previous = Object.hasOwn(state.journal, moduleId) ? state.journal[moduleId]! : null;
  return {
    state: { ...state, journal: { ...state.journal, [moduleId]: next } },
    entry: {
      ...entry,
      courseId: ref.course.id,
      moduleId,
      before: { journal: { [moduleId]: previous } },
    },
    info: {},
  };
}

/**
 * Records time spent on a module without changing its status (`roadmap study`). Sessions stay
 * in time order, so a session dated back with --at sits where it happened.
 */
export function studyModule(
  state: State,
  ref: ModuleRef,
  options: { minutes: number; note?: string; at?: Date },
  now: Date,
): Change {
  const at = (options.at ?? now).toISOString();
  const journal = state.journal[ref.module.id] ?? EMPTY;
  const session: StudySession = {
    at,
    minutes: options.minutes,
    ...(options.note !== undefined && { note: options.note }),
  };
  const sessions = [...journal.sessions, session].sort((a, b) => compareText(a.at, b.at));
  return journalChange(
    state,
    ref,
    { ...journal, sessions },
    {
      at,
      type: 'study',
      minutes: options.minutes,
      ...(options.note !== undefined && { note: options.note }),
    },
  );
}

/** Adds a note to a module, whatever its status (`roadmap note`). */
export function addNote(state: State, ref: ModuleRef, text: string, now: Date): Change {
  const at = now.toISOString();
  const journal = state.journal[ref.module.id] ?? EMPTY;
  return journalChange(
    state,
    ref,
    { ...journal, notes: [...journal.notes, { at, text }] },
    { at, type: 'note', note: text },
  );
}

/** Minutes logged on a module: `done --minutes` plus every study session. */
export function loggedMinutes(state: State, moduleId: string): number {
  const progress = state.progress.get(moduleId)?.minutes ?? 0;
  const sessions = state.journal[moduleId]?.sessions ?? [];
  return sessions.reduce((sum, s) => sum + s.minutes, progress);
}
