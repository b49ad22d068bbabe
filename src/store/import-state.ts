import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Catalog } from '../catalog/types.js';
import { type MergeReport, mergeStates } from '../core/merge.js';
import { replayLog, wholeState } from '../core/snapshot.js';
import type { LogEntry, State } from '../core/types.js';
import { ChangedWhileAsked, Failure } from '../errors.js';
import { jsonSyntaxProblem } from '../json-syntax.js';
import {
  type CatalogFile,
  catalogFileOf,
  catalogFilesStamp,
  listCatalogFiles,
  readCatalogFile,
  removeCatalogFile,
  saveCatalog,
  setCatalogAside,
} from './catalog-files.js';
import type { ParsedExport } from './export-document.js';
import { assertLockHeld, blockedByFile, ensureConfigDir, withLock } from './lock.js';
import { appendToLog, cutLog, keepInterrupted, readLog } from './log-file.js';
import type { StorePaths } from './paths.js';
import {
  catalogsChanged,
  clearPendingBatch,
  committedLog,
  fileStamp,
  HEAD_LENGTH,
  type PendingBatch,
  putLogBack,
  recordPendingBatch,
  settleInterruptedBatch,
} from './pending-batch.js';
import { readState } from './read-state.js';
import { commitState, newLogId, unchangedSince } from './store.js';

export interface ImportResult {
  mode: 'merge' | 'replace';
  /** Where the previous state was copied, or null when there was none. */
  backup: string | null;
  /** Where the previous activity log was copied beside it, or null when there was none. */
  logBackup: string | null;
  merge: MergeReport | null;
  catalogsAdded: string[];
  catalogsKept: string[];
  catalogsRemoved: string[];
  /** Copies of the catalogs a replace removed or overwrote, in backups/. */
  catalogBackups: string[];
  /**
   * False for a merge that would change nothing (an export imported again): then nothing is
   * written, not even a backup, and `undo` still reaches the changes before it.
   */
  changed: boolean;
  state: State;
}

/** Everything the config directory holds now, as config.json records it, for `export`. */
export function readEverything(paths: StorePaths): {
  state: State;
  log: LogEntry[];
  catalogs: Catalog[];
} {
  const state = readState(paths);
  return {
    state,
    log: readLog(committedLog(paths, state), state.log.bytes),
    catalogs: listCatalogFiles(paths).map(readExportableCatalog),
  };
}

/** An imported catalog, whole; a damaged one stops the export rather than going missing from it. */
function readExportableCatalog(file: CatalogFile): Catalog {
  const text = readCatalogFile(file);
  try {
    return JSON.parse(text) as Catalog;
  } catch (error) {
    throw new Failure(
      `The imported catalog ${file.path} is damaged (${jsonSyntaxProblem(text, error)}), so it can't be exported. Nothing was written.`,
      'Run `roadmap doctor --repair` to set it aside (kept), or import the catalog again with `roadmap catalog import FILE`; then export again.',
    );
  }
}

/** Copies the state and the log aside, named by the time, before an import changes them. */
function backUp(paths: StorePaths, now: Date): string | null {
  if (!existsSync(paths.config)) return null;
  const stamp = now.toISOString().replaceAll(':', '-');
  try {
    mkdirSync(paths.backups, { recursive: true });
    // Two imports in the same millisecond (or under one ROADMAP_NOW) must not share a backup.
    let name = stamp;
    for (let n = 2; existsSync(join(paths.backups, `config-${name}.json`)); n++)
      name = `${stamp}-${n}`;
    const config = join(paths.backups, `config-${name}.json`);
    copyFileSync(paths.config, config);
    if (existsSync(paths.log)) {
      // On disk before a replace cuts the log: it may be the only copy of the history.
      const copy = join(paths.backups, `activity-${name}.jsonl`);
      copyFileSync(paths.log, copy);
      const fd = openSync(copy, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    return config;
  } catch (error) {
    if (blockedByFile(paths.backups)) {
      throw new Failure(
        `Could not back up your state: ${paths.backups} is a file, where roadmap keeps a folder of backups. Nothing was imported.`,
        'Move that file somewhere else; roadmap makes the folder when it needs it.',
      );
    }
    throw new Failure(
      `Could not back up your state to ${paths.backups}: ${(error as Error).message}. Nothing was imported.`,
      'Check that you can write to the config directory (`roadmap doctor`).',
    );
  }
}

/**
 * The name in backups/ of the log `backUp` copied beside `config`; null when there was none (the
 * log was empty, or missing).
 */
function logCopyOf(config: string | null): string | null {
  if (config === null) return null;
  // In the file's name only: the folders above may hold `config-` too.
  const name = basename(config)
    .replace(/^config-/, 'activity-')
    .replace(/\.json$/, '.jsonl');
  return existsSync(join(dirname(config), name)) ? name : null;
}

/** Whether the imported catalog file `id` already holds `catalog`. */
function sameCatalog(paths: StorePaths, id: string, catalog: Catalog): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(readCatalogFile(catalogFileOf(paths, id))), catalog);
  } catch {
    return false;
  }
}

/** Whether two states hold the same roadmap, progress, journal, courses, projects and settings. */
function sameState(a: State, b: State): boolean {
  return isDeepStrictEqual(wholeState(a), wholeState(b));
}

/** A log entry holding a whole imported state, so that the log alone can rebuild it. */
function importSnapshot(state: State, now: Date): LogEntry {
  return {
    id: newLogId(),
    at: now.toISOString(),
    type: 'import',
    before: {},
    after: wholeState(state),
  };
}

const toLines = (entries: LogEntry[]) => entries.map((e) => `${JSON.stringify(e)}\n`).join('');

/** An import that would change nothing, and so wrote nothing. */
function unchanged(
  mode: 'merge' | 'replace',
  merge: MergeReport | null,
  incoming: ParsedExport,
  local: State,
): ImportResult {
  return {
    mode,
    backup: null,
    logBackup: null,
    merge,
    catalogsAdded: [],
    catalogsKept: incoming.catalogs.map((c) => c.id),
    catalogsRemoved: [],
    catalogBackups: [],
    changed: false,
    state: local,
  };
}

/** Whether the activity log file holds exactly these entries, as a replace would write them. */
function sameLogFile(paths: StorePaths, entries: LogEntry[]): boolean {
  try {
    return readFileSync(paths.log, 'utf8') === toLines(entries);
  } catch {
    return entries.length === 0;
  }
}

/**
 * Imports an export under the lock. Merge appends the log entries only the import has, so the log
 * stays append-only; replace starts the log again from the import's (the old one is in the
 * backup). No log entry of its own is written; instead the state's undo floor is raised, so
 * `undo` never reverts a change made on the other machine on top of merged state.
 */
export async function importExport(
  paths: StorePaths,
  incoming: ParsedExport,
  mode: 'merge' | 'replace',
  now: Date,
  onWait?: () => void,
  onInterrupted?: (batch: PendingBatch & { kept: number }) => void,
  /**
   * What a confirmation was asked about: the state (see ChangeOptions.askedOn) and the imported
   * catalogs (catalogFilesStamp), which a replace removes or overwrites too.
   */
  asked?: { state: State; catalogs: string },
): Promise<ImportResult> {
  ensureConfigDir(paths);
  return withLock(
    paths,
    async () => {
      const local = readState(paths);
      if (
        asked &&
        (!unchangedSince(asked.state, local) || catalogFilesStamp(paths) !== asked.catalogs)
      )
        throw new ChangedWhileAsked();
      // An import killed before it wrote its state left its log behind: put back first, or a
      // merge would refuse (the log ahead of config.json) and a replace would back it up.
      const settled = settleInterruptedBatch(paths, local, () => assertLockHeld(paths));
      if (settled !== null) onInterrupted?.(settled);
      const localLog = readLog(paths.log, local.log.bytes);
      const present = new Set(listCatalogFiles(paths).map((f) => f.id));
      const wanted = new Map(incoming.catalogs.map((c) => [c.id, c]));
      const merged =
        mode === 'merge'
          ? mergeStates(
              { state: local, log: localLog },
              { state: incoming.state, log: incoming.log },
            )
          : null;
      // Entries that only record the other machine's whole state (`import`) change nothing here
      // when the state doesn't: taking them would make two machines with different settings
      // trade a new one at every sync, and never agree that there is nothing to merge.
      if (
        merged?.log.slice(localLog.length).every((e) => e.type === 'import') &&
        incoming.catalogs.every((c) => present.has(c.id)) &&
        sameState(merged.state, local)
      )
        return unchanged(mode, merged.report, incoming, local);
      // A replace with what is here already (the same export again) writes nothing either.
      if (
        mode === 'replace' &&
        sameState(incoming.state, local) &&
        isDeepStrictEqual(incoming.log, localLog) &&
        // As the file holds it: a damaged line the read skipped is a difference a replace mends.
        sameLogFile(paths, incoming.log) &&
        present.size === wanted.size &&
        [...present].every((id) => wanted.has(id) && sameCatalog(paths, id, wanted.get(id)!))
      )
        return unchanged(mode, null, incoming, local);
      // As a change checks it: a lock taken for dead is found before anything is written.
      assertLockHeld(paths);
      const backup = backUp(paths, now);
      // A replace removes the catalogs the import doesn't have and overwrites those it has; a
      // copy of each goes to backups/ first, as `catalog remove` keeps one, unless it is the same.
      const catalogBackups: string[] = [];
      if (mode === 'replace') {
        for (const id of present) {
          const same = wanted.has(id) && sameCatalog(paths, id, wanted.get(id)!);
          if (!same) catalogBackups.push(setCatalogAside(paths, id, now, { copy: true }));
        }
      }
      const toSave = incoming.catalogs.filter((c) => mode === 'replace' || !present.has(c.id));
      const toRemove = mode === 'replace' ? [...present].filter((id) => !wanted.has(id)) : [];
      const stamp = fileStamp(paths.config);
      // Recorded before the log is touched, so that a kill before the state is written is known
      // for what it is (pending-batch.ts).
      const pending = (kind: PendingBatch['kind'], text: string, entries: number) => {
        const size = Buffer.byteLength(text);
        recordPendingBatch(paths, {
          kind,
          at: now.toISOString(),
          config: stamp,
          mark: local.log.bytes,
          size: kind === 'merge' ? local.log.bytes + size : size,
          entries,
          copy: kind === 'replace' ? logCopyOf(backup) : null,
          head: text.slice(0, HEAD_LENGTH),
          catalogs: [...toSave.map((c) => c.id), ...toRemove],
          catalogCopies: catalogBackups.length > 0,
        });
      };
      // Not written, the import takes its log back: the entries it added, or the whole log it
      // replaced, from the copy made above.
      const takeBack = () => {
        if (merged) cutLog(paths.log, local.log.bytes);
        else putLogBack(paths, logCopyOf(backup));
        clearPendingBatch(paths);
      };
      // Whether the log holds what this import wrote (a replace cuts it before writing).
      let logWritten = false;
      try {
        let state: State;
        let merge: MergeReport | null = null;
        let bytes: number;
        let entries: number;
        if (merged) {
          const added = merged.log.slice(localLog.length);
          // The other machine's entries land after yours, so replaying the log in file order can
          // let its older changes overwrite your newer ones, and notes merged from both sides
          // were never one change. When the replay wouldn't give the merged state, an `import`
          // entry records it whole, so the log alone can still rebuild the state (doctor --repair).
          if (!sameState(replayLog(merged.log), merged.state)) {
            const snapshot = importSnapshot(merged.state, now);
            added.push(snapshot);
            merged.log.push(snapshot);
          }
          const text = toLines(added);
          if (added.length > 0) pending('merge', text, added.length);
          bytes =
            added.length > 0
              ? appendToLog(paths.log, local.log.bytes, text, {
                  configPath: paths.config,
                  onCut: (line) => keepInterrupted(paths, line),
                })
              : local.log.bytes;
          logWritten = added.length > 0;
          entries = merged.log.length;
          state = merged.state;
          merge = merged.report;
        } else {
          // A document's state need not follow from its log (one written by hand, or with no
          // log at all); then an `import` entry records it whole, as for a merge.
          const log = sameState(replayLog(incoming.log), incoming.state)
            ? incoming.log
            : [...incoming.log, importSnapshot(incoming.state, now)];
          // The old log is in the backup made above.
          const text = toLines(log);
          pending('replace', text, log.length);
          logWritten = true;
          bytes = appendToLog(paths.log, 0, text, { cut: true });
          entries = log.length;
          state = incoming.state;
        }
        for (const catalog of toSave) saveCatalog(paths, catalog);
        for (const id of toRemove) removeCatalogFile(paths, id);
        const changedCatalogs = [...toSave.map((c) => c.id), ...toRemove];
        const next: State = { ...state, log: { bytes, entries, floor: entries } };
        assertLockHeld(paths);
        await commitState(
          paths,
          next,
          takeBack,
          changedCatalogs.length === 0
            ? 'Nothing was imported.'
            : `Your roadmap was not imported. ${catalogsChanged(changedCatalogs, catalogBackups.length > 0, paths)}`,
        );
        clearPendingBatch(paths);
        const logCopy = logCopyOf(backup);
        return {
          mode,
          backup,
          logBackup: backup !== null && logCopy !== null ? join(dirname(backup), logCopy) : null,
          merge,
          catalogsAdded: toSave.map((c) => c.id),
          catalogsKept: incoming.catalogs.filter((c) => !toSave.includes(c)).map((c) => c.id),
          catalogsRemoved: toRemove,
          catalogBackups,
          changed: true,
          state: next,
        };
      } catch (error) {
        // Failed, not killed, before config.json was written: the log goes back now, not at the
        // next change. A log this import didn't write (one ahead of config.json, say) is left be.
        if (fileStamp(paths.config) === stamp) {
          try {
            if (logWritten) takeBack();
            else clearPendingBatch(paths);
          } catch {
            // The record stays, and the next change puts the log back (pending-batch.ts).
          }
        }
        throw error;
      }
    },
    onWait,
  );
}
