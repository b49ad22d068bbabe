import type { ModuleRef } from '../catalog/catalog-index.js';
import { compareText } from './compare.js';
import { loggedSessions } from './journal-changes.js';
import type {
  Change,
  LogDraft,
  ProgressEntry,
  ProgressStatus,
  State,
  StudySession,
} from './types.js';

export interface MarkOptions {
  minutes?: number;
  note?: string;
  /** When it happened; defaults to now. */
  at?: Date;
}

export type MarkOutcome = 'marked' | 'upgraded' | 'already' | 'amended';

/**
 * Marks a module done or skipped. `done` upgrades a skipped module. Marking a module with the
 * status it already has, or skipping a done one, leaves its status alone (reset it first); a
 * --note or --minutes given then is added to the module rather than dropped.
 */
export function markModule(
  state: State,
  ref: ModuleRef,
  status: ProgressStatus,
  options: MarkOptions,
  now: Date,
): Change<{ outcome: MarkOutcome; previous: ProgressEntry | null }> {
  const previous = state.progress.get(ref.module.id) ?? null;
  const at = (options.at ?? now).toISOString();
  const note = options.note === undefined ? [] : [{ at, text: options.note }];
  if (previous && (previous.status === status || previous.status === 'done')) {
    if (options.note === undefined && options.minutes === undefined) {
      return { state, entry: null, info: { outcome: 'already', previous } };
    }
    // The status stays and the note joins the others. Minutes given now are a study session of
    // their own, dated now: they add up with the rest, and the time before the module was done
    // (its logged minutes, or its estimate when none were logged) is left as it was.
    const next: ProgressEntry = { ...previous, notes: [...previous.notes, ...note] };
    // Minutes are a study session, and logged as one (with the note, when there is one), as
    // `study --minutes --note` logs them: a script summing study time finds them all.
    const type = options.minutes === undefined ? 'note' : 'study';
    const change = progressChange(state, ref, next, previous, type, options, at, 'amended');
    if (options.minutes === undefined) return change;
    return withSessions(state, ref, change, [{ at, minutes: options.minutes }]);
  }
  const next: ProgressEntry = { status, at, notes: [...(previous?.notes ?? []), ...note] };
  if (options.minutes !== undefined) next.minutes = options.minutes;
  const type = status === 'done' ? 'done' : 'skip';
  const change = progressChange(
    state,
    ref,
    next,
    previous,
    type,
    options,
    at,
    previous ? 'upgraded' : 'marked',
  );
  if (previous?.minutes === undefined) return change;
  // A skipped module now done: the minutes logged with the skip were study all the same. They
  // stay, as a session dated when they were logged, and the new minutes are the done's own.
  return withSessions(state, ref, change, loggedSessions(previous.at, previous.minutes));
}

/**
 * A progress change that also adds study sessions to the module's journal (in time order), with
 * the journal as it was in the log entry, so that `undo` takes both back.
 */
function withSessions<T>(
  state: State,
  ref: ModuleRef,
  change: Change<T>,
  added: StudySession[],
): Change<T> {
  const moduleId = ref.module.id;
  const journal = state.journal[moduleId] ?? null;
  const sessions = [...(journal?.sessions ?? []), ...added].sort((a, b) => compareText(a.at, b.at));
  return {
    ...change,
    state: {
      ...change.state,
      journal: { ...state.journal, [moduleId]: { notes: journal?.notes ?? [], sessions } },
    },
    entry: {
      ...change.entry!,
      before: { ...change.entry!.before, journal: { [moduleId]: journal } },
    },
  };
}

/** The change that puts `next` in place of a module's progress, and its log entry. */
function progressChange(
  state: State,
  ref: ModuleRef,
  next: ProgressEntry,
  previous: ProgressEntry | null,
  type: 'done' | 'skip' | 'note' | 'study',
  options: MarkOptions,
  at: string,
  outcome: MarkOutcome,
): Change<{ outcome: MarkOutcome; previous: ProgressEntry | null }> {
  const moduleId = ref.module.id;
  return {
    state: { ...state, progress: state.progress.with({ [moduleId]: next }) },
    entry: {
      at,
      type,
      courseId: ref.course.id,
      moduleId,
      ...(options.minutes !== undefined && { minutes: options.minutes }),
      ...(options.note !== undefined && { note: options.note }),
      before: { progress: { [moduleId]: previous } },
    },
    info: { outcome, previous },
  };
}

/**
 * Puts a module back to todo. What it held stays in the log entry, so `undo` restores it.
 * `formerIds` are the ids the module replaces: progress kept under them counts as the module's, so
 * it is cleared with it.
 */
export function resetModule(
  state: State,
  ref: ModuleRef,
  now: Date,
  formerIds: readonly string[] = [],
): Change<{ previous: ProgressEntry | null; keptMinutes: number; keptNotes: number }> {
  const moduleId = ref.module.id;
  const previous = state.progress.get(moduleId) ?? null;
  if (!previous) return { state, entry: null, info: { previous, keptMinutes: 0, keptNotes: 0 } };
  const before: Record<string, ProgressEntry | null> = { [moduleId]: previous };
  const cleared: Record<string, null> = { [moduleId]: null };
  for (const id of formerIds) {
    if (id === moduleId) continue;
    before[id] = state.progress.get(id) ?? null;
    cleared[id] = null;
  }
  // The time was spent and the notes were written whatever the module's status: they move to its
  // journal (a session dated when the minutes were logged), as a skip's minutes do when it is done.
  const marks = Object.values(before).filter((p): p is ProgressEntry => p !== null);
  const sessions = marks.flatMap((p) => (p.minutes ? loggedSessions(p.at, p.minutes) : []));
  const notes = marks.flatMap((p) => p.notes);
  const entry: LogDraft = {
    at: now.toISOString(),
    type: 'reset',
    courseId: ref.course.id,
    moduleId,
    before: { progress: before },
  };
  let next: State = { ...state, progress: state.progress.with(cleared) };
  if (sessions.length > 0 || notes.length > 0) {
    const journal = state.journal[moduleId] ?? null;
    const byTime = <T extends { at: string }>(list: T[]) =>
      list.sort((a, b) => compareText(a.at, b.at));
    next = {
      ...next,
      journal: {
        ...state.journal,
        [moduleId]: {
          sessions: byTime([...(journal?.sessions ?? []), ...sessions]),
          notes: byTime([...(journal?.notes ?? []), ...notes]),
        },
      },
    };
    entry.before.journal = { [moduleId]: journal };
  }
  return {
    state: next,
    entry,
    info: {
      previous,
      keptMinutes: sessions.reduce((sum, s) => sum + s.minutes, 0),
      keptNotes: notes.length,
    },
  };
}
