import type { Note, ProgressEntry, ProgressStatus } from './types.js';

/**
 * The progress as config.json keeps it (schema 3): a list of lines per course, one per module.
 * `hf-course/chapter1/2 done 2026-01-14T05:00:00.000Z 30 [{"at":"…","text":"…"}]` reads: id,
 * status, when, then the minutes and the notes (JSON) when there are any. Module ids hold no
 * spaces, so a line splits without escaping.
 *
 * Why not an object per module: a roadmap of 40,000 done modules took longer to parse than the
 * rest of a command, and every command parsed all of it. Strings parse several times faster than
 * objects, and a course's lines are decoded only when something asks about that course.
 */
export type StoredProgress = Record<string, string[]>;

/** The part of a module id its progress is grouped by: the course id the catalogs prefix it with. */
export function groupOf(moduleId: string): string {
  const slash = moduleId.indexOf('/');
  return slash < 0 ? moduleId : moduleId.slice(0, slash);
}

export function encodeProgressLine(id: string, entry: ProgressEntry): string {
  let line = `${id} ${entry.status} ${entry.at}`;
  if (entry.minutes !== undefined) line += ` ${entry.minutes}`;
  if (entry.notes.length > 0) line += ` ${JSON.stringify(entry.notes)}`;
  return line;
}

/** A line's fields as readLine finds them; one object is reused across a scan. */
export interface LineFields {
  /** Where the id ends (the first space). */
  idEnd: number;
  status: string;
  at: string;
  /** NaN when the field is there but not a whole number. */
  minutes: number | undefined;
  /** Where the notes start, or -1 when there are none. */
  notesAt: number;
}

export const lineFields = (): LineFields => ({
  idEnd: 0,
  status: '',
  at: '',
  minutes: undefined,
  notesAt: -1,
});

/**
 * Reads a line's fields into `fields` without judging them; false when the line doesn't even
 * have the shape. Scans over 40,000 lines call it in a loop rather than decoding entries.
 */
export function readLine(line: string, fields: LineFields): boolean {
  const first = line.indexOf(' ');
  const second = first < 0 ? -1 : line.indexOf(' ', first + 1);
  if (second < 0) return false;
  const third = line.indexOf(' ', second + 1);
  fields.idEnd = first;
  fields.status = line.slice(first + 1, second);
  fields.minutes = undefined;
  fields.notesAt = -1;
  if (third < 0) {
    fields.at = line.slice(second + 1);
    return true;
  }
  fields.at = line.slice(second + 1, third);
  let rest = third + 1;
  if (line.charCodeAt(rest) !== 91 /* [ */) {
    const end = line.indexOf(' ', rest);
    const minutes = end < 0 ? line.slice(rest) : line.slice(rest, end);
    fields.minutes = /^\d+$/.test(minutes) ? Number(minutes) : Number.NaN;
    rest = end < 0 ? line.length : end + 1;
  }
  if (rest < line.length) fields.notesAt = rest;
  return true;
}

/**
 * Splits a line into its fields without judging them; the store's validator checks what comes
 * out. Null when the line doesn't even have the shape. Notes that aren't JSON come back as a
 * string, so that the validator can say so.
 */
export function decodeProgressLine(line: string): { id: string; entry: ProgressEntry } | null {
  const fields = lineFields();
  if (!readLine(line, fields)) return null;
  const entry: ProgressEntry = {
    status: fields.status as ProgressStatus,
    at: fields.at,
    notes: NO_NOTES,
  };
  if (fields.minutes !== undefined) entry.minutes = fields.minutes;
  if (fields.notesAt >= 0) {
    const rest = line.slice(fields.notesAt);
    try {
      entry.notes = JSON.parse(rest) as Note[];
    } catch {
      entry.notes = rest as unknown as Note[];
    }
  }
  return { id: line.slice(0, fields.idEnd), entry };
}

// Shared by every entry without notes. Core code never mutates an entry in place: a change
// always builds a new one.
const NO_NOTES: Note[] = [];
Object.freeze(NO_NOTES);

interface Group {
  /** The stored lines, while they are still what the file held. */
  lines: string[] | null;
  /** The decoded entries, once something asked. */
  entries: Map<string, ProgressEntry> | null;
  /**
   * Lines that didn't decode, or repeat an id. Validation refuses both, so only a file read
   * without it (config.checked) can have them, and then only by damage; they are written back as
   * they were rather than dropped, and `roadmap doctor` reports them.
   */
  kept?: string[];
  /** Just the ids of undecoded lines: whether a course is complete is asked of every course. */
  ids?: Set<string>;
  /**
   * hasAll's answers, by the list of ids asked about, when the answer depends on this group
   * alone. A change makes new groups for what it touches, so a change to one course keeps what
   * is known of the other 999.
   */
  answers?: WeakMap<readonly string[], boolean>;
  /** tally's answers, kept the same way. */
  tallies?: WeakMap<readonly string[], Tally>;
  /** Made by a change (withEntries): its lines are written anew, not as they were read. */
  rebuilt?: true;
}

function idsOf(lines: string[]): Set<string> {
  const ids = new Set<string>();
  for (const line of lines) {
    const space = line.indexOf(' ');
    if (space > 0) ids.add(line.slice(0, space));
  }
  return ids;
}

function decode(group: Group): Map<string, ProgressEntry> {
  const entries = new Map<string, ProgressEntry>();
  for (const line of group.lines!) {
    const decoded = decodeProgressLine(line);
    if (decoded && !entries.has(decoded.id)) entries.set(decoded.id, decoded.entry);
    else {
      group.kept ??= [];
      group.kept.push(line);
    }
  }
  return entries;
}

function encode(group: Group): string[] {
  const lines: string[] = [];
  for (const [id, entry] of group.entries!) lines.push(encodeProgressLine(id, entry));
  if (group.kept) lines.push(...group.kept);
  return lines;
}

/**
 * How many of `ids`, from the first, are the ids of the group's stored lines at the same places;
 * each of those lines goes to `visit`. None once the lines are decoded.
 */
function matchedInOrder(
  group: Group | undefined,
  ids: readonly string[],
  visit?: (line: string, id: string, at: number) => void,
): number {
  const lines = group && !group.entries ? group.lines : null;
  if (!lines) return 0;
  const end = Math.min(ids.length, lines.length);
  let matched = 0;
  for (; matched < end; matched++) {
    const id = ids[matched]!;
    const line = lines[matched]!;
    if (line.charCodeAt(id.length) !== 32 || !line.startsWith(id)) break;
    visit?.(line, id, matched);
  }
  return matched;
}

/** What the entries of some ids add up to (see ProgressMap.tally). */
export interface Tally {
  done: number;
  skipped: number;
  /** Minutes logged with the entries (`done --minutes`). */
  minutes: number;
  /** The earliest and latest dates among the entries; '' when there are none. */
  firstAt: string;
  lastAt: string;
  /** By position in the ids: 0 no progress, 1 done, 2 skipped. */
  statuses: Uint8Array;
}

/** groupOf(id) === key, without making the string. */
const inGroup = (id: string, key: string): boolean =>
  id.startsWith(key) && (id.length === key.length || id.charCodeAt(key.length) === 47);

function remember(group: Group, ids: readonly string[], answer: boolean): void {
  group.answers ??= new WeakMap();
  group.answers.set(ids, answer);
}

/**
 * Every module's progress, by module id. Immutable: `with` returns a new map that shares every
 * course it didn't touch, so a change to one module copies one course, not 40,000 entries.
 */
export class ProgressMap {
  private constructor(private readonly groups: Map<string, Group>) {}

  static readonly EMPTY = new ProgressMap(new Map());

  /** From the stored form, already validated (or trusted): nothing is decoded yet. */
  static fromStored(stored: StoredProgress): ProgressMap {
    const groups = new Map<string, Group>();
    for (const key of Object.keys(stored)) {
      const lines = stored[key]!;
      if (lines.length > 0) groups.set(key, { lines, entries: null });
    }
    return new ProgressMap(groups);
  }

  static fromEntries(entries: Iterable<readonly [string, ProgressEntry]>): ProgressMap {
    const groups = new Map<string, Group>();
    for (const [id, entry] of entries) {
      const key = groupOf(id);
      let group = groups.get(key);
      if (!group) {
        group = { lines: null, entries: new Map() };
        groups.set(key, group);
      }
      group.entries!.set(id, entry);
    }
    return new ProgressMap(groups);
  }

  static fromRecord(record: Record<string, ProgressEntry>): ProgressMap {
    return ProgressMap.fromEntries(Object.entries(record));
  }

  private entriesOf(key: string): Map<string, ProgressEntry> | undefined {
    const group = this.groups.get(key);
    if (!group) return undefined;
    group.entries ??= decode(group);
    return group.entries;
  }

  /** The entries of the modules a course's id prefixes, whether or not a catalog knows them. */
  ofCourse(courseId: string): Array<[string, ProgressEntry]> {
    return [...(this.entriesOf(courseId)?.entries() ?? [])];
  }

  get(id: string): ProgressEntry | undefined {
    return this.entriesOf(groupOf(id))?.get(id);
  }

  has(id: string): boolean {
    const group = this.groups.get(groupOf(id));
    if (!group) return false;
    if (group.entries) return group.entries.has(id);
    group.ids ??= idsOf(group.lines!);
    return group.ids.has(id);
  }

  /**
   * Whether every one of `ids` has progress. Asked of every course on the roadmap, so the usual
   * case is answered without decoding: a course's ids share one group, and a learner who works
   * through a course in order leaves its lines in the catalog's order.
   */
  hasAll(ids: readonly string[]): boolean {
    if (ids.length === 0) return true;
    const key = groupOf(ids[0]!);
    const group = this.groups.get(key);
    if (!group) return false;
    const known = group.answers?.get(ids);
    if (known !== undefined) return known;
    const tally = group.tallies?.get(ids);
    if (tally) return tally.done + tally.skipped === ids.length;
    let checked = matchedInOrder(group, ids);
    // Every id found so far was in this group. A yes depends on it alone if the rest are too;
    // a no, if the id missing would be in it.
    let alone = true;
    for (; checked < ids.length; checked++) {
      const id = ids[checked]!;
      const here = groupOf(id) === key;
      if (!this.has(id)) {
        if (here) remember(group, ids, false);
        return false;
      }
      if (!here) alone = false;
    }
    if (alone) remember(group, ids, true);
    return true;
  }

  /**
   * The latest date among the entries of `ids` ('' when none has one): when a course was
   * finished.
   */
  latestAt(ids: readonly string[]): string {
    return this.tally(ids).lastAt;
  }

  /**
   * What the entries of `ids` add up to: a course's row in `status`, whether it is complete, and
   * when it was finished all come from one reading of its lines. Kept like hasAll's answers.
   */
  tally(ids: readonly string[]): Tally {
    const key = ids.length > 0 ? groupOf(ids[0]!) : '';
    const group = this.groups.get(key);
    const known = group?.tallies?.get(ids);
    if (known) return known;
    const tally: Tally = {
      done: 0,
      skipped: 0,
      minutes: 0,
      firstAt: '',
      lastAt: '',
      statuses: new Uint8Array(ids.length),
    };
    const count = (position: number, status: string, at: string, minutes: number | undefined) => {
      if (status === 'done') {
        tally.done++;
        tally.statuses[position] = 1;
      } else {
        tally.skipped++;
        tally.statuses[position] = 2;
      }
      tally.minutes += minutes ?? 0;
      if (tally.firstAt === '' || at < tally.firstAt) tally.firstAt = at;
      if (at > tally.lastAt) tally.lastAt = at;
    };
    const fields = lineFields();
    const checked = matchedInOrder(group, ids, (line, _id, position) => {
      readLine(line, fields);
      count(position, fields.status, fields.at, fields.minutes);
    });
    // A course half done in order: its lines are used up, so the rest of it has no progress,
    // and asking would decode the course.
    const usedUp = checked > 0 && checked === group!.lines!.length;
    for (let i = checked; i < ids.length; i++) {
      if (usedUp && inGroup(ids[i]!, key)) continue;
      const entry = this.get(ids[i]!);
      if (entry) count(i, entry.status, entry.at, entry.minutes);
    }
    if (group && ids.every((id) => inGroup(id, key))) {
      group.tallies ??= new WeakMap();
      group.tallies.set(ids, tally);
    }
    return tally;
  }

  /**
   * Every entry as its stored line, course by course, for scans over the whole history that
   * must not build an object per entry (the pace history reads 40,000). Read the fields with
   * readLine. Lines roadmap wrote hold one id each; only a damaged file read without the full
   * check (config.checked) could repeat one.
   */
  storedLines(): string[][] {
    const all: string[][] = [];
    for (const group of this.groups.values()) {
      group.lines ??= encode(group);
      all.push(group.lines);
    }
    return all;
  }

  get size(): number {
    let size = 0;
    for (const key of this.groups.keys()) size += this.entriesOf(key)!.size;
    return size;
  }

  /** Every module id with progress. */
  keys(): string[] {
    const ids: string[] = [];
    for (const key of this.groups.keys())
      for (const id of this.entriesOf(key)!.keys()) ids.push(id);
    return ids;
  }

  entries(): Array<[string, ProgressEntry]> {
    const all: Array<[string, ProgressEntry]> = [];
    for (const key of this.groups.keys()) for (const pair of this.entriesOf(key)!) all.push(pair);
    return all;
  }

  /** A plain object of every entry, for log entries and documents that keep the per-id form. */
  toRecord(): Record<string, ProgressEntry> {
    const record: Record<string, ProgressEntry> = {};
    for (const [id, entry] of this.entries())
      Object.defineProperty(record, id, {
        value: entry,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return record;
  }

  /** A new map with these entries put in place; null removes one. */
  with(values: Record<string, ProgressEntry | null>): ProgressMap {
    return this.withEntries(Object.entries(values));
  }

  withEntries(values: Iterable<readonly [string, ProgressEntry | null]>): ProgressMap {
    const groups = new Map(this.groups);
    const copied = new Set<string>();
    for (const [id, value] of values) {
      const key = groupOf(id);
      let group = groups.get(key);
      if (!copied.has(key)) {
        const entries = new Map(this.entriesOf(key));
        const kept = this.groups.get(key)?.kept;
        group = kept
          ? { lines: null, entries, kept, rebuilt: true }
          : { lines: null, entries, rebuilt: true };
        groups.set(key, group);
        copied.add(key);
      }
      if (value === null) group!.entries!.delete(id);
      else group!.entries!.set(id, value);
    }
    for (const key of copied) {
      const group = groups.get(key)!;
      if (group.entries!.size === 0 && !group.kept) groups.delete(key);
    }
    return new ProgressMap(groups);
  }

  /** The courses a change rebuilt, each with the lines it will be written as. */
  rebuiltLines(): Array<[string, string[]]> {
    const rebuilt: Array<[string, string[]]> = [];
    for (const [key, group] of this.groups) {
      if (!group.rebuilt) continue;
      group.lines ??= encode(group);
      rebuilt.push([key, group.lines]);
    }
    return rebuilt;
  }

  /** The stored form. Courses nothing changed keep the lines they were read with. */
  toJSON(): StoredProgress {
    const stored: StoredProgress = {};
    for (const [key, group] of this.groups) {
      group.lines ??= encode(group);
      Object.defineProperty(stored, key, {
        value: group.lines,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return stored;
  }
}
