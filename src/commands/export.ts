import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Context, tell } from '../context.js';
import { Failure, UsageError } from '../errors.js';
import { buildExport } from '../store/export-document.js';
import { readEverything } from '../store/import-state.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { plural } from '../ui/text.js';
import { isFolder, refuseStoreFile, writeUserFile } from './output.js';

/** `roadmap export [FILE]`: everything, as one versioned JSON document (stdout without FILE). */
export async function exportAll(
  file: string | undefined,
  options: { force?: boolean },
  ctx: Context,
): Promise<void> {
  if (file !== undefined && file.trim() === '') {
    throw new UsageError(
      'The export file name is blank.',
      'Name a file (roadmap export roadmap.json), or leave it out to print to stdout.',
    );
  }
  if (options.force && (file === undefined || file === '-')) {
    throw new UsageError(
      '--force goes with a file name: it lets the export replace a file that is there.',
      'For example: roadmap export roadmap-export.json --force',
    );
  }
  if (file !== undefined && file !== '-')
    refuseStoreFile(file, ctx.store.paths, 'roadmap export roadmap-export.json');
  if (file !== undefined && file !== '-' && isFolder(file)) {
    throw new Failure(
      `${clean(resolve(file))} is a folder; nothing was written.`,
      `Name a file in it: roadmap export ${clean(join(file, 'roadmap-export.json'))}`,
    );
  }
  if (file !== undefined && file !== '-' && !options.force && existsSync(file)) {
    throw new Failure(
      `${clean(resolve(file))} already exists; nothing was written.`,
      `Choose another name, or pass --force to overwrite it: roadmap export ${clean(file)} --force`,
    );
  }
  const { state, log, catalogs } = readEverything(ctx.store.paths);
  const text = `${toSafeJson(buildExport(state, log, catalogs, ctx.now))}\n`;
  if (file === undefined || file === '-') {
    ctx.stdout.write(text);
    return;
  }
  const path = writeUserFile(file, text, 'leave FILE out to print to stdout');
  tell(
    ctx,
    `Exported ${plural(state.roadmap.length, 'course')}, ${plural(state.progress.size, 'progress entry', 'progress entries')}, ${plural(log.length, 'log entry', 'log entries')} and ${plural(catalogs.length, 'catalog')} to ${clean(path)}.`,
  );
}
