import { indexCatalogs } from '../catalog/catalog-index.js';
import { compareOverrides } from '../catalog/changes.js';
import { checkUserCatalog } from '../catalog/check-user.js';
import type { Catalog } from '../catalog/types.js';
import { type Context, print, tell } from '../context.js';
import { recordsAny } from '../core/renames.js';
import type { State } from '../core/types.js';
import { Declined, Failure, UsageError } from '../errors.js';
import { jsonSyntaxProblem } from '../json-syntax.js';
import { catalogFilesStamp, listCatalogFiles } from '../store/catalog-files.js';
import { readExport } from '../store/export-document.js';
import { type ImportResult, importExport } from '../store/import-state.js';
import { interruptedBatchNotice } from '../store/pending-batch.js';
import { dumbTerminalNote, isTerminal } from '../terminal.js';
import { renderOverrideChanges, renderTakeovers } from '../ui/render-catalogs.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { plural } from '../ui/text.js';
import { othersThan } from './catalog-validate.js';
import { readInput } from './read-input.js';
import { entryTime } from './undo.js';

export interface ImportOptions {
  replace?: boolean;
  yes?: boolean;
  json?: boolean;
}

const tooBig = (source: string) =>
  new Failure(
    `${source} is larger than 256 MB, so it was not read. Nothing was imported.`,
    'An export of a roadmap is a few megabytes at most; check that this is the right file.',
  );

/** A few ids, then how many more: an import can add a thousand courses. */
function listSome(ids: string[], shown = 5): string {
  const more = ids.length > shown ? `, and ${ids.length - shown} more` : '';
  return `${ids.slice(0, shown).map(clean).join(', ')}${more}`;
}

function describe(result: ImportResult, orphans: string[]): string[] {
  const lines: string[] = [];
  if (result.mode === 'replace' && !result.changed) {
    lines.push(
      'Nothing to replace: your roadmap, its log and your catalogs are already what the import holds. Nothing was changed.',
    );
  } else if (result.mode === 'replace') {
    lines.push(
      `Replaced your state with the import: ${plural(result.state.roadmap.length, 'course')}, ${plural(result.state.progress.size, 'progress entry', 'progress entries')}, ${plural(result.state.log.entries, 'log entry', 'log entries')}.`,
    );
  } else if (!result.changed) {
    lines.push(
      'Nothing to merge: your roadmap already holds everything in the import. Nothing was changed.',
    );
  } else {
    const m = result.merge!;
    const parts = [
      m.roadmapAdded.length > 0 &&
        `${plural(m.roadmapAdded.length, 'course')} added to the roadmap (${listSome(m.roadmapAdded)})`,
      m.roadmapRemoved.length > 0 &&
        `${plural(m.roadmapRemoved.length, 'course')} taken off the roadmap (${listSome(m.roadmapRemoved)})`,
      `${m.progressAdded} new and ${m.progressChanged} updated progress entries`,
      m.journalChanged > 0 && `study sessions or notes on ${plural(m.journalChanged, 'module')}`,
      m.coursesChanged > 0 && plural(m.coursesChanged, 'course state'),
      m.projectsChanged > 0 && plural(m.projectsChanged, 'project'),
      plural(m.logAdded, 'log entry', 'log entries'),
      m.settingsAdded.length > 0 && `settings ${m.settingsAdded.join(', ')}`,
      m.settingsRemoved.length > 0 && `settings unset ${m.settingsRemoved.join(', ')}`,
    ].filter(Boolean);
    lines.push(`Merged the import: ${parts.join('; ')}.`);
    if (m.caughtUp) {
      lines.push(
        'Its history holds all of yours, so its roadmap was taken as it is: what was reset, undone or removed there is here too.',
      );
    }
    if (m.settingsKept.length > 0) {
      lines.push(
        `Kept your own value for ${m.settingsKept.join(', ')} (set here, or changed here later than there).`,
      );
    }
  }
  if (result.catalogsAdded.length > 0)
    lines.push(`Catalogs imported: ${result.catalogsAdded.map(clean).join(', ')}.`);
  if (result.catalogsKept.length > 0) {
    lines.push(
      `Catalogs already here were kept as they are: ${result.catalogsKept.map(clean).join(', ')}.`,
    );
  }
  if (result.catalogsRemoved.length > 0)
    lines.push(`Catalogs removed: ${result.catalogsRemoved.map(clean).join(', ')}.`);
  for (const copy of result.catalogBackups)
    lines.push(`A copy of the catalog it removed or replaced is in ${clean(copy)}.`);
  if (orphans.length > 0) {
    const shown = orphans.slice(0, 5).map(clean).join(', ');
    lines.push(
      `${plural(orphans.length, 'progress entry', 'progress entries')} ${orphans.length === 1 ? 'refers' : 'refer'} to modules no loaded catalog has (${shown}${orphans.length > 5 ? ', …' : ''}); they are kept, and \`roadmap doctor\` lists them.`,
    );
  }
  if (result.backup) {
    const log = result.logBackup;
    lines.push(
      log !== null
        ? `Your previous state is in ${clean(result.backup)}, and its activity log in ${clean(log)}. To go back to them, copy them over config.json and activity.jsonl.`
        : `Your previous state is in ${clean(result.backup)}. To go back to it, copy it over config.json.`,
    );
  }
  return lines;
}

/**
 * A merge adds the export's catalogs that aren't here yet; each must fit beside the ones that are,
 * as `catalog import` requires: no course or module id of one taken by another.
 */
function refuseClashingCatalogs(catalogs: Catalog[], source: string, ctx: Context): void {
  const present = new Set(listCatalogFiles(ctx.store.paths).map((f) => f.id));
  const joining = catalogs.filter((catalog) => !present.has(catalog.id));
  const problems: string[] = [];
  for (const catalog of joining) {
    // Against yours and the export's others that join them: one of those may hide a module
    // this one replaces, as they were together on the machine that exported them.
    const here = othersThan(ctx.store.paths, catalog.id).catalogs.map((loaded) => loaded.source);
    const others = indexCatalogs([...here, ...joining.filter((other) => other !== catalog)]);
    for (const p of checkUserCatalog(catalog, others).problems)
      problems.push(`catalog ${clean(catalog.id)}: ${clean(p.path)}: ${clean(p.message)}`);
  }
  if (problems.length === 0) return;
  throw new Failure(
    `${source} can't be merged; nothing was changed. Its catalogs clash with yours:`,
    [
      ...indentedList(problems),
      'Remove the clashing catalog here first (`roadmap catalog remove <id>`), or take the export whole with --replace.',
    ].join('\n'),
  );
}

/** The first 20 problems, a line each, and how many more there are. */
function indentedList(problems: string[]): string[] {
  const shown = problems.slice(0, 20).map((p) => `  ${p}`);
  return problems.length > 20 ? [...shown, `  … and ${problems.length - 20} more`] : shown;
}

/** `roadmap import FILE|-`: merges an export into this config directory, or replaces it. */
export async function importAll(file: string, options: ImportOptions, ctx: Context): Promise<void> {
  if (file.trim() === '') throw new UsageError('import needs a file, or - for stdin.');
  if (file === '-' && isTerminal(0)) {
    throw new UsageError(
      'import - reads an export from stdin, but stdin is your terminal.',
      'Pipe one in (roadmap import - < laptop.json), or name the file: roadmap import laptop.json',
    );
  }
  const { text, source } = readInput(file, tooBig, {
    file: 'an export file',
    folder: 'Name the file `roadmap export` wrote.',
    doing: 'Nothing was imported.',
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Failure(
      `${source} is not valid JSON: ${jsonSyntaxProblem(text, error)}. Nothing was imported.`,
    );
  }
  const { value, problems } = readExport(data, ctx.now, { whole: options.replace === true });
  if (!value) {
    throw new Failure(
      `${source} can't be imported; nothing was changed. The problems:`,
      indentedList(problems.map(clean)).join('\n'),
    );
  }
  if (!options.replace) refuseClashingCatalogs(value.catalogs, source, ctx);
  let asked: { state: State; catalogs: string } | undefined;
  if (options.replace && !options.yes) {
    if (!ctx.isInteractive) {
      throw new UsageError(
        `--replace overwrites your roadmap, progress and log, and there is no terminal to confirm it in${dumbTerminalNote(ctx.env)}.`,
        `Pass --yes as well: roadmap import ${clean(file)} --replace --yes (a backup is kept either way).`,
      );
    }
    asked = { state: ctx.store.readStored(), catalogs: catalogFilesStamp(ctx.store.paths) };
    const ok = await ctx.prompt.confirm({
      message: 'Replace your roadmap, progress and log with the import? A backup is kept.',
      default: false,
    });
    if (!ok) throw new Declined('Nothing imported.');
  }
  const result = await importExport(
    ctx.store.paths,
    value,
    options.replace ? 'replace' : 'merge',
    ctx.now,
    undefined,
    (batch) =>
      tell(
        ctx,
        `warning: ${clean(interruptedBatchNotice(batch, ctx.store.paths, entryTime(batch.at)))}`,
      ),
    asked,
  );
  // Against the catalogs loaded from now on: those here before, less any a replace removed or
  // overwrote, and those the import installed. A catalog a merge kept stays as it was here, so
  // the import's version of it says nothing about which modules are known.
  const gone = new Set([
    ...result.catalogsRemoved,
    ...(result.mode === 'replace' ? result.catalogsAdded : []),
  ]);
  const installed = value.catalogs.filter((c) => result.catalogsAdded.includes(c.id));
  const knownHere = (id: string) => {
    const ref = ctx.catalog.moduleById.get(id);
    return ref !== undefined && !gone.has(ctx.catalog.catalogOf.get(ref.course.id)?.id ?? '');
  };
  const known = (id: string) =>
    knownHere(id) ||
    ctx.catalog.renamed.has(id) ||
    installed.some((c) => c.courses.some((course) => course.modules.some((m) => m.id === id)));
  const orphans = result.state.progress.keys().filter((id) => !known(id));
  if (options.json) {
    const { state: _state, ...rest } = result;
    print(ctx, toSafeJson({ ...rest, orphans }));
  }
  for (const line of describe(result, orphans)) tell(ctx, line);
  // What the catalogs brought do to the courses already here: hide modules, or take their
  // progress over. Said as `catalog import` says it, so that neither happens unseen.
  for (const catalog of installed) {
    const lines = [
      ...renderOverrideChanges(compareOverrides([], catalog.overrides ?? [])),
      ...renderTakeovers(catalog, (id) => recordsAny(result.state, [id])),
    ];
    if (lines.length > 0) tell(ctx, [`Catalog ${clean(catalog.id)}:`, ...lines].join('\n'));
  }
}
