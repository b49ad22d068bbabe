import { readFileSync } from 'node:fs';
import { Failure } from '../errors.js';
import { BUNDLED_CATALOG_URL } from '../package-paths.js';
import { type CatalogIndex, indexCatalogs } from './catalog-index.js';
import { CATALOG_FORMAT_VERSION, type Catalog } from './types.js';

/**
 * Parses a catalog file. The bundled one is linted in CI, so only the version is checked here;
 * a catalog from a newer release is refused rather than half-understood.
 */
export function parseCatalog(text: string, source: string): Catalog {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Failure(`The catalog ${source} is not valid JSON: ${(error as Error).message}`);
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

export function loadBundledCatalog(url: URL = BUNDLED_CATALOG_URL): CatalogIndex {
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (error) {
    throw new Failure(
      `Could not read the bundled catalog (${(error as Error).message}).`,
      'Reinstall roadmap, or run `npm run build` in its folder.',
    );
  }
  return indexCatalogs([parseCatalog(text, 'data/catalog.json')]);
}
