import { ProgressMap } from '../core/progress-map.js';
import { isValidSetting } from '../core/settings.js';
import {
  type CourseRecord,
  emptyState,
  type JournalEntry,
  type ProgressEntry,
  type Project,
  type State,
} from '../core/types.js';
import {
  ENTRY_CHECKS,
  isIso,
  isMinutes,
  isModuleId,
  isNote,
  isOptionalText,
  isProgressEntry,
  isProjectStage,
  isRoadmapEntry,
  isSession,
  isSettingKey,
  isSettingValue,
  isStageChange,
  isTransition,
  progressItems,
} from './validate-state.js';

export interface Salvage {
  state: State;
  kept: number;
  /**
   * Where each dropped entry or part of one was, e.g. `progress["hf-course/chapter1/2"]`, or
   * `journal["hf-course/chapter1/2"].sessions[1]` when the rest of the entry was kept.
   */
  dropped: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keeps every entry of every part that still validates, and names the rest. */
export function salvageState(data: unknown): Salvage {
  const state = emptyState();
  let kept = 0;
  const dropped: string[] = [];
  if (!isObject(data)) return { state, kept, dropped: ['the whole file (not an object)'] };
  const seen = new Set<string>();
  if (data.roadmap !== undefined && !Array.isArray(data.roadmap)) dropped.push('roadmap');
  (Array.isArray(data.roadmap) ? data.roadmap : []).forEach((entry, i) => {
    if (isRoadmapEntry(entry) && !seen.has(entry.courseId)) {
      seen.add(entry.courseId);
      state.roadmap.push({ courseId: entry.courseId, addedAt: entry.addedAt });
      kept += 1;
    } else dropped.push(`roadmap[${i}]`);
  });
  const progress = new Map<string, ProgressEntry>();
  for (const { id, entry, place } of progressItems(data)) {
    const salvaged =
      id !== null && isModuleId(id) && !progress.has(id)
        ? salvagePart(entry, place, isProgressEntry, salvageProgress, dropped)
        : null;
    if (salvaged) {
      progress.set(id!, salvaged);
      kept += 1;
    } else dropped.push(place);
  }
  state.progress = ProgressMap.fromEntries(progress);
  for (const [part, check] of Object.entries(ENTRY_CHECKS)) {
    const values = data[part];
    if (values !== undefined && !isObject(values)) dropped.push(part);
    const salvage = SALVAGE[part as keyof typeof ENTRY_CHECKS];
    for (const [key, entry] of Object.entries(isObject(values) ? values : {})) {
      const place = `${part}[${JSON.stringify(key)}]`;
      const salvaged = isModuleId(key)
        ? salvagePart(entry, place, check as (v: unknown) => boolean, salvage, dropped)
        : null;
      if (salvaged) {
        (state[part as keyof typeof ENTRY_CHECKS] as Record<string, unknown>)[key] = salvaged;
        kept += 1;
      } else dropped.push(place);
    }
  }
  for (const [key, value] of Object.entries(isObject(data.settings) ? data.settings : {})) {
    if (isSettingKey(key) && isSettingValue(value) && isValidSetting(key, value)) {
      state.settings[key] = value;
      kept += 1;
    } else dropped.push(`settings[${JSON.stringify(key)}]`);
  }
  return { state, kept, dropped };
}

/**
 * An entry as it is when it validates; otherwise what `salvage` can keep of it, with the parts it
 * left out named in `dropped`. Null when too little is left to be the entry at all: the caller
 * names the whole entry then, not its parts. A done module whose one note is damaged is still
 * done, and a session or a stage change is worth keeping apart from a damaged neighbour.
 */
function salvagePart<T>(
  entry: unknown,
  place: string,
  check: (v: unknown) => boolean,
  salvage: (entry: Record<string, unknown>, place: string, dropped: string[]) => T | null,
  dropped: string[],
): T | null {
  if (check(entry)) return entry as T;
  if (!isObject(entry)) return null;
  const parts: string[] = [];
  const salvaged = salvage(entry, place, parts);
  if (salvaged) dropped.push(...parts);
  return salvaged;
}

/** The items of a list that validate; a value that isn't a list keeps none. */
function validItems<T>(
  list: unknown,
  check: (v: unknown) => v is T,
  place: string,
  dropped: string[],
): T[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    dropped.push(place);
    return [];
  }
  const kept: T[] = [];
  list.forEach((item, i) => {
    if (check(item)) kept.push(item);
    else dropped.push(`${place}[${i}]`);
  });
  return kept;
}

/** Keeps an optional field that validates, and names one that doesn't. */
function optionalField(
  entry: Record<string, unknown>,
  key: string,
  check: (v: unknown) => boolean,
  place: string,
  dropped: string[],
): void {
  if (entry[key] === undefined || check(entry[key])) return;
  delete entry[key];
  dropped.push(`${place}.${key}`);
}

/** A status and its date make the entry; damaged minutes or notes are left out. */
function salvageProgress(
  entry: Record<string, unknown>,
  place: string,
  dropped: string[],
): ProgressEntry | null {
  if ((entry.status !== 'done' && entry.status !== 'skipped') || !isIso(entry.at)) return null;
  const kept = { ...entry, notes: validItems(entry.notes, isNote, `${place}.notes`, dropped) };
  optionalField(kept, 'minutes', isMinutes, place, dropped);
  return kept as unknown as ProgressEntry;
}

function salvageJournal(
  entry: Record<string, unknown>,
  place: string,
  dropped: string[],
): JournalEntry | null {
  const sessions = validItems(entry.sessions, isSession, `${place}.sessions`, dropped);
  const notes = validItems(entry.notes, isNote, `${place}.notes`, dropped);
  return sessions.length + notes.length > 0 ? { ...entry, sessions, notes } : null;
}

/** Kept while one state change is left; the last one left is the course's state. */
function salvageCourse(
  entry: Record<string, unknown>,
  place: string,
  dropped: string[],
): CourseRecord | null {
  const transitions = validItems(entry.transitions, isTransition, `${place}.transitions`, dropped);
  return transitions.length > 0 ? { ...entry, transitions } : null;
}

/** The stage makes the project; damaged details and stage changes are left out. */
function salvageProject(
  entry: Record<string, unknown>,
  place: string,
  dropped: string[],
): Project | null {
  if (!isProjectStage(entry.stage)) return null;
  const kept = {
    ...entry,
    stages: validItems(entry.stages, isStageChange, `${place}.stages`, dropped),
    ...(entry.sessions !== undefined && {
      sessions: validItems(entry.sessions, isSession, `${place}.sessions`, dropped),
    }),
  };
  for (const key of ['title', 'goal', 'ideaId', 'repo', 'shippedRef', 'waiveReason'])
    optionalField(kept, key, isOptionalText, place, dropped);
  optionalField(kept, 'estimateMinutes', isMinutes, place, dropped);
  optionalField(kept, 'shippedAt', isIso, place, dropped);
  return kept as unknown as Project;
}

type Salvager = (entry: Record<string, unknown>, place: string, dropped: string[]) => unknown;

const SALVAGE: Record<keyof typeof ENTRY_CHECKS, Salvager> = {
  journal: salvageJournal,
  courses: salvageCourse,
  projects: salvageProject,
};

/**
 * Which parts of a malformed entry are wrong, named as salvage names what it drops
 * (`projects["a"].sessions[1]`); the whole entry when nothing of it would be kept and no part
 * of it is to blame.
 */
export function malformedParts(
  part: keyof typeof ENTRY_CHECKS,
  id: string,
  entry: Record<string, unknown>,
): string[] {
  const dropped: string[] = [];
  const place = `${part}[${JSON.stringify(id)}]`;
  // Nothing would be kept: the damaged parts still say where to look, if there are any.
  return SALVAGE[part](entry, place, dropped) === null && dropped.length === 0 ? [place] : dropped;
}
