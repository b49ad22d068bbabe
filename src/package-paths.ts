// This file sits one level below the package root both as src/package-paths.ts and inside the
// bundle in dist/, so these relative URLs hold in tests and in the installed package alike.

/** data/catalog.json, shipped in the package. */
export const BUNDLED_CATALOG_URL = new URL('../data/catalog.json', import.meta.url);

/** package.json, for --version. */
export const PACKAGE_JSON_URL = new URL('../package.json', import.meta.url);
