'use strict';
// Node 20 has no module.enableCompileCache, so keep V8's code cache for our bundles ourselves:
// the bundle and its side bundles in dist/ compile through vm.Script with cached data, and a run
// that compiled without usable data saves fresh data on exit (covering the functions compiled
// lazily during the run). V8 rejects stale or foreign data, which is then simply rewritten.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

function cacheFile(filename) {
  const stat = fs.statSync(filename);
  const user = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const name = `${path.basename(filename)}-${process.version}-${process.arch}-${stat.size}-${Math.trunc(stat.mtimeMs)}.bin`;
  return path.join(os.tmpdir(), `roadmap-code-cache-${user}`, name);
}

function save(file, script) {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, file);
  } catch {
    // A cache we can't write only costs speed.
  }
}

function compileCached(mod, filename) {
  const file = cacheFile(filename);
  let cachedData;
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    cachedData = undefined;
  }
  const source = fs.readFileSync(filename, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  const wrapper = script.runInThisContext();
  if (cachedData === undefined || script.cachedDataRejected)
    process.once('exit', () => save(file, script));
  const require = Module.createRequire(filename);
  wrapper.call(mod.exports, mod.exports, require, mod, filename, path.dirname(filename));
}

/** Requires `bundle`, compiling every .cjs file in its directory tree with a code cache. */
function runWithCodeCache(bundle) {
  const dist = path.dirname(bundle) + path.sep;
  const original = Module._extensions['.cjs'];
  Module._extensions['.cjs'] = function compile(mod, filename) {
    if (filename.startsWith(dist)) return compileCached(mod, filename);
    return original.call(this, mod, filename);
  };
  require(bundle);
}

module.exports = { runWithCodeCache };
