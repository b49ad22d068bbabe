import { resolve } from 'node:path';
import type { CatalogIndex } from '../catalog/catalog-index.js';
import { checkUserCatalog, idsOfInvalid } from '../catalog/check-user.js';
import type { LintProblem } from '../catalog/lint.js';
import { parseUserCatalog } from '../catalog/load.js';
import type { Catalog } from '../catalog/types.js';
import { formatProblems } from '../catalog/validate.js';
import { type Context, print, tell } from '../context.js';
import { Failure, UsageError } from '../errors.js';
import { loadCatalogSet } from '../load-catalogs.js';
import type { StorePaths } from '../store/paths.js';
import { readImportedCatalog } from '../store/put-catalog.js';
import { isTerminal } from '../terminal.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { plural } from '../ui/text.js';
import { readInput } from './read-input.js';
import { upgradeReport } from './upgrade-report.js';

/** `catalog validate --json`. */
export interface CatalogValidateJson {
  file: string;
  valid: boolean;
  /** The catalog's id, when it could be read. */
  id: string | null;
  courses: number | null;
  modules: number | null;
  /** Already imported: importing it would upgrade that catalog in place. */
  imported: boolean;
  problems: LintProblem[];
  warnings: LintProblem[];
}

export interface CheckedCatalog {
  source: string;
  /** The catalog as read, when it was; usable only when there are no problems. */
  catalog: Catalog | null;
  /** Its id, even when it isn't valid (null when there is none to read). */
  id: string | null;
  problems: LintProblem[];
  warnings: LintProblem[];
}

/**
 * The catalogs a user catalog is checked against: the bundled one and the imported ones, without
 * any earlier version of itself. ROADMAP_CATALOG's are left out: they last one run.
 */
export function othersThan(paths: StorePaths, id: string): CatalogIndex {
  return loadCatalogSet(paths, { exclude: id }).index();
}

/** Reads a catalog file (or stdin) and checks it completely, as `import` and `validate` do. */
export function readAndCheck(
  file: string,
  paths: StorePaths,
  doing: string,
  command: string,
): CheckedCatalog {
  if (file === '-' && isTerminal(0)) {
    // Reading would wait, silently, for a catalog typed in by hand.
    throw new UsageError(
      `\`roadmap ${command} -\` reads a catalog from stdin, but stdin is your terminal.`,
      `Pipe one in (roadmap ${command} - < my-courses.json), or name the file: roadmap ${command} my-courses.json`,
    );
  }
  const { text, source } = readInput(
    file,
    (where) =>
      new Failure(
        `${where} is larger than 256 MB, so it was not read.${doing && ` ${doing}`}`,
        'A catalog of 50,000 modules is about 10 MB; check that this is the right file.',
      ),
    { file: 'a catalog file', folder: 'Name the catalog file itself.', doing },
  );
  const { catalog, problems, data } = parseUserCatalog(text);
  const rawId = (data as { id?: unknown } | null | undefined)?.id;
  const id = typeof rawId === 'string' ? rawId : null;
  if (!catalog) {
    // Clashes with the catalogs here too, so that one run lists everything to fix.
    const ids = idsOfInvalid(data);
    const check = ids
      ? checkUserCatalog(ids, othersThan(paths, id ?? ''), { renameLoops: false })
      : { problems: [], warnings: [] };
    return {
      source,
      catalog,
      id,
      // A rule that needs no other catalog is checked in both; each problem is listed once.
      problems: [...problems, ...check.problems].filter(
        (p, i, all) => all.findIndex((q) => q.path === p.path && q.message === p.message) === i,
      ),
      warnings: check.warnings,
    };
  }
  const check = checkUserCatalog(catalog, othersThan(paths, catalog.id));
  return { source, catalog, id, problems: check.problems, warnings: check.warnings };
}

/** Problems listed in text; `--json` has them all. */
const PROBLEMS_SHOWN = 100;

/**
 * The error for a catalog with problems, one a line: the first hundred, then how many more and
 * where to see them all. When its ids clash with one imported catalog only, it is likely a
 * version of that catalog under another id, and the way on is said.
 */
export function invalidCatalog(source: string, problems: LintProblem[], doing: string): Failure {
  const lines = formatProblems(problems.slice(0, PROBLEMS_SHOWN)).map((line) => `  ${line}`);
  if (problems.length > PROBLEMS_SHOWN)
    lines.push(
      `  … and ${problems.length - PROBLEMS_SHOWN} more; \`roadmap catalog validate\` with --json lists them all.`,
    );
  const clashes = new Set<string>();
  for (const { message } of problems) {
    const named = /(?:is already in catalog |\(catalog )([a-z0-9._-]+)/.exec(message);
    if (named !== null && message.includes('already in')) clashes.add(named[1]!);
  }
  const [clash] = clashes;
  if (clashes.size === 1 && clash !== 'bundled')
    lines.push(
      `Its ids are already in your catalog ${clash}. If this is a new version of it, give it that catalog's id ("id": "${clash}") to upgrade it in place; or take that catalog out first: roadmap catalog remove ${clash}`,
    );
  return new Failure(
    `${source} is not a catalog roadmap can use (${plural(problems.length, 'problem')}).${doing && ` ${doing}`}`,
    lines.join('\n'),
  );
}

export function warnAbout(ctx: Context, warnings: LintProblem[]): void {
  for (const line of formatProblems(warnings.slice(0, PROBLEMS_SHOWN)))
    tell(ctx, `warning: ${clean(line)}`);
  if (warnings.length > PROBLEMS_SHOWN)
    tell(
      ctx,
      `warning: … and ${warnings.length - PROBLEMS_SHOWN} more; \`roadmap catalog validate\` with --json lists them all.`,
    );
}

const countModules = (catalog: Catalog) =>
  catalog.courses.reduce((sum, course) => sum + course.modules.length, 0);

/** `roadmap catalog validate FILE`: checks a catalog without importing it. */
export async function catalogValidate(
  file: string,
  options: { json?: boolean },
  ctx: Context,
): Promise<void> {
  const doing = '';
  let checked: CheckedCatalog;
  try {
    checked = readAndCheck(file, ctx.store.paths, doing, 'catalog validate');
  } catch (error) {
    // A file that can't be read is as invalid as one that can't be parsed: a script reading
    // `--json` gets its answer either way.
    if (!options.json || !(error instanceof Failure)) throw error;
    const data: CatalogValidateJson = {
      // As a file that was read gives it (readInput): the whole path.
      file: file === '-' ? 'stdin' : resolve(file),
      valid: false,
      id: null,
      courses: null,
      modules: null,
      imported: false,
      problems: [{ path: '(file)', message: error.message }],
      warnings: [],
    };
    print(ctx, toSafeJson(data));
    throw error;
  }
  const { catalog, problems, source } = checked;
  const parsed = catalog ?? null;
  const imported =
    parsed !== null &&
    loadCatalogSet(ctx.store.paths).files.some((f) => f.kind === 'imported' && f.id === parsed.id);
  // As an upgrade: what it would do to progress on the modules it no longer has.
  const previous =
    imported && problems.length === 0 ? readImportedCatalog(ctx.store.paths, parsed.id) : null;
  const warnings =
    previous === null
      ? checked.warnings
      : [...checked.warnings, ...upgradeReport(previous, parsed!, ctx, false).stranded];
  if (options.json) {
    const data: CatalogValidateJson = {
      file: source,
      valid: problems.length === 0,
      id: checked.id,
      courses: parsed?.courses.length ?? null,
      modules: parsed ? countModules(parsed) : null,
      imported,
      problems,
      warnings,
    };
    print(ctx, toSafeJson(data));
    if (problems.length > 0)
      throw new Failure(
        `${source} is not a catalog roadmap can use; the problems are in the JSON on stdout.`,
      );
    return;
  }
  if (problems.length > 0) throw invalidCatalog(source, problems, doing);
  warnAbout(ctx, warnings);
  const what = `${plural(parsed!.courses.length, 'course')}, ${plural(countModules(parsed!), 'module')}`;
  print(ctx, `✓ ${source} is a valid catalog: ${clean(parsed!.id)}, ${what}.`);
  tell(
    ctx,
    // From stdin, the text is used up: the same command, fed the same way, imports it.
    file === '-'
      ? `To import it, feed it the same way to: roadmap catalog import -${imported ? ` (it upgrades your catalog ${clean(parsed!.id)})` : ''}`
      : imported
        ? `Importing it upgrades your catalog ${clean(parsed!.id)}: roadmap catalog import ${clean(file)}`
        : `Import it with: roadmap catalog import ${clean(file)}`,
  );
}
