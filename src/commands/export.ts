import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Context, tell } from '../context.js';
import { Failure } from '../errors.js';
import { buildExport } from '../store/export-document.js';
import { readEverything } from '../store/import-state.js';
import { clean, toSafeJson } from '../ui/sanitize.js';

/** `roadmap export [FILE]`: everything, as one versioned JSON document (stdout without FILE). */
export async function exportAll(file: string | undefined, ctx: Context): Promise<void> {
  const { state, log, catalogs } = readEverything(ctx.store.paths);
  const text = `${toSafeJson(buildExport(state, log, catalogs, ctx.now))}\n`;
  if (file === undefined || file === '-') {
    ctx.stdout.write(text);
    return;
  }
  const path = resolve(file);
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new Failure(
      `Could not write ${clean(path)}: ${(error as Error).message}.`,
      'Choose a file in a folder you can write to, or leave FILE out to print to stdout.',
    );
  }
  tell(
    ctx,
    `Exported ${state.roadmap.length} courses, ${Object.keys(state.progress).length} progress entries, ${log.length} log entries and ${catalogs.length} catalogs to ${clean(path)}.`,
  );
}
