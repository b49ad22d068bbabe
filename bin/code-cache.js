'use strict';
// Node 20 has no module.enableCompileCache, so keep V8's code cache for our bundles ourselves:
// the bundle and its side bundles in dist/ compile through vm.Script with cached data, and a run
// that compiled without usable data saves fresh data on exit (covering the functions compiled
// lazily during the run). V8 rejects stale or foreign data, which is then simply rewritten.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');
const { privateCacheDir } = require('./cache-dir.js');

// V8 compiles functions lazily, and a cache holds only what was compiled before it was made. So
// each command keeps its own cache of the main bundle: one made while running `next` would leave
// `status`'s pace code to compile on every run. Side bundles (the prompts, the lock) share one.
// JSON and `--short` output run other code than the text does (a cache made by a script's
// `status --json` would leave the text's rendering to compile on every `status`), so each keeps
// its own, named with a dot that no command's name has.
function cacheKey(filename) {
  if (path.basename(filename) !== 'cli.cjs') return 'shared';
  const first = process.argv[2] ?? '';
  if (!/^-{0,2}[a-z][a-z_-]{0,15}$/.test(first)) return 'default';
  const args = process.argv.slice(3);
  const json =
    args.includes('--json') ||
    args.includes('--format=json') ||
    args.some((arg, i) => arg === '--format' && args[i + 1] === 'json');
  const mode = json ? '.json' : args.includes('--short') ? '.short' : '';
  return `${first.replace(/^-+/, 'flag-')}${mode}`;
}

/** A short hash of the install's path (FNV-1a), so two installs never prune each other's caches. */
function placeOf(filename) {
  let hash = 0x811c9dc5;
  for (const char of path.dirname(filename))
    hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return (hash >>> 0).toString(36);
}

/** Where a file's cache is kept: null when the cache directory isn't safe to use. */
function cacheFile(filename, dir) {
  if (dir === null) return null;
  const stat = fs.statSync(filename);
  const prefix = `${path.basename(filename)}-${placeOf(filename)}-${cacheKey(filename)}-`;
  const name = `${prefix}${process.version}-${process.arch}-${stat.size}-${Math.trunc(stat.mtimeMs)}.bin`;
  return { dir, prefix, name };
}

function save({ dir, prefix, name }, script) {
  try {
    const file = path.join(dir, name);
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, file);
    // Caches of an older build or Node, for the same file, install and command, are of no more use.
    for (const old of fs.readdirSync(dir))
      if (old.startsWith(prefix) && old !== name && old.endsWith('.bin'))
        fs.rmSync(path.join(dir, old), { force: true });
  } catch {
    // A cache we can't write only costs speed.
  }
}

function compileCached(mod, filename, dir) {
  const file = cacheFile(filename, dir);
  let cachedData;
  try {
    cachedData = file === null ? undefined : fs.readFileSync(path.join(file.dir, file.name));
  } catch {
    cachedData = undefined;
  }
  const source = fs.readFileSync(filename, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  const wrapper = script.runInThisContext();
  // Saved only after a run that succeeded: a mistyped command shouldn't leave a cache behind.
  if (file !== null && (cachedData === undefined || script.cachedDataRejected))
    process.once('exit', (code) => {
      if (code === 0) save(file, script);
    });
  const require = Module.createRequire(filename);
  wrapper.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
}

/** Requires `bundle`, compiling every .cjs file in its directory tree with a code cache. */
function runWithCodeCache(bundle) {
  const dist = path.dirname(bundle) + path.sep;
  const original = Module._extensions['.cjs'];
  let dir;
  Module._extensions['.cjs'] = function compile(mod, filename) {
    if (dir === undefined) dir = privateCacheDir('roadmap-code-cache');
    if (filename.startsWith(dist)) return compileCached(mod, filename, dir);
    return original.call(this, mod, filename);
  };
  require(bundle);
}

module.exports = { runWithCodeCache };
