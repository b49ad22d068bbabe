// Bundles src/ into dist/cli.cjs, one CommonJS file: CommonJS loads faster than ESM, and Node 20
// can keep a V8 code cache for it (see bin/roadmap.js). Heavy packages that only some commands
// need (conf, the lock, the prompts, the browser opener) go into side bundles in dist/vendor/,
// required on demand.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// The bundled catalog's revision, worked out here with roadmap's own function rather than on
// every `status` (see bundledSource), with the key a run checks it against.
async function bundledCatalog() {
  const built = await build({
    entryPoints: ['src/catalog/revision.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
  });
  const code = Buffer.from(built.outputFiles[0].text).toString('base64');
  const { catalogRevision, revisionKey } = await import(`data:text/javascript;base64,${code}`);
  const catalog = JSON.parse(readFileSync('data/catalog.json', 'utf8'));
  return { key: revisionKey(catalog), revision: catalogRevision(catalog) };
}

/** Package name → side bundle, relative to dist/cli.cjs. */
export const SIDE_BUNDLES = {
  conf: './vendor/conf.cjs',
  'proper-lockfile': './vendor/proper-lockfile.cjs',
  '@inquirer/checkbox': './vendor/inquirer-checkbox.cjs',
  '@inquirer/confirm': './vendor/inquirer-confirm.cjs',
  '@inquirer/select': './vendor/inquirer-select.cjs',
  open: './vendor/open.cjs',
};

// open looks for its own copy of xdg-open beside its module file, which a bundle has none of;
// saying so outright (rather than leaving import.meta empty) makes it use the system's xdg-open,
// whose absence then fails the launch instead of passing silently.
const SIDE_BUNDLE_DEFINES = { open: { 'import.meta.url': '""' } };

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
};

const sideBundles = {
  name: 'side-bundles',
  setup(b) {
    const filter = new RegExp(
      `^(${Object.keys(SIDE_BUNDLES)
        .map((n) => n.replace('/', '\\/'))
        .join('|')})$`,
    );
    b.onResolve({ filter }, (args) => ({ path: SIDE_BUNDLES[args.path], external: true }));
  },
};

const noColorDetection = {
  name: 'no-color-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({
      path: new URL('./stubs/supports-color.mjs', import.meta.url).pathname,
    }));
  },
};

// commander requires node:child_process at load time, but only uses it for external
// subcommands, which roadmap has none of; loading it costs several milliseconds per run.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes('/commander/')
        ? { path: new URL('./stubs/lazy-child-process.cjs', import.meta.url).pathname }
        : undefined,
    );
  },
};

// What the side bundles leave out; each stub says why, and test/unit/bundle.test.ts checks it.
const stubs = {
  name: 'stubs',
  setup(b) {
    const stub = (file) => ({ path: new URL(`./stubs/${file}`, import.meta.url).pathname });
    b.onResolve({ filter: /^(ajv(\/dist\/2020\.js)?|ajv-formats|semver)$/ }, () =>
      stub('schema-validator.cjs'),
    );
    b.onResolve({ filter: /^graceful-fs$/ }, () => stub('graceful-fs.cjs'));
    b.onResolve({ filter: /^(node:)?assert$/ }, (args) =>
      /\/(conf|signal-exit)\//.test(args.importer) ? stub('assert.cjs') : undefined,
    );
    // conf uses node:crypto only to encrypt, which roadmap doesn't ask of it.
    b.onResolve({ filter: /^(node:)?crypto$/ }, (args) =>
      args.importer.includes('/conf/') ? stub('lazy-crypto.cjs') : undefined,
    );
  },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    entryPoints: ['src/bin.ts'],
    outfile: 'dist/cli.cjs',
    // Less to read and hash on every start; names stay, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [sideBundles, lazyChildProcess, noColorDetection],
    // Turns import() of a side bundle into a plain require(), which also works inside vm.Script.
    supported: { 'dynamic-import': false },
    define: {
      __ROADMAP_VERSION__: JSON.stringify(pkg.version),
      __BUNDLED_CATALOG__: JSON.stringify(await bundledCatalog()),
      'import.meta.url': '__roadmapImportMetaUrl',
    },
    banner: {
      js: "const __roadmapImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
    },
  }),
  ...Object.entries(SIDE_BUNDLES).map(([name, out]) =>
    build({
      ...common,
      // The main bundle imports these in Node's ESM-interop mode, where `default` is the whole
      // module.exports; so export an ES module's default itself, carrying its named exports.
      stdin: {
        contents: `const m = require(${JSON.stringify(name)}); module.exports = m && m.__esModule && m.default ? Object.assign(m.default, m) : m;`,
        resolveDir: '.',
      },
      outfile: `dist/${out.slice(2)}`,
      define: SIDE_BUNDLE_DEFINES[name] ?? {},
      plugins: [stubs],
    }),
  ),
]);

// Every help page as it prints to a pipe, for bin/roadmap.js to print without loading the bundle.
// Asked of the bundle itself, so the pages are commander's own.
const pages = spawnSync(process.execPath, ['dist/cli.cjs', '__help-pages'], {
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1' },
});
if (pages.status !== 0) throw new Error(`Could not render the help pages: ${pages.stderr}`);
writeFileSync('dist/help.json', `${JSON.stringify(JSON.parse(pages.stdout))}\n`);
