import { join } from 'node:path';
import chalk from 'chalk';
import { type Context, print, tell } from '../context.js';
import { orphanIds } from '../core/renames.js';
import { isValidSetting, SETTINGS } from '../core/settings.js';
import { suggestIds } from '../core/suggest.js';
import { emptyState, type State } from '../core/types.js';
import { Failure } from '../errors.js';
import {
  type CatalogFileHealth,
  diagnoseCatalogFiles,
  repairCatalogFiles,
} from '../store/catalog-doctor.js';
import { type Diagnosis, diagnose, type RepairReport, repair } from '../store/doctor.js';
import { describeLockLeftover, isLockBuild } from '../store/lock.js';
import { interruptedBatchNotice } from '../store/pending-batch.js';
import { readState } from '../store/read-state.js';
import { newLogId } from '../store/store.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { lineWidth, plural, wrapWidth } from '../ui/text.js';
import { describeEntry, entryTime } from './undo.js';

/** `doctor --json`. */
export interface DoctorJson {
  configPath: string;
  config: string;
  problems: string[];
  tempFiles: string[];
  /** Module ids with progress that no loaded catalog knows; kept, never deleted. */
  orphans: string[];
  /** Courses on your roadmap whose catalog isn't loaded; they stay there. */
  coursesWithoutCatalog: string[];
  /** Parts of catalogs that do nothing (an override that matches nothing, an ignored rename). */
  catalogNotes: string[];
  /** Keys in config.json this roadmap doesn't know (a setting misspelt by hand); kept, unused. */
  configNotes: string[];
  /**
   * What the next change takes back, as the text says: a change or an import interrupted before
   * it saved the state (when it was made or began, and the log entries it wrote or meant to).
   */
  interrupted: { kind: 'change' | 'import'; at: string; entries: number } | null;
}

/** What doctor finds in the catalogs: problems to fix, and facts worth knowing. */
interface CatalogFindings {
  problems: string[];
  repairable: boolean;
  orphans: string[];
  coursesWithoutCatalog: string[];
  notes: string[];
  configNotes: string[];
}

/** What config.json holds that is roadmap's: anything else was added by hand, or by a newer version. */
const STATE_KEYS = new Set(Object.keys(emptyState()));

/**
 * Keys in config.json this roadmap doesn't know. They are kept as they are, and do nothing: a
 * setting misspelt by hand would otherwise be ignored without a word.
 */
function unknownKeys(state: State): string[] {
  const notes: string[] = [];
  for (const key of Object.keys(state)) {
    if (!STATE_KEYS.has(key))
      notes.push(
        `config.json has a key roadmap doesn't use: "${key}" (kept as it is; it does nothing)`,
      );
  }
  for (const [key, value] of Object.entries(state.settings)) {
    if (Object.hasOwn(SETTINGS, key)) {
      if (!isValidSetting(key, value)) {
        const fallback = String(SETTINGS[key as keyof typeof SETTINGS].default);
        notes.push(
          `config.json sets ${key} to ${JSON.stringify(value)}, which this version doesn't take; its default, ${fallback}, is used instead. \`roadmap config set ${key} <value>\` or \`roadmap config unset ${key}\` mends it.`,
        );
      }
      continue;
    }
    const [near] = suggestIds(key, Object.keys(SETTINGS));
    notes.push(
      `config.json has a setting roadmap doesn't know: "${key}"${near ? ` (did you mean ${near}?)` : ''}; it does nothing. \`roadmap config unset ${key}\` removes it.`,
    );
  }
  return notes;
}

/**
 * Every imported catalog is checked in full, and the catalogs of this run are loaded (quietly:
 * what would be a warning is a problem here) to find progress no catalog knows.
 */
function examineCatalogs(ctx: Context, d: Diagnosis): CatalogFindings {
  let files: CatalogFileHealth[] = [];
  try {
    files = diagnoseCatalogFiles(d.paths);
  } catch {
    // The folder can't be listed; the load below reports it.
  }
  const problems = files.map((f) => `catalog ${f.file.path}: ${f.problem}`);
  const set = ctx.catalogs();
  for (const file of set.files) {
    if (file.status === 'skipped' && !files.some((f) => f.file.path === file.path))
      problems.push(`catalog ${file.path}: ${file.problem}`);
  }
  const index = set.index();
  const notes: string[] = [];
  for (const problem of index.problems) {
    const line = `catalog ${problem.catalog}: ${problem.message}`;
    if (problem.warn) problems.push(line);
    else notes.push(line);
  }
  const findings: CatalogFindings = {
    problems,
    repairable: files.length > 0,
    orphans: [],
    coursesWithoutCatalog: [],
    notes,
    configNotes: [],
  };
  if (d.config.kind === 'ok') {
    const state = readState(d.paths);
    findings.configNotes = unknownKeys(state);
    findings.orphans = orphanIds(state, index);
    findings.coursesWithoutCatalog = state.roadmap
      .map((r) => r.courseId)
      .filter((id) => !index.courseById.has(id));
  }
  return findings;
}

const listed = (ids: string[], shown = 20) =>
  ids.length <= shown
    ? ids.map(clean).join(', ')
    : `${ids.slice(0, shown).map(clean).join(', ')}, … and ${ids.length - shown} more`;

function findProblems(d: Diagnosis): string[] {
  const problems: string[] = [];
  const { config } = d;
  if (config.kind === 'newer') {
    problems.push(
      `${d.paths.config} was written by a newer roadmap (schema version ${config.version}); it is not damaged: update roadmap to use it.`,
    );
  } else if (config.kind === 'blocked') {
    problems.push(`${d.paths.config} can't be read: ${config.problem}.`);
  } else if (config.kind === 'corrupt') {
    for (const problem of config.problems) problems.push(`${d.paths.config}: ${problem}`);
  } else if (config.kind === 'lost') {
    problems.push(
      `${d.paths.config} is missing, but the activity log beside it holds history: every command refuses to start afresh over it.`,
    );
  }
  for (const file of d.tempFiles) {
    problems.push(
      isLockBuild(d.paths, file)
        ? describeLockLeftover(d.paths, file)
        : `leftover temp file from an interrupted write: ${file}`,
    );
  }
  if (d.strayLock !== null) {
    problems.push(
      `a file is where a lock directory goes, so no change can be made: ${d.strayLock}`,
    );
  }
  problems.push(...d.logProblems);
  if (d.leftLock !== null) problems.push(d.leftLock);
  if (d.dirBlocked !== null) problems.push(d.dirBlocked);
  if (d.logBlocked !== null) problems.push(d.logBlocked);
  return problems;
}

/** `doctor --repair --json`: what the repair did. */
export interface RepairJson {
  configPath: string;
  /**
   * salvaged, replayed or fresh: the damaged file was set aside (movedTo) and a new one written;
   * log: the state was fine and a damaged log was started anew; nothing: there is no roadmap
   * file; null: the file was valid and left as it is.
   */
  method: RepairReport['method'];
  movedTo: string | null;
  kept: number;
  dropped: string[];
  replayed: number;
  removedTempFiles: string[];
  /** The lock removed (a file in its place, or one left by a command no longer running), or null. */
  removedLock: string | null;
  /** Where a log with damaged lines was set aside when the state was rebuilt or salvaged. */
  logMovedTo: string | null;
  /** An import interrupted before it saved the state, taken back: when it began, and its entries. */
  importTakenBack: { at: string; entries: number } | null;
  catalogsReindexed: string[];
  catalogsSetAside: Array<{ from: string; to: string }>;
}

async function runRepair(ctx: Context, json: boolean): Promise<void> {
  const { paths } = ctx.store;
  const report = await repair(
    paths,
    ctx.now,
    () => newLogId(),
    () => tell(ctx, 'Waiting for another roadmap command to finish…'),
  );
  const catalogs = await repairCatalogFiles(paths, ctx.now);
  const changed = report.method !== null && report.method !== 'nothing';
  if (json) {
    const result: RepairJson = {
      configPath: paths.config,
      method: report.method,
      movedTo: report.movedTo,
      kept: report.kept,
      dropped: report.dropped,
      replayed: report.replayed,
      removedTempFiles: [...report.removedTempFiles, ...catalogs.removedTempFiles],
      removedLock: report.removedLock,
      logMovedTo: report.logMovedTo,
      importTakenBack: report.importTakenBack && {
        at: report.importTakenBack.at,
        entries: report.importTakenBack.entries,
      },
      catalogsReindexed: catalogs.reindexed,
      catalogsSetAside: catalogs.setAside,
    };
    print(ctx, toSafeJson(result));
  } else printRepair(ctx, report, catalogs);
  if (!changed) return;
  const check = report.method === 'log' ? '' : 'Check the result with `roadmap status`. ';
  tell(ctx, `${check}\`roadmap undo\` does not reach back past a repair.`);
}

function printRepair(
  ctx: Context,
  report: RepairReport,
  catalogs: Awaited<ReturnType<typeof repairCatalogFiles>>,
): void {
  const { paths } = ctx.store;
  for (const path of catalogs.reindexed) print(ctx, `Indexed ${clean(path)} again.`);
  for (const { from, to } of catalogs.setAside) {
    print(
      ctx,
      `Set the unusable catalog ${clean(from)} aside as ${clean(to)} (kept, not deleted); courses from it show as "catalog not loaded".`,
    );
  }
  for (const file of [...report.removedTempFiles, ...catalogs.removedTempFiles]) {
    const what =
      file === `${paths.lock}.takeover`
        ? 'the takeover marker a command left'
        : isLockBuild(paths, file)
          ? 'the unused lock folder'
          : 'leftover temp file';
    tell(ctx, `Removed ${what} ${clean(file)}.`);
  }
  if (report.removedLock !== null) {
    tell(
      ctx,
      report.removedLock === paths.lock
        ? `Removed the lock ${clean(report.removedLock)}, which no running command held.`
        : `Removed ${clean(report.removedLock)}, a file where a lock directory goes.`,
    );
  }
  if (report.importTakenBack !== null) {
    const notice = interruptedBatchNotice(
      report.importTakenBack,
      paths,
      entryTime(report.importTakenBack.at),
    );
    tell(ctx, clean(`${notice[0]!.toUpperCase()}${notice.slice(1)}`));
  }
  if (report.method === 'nothing') {
    if (
      catalogs.reindexed.length + catalogs.setAside.length + catalogs.removedTempFiles.length ===
        0 &&
      report.importTakenBack === null
    )
      print(ctx, `No roadmap file yet (${clean(paths.config)}); nothing to repair.`);
    return;
  }
  const droppedLines = () => {
    for (const place of report.dropped) print(ctx, `    dropped ${clean(place)}`);
  };
  if (report.method === 'log') {
    const where = report.movedTo ? ` The damaged log is kept at ${clean(report.movedTo)}.` : '';
    const carried =
      report.kept > 0 ? `, after the ${plural(report.kept, 'entry', 'entries')} it could read` : '';
    print(ctx, `Started a new activity log from your current state${carried}.${where}`);
    droppedLines();
    return;
  }
  if (report.method === null) {
    print(ctx, `${clean(paths.config)} is valid; it was left as it is.`);
    return;
  }
  if (report.movedTo !== null)
    print(ctx, `Moved the old config.json to ${clean(report.movedTo)} (kept, not deleted).`);
  if (report.logMovedTo !== null) {
    print(
      ctx,
      `Moved the activity log, with the lines it could not use, to ${clean(report.logMovedTo)} (kept, not deleted); the new log starts with the entries it could read.`,
    );
  }
  if (report.method === 'salvaged') {
    print(
      ctx,
      `Wrote a new ${clean(paths.config)}: kept ${report.kept} entries, dropped ${report.dropped.length}.`,
    );
    droppedLines();
  } else if (report.method === 'replayed') {
    print(
      ctx,
      `Rebuilt ${clean(paths.config)} from the activity log (${plural(report.replayed, 'entry', 'entries')}).`,
    );
    // A rebuild keeps what roadmap recorded; anything typed into the file by hand is only in
    // the copy set aside.
    if (report.movedTo !== null)
      print(ctx, 'Edits made to the old file by hand are not in it; the copy above keeps them.');
    droppedLines();
  } else if (report.movedTo === null) {
    print(
      ctx,
      `Started a fresh ${clean(paths.config)}: the activity log holds no entry to rebuild it from.`,
    );
    droppedLines();
  } else {
    print(
      ctx,
      `Started a fresh ${clean(paths.config)}: the old one isn't JSON, and there is no activity log to rebuild it from.`,
    );
    droppedLines();
  }
}

export async function doctor(
  options: { repair?: boolean; json?: boolean },
  ctx: Context,
): Promise<void> {
  if (options.repair) return runRepair(ctx, options.json === true);
  const { paths } = ctx.store;
  const d = diagnose(paths);
  const catalogs = examineCatalogs(ctx, d);
  const problems = [...findProblems(d), ...catalogs.problems];
  const { orphans } = catalogs;
  if (options.json) {
    const data: DoctorJson = {
      configPath: paths.config,
      config: d.config.kind,
      problems,
      tempFiles: d.tempFiles,
      orphans,
      coursesWithoutCatalog: catalogs.coursesWithoutCatalog,
      catalogNotes: catalogs.notes,
      configNotes: catalogs.configNotes,
      interrupted: d.interrupted
        ? { kind: 'change', at: d.interrupted.at, entries: 1 }
        : d.interruptedBatch
          ? { kind: 'import', at: d.interruptedBatch.at, entries: d.interruptedBatch.entries }
          : null,
    };
    print(ctx, toSafeJson(data));
  } else {
    print(ctx, `Config directory: ${clean(paths.dir)}`);
    if (d.busy !== null) {
      print(
        ctx,
        `${chalk.dim('·')} Another roadmap command (process ${d.busy}) is changing it now; run doctor again once it has finished.`,
      );
    }
    if (d.config.kind === 'missing') {
      print(
        ctx,
        `${chalk.green('✓')} No roadmap file yet (${clean(paths.config)}); the first change creates it.`,
      );
    } else if (d.config.kind === 'ok') {
      print(ctx, `${chalk.green('✓')} ${clean(paths.config)} is valid.`);
    }
    for (const problem of problems) print(ctx, `${chalk.red('✗')} ${clean(problem)}`);
    if (d.interrupted !== null) {
      // Not a problem: the next change sets it aside, and says so.
      print(
        ctx,
        `${chalk.yellow('!')} The last change, ${describeEntry(d.interrupted)}, was interrupted before it was saved, so it was not recorded. The next change keeps its log entry in ${clean(paths.interrupted)}; run it again if you meant it.`,
      );
    }
    if (d.interruptedBatch !== null) {
      const batch = d.interruptedBatch;
      const undo =
        batch.kind === 'merge'
          ? `keeps the log entries it added in ${clean(paths.interrupted)} and takes them off the log`
          : batch.copy === null
            ? 'empties the log it began'
            : `puts back the log it replaced, from ${clean(join(paths.backups, batch.copy))}`;
      print(
        ctx,
        `${chalk.yellow('!')} An import begun ${entryTime(batch.at)} was interrupted before it was saved, so it was not recorded. The next change ${undo}; run the import again if you meant it.`,
      );
    }
    if (orphans.length > 0) {
      print(
        ctx,
        `${chalk.yellow('!')} ${plural(orphans.length, 'progress entry', 'progress entries')} ${orphans.length === 1 ? 'refers' : 'refer'} to modules that are no longer in any catalog: ${listed(orphans)}. Kept, not deleted: ${orphans.length === 1 ? 'it counts' : 'they count'} again if a catalog brings ${orphans.length === 1 ? 'that module' : 'those modules'} back.`,
      );
    }
    for (const id of catalogs.coursesWithoutCatalog) {
      print(
        ctx,
        `${chalk.yellow('!')} ${clean(id)} is on your roadmap, but no loaded catalog has it ("catalog not loaded"); it stays, with its progress.`,
      );
    }
    for (const note of catalogs.configNotes) {
      const [first, ...rest] = wrapWidth(`! ${clean(note)}`, lineWidth(), '  ');
      print(ctx, [chalk.yellow(first!), ...rest].join('\n'));
    }
    for (const note of catalogs.notes) print(ctx, `${chalk.dim('·')} ${clean(note)}`);
  }
  if (problems.length === 0) return;
  const repairable =
    d.config.kind === 'corrupt' ||
    d.config.kind === 'lost' ||
    d.tempFiles.length > 0 ||
    d.logProblems.length > 0 ||
    d.strayLock !== null ||
    d.leftLock !== null ||
    catalogs.repairable;
  throw new Failure(
    `roadmap doctor found ${plural(problems.length, 'problem')}.`,
    !repairable
      ? undefined
      : d.config.kind === 'lost'
        ? 'Run `roadmap doctor --repair`: it rebuilds your roadmap from the activity log.'
        : d.logAhead
          ? 'Run `roadmap doctor --repair`: it sets config.json aside (kept) and rebuilds your roadmap from the activity log.'
          : d.config.kind === 'corrupt'
            ? 'Run `roadmap doctor --repair`: it sets the damaged file aside (kept) and salvages what it can, or rebuilds it from the activity log when the log holds all it recorded.'
            : d.logMissing
              ? 'Run `roadmap doctor --repair`: it starts a new activity log from your roadmap, which stays as it is; `roadmap log` then shows history from the repair on.'
              : d.logProblems.length > 0
                ? 'Run `roadmap doctor --repair`: it sets the activity log aside (kept) and starts a new one from your roadmap, which stays as it is.'
                : 'Run `roadmap doctor --repair`: it fixes these, and keeps a copy of anything it sets aside.',
  );
}
