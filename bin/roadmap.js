#!/usr/bin/env node
// The `roadmap` executable (CommonJS: bin/package.json says so). It answers --version itself,
// then runs the bundle with a compile cache: Node's own where it exists (22.1+), otherwise a V8
// code cache kept beside Node's default cache directory. NODE_DISABLE_COMPILE_CACHE=1 turns both off.
'use strict';
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
const args = process.argv.slice(2);

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else if (process.env.NODE_DISABLE_COMPILE_CACHE) {
  require(bundle);
} else if (typeof require('node:module').enableCompileCache === 'function') {
  require('node:module').enableCompileCache();
  require(bundle);
} else {
  require('./code-cache.js').runWithCodeCache(bundle);
}
