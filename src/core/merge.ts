import { compareText } from './compare.js';
import { loggedSessions } from './journal-changes.js';
import { encodeProgressLine, type ProgressMap } from './progress-map.js';
import { GOAL_KEYS, isGoalKey } from './settings.js';
import type {
  CourseRecord,
  JournalEntry,
  LogEntry,
  Note,
  ProgressEntry,
  Project,
  RoadmapEntry,
  SettingValue,
  State,
  StudySession,
} from './types.js';

/** What an import changed, for the report and `import --json`. */
export interface MergeReport {
  /**
   * The import's history held all of this roadmap's (its machine had imported this one's latest
   * changes and gone on), so its state was taken as it is, settings aside: what was taken away
   * there (a reset, an undo, a removal) is taken away here too.
   */
  caughtUp: boolean;
  roadmapAdded: string[];
  /** Courses the other machine took off the roadmap (only when caughtUp). */
  roadmapRemoved: string[];
  progressAdded: number;
  progressChanged: number;
  journalChanged: number;
  coursesChanged: number;
  projectsChanged: number;
  settingsAdded: string[];
  /** Settings set here that the merge took away: unset on the other machine, later. */
  settingsRemoved: string[];
  /** Settings the import carried that were kept as set here. */
  settingsKept: string[];
  logAdded: number;
}

export interface Mergeable {
  state: State;
  log: LogEntry[];
}

const byAt = <T extends { at: string }>(a: T, b: T) => compareText(a.at, b.at);

/**
 * Items of both lists, in time order: each item as many times as the list that has it more often
 * (by `key`). Two sessions of 30 minutes logged for the same day are two sessions, not one: with
 * no ids to tell them apart, taking the larger count keeps both, while a session both sides
 * share is still counted once. When `b` adds nothing, `a` comes back as it is: a note added
 * with an earlier `--at` is stored after later ones, and sorting it into place would make
 * importing one's own export a change.
 */
function unite<T extends { at: string }>(a: T[], b: T[], key: (item: T) => string): T[] {
  const inA = new Map<string, number>();
  for (const item of a) inA.set(key(item), (inA.get(key(item)) ?? 0) + 1);
  const result = [...a];
  for (const item of b) {
    const k = key(item);
    const left = inA.get(k) ?? 0;
    if (left > 0) inA.set(k, left - 1);
    else result.push(item);
  }
  // Equal times are ordered by content, so that two machines uniting the same items in
  // opposite order hold them alike.
  return result.length === a.length
    ? a
    : result.sort((x, y) => byAt(x, y) || compareText(key(x), key(y)));
}

const noteKey = (n: Note) => `${n.at}\u0000${n.text}`;

/**
 * Done beats skipped; between equals the earlier date wins. Notes are united either way, and the
 * minutes are the larger of the two.
 */
export function mergeProgress(local: ProgressEntry, incoming: ProgressEntry): ProgressEntry {
  const winner =
    local.status !== incoming.status
      ? local.status === 'done'
        ? local
        : incoming
      : incoming.at < local.at
        ? incoming
        : local;
  const merged: ProgressEntry = { ...winner, notes: unite(local.notes, incoming.notes, noteKey) };
  // The two machines may have logged the same study or different study; the larger figure is
  // never less than what either recorded, and never counts the same time twice.
  const minutes = Math.max(local.minutes ?? 0, incoming.minutes ?? 0);
  if (minutes > 0) merged.minutes = minutes;
  return merged;
}

const sessionKey = (s: StudySession) => `${s.at}\u0000${s.minutes}\u0000${s.note ?? ''}`;

export function mergeJournal(local: JournalEntry, incoming: JournalEntry): JournalEntry {
  return {
    sessions: unite(local.sessions, incoming.sessions, sessionKey),
    notes: unite(local.notes, incoming.notes, noteKey),
  };
}

/** Transitions are united, so the latest one, from either side, is the course's state. */
export function mergeCourse(local: CourseRecord, incoming: CourseRecord): CourseRecord {
  return {
    transitions: unite(
      local.transitions,
      incoming.transitions,
      (t) => `${t.at}\u0000${t.state}\u0000${t.reason ?? ''}`,
    ),
  };
}

/** How far a project got: shipped is final, and a waived project can be taken up again. */
const STAGE_RANK: Record<Project['stage'], number> = { idea: 0, started: 1, waived: 1, shipped: 2 };

/** Details that say what the project is, whatever its stage. */
const PROJECT_DETAILS = ['title', 'goal', 'estimateMinutes', 'ideaId', 'repo'] as const;

/**
 * The project that got further wins (shipped over started over an idea); between equals, the one
 * whose latest stage change is later. Details only the other side recorded (a goal set on one
 * machine, a repo on the other) are kept.
 */
export function mergeProject(local: Project, incoming: Project): Project {
  const last = (p: Project) => p.stages.at(-1)?.at ?? '';
  const rank = STAGE_RANK[incoming.stage] - STAGE_RANK[local.stage];
  const incomingWins = rank > 0 || (rank === 0 && last(incoming) > last(local));
  const [winner, other] = incomingWins ? [incoming, local] : [local, incoming];
  const merged: Project = { ...winner };
  for (const key of PROJECT_DETAILS) {
    if (merged[key] === undefined && other[key] !== undefined)
      (merged as unknown as Record<string, unknown>)[key] = other[key];
  }
  // Time logged on either machine is kept, a session both have once (as for a module's).
  const sessions = unite(local.sessions ?? [], incoming.sessions ?? [], sessionKey);
  if (sessions.length > 0) merged.sessions = sessions;
  return merged;
}

/**
 * What merging `incoming` into the entries `get` reads gives, as the entries to put in place,
 * with how many were added and how many changed. Progress (a ProgressMap) and the plain keyed
 * parts take the same result.
 */
function mergeChanges<T>(
  get: (id: string) => T | undefined,
  incoming: Iterable<readonly [string, T]>,
  merge: (a: T, b: T) => T,
): { changes: Map<string, T>; added: number; changed: number } {
  const changes = new Map<string, T>();
  let added = 0;
  let changed = 0;
  for (const [id, value] of incoming) {
    const mine = get(id);
    if (mine === undefined) {
      changes.set(id, value);
      added += 1;
      continue;
    }
    const result = merge(mine, value);
    if (JSON.stringify(result) !== JSON.stringify(mine)) changed += 1;
    changes.set(id, result);
  }
  return { changes, added, changed };
}

function mergeKeyed<T>(
  local: Record<string, T>,
  incoming: Record<string, T>,
  merge: (a: T, b: T) => T,
): { merged: Record<string, T>; added: number; changed: number } {
  const get = (id: string) => (Object.hasOwn(local, id) ? local[id] : undefined);
  const { changes, added, changed } = mergeChanges(get, Object.entries(incoming), merge);
  const merged: Record<string, T> = { ...local };
  // Ids come from files; defining rather than assigning keeps any id plain data.
  for (const [id, value] of changes)
    Object.defineProperty(merged, id, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return { merged, added, changed };
}

const own = <T>(record: Record<string, T>, id: string): T | undefined =>
  Object.hasOwn(record, id) ? record[id] : undefined;

/**
 * What one side changed since the two last met, from the log entries only it has: for each
 * module and setting, the values it changed from (each entry's `before`), as canonical text.
 * A value the other side still holds is one this side saw and then changed (a reset, a redo,
 * an undo, a done over a skip, a setting set again): that change came later, so it wins.
 */
interface ChangedSince {
  progress: Map<string, Set<string>>;
  /** When each module and setting was last changed on this side (its entries' `at`). */
  progressAt: Map<string, string>;
  /** Each module's mark when the two last met: what its first change here found. */
  progressMet: Map<string, ProgressEntry | null>;
  /** The modules this side reset since the two last met. */
  progressReset: Set<string>;
  /**
   * A reset of a module that replaced others (`replaces`) clears the progress kept under their
   * ids and moves it into the module's journal: those ids, by the module's.
   */
  resetUnder: Map<string, Set<string>>;
  settings: Map<string, string>;
  /** A module's journal (sessions and notes) as it was before each change here, as text. */
  journal: Map<string, Set<string>>;
}

function changedSince(entries: readonly LogEntry[]): ChangedSince {
  const progress = new Map<string, Set<string>>();
  const progressAt = new Map<string, string>();
  const progressMet = new Map<string, ProgressEntry | null>();
  const progressReset = new Set<string>();
  const resetUnder = new Map<string, Set<string>>();
  const settings = new Map<string, string>();
  const journal = new Map<string, Set<string>>();
  const later = (map: Map<string, string>, key: string, at: string) => {
    if (!(map.get(key)! >= at)) map.set(key, at);
  };
  const add = (map: Map<string, Set<string>>, id: string, text: string) => {
    if (!map.has(id)) map.set(id, new Set());
    map.get(id)!.add(text);
  };
  for (const entry of entries) {
    for (const [id, value] of Object.entries(entry.before?.progress ?? {})) {
      add(progress, id, progressText(id, value));
      if (!progressMet.has(id)) progressMet.set(id, value ?? null);
      if (entry.type === 'reset') progressReset.add(id);
      if (entry.type === 'reset' && entry.moduleId !== undefined && id !== entry.moduleId)
        add(resetUnder, entry.moduleId, id);
      later(progressAt, id, entry.at);
    }
    for (const [id, value] of Object.entries(entry.before?.journal ?? {}))
      add(journal, id, journalText(value));
    for (const key of Object.keys(entry.before?.settings ?? {})) later(settings, key, entry.at);
  }
  return { progress, progressAt, progressMet, progressReset, resetUnder, settings, journal };
}

/**
 * Two progress entries a rename reads as one module's. The same record under both ids (same
 * status, date and minutes: a copy, as an import brings) counts once, as an import's merge
 * counts it. Two modules a catalog merged into one (two chapters now one) were two pieces of
 * work, even when done at the same moment (`--at` with a bare date): the rules of a merge pick
 * the status and date, and their minutes add up.
 */
export function foldProgressEntry(current: ProgressEntry, old: ProgressEntry): ProgressEntry {
  const merged = mergeProgress(current, old);
  const copy =
    current.status === old.status && current.at === old.at && current.minutes === old.minutes;
  if (copy) return merged;
  const minutes = (current.minutes ?? 0) + (old.minutes ?? 0);
  return minutes > 0 ? { ...merged, minutes } : merged;
}

const ownJournal = (state: State, id: string): JournalEntry =>
  own(state.journal, id) ?? { sessions: [], notes: [] };

/** What `reset` moves from a module's progress to its journal: its minutes, as a session, and notes. */
function movedByReset(entry: ProgressEntry): JournalEntry {
  return {
    sessions: entry.minutes ? loggedSessions(entry.at, entry.minutes) : [],
    notes: [...entry.notes],
  };
}

/** `items` less one of each of `gone` (by `key`), in their order. */
function without<T>(items: T[], gone: T[], key: (item: T) => string): T[] {
  const left = new Map<string, number>();
  for (const item of gone) left.set(key(item), (left.get(key(item)) ?? 0) + 1);
  return items.filter((item) => {
    const n = left.get(key(item)) ?? 0;
    if (n > 0) left.set(key(item), n - 1);
    return n === 0;
  });
}

/**
 * A module one side reset while the other went on with the mark both had when they last met (a
 * note, more time, done again, done over a skip): the union would keep that mark beside the
 * journal the reset moved its minutes and notes into, counting them twice. The reset is final
 * for that mark, and what the other side added to it joins the journal as well, unless the other
 * side's change came later and the resetting side has no mark since: then that mark stands, and
 * what it still holds leaves the resetting side's journal (what that side added before its reset
 * stays there). On equal times the reset stands, on both machines alike. Left to the union: a
 * module both sides reset, one the other side changed and changed back, and one whose resetting
 * side holds that same mark again (the stand of an earlier merge, come by way of a third machine).
 */
function settleResets(
  local: State,
  incoming: State,
  here: ChangedSince,
  there: ChangedSince,
  progress: ProgressMap,
  journal: Record<string, JournalEntry>,
): { progress: ProgressMap; journal: Record<string, JournalEntry>; ids: string[] } {
  const changes: Record<string, ProgressEntry | null> = {};
  const settled: string[] = [];
  let result = journal;
  const put = (id: string, entry: JournalEntry) => {
    if (result === journal) result = { ...journal };
    Object.defineProperty(result, id, {
      value: entry,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  };
  const sides = [
    { reset: here, other: there, resetState: local, otherState: incoming },
    { reset: there, other: here, resetState: incoming, otherState: local },
  ];
  for (const { reset: d, other: s, resetState, otherState } of sides) {
    /**
     * The other side's mark `kept` stands when it came later than the reset (`resetAt`) and the
     * resetting side has no mark since; otherwise the reset does, and `kept` joins the journal.
     */
    const settle = (
      id: string,
      met: ProgressEntry,
      kept: ProgressEntry,
      mark: ProgressEntry | undefined,
      resetAt: string,
    ) => {
      if (mark === undefined && s.progressAt.get(id)! > resetAt) {
        changes[id] = kept;
        put(
          id,
          mergeJournal(
            ownJournal(otherState, id),
            withoutHeld(ownJournal(resetState, id), met, kept),
          ),
        );
      } else {
        changes[id] = mark ?? null;
        put(id, mergeJournal(own(result, id) ?? { sessions: [], notes: [] }, movedByReset(kept)));
      }
      settled.push(id);
    };
    for (const id of d.progressReset) {
      if (s.progressReset.has(id) || !s.progress.has(id)) continue;
      const met = d.progressMet.get(id);
      const kept = otherState.progress.get(id);
      if (!met || !kept || progressText(id, kept) === progressText(id, met)) continue;
      const mark = resetState.progress.get(id);
      if (mark && mark.at === met.at && mark.status === met.status) continue;
      settle(id, met, kept, mark, d.progressAt.get(id)!);
    }
    // A module that replaced others, reset here while the other side went on with it: the marks
    // both had were under the old ids, which that side's change moved under the module's own.
    for (const [id, group] of d.resetUnder) {
      const ids = [...group];
      if (s.progressReset.has(id) || !s.progress.has(id)) continue;
      if (ids.some((old) => s.progressReset.has(old) || otherState.progress.has(old))) continue;
      const marks = ids.flatMap((old) => d.progressMet.get(old) ?? []);
      const kept = otherState.progress.get(id);
      if (marks.length === 0 || !kept) continue;
      // As the reset found it: the marks read as one, the way the loaded catalog read them.
      const met = marks.reduce(foldProgressEntry);
      if (progressText(id, kept) === progressText(id, met)) continue;
      const mark = resetState.progress.get(id);
      if (mark && mark.at === met.at && mark.status === met.status) continue;
      // ISO times sort as text: the reset's, the latest change to the old ids here.
      const resetAt = ids
        .map((old) => d.progressAt.get(old)!)
        .sort(compareText)
        .at(-1)!;
      settle(id, met, kept, mark, resetAt);
    }
  }
  return {
    progress: settled.length > 0 ? progress.with(changes) : progress,
    journal: result,
    ids: settled,
  };
}

/**
 * A resetting side's journal less what the mark both had when they met (`met`) moved into it
 * and the mark that stands (`kept`) still holds: its notes, and its minutes while the mark is
 * the same one with at least as many.
 */
function withoutHeld(journal: JournalEntry, met: ProgressEntry, kept: ProgressEntry): JournalEntry {
  const keptNotes = new Set(kept.notes.map(noteKey));
  const sameMark = kept.at === met.at && (kept.minutes ?? 0) >= (met.minutes ?? 0);
  const moved = movedByReset(met);
  return {
    sessions: sameMark ? without(journal.sessions, moved.sessions, sessionKey) : journal.sessions,
    notes: without(
      journal.notes,
      moved.notes.filter((n) => keptNotes.has(noteKey(n))),
      noteKey,
    ),
  };
}

/** The changes each module had in a log, by module id: its entries' ids, `import` ones aside. */
function changesByModule(log: readonly LogEntry[]): Map<string, string[]> {
  const byModule = new Map<string, string[]>();
  for (const entry of log) {
    if (entry.type === 'import') continue;
    const ids = new Set([
      ...Object.keys(entry.before?.progress ?? {}),
      ...Object.keys(entry.before?.journal ?? {}),
    ]);
    for (const id of ids) {
      const list = byModule.get(id);
      if (list) list.push(entry.id);
      else byModule.set(id, [entry.id]);
    }
  }
  return byModule;
}

/**
 * What the caught-up rule does for a whole history, module by module: where one side's log holds
 * every change the other made to a module, and changes of its own besides, that side's module
 * (its mark and its journal) carries the other's further and is taken as it is. So a conflict
 * one machine settled in a merge stays settled when its export comes back to a machine that went
 * on with other things meanwhile, rather than being united again with the side it settled.
 */
function caughtUpModules(
  local: Mergeable,
  incoming: Mergeable,
  known: ReadonlySet<string>,
  theirs: ReadonlySet<string>,
  progress: ProgressMap,
  journal: Record<string, JournalEntry>,
): { progress: ProgressMap; journal: Record<string, JournalEntry>; ids: string[] } {
  const mine = changesByModule(local.log);
  const other = changesByModule(incoming.log);
  const changes: Record<string, ProgressEntry | null> = {};
  const ids: string[] = [];
  let result = journal;
  for (const id of new Set([...mine.keys(), ...other.keys()])) {
    const mineKnown = (mine.get(id) ?? []).every((e) => theirs.has(e));
    const otherKnown = (other.get(id) ?? []).every((e) => known.has(e));
    if (mineKnown === otherKnown) continue;
    const from = mineKnown ? incoming.state : local.state;
    const mark = from.progress.get(id) ?? null;
    const entry = own(from.journal, id);
    if (
      progressText(id, mark) === progressText(id, progress.get(id)) &&
      journalText(entry) === journalText(own(result, id))
    )
      continue;
    changes[id] = mark;
    if (result === journal) result = { ...journal };
    if (entry === undefined) delete result[id];
    else
      Object.defineProperty(result, id, {
        value: entry,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    ids.push(id);
  }
  return {
    progress: ids.length > 0 ? progress.with(changes) : progress,
    journal: result,
    ids,
  };
}

/** A module's journal as text that doesn't depend on how its objects' keys were ordered. */
const journalText = (entry: JournalEntry | null | undefined): string =>
  entry && (entry.sessions.length > 0 || entry.notes.length > 0)
    ? JSON.stringify([
        entry.sessions.map((s) => [s.at, s.minutes, s.note ?? null]),
        entry.notes.map((n) => [n.at, n.text]),
      ])
    : '';

/**
 * Journals united (mergeJournal), except where only one side changed a module's journal away
 * from what the other still holds (an undo of study, or of a reset that had moved a done
 * module's minutes there): then that side's stands, so the time isn't counted twice.
 */
function mergeJournals(
  local: Record<string, JournalEntry>,
  incoming: Record<string, JournalEntry>,
  here: ChangedSince,
  there: ChangedSince,
): { merged: Record<string, JournalEntry>; changed: number } {
  const merged: Record<string, JournalEntry> = { ...local };
  let changed = 0;
  const put = (id: string, value: JournalEntry | undefined) => {
    changed++;
    if (value === undefined) delete merged[id];
    else
      Object.defineProperty(merged, id, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  };
  for (const id of new Set([...Object.keys(local), ...Object.keys(incoming)])) {
    const mine = own(local, id);
    const theirs = own(incoming, id);
    if (journalText(mine) === journalText(theirs)) continue;
    const changedHere = here.journal.get(id)?.has(journalText(theirs)) ?? false;
    const changedThere = there.journal.get(id)?.has(journalText(mine)) ?? false;
    if (changedHere && !changedThere) continue;
    if (changedThere && !changedHere) {
      put(id, theirs);
      continue;
    }
    if (theirs === undefined) continue;
    const result = mine === undefined ? theirs : mergeJournal(mine, theirs);
    if (journalText(result) !== journalText(mine)) put(id, result);
  }
  return { merged, changed };
}

/**
 * Which side's change stands when both changed the same thing since they last met: the later
 * one, and between equal times the value that sorts last, so that both machines choose alike
 * whichever imports first. True: this side's.
 */
function oursWins(here: string, there: string, mine: string, theirs: string): boolean {
  if (here !== there) return here > there;
  return mine >= theirs;
}

const progressText = (id: string, entry: ProgressEntry | null | undefined): string =>
  entry ? encodeProgressLine(id, entry) : '';

/** Whether `side` changed the module's entry away from `entry` (none: it had none). */
const changedFrom = (side: ChangedSince, id: string, entry: ProgressEntry | undefined) =>
  side.progress.get(id)?.has(progressText(id, entry)) ?? false;

/**
 * Progress merged entry by entry (mergeProgress), except where one side changed the entry the
 * other still holds (changedSince): then that side's entry, or its lack of one, stands. Where
 * done beats skipped, the minutes logged with the skip become a session on the day of the skip,
 * as they do when a skipped module is marked done: `sessions` lists those, by module.
 */
function mergeProgressMaps(
  local: State,
  incoming: State,
  here: ChangedSince,
  there: ChangedSince,
): {
  merged: ProgressMap;
  added: number;
  changed: number;
  sessions: Map<string, StudySession[]>;
} {
  const ids = new Set([...local.progress.keys(), ...incoming.progress.keys()]);
  const changes = new Map<string, ProgressEntry | null>();
  const sessions = new Map<string, StudySession[]>();
  let added = 0;
  let changed = 0;
  for (const id of ids) {
    const mine = local.progress.get(id);
    const theirs = incoming.progress.get(id);
    if (mine !== undefined && progressText(id, mine) === progressText(id, theirs)) continue;
    const changedHere = changedFrom(here, id, theirs);
    const changedThere = changedFrom(there, id, mine);
    const ours =
      changedHere &&
      (!changedThere ||
        oursWins(
          here.progressAt.get(id)!,
          there.progressAt.get(id)!,
          progressText(id, mine),
          progressText(id, theirs),
        ));
    if (ours) continue;
    if (changedThere) {
      changes.set(id, theirs ?? null);
      if (mine === undefined) added++;
      else changed++;
      continue;
    }
    if (!theirs) continue;
    if (!mine) {
      changes.set(id, theirs);
      added++;
      continue;
    }
    let result = mergeProgress(mine, theirs);
    if (mine.status !== theirs.status) {
      const [done, skipped] = mine.status === 'done' ? [mine, theirs] : [theirs, mine];
      if (skipped.minutes) {
        result = { ...result };
        if (done.minutes) result.minutes = done.minutes;
        else delete result.minutes;
        sessions.set(id, loggedSessions(skipped.at, skipped.minutes));
      }
    }
    if (progressText(id, result) !== progressText(id, mine)) changed++;
    changes.set(id, result);
  }
  return { merged: local.progress.withEntries(changes), added, changed, sessions };
}

/** Adds the sessions a merged skip left (mergeProgressMaps) to the merged journal, once. */
function settleJournal(
  journal: Record<string, JournalEntry>,
  sessions: Map<string, StudySession[]>,
): { journal: Record<string, JournalEntry>; changed: number } {
  let changed = 0;
  let result = journal;
  for (const [id, added] of sessions) {
    const entry = own(result, id) ?? { sessions: [], notes: [] };
    // Those the other machine logged already, marking the module done itself, count once.
    const missing = without(added, entry.sessions, sessionKey);
    if (missing.length === 0) continue;
    if (result === journal) result = { ...journal };
    Object.defineProperty(result, id, {
      value: { ...entry, sessions: [...entry.sessions, ...missing].sort(byAt) },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    changed++;
  }
  return { journal: result, changed };
}

/**
 * Merges an imported state and log into the local ones. Log entries only the import has are
 * appended in their own order. When one history holds all of the other's, the states needn't be
 * united: an import whose entries are all here already brings nothing (this state carries its
 * changes, and any made since), and one whose history holds all of this one's carries this
 * state further, so it is taken as it is, settings aside. Otherwise the two states are united:
 * done beats skipped and the earliest date wins; notes, sessions and log entries are united (log
 * entries by id); for course states the latest transition wins; settings already set here win;
 * courses only the import has join the end of the roadmap.
 */
export function mergeStates(
  local: Mergeable,
  incoming: Mergeable,
): Mergeable & { report: MergeReport } {
  const known = new Set(local.log.map((e) => e.id));
  const theirs = new Set(incoming.log.map((e) => e.id));
  const logAdded = incoming.log.filter((e) => !known.has(e.id));
  const here = changedSince(local.log.filter((e) => !theirs.has(e.id)));
  const there = changedSince(logAdded);
  // An `import` entry only records a state a merge made from entries both logs hold; a machine
  // may leave the other's out (import-state.ts), so it says nothing of whose history is longer.
  const changes = (log: LogEntry[]) => log.filter((e) => e.type !== 'import');
  if (changes(incoming.log).length > 0 && changes(logAdded).length === 0)
    return { state: local.state, log: local.log, report: nothingMerged() };
  const { settings, settingsAdded, settingsRemoved, settingsKept } = mergeSettings(
    local.state.settings,
    incoming.state.settings,
    here,
    there,
  );
  const mine = changes(local.log);
  if (mine.length > 0 && mine.every((e) => theirs.has(e.id))) {
    const state: State = {
      ...local.state,
      roadmap: incoming.state.roadmap,
      progress: incoming.state.progress,
      journal: incoming.state.journal,
      courses: incoming.state.courses,
      projects: incoming.state.projects,
      settings,
    };
    return {
      state,
      log: [...local.log, ...logAdded],
      report: {
        ...differences(local.state, state),
        settingsAdded,
        settingsRemoved,
        settingsKept,
        logAdded: logAdded.length,
      },
    };
  }
  const onRoadmap = new Set(local.state.roadmap.map((r) => r.courseId));
  const roadmapAdded: RoadmapEntry[] = incoming.state.roadmap.filter(
    (r) => !onRoadmap.has(r.courseId),
  );
  const united = mergeProgressMaps(local.state, incoming.state, here, there);
  const journal = mergeJournals(local.state.journal, incoming.state.journal, here, there);
  const resets = settleResets(
    local.state,
    incoming.state,
    here,
    there,
    united.merged,
    journal.merged,
  );
  const caught = caughtUpModules(local, incoming, known, theirs, resets.progress, resets.journal);
  // The counts, for the modules settled after the union, as they came out rather than as united.
  let { added: progressAdded, changed: progressChanged } = united;
  let journalChanged = journal.changed;
  for (const id of new Set([...resets.ids, ...caught.ids])) {
    const was = progressText(id, local.state.progress.get(id));
    const count = (text: string, sign: number) => {
      if (text === was) return;
      if (was === '') progressAdded += sign;
      else progressChanged += sign;
    };
    count(progressText(id, united.merged.get(id)), -1);
    count(progressText(id, caught.progress.get(id)), 1);
    const wasJournal = journalText(own(local.state.journal, id));
    if (journalText(own(journal.merged, id)) !== wasJournal) journalChanged--;
    if (journalText(own(caught.journal, id)) !== wasJournal) journalChanged++;
  }
  const taken = new Set(caught.ids);
  const progress = {
    ...united,
    merged: caught.progress,
    added: progressAdded,
    changed: progressChanged,
    // A skip's minutes a done beat in the union: not for a module taken whole from one side.
    sessions: new Map([...united.sessions].filter(([id]) => !taken.has(id))),
  };
  const courses = mergeKeyed(local.state.courses, incoming.state.courses, mergeCourse);
  const projects = mergeKeyed(local.state.projects, incoming.state.projects, mergeProject);
  const journalMerged = settleJournal(caught.journal, progress.sessions);
  return {
    state: {
      ...local.state,
      roadmap: [...local.state.roadmap, ...roadmapAdded],
      progress: progress.merged,
      journal: journalMerged.journal,
      courses: courses.merged,
      projects: projects.merged,
      settings,
    },
    log: [...local.log, ...logAdded],
    report: {
      caughtUp: false,
      roadmapAdded: roadmapAdded.map((r) => r.courseId),
      roadmapRemoved: [],
      progressAdded: progress.added,
      progressChanged: progress.changed,
      journalChanged: journalChanged + journalMerged.changed,
      coursesChanged: courses.added + courses.changed,
      projectsChanged: projects.added + projects.changed,
      settingsAdded,
      settingsRemoved,
      settingsKept,
      logAdded: logAdded.length,
    },
  };
}

const nothingMerged = (): MergeReport => ({
  caughtUp: false,
  roadmapAdded: [],
  roadmapRemoved: [],
  progressAdded: 0,
  progressChanged: 0,
  journalChanged: 0,
  coursesChanged: 0,
  projectsChanged: 0,
  settingsAdded: [],
  settingsRemoved: [],
  settingsKept: [],
  logAdded: 0,
});

/** JSON with every object's keys in order: two machines may write the same record either way. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => compareText(a, b)))
      : v,
  );
}

/** What taking `next` in place of `before` changes, counted as a union's report counts it. */
function differences(
  before: State,
  next: State,
): Omit<MergeReport, 'settingsAdded' | 'settingsRemoved' | 'settingsKept' | 'logAdded'> {
  const was = new Set(before.roadmap.map((r) => r.courseId));
  const is = new Set(next.roadmap.map((r) => r.courseId));
  let progressAdded = 0;
  let progressChanged = 0;
  for (const [id, entry] of next.progress.entries()) {
    const old = before.progress.get(id);
    if (old === undefined) progressAdded++;
    else if (progressText(id, old) !== progressText(id, entry)) progressChanged++;
  }
  for (const id of before.progress.keys()) if (!next.progress.has(id)) progressChanged++;
  /** Keys added, removed or changed, each compared as `text` gives it. */
  const keyed = <T>(
    a: Record<string, T>,
    b: Record<string, T>,
    text: (value: T | undefined) => string = canonical,
  ) =>
    [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
      (id) =>
        !Object.hasOwn(a, id) || !Object.hasOwn(b, id) || text(own(a, id)) !== text(own(b, id)),
    ).length;
  return {
    caughtUp: true,
    roadmapAdded: [...is].filter((id) => !was.has(id)),
    roadmapRemoved: [...was].filter((id) => !is.has(id)),
    progressAdded,
    progressChanged,
    journalChanged: keyed(before.journal, next.journal, journalText),
    coursesChanged: keyed(before.courses, next.courses),
    projectsChanged: keyed(before.projects, next.projects),
  };
}

/**
 * A setting changed on the other machine since the two last met, and not here, takes its new
 * value (or goes, when it was unset there). Otherwise settings set here win. A goal and its
 * deadline come as a pair from one side.
 */
function mergeSettings(
  local: Record<string, SettingValue>,
  incoming: Record<string, SettingValue>,
  sinceHere: ChangedSince,
  tsinceHere: ChangedSince,
): {
  settings: Record<string, SettingValue>;
  settingsAdded: string[];
  settingsRemoved: string[];
  settingsKept: string[];
} {
  const settings: Record<string, SettingValue> = { ...local };
  const settingsAdded: string[] = [];
  const settingsRemoved: string[] = [];
  const settingsKept: string[] = [];
  // The goal's keys change together, so they are judged together.
  const changedAt = (side: ChangedSince, key: string): string | undefined => {
    const times = (isGoalKey(key) ? GOAL_KEYS : [key])
      .map((k) => side.settings.get(k))
      .filter((at): at is string => at !== undefined);
    return times.sort().at(-1);
  };
  const value = (record: Record<string, SettingValue>, key: string) =>
    JSON.stringify(Object.hasOwn(record, key) ? record[key] : null);
  const theirsWins = (key: string) => {
    const there = changedAt(tsinceHere, key);
    if (there === undefined) return false;
    const here = changedAt(sinceHere, key);
    return here === undefined || !oursWins(here, there, value(local, key), value(incoming, key));
  };
  for (const key of new Set([...Object.keys(local), ...Object.keys(incoming), ...GOAL_KEYS])) {
    if (!theirsWins(key)) continue;
    if (Object.hasOwn(incoming, key)) {
      if (settings[key] !== incoming[key]) settingsAdded.push(key);
      Object.defineProperty(settings, key, {
        value: incoming[key],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else if (Object.hasOwn(settings, key)) {
      delete settings[key];
      settingsRemoved.push(key);
    }
  }
  // A goal and its deadline were chosen together: they come from one side, never one from each.
  const goalHere = Object.hasOwn(settings, GOAL_KEYS[0]);
  for (const [key, value] of Object.entries(incoming)) {
    // Taken above, or changed here since the two last met (unset, say): as this side left it.
    if (settingsAdded.includes(key) || changedAt(sinceHere, key) !== undefined) {
      if (!settingsAdded.includes(key) && settings[key] !== value) settingsKept.push(key);
      continue;
    }
    if (Object.hasOwn(settings, key) || (goalHere && isGoalKey(key))) {
      if (settings[key] !== value) settingsKept.push(key);
    } else {
      Object.defineProperty(settings, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      settingsAdded.push(key);
    }
  }
  return { settings, settingsAdded, settingsRemoved, settingsKept };
}
