#!/usr/bin/env node
// The `roadmap` executable (CommonJS: bin/package.json says so). It answers --version and the
// help pages itself, then runs the bundle with a compile cache: Node's own where it exists
// (22.1+), otherwise a V8 code cache; either is kept in the temporary directory, in a directory
// that only this user can write to (cache-dir.js), or not at all.
// NODE_DISABLE_COMPILE_CACHE=1 turns both off.
'use strict';
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
const args = process.argv.slice(2);

/**
 * The help page asked for, by command name ('' for the program), or null: `--help`, `-h`,
 * `help`, `help <command>`, `<command> --help` and `<command> -h`, with nothing else.
 */
function helpTopic() {
  const asks = (arg) => arg === '--help' || arg === '-h';
  if (args.length === 1 && (asks(args[0]) || args[0] === 'help')) return '';
  if (args.length === 2 && args[0] === 'help' && !args[1].startsWith('-')) return args[1];
  if (args.length === 2 && asks(args[1]) && !args[0].startsWith('-')) return args[0];
  return null;
}

/**
 * A help page rendered by the build (dist/help.json), when it is what commander would print:
 * that is, to anything but a terminal narrower than the 80 columns the pages were wrapped at.
 */
function prerenderedHelp() {
  const topic = helpTopic();
  if (topic === null) return undefined;
  let pages;
  try {
    pages = require('../dist/help.json');
  } catch {
    return undefined;
  }
  if (!Object.hasOwn(pages, topic)) return undefined;
  // Only a character device can be a terminal; node:tty loads streams, so ask it only then.
  const stdoutIsDevice = (() => {
    try {
      return require('node:fs').fstatSync(1).isCharacterDevice();
    } catch {
      return false;
    }
  })();
  if (stdoutIsDevice && require('node:tty').isatty(1) && (process.stdout.columns ?? 80) < 80) {
    return undefined;
  }
  return pages[topic];
}

/** Writes to stdout's descriptor: process.stdout would build a stream (a socket, for a pipe). */
function print(text) {
  const { writeSync } = require('node:fs');
  const buffer = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < buffer.length; ) {
    try {
      offset += writeSync(1, buffer, offset);
    } catch (error) {
      if (error.code === 'EPIPE') return; // a reader that closed early (`| head -1`)
      if (error.code === 'EAGAIN') continue; // a full non-blocking pipe; try again
      process.stderr.write(`error: Could not write to stdout: ${error.message}.\n`);
      process.exitCode = 1;
      return;
    }
  }
}

const help = prerenderedHelp();
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  print(`${require('../package.json').version}\n`);
} else if (help !== undefined) {
  print(help);
} else if (process.env.NODE_DISABLE_COMPILE_CACHE) {
  require(bundle);
} else if (typeof require('node:module').enableCompileCache === 'function') {
  // Not Node's default directory, which every user of the machine shares.
  const dir = require('./cache-dir.js').privateCacheDir('roadmap-compile-cache');
  if (dir !== null) require('node:module').enableCompileCache(dir);
  require(bundle);
} else {
  require('./code-cache.js').runWithCodeCache(bundle);
}
