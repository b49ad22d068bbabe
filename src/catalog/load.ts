import { statSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { Failure } from '../errors.js';
import { jsonSyntaxProblem } from '../json-syntax.js';
import { BUNDLED_CATALOG_URL } from '../package-paths.js';
import { NOT_A_FILE, readRegularText, readText } from '../read-text.js';
import { type CatalogIndex, indexCatalogs } from './catalog-index.js';
import { CATALOG_FILE_ID, checkUserCatalog } from './check-user.js';
import { type LintProblem, quote } from './lint.js';
import { revisionKey } from './revision.js';
import { type CatalogSource, sourceOf } from './sources.js';
import { CATALOG_FORMAT_VERSION, type Catalog } from './types.js';
import { validateCatalog } from './validate.js';

/** Catalog files bigger than this are refused before they are read into memory. */
export const MAX_CATALOG_BYTES = 256 * 1024 * 1024;

/**
 * Parses a catalog file. The bundled one is linted in CI, so only the version is checked here;
 * a catalog from a newer release is refused rather than half-understood.
 */
export function parseCatalog(text: string, source: string): Catalog {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Failure(`The catalog ${source} is not valid JSON: ${jsonSyntaxProblem(text, error)}`);
  }
  const version = (data as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version !== 'number' || !Array.isArray((data as Catalog).courses)) {
    throw new Failure(
      `The catalog ${source} is not a roadmap catalog (no formatVersion or courses).`,
    );
  }
  if (version > CATALOG_FORMAT_VERSION) {
    throw new Failure(
      `The catalog ${source} uses format version ${version}, but this roadmap understands up to version ${CATALOG_FORMAT_VERSION}.`,
      'Update roadmap to a newer release to read it.',
    );
  }
  return data as Catalog;
}

function readBundledText(url: URL): string {
  try {
    return readText(url);
  } catch (error) {
    throw new Failure(
      `Could not read the bundled catalog (${(error as Error).message}).`,
      'Reinstall roadmap, or run `npm run build` in its folder.',
    );
  }
}

export function readBundledCatalog(url: URL = BUNDLED_CATALOG_URL): Catalog {
  return parseCatalog(readBundledText(url), 'data/catalog.json');
}

/** Set by the build (scripts/build.mjs): data/catalog.json's revision then, and its key. */
declare const __BUNDLED_CATALOG__: { key: string; revision: string } | undefined;

/**
 * The bundled catalog as a source. `status` asks for its revision on every run, so the build
 * works it out once. It holds only while the ids it was worked out from are still the file's
 * (revisionKey); any other file has it worked out again.
 */
export function bundledSource(url: URL = BUNDLED_CATALOG_URL): CatalogSource {
  const catalog = parseCatalog(readBundledText(url), 'data/catalog.json');
  const built = typeof __BUNDLED_CATALOG__ === 'object' ? __BUNDLED_CATALOG__ : undefined;
  const revision = built?.key === revisionKey(catalog) ? built.revision : undefined;
  return sourceOf(catalog, 'bundled', null, revision);
}

export function loadBundledCatalog(url: URL = BUNDLED_CATALOG_URL): CatalogIndex {
  return indexCatalogs([readBundledCatalog(url)]);
}

/**
 * A user's catalog from its text: parsed, validated and held to the rules every user catalog
 * follows (an id that can name a file). Every problem is returned, each with its path.
 */
export function parseUserCatalog(text: string): {
  catalog: Catalog | null;
  problems: LintProblem[];
  /** What the file holds, valid or not (absent when it isn't JSON). */
  data?: unknown;
} {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return {
      catalog: null,
      problems: [{ path: '(file)', message: `not valid JSON: ${jsonSyntaxProblem(text, error)}` }],
    };
  }
  // `roadmap export` and `roadmap catalog import` are easy to mix up: twenty schema errors would
  // hide that the file is another kind altogether.
  if ((data as { format?: unknown } | null)?.format === 'roadmap-export') {
    return {
      catalog: null,
      problems: [
        {
          path: '(file)',
          message:
            'this is a roadmap export (your state and history), not a catalog; import it with `roadmap import FILE`',
        },
      ],
    };
  }
  const { catalog, problems } = validateCatalog(data);
  const id = (data as { id?: unknown } | null)?.id;
  const tooLong = typeof id === 'string' && id.length > MAX_CATALOG_ID;
  if (typeof id === 'string' && (id === 'bundled' || tooLong || !CATALOG_FILE_ID.test(id))) {
    problems.unshift({
      path: 'id',
      message:
        id === 'bundled'
          ? '"bundled" is the id of the catalog roadmap ships'
          : tooLong
            ? `${quote(id)} is ${id.length} characters long; a catalog id names a file, so it has at most ${MAX_CATALOG_ID}`
            : `${quote(id)} can't name a file: a catalog id uses only a-z, 0-9, ".", "_" and "-", with no "/"`,
    });
    return { catalog: null, problems, data };
  }
  // Rules that need no other catalog (a course with no module, a module with a course's id or
  // its project's), so that a file read in full on every run (ROADMAP_CATALOG, an imported one
  // changed by hand) is held to them as an import is.
  const own = catalog ? checkUserCatalog(catalog, indexCatalogs([])).problems : [];
  if (own.length > 0) return { catalog: null, problems: [...problems, ...own], data };
  return { catalog, problems, data };
}

/** File names have room for 255 bytes; the catalog's files add a suffix and a backup's a date. */
const MAX_CATALOG_ID = 100;

/** What identifies a file however it is named: a symlink, `..` or a hard link. */
function fileIdentity(path: string): string {
  try {
    const { dev, ino } = statSync(path);
    return `${dev}:${ino}`;
  } catch {
    return path; // missing: reported once it is read
  }
}

/** A catalog named in ROADMAP_CATALOG: loaded, or why not. */
export type EnvCatalog =
  | { path: string; source: CatalogSource; problem: null }
  /** `id`: what the file says its id is, when it got that far. */
  | { path: string; source: null; problem: string; id?: string };

/**
 * The catalogs ROADMAP_CATALOG names (paths separated like PATH), in order. Each is read and
 * validated on every run, since nothing vouches for it; one that can't be used is reported and
 * left out, never a reason for the command to fail.
 */
export function readEnvCatalogs(value: string | undefined): EnvCatalog[] {
  if (value === undefined || value.trim() === '') return [];
  // A file named twice (`a.json:./a.json`, or through a link) is read once, as PATH would use
  // it: read twice, it would clash with itself.
  const seen = new Set<string>();
  return value
    .split(delimiter)
    .filter((entry) => entry.trim() !== '')
    .map((entry) => resolve(entry))
    .filter((path) => {
      const key = fileIdentity(path);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((path): EnvCatalog => {
      let text: string;
      try {
        if (statSync(path).size > MAX_CATALOG_BYTES)
          return { path, source: null, problem: 'it is larger than 256 MB, so it was not read' };
        text = readRegularText(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const problem =
          code === 'ENOENT'
            ? 'there is no such file'
            : code === 'EISDIR'
              ? 'it is a directory'
              : code === 'ENOTREG'
                ? NOT_A_FILE
                : (error as Error).message;
        return { path, source: null, problem };
      }
      const { catalog, problems, data } = parseUserCatalog(text);
      if (!catalog) {
        const first = problems[0]!;
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
        const id = (data as { id?: unknown } | null | undefined)?.id;
        const problem = `${first.path}: ${first.message}${more}`;
        return typeof id === 'string' && id !== ''
          ? { path, source: null, problem, id }
          : { path, source: null, problem };
      }
      return { path, source: sourceOf(catalog, 'env', path), problem: null };
    });
}
