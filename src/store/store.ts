import { existsSync, rmSync, statSync } from 'node:fs';
import { rebaseChange } from '../core/renames.js';
import { completeEntry, wholeState } from '../core/snapshot.js';
import type { Before, Change, LogEntry, State } from '../core/types.js';
import { ChangedWhileAsked, Failure } from '../errors.js';
import { assertLockHeld, ensureConfigDir, withLock } from './lock.js';
import { appendToLog, cutLog, keepInterrupted, readLogNewestFirst } from './log-file.js';
import type { StorePaths } from './paths.js';
import {
  committedLog,
  fileStamp,
  type PendingBatch,
  settleInterruptedBatch,
} from './pending-batch.js';
import {
  CorruptStateError,
  isAsWritten,
  missingState,
  noteWritten,
  parseState,
  readRaw,
  unreadableError,
} from './read-state.js';
import { touchedProblems } from './validate-state.js';

/** The committed activity log, read only when a change asks for it. */
export interface LogReader {
  newestFirst(): Iterable<LogEntry>;
}

export interface Store {
  paths: StorePaths;
  /**
   * The state as it is now, parsed once per command (read paths never create anything), as the
   * view presents it (see StoreHooks).
   */
  read(): State;
  /** The state as stored, without the view: for commands that never read it through catalogs. */
  readStored(): State;
  /** Whether the config file exists; a missing one reads as an empty roadmap. */
  hasFile(): boolean;
  /** The committed activity log, newest first, read lazily from the end. */
  logNewestFirst(): Iterable<LogEntry>;
  /**
   * The one way to change state: lock, read afresh, compute, append the log entry, write the
   * state, unlock. `compute` must be pure; it may run against newer state than `read()` saw. It
   * gets the view, and the change it returns is written onto the stored state.
   */
  change<T>(
    compute: (state: State, log: LogReader) => Change<T>,
    options?: ChangeOptions,
  ): Promise<Change<T>>;
}

export interface ChangeOptions {
  /**
   * false: compute on the stored state itself, for a change that never reads progress through
   * the catalogs (`undo` puts back stored values), so the catalogs needn't be loaded for it.
   */
  view?: boolean;
  /**
   * The state a question was asked about (what `read()` gave before a prompt). Should another
   * command have changed the roadmap since, the change is refused (ChangedWhileAsked).
   */
  askedOn?: State | undefined;
}

/** Whether the stored state is still the one a question was asked about: every change logs. */
export const unchangedSince = (asked: State, fresh: State): boolean =>
  asked.log.bytes === fresh.log.bytes && asked.log.entries === fresh.log.entries;

export interface StoreHooks {
  /** Called when the lock has been awaited for a second. */
  onWait?: () => void;
  /**
   * The state as commands see it (ids that catalogs renamed, read as the new ids). The stored
   * state is never rewritten by it: a change computed on the view touches, in the stored state,
   * only the keys it touched (see rebaseChange). Returns its argument when it changes nothing.
   */
  view?: (stored: State) => State;
  /**
   * The ids a module replaces, whose entries the view reads as its own; a change to the module
   * takes them over (see rebaseChange).
   */
  formerIds?: (id: string) => readonly string[];
  /** Runs under the lock after a change is written; it must not throw. */
  afterCommit?: (state: State) => void;
  /**
   * A change found the entry of an earlier one that was interrupted before its state was written,
   * and kept it in `keptIn` before cutting it from the log. Runs after the change is written.
   */
  onInterrupted?: (entry: string, keptIn: string) => void;
  /** An import was interrupted before it wrote its state; the log was put back (pending-batch.ts). */
  onInterruptedBatch?: (batch: PendingBatch & { kept: number }, paths: StorePaths) => void;
}

/**
 * A unique log entry id: the time, then 80 random bits. Log ids only need to be unique across a
 * person's machines (export and import unite logs by id), and node:crypto costs several
 * milliseconds to load on every write.
 */
export function newLogId(now = Date.now()): string {
  const random = () =>
    Math.floor(Math.random() * 2 ** 40)
      .toString(36)
      .padStart(8, '0');
  return `${now.toString(36)}-${random()}${random()}`;
}

/**
 * A log that begins after the roadmap did (a file from a version before the log was kept, one
 * migrated from an older schema, or one written by hand) can't rebuild it: `doctor --repair`
 * would replay the changes since onto nothing. So the first change such a file gets starts the
 * log with the whole state, as an import or a repair does. Null when the log has entries, or
 * there is nothing to record.
 */
function baselineOf(state: State, at: string): LogEntry | null {
  if (state.log.entries > 0) return null;
  const { roadmap, progress, journal, courses, projects, settings } = state;
  const recorded =
    roadmap.length > 0 ||
    progress.size > 0 ||
    [journal, courses, projects, settings].some((part) => Object.keys(part).length > 0);
  if (!recorded) return null;
  return { id: newLogId(), at, type: 'repair', before: {}, after: wholeState(state) };
}

/** Writes through conf (atomic write-and-rename). Loaded only here, so reads never pay for it. */
/** A file's permission bits, or undefined when there is no file yet. */
function permissionsOf(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
}

export async function writeState(paths: StorePaths, state: State): Promise<void> {
  const { default: Conf } = await import('conf');
  /**
   * roadmap reads the file itself (under the lock, just before this) and only ever replaces the
   * whole store, so conf never needs to read it: its constructor reads it to merge defaults we
   * don't have, and at 40,000 modules that read and the 2.4 MB string it makes cost about 10 ms
   * of a write. Nothing reads through conf (test/unit/write-state.test.ts holds it to that).
   */
  class WriteOnlyConf extends Conf<Record<string, unknown>> {
    override get store(): Record<string, unknown> {
      // Prototype-less, as conf's own: its constructor compares this with itself plus defaults,
      // and writes the file when they differ.
      return Object.create(null);
    }

    override set store(value: Record<string, unknown>) {
      super.store = value;
    }
  }
  try {
    const conf = new WriteOnlyConf({
      cwd: paths.dir,
      configName: 'config',
      projectSuffix: '',
      // The new file keeps the old one's permissions: a roadmap made private (chmod 600) would
      // otherwise become readable by anyone at the next change.
      configFileMode: permissionsOf(paths.config) ?? 0o666,
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
      // Should a future conf read the file some other way, it still doesn't parse it.
      deserialize: () => ({}),
    });
    // conf also reads the file before each write, to carry its `__internal__` key over, unless
    // the new store has one. A key that isn't enumerable satisfies that check and is never
    // written out.
    const store = Object.defineProperty({ ...state }, '__internal__', { value: {} });
    conf.store = store as unknown as Record<string, unknown>;
    noteWritten(paths.config, paths.checked);
  } catch (error) {
    throw new Failure(
      `Could not write ${paths.config}: ${(error as Error).message}`,
      'Check that you can write to the config directory (`roadmap doctor`).',
    );
  }
}

/**
 * Writes the state a change just logged. Should the write fail before config.json was replaced
 * (a full disk, an I/O error), `undoLog` takes the change's entries back off the log, so the
 * directory is as it was and the next command finds no interrupted change to set aside.
 */
export async function commitState(
  paths: StorePaths,
  state: State,
  undoLog: () => void,
  /** What the person is told once the log is taken back. */
  said = 'Nothing was changed.',
): Promise<void> {
  const before = fileStamp(paths.config);
  try {
    await writeState(paths, state);
  } catch (error) {
    if (!(error instanceof Failure) || fileStamp(paths.config) !== before) throw error;
    try {
      undoLog();
    } catch {
      // Left in the log past the mark, the entries are no history: the next change sets them
      // aside as an interrupted change.
      throw error;
    }
    throw new Failure(`${error.message}. ${said}`, error.hint);
  }
}

/**
 * A big file is read without checking each entry again (config.checked), so damage made since
 * with its size and time kept would go unseen. What a change writes anew (the courses whose
 * progress it rebuilt, the values it touched) is checked before anything is written: damage there
 * is refused as a full check would refuse it, never written back or logged as other damage, and
 * the file is checked in full from then on.
 */
function assertRewritable(paths: StorePaths, state: State, touched: Before): void {
  const problems = touchedProblems(state, touched);
  if (problems.length === 0) return;
  rmSync(paths.checked, { force: true });
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new CorruptStateError(paths.config, `${problems[0]}${more}`);
}

export function createStore(paths: StorePaths, hooks: StoreHooks = {}): Store {
  const view = hooks.view ?? ((state: State) => state);
  let stored: State | undefined;
  let storedText: string | undefined;
  let storedTrusted: boolean | undefined;
  let viewed: State | undefined;
  /**
   * The state as the file holds it now, and the text it came from (none when there is no file).
   * Text that is exactly what this command parsed already gives back that same state object.
   */
  const load = (): { state: State; text?: string; trusted?: boolean } => {
    const raw = readRaw(paths.config);
    if (raw.kind === 'missing') return { state: missingState(paths) };
    if (raw.kind === 'unreadable') throw unreadableError(paths.config, raw.problem);
    if (stored && raw.text === storedText)
      return { state: stored, text: raw.text, trusted: storedTrusted };
    const trusted = isAsWritten(paths.checked, raw.stamp, raw.text.length);
    return { state: parseState(raw.text, paths.config, trusted), text: raw.text, trusted };
  };
  return {
    paths,
    read() {
      viewed ??= view(this.readStored());
      return viewed;
    },
    readStored() {
      if (!stored) ({ state: stored, text: storedText, trusted: storedTrusted } = load());
      return stored;
    },
    hasFile() {
      return existsSync(paths.config);
    },
    logNewestFirst() {
      const state = this.readStored();
      return readLogNewestFirst(committedLog(paths, state), state.log.bytes);
    },
    async change(compute, options = {}) {
      // Nothing stored yet: a change that changes nothing (`goal --clear` with no goal) must not
      // leave an empty directory behind, so it is tried on the empty state first. `compute` is
      // pure, so trying it costs only the time.
      if (!existsSync(paths.dir)) {
        let empty: State | undefined;
        try {
          empty = load().state;
        } catch {
          // A file where the directory goes, say: making the directory says what is wrong.
        }
        if (empty !== undefined) {
          const trial = compute(options.view === false ? empty : view(empty), {
            newestFirst: () => [],
          });
          if (!trial.entry) return trial;
        }
      }
      ensureConfigDir(paths);
      return withLock(
        paths,
        async () => {
          // Under the lock the file is read again, since another command may have changed it; when
          // it hasn't, the state parsed before the lock (for a prompt, say) is used as it is.
          const { state: fresh, trusted } = load();
          // Before the change reads the log (undo does): an import killed before it wrote its
          // state left entries there that config.json doesn't know.
          const batch = settleInterruptedBatch(paths, fresh, () => assertLockHeld(paths));
          if (batch !== null) hooks.onInterruptedBatch?.(batch, paths);
          if (options.askedOn && !unchangedSince(options.askedOn, fresh))
            throw new ChangedWhileAsked();
          const same = fresh === stored;
          const state =
            options.view === false ? fresh : same && viewed !== undefined ? viewed : view(fresh);
          const change = compute(state, {
            newestFirst: () => readLogNewestFirst(paths.log, fresh.log.bytes),
          });
          if (!change.entry) return change;
          const { state: changed, entry: draft } =
            state === fresh
              ? { state: change.state, entry: change.entry }
              : rebaseChange(fresh, { ...change, entry: change.entry }, hooks.formerIds);
          if (trusted) assertRewritable(paths, changed, draft.before);
          const entry = completeEntry(newLogId(), draft, changed);
          const baseline = baselineOf(fresh, draft.at);
          // Log first, state second: a crash between the two leaves an uncommitted log tail,
          // which the state's byte mark excludes.
          let interrupted: string | undefined;
          // A lock taken for dead (another machine's holder, say) is checked before anything is
          // written, and again before the state is.
          assertLockHeld(paths);
          const lines = [...(baseline ? [baseline] : []), entry].map(
            (e) => `${JSON.stringify(e)}\n`,
          );
          const bytes = appendToLog(paths.log, fresh.log.bytes, lines.join(''), {
            configPath: paths.config,
            onCut: (line) => {
              keepInterrupted(paths, line);
              interrupted = line;
            },
          });
          // The undo floor an import set stays: without it, undo would walk past the import into
          // the other machine's changes once this one's were undone.
          const { floor } = fresh.log;
          const log = {
            bytes,
            entries: fresh.log.entries + lines.length,
            ...(floor !== undefined && { floor }),
          };
          const next: State = { ...changed, log };
          assertLockHeld(paths);
          await commitState(paths, next, () => cutLog(paths.log, fresh.log.bytes));
          hooks.afterCommit?.(next);
          if (interrupted !== undefined) hooks.onInterrupted?.(interrupted, paths.interrupted);
          stored = next;
          storedText = undefined;
          viewed = options.view === false ? undefined : view(next);
          return { ...change, state: viewed ?? next };
        },
        hooks.onWait,
      );
    },
  };
}
