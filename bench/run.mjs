// `npm run bench`: start-up and scale figures as ratios to bare `node -e 0`, measured in one run.
// Usage: node bench/run.mjs [--pairs N] [--quick] [--no-scale]
//   --quick: 3 pairs, no pty figure and a tiny scale fixture; used by the test that keeps this
//   script working. --no-scale: leave the scale figures out.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scaleExport, syntheticCatalog, writeFixture } from './fixtures.mjs';
import { comparePairs, peakMemory } from './measure.mjs';
import { firstByteRatio } from './pty.mjs';

const BIN = fileURLToPath(new URL('../bin/roadmap.js', import.meta.url));
const CATALOG = JSON.parse(readFileSync(new URL('../data/catalog.json', import.meta.url), 'utf8'));

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const pairsArg = argv.indexOf('--pairs');
const pairs = pairsArg >= 0 ? Number(argv[pairsArg + 1]) : quick ? 3 : 21;
const scale = argv.includes('--no-scale')
  ? null
  : quick
    ? { courses: 10, modules: 5, done: 40, logEntries: 100 }
    : { courses: 1000, modules: 50, done: 40_000, logEntries: 100_000 };
const built = [];

const work = mkdtempSync(join(tmpdir(), 'roadmap-bench-'));
const rows = [];

function record(group, label, target, result, memory) {
  rows.push({ group, label, target, ...result, memory });
}

/** Runs roadmap to build a fixture, the way a user would, and times it. */
function roadmap(label, args, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  if (label) built.push({ label, ms: Number(process.hrtime.bigint() - start) / 1e6 });
}

/**
 * The scale fixture, built through the CLI: `roadmap catalog import` of a user catalog, then
 * `roadmap import` of an export document holding the roadmap, the progress and the log, then one
 * `done`, so that `undo` has something of this machine's to revert. Returns the modules still to do.
 */
function buildScale(dir, size) {
  const catalog = syntheticCatalog(size.courses, size.modules);
  const catalogFile = join(work, 'scale-catalog.json');
  writeFileSync(catalogFile, JSON.stringify(catalog));
  const env = envFor(dir);
  const modules = size.courses * size.modules;
  roadmap(
    `roadmap catalog import (${modules.toLocaleString('en')} modules)`,
    ['catalog', 'import', catalogFile],
    env,
  );
  const docFile = join(work, 'scale-export.json');
  const doc = scaleExport(catalog, size);
  writeFileSync(docFile, JSON.stringify(doc));
  roadmap(
    `roadmap import (${size.done.toLocaleString('en')} done, ${size.logEntries.toLocaleString('en')} log entries)`,
    ['import', docFile],
    env,
  );
  const todo = catalog.courses.flatMap((c) => c.modules.map((m) => m.id)).slice(size.done);
  roadmap(null, ['done', todo[0]], env);
  return { todo: todo.slice(1), lastCourse: catalog.courses.at(-1).id };
}

/** Times a plain Node script against bare node, after checking that it runs cleanly. */
async function floor(group, label, script, env) {
  const args = ['-e', script];
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${label} exited ${result.status}: ${result.stderr}`);
  record(group, label, null, await comparePairs({ args, env, pairs }), null);
}

/**
 * Puts a fixture back as it was built. Copies keep their times, so the state file is, like a
 * learner's own, one roadmap knows it wrote (see config.checked). The copy is flushed to disk
 * before anything is timed: otherwise the first fsync of a write command would also write back
 * the 28 MB of log the copy just made, which a learner's own roadmap never has waiting.
 */
function restorer(pristine, live) {
  return () => {
    rmSync(live, { recursive: true, force: true });
    cpSync(pristine, live, { recursive: true, preserveTimestamps: true });
    flush(live);
  };
}

function flush(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) flush(path);
    else if (entry.isFile()) {
      const fd = openSync(path, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  }
}

function envFor(dir) {
  const env = { ...process.env, ROADMAP_CONFIG_DIR: dir };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.ROADMAP_NOW;
  return env;
}

try {
  // The standard fixture: every bundled course on the roadmap, 98 modules done.
  const pristine = join(work, 'standard');
  const { todo } = writeFixture(pristine, CATALOG, { done: 98 });
  const live = join(work, 'live');
  const restore = restorer(pristine, live);
  restore();
  const env = envFor(live);
  const bareMemory = peakMemory(['-e', '0'], env);
  rows.push({
    group: 'floor',
    label: 'node -e 0',
    target: null,
    ratio: 1,
    bareMs: 0,
    cmdMs: 0,
    extraMs: 0,
    memory: bareMemory,
  });

  for (const args of [
    ['next'],
    ['next', '--short'],
    ['status'],
    ['show', 'hf-course'],
    // What a Tab press in the shell runs: module ids under a prefix.
    ['__complete', '2', '--', 'roadmap', 'done', 'hf-course/chapter1/'],
  ]) {
    const result = await comparePairs({ args: [BIN, ...args], env, pairs });
    record('read', `roadmap ${args.join(' ')}`, 1.25, result, peakMemory([BIN, ...args], env));
  }
  for (const args of [['done', todo[0]], ['skip', todo[0]], ['undo']]) {
    const result = await comparePairs({ args: [BIN, ...args], env, pairs, before: restore });
    restore();
    record('write', `roadmap ${args.join(' ')}`, 1.5, result, peakMemory([BIN, ...args], env));
    restore();
  }
  for (const args of [['--help'], ['--version']]) {
    record(
      'meta',
      `roadmap ${args.join(' ')}`,
      1.15,
      await comparePairs({ args: [BIN, ...args], env, pairs }),
      null,
    );
  }
  // The floor under --help: commander alone, loaded as a package and printing a one-line help.
  const commander = createRequire(import.meta.url).resolve('commander');
  await floor(
    'meta',
    'node: commander alone printing a help',
    `const {Command}=require(${JSON.stringify(commander)});new Command('roadmap').description('A roadmap.').parse(['node','roadmap','--help'])`,
    env,
  );
  if (scale) {
    const pristineScale = join(work, 'scale');
    const { todo: scaleTodo, lastCourse } = buildScale(pristineScale, scale);
    const liveScale = join(work, 'scale-live');
    const restoreScale = restorer(pristineScale, liveScale);
    restoreScale();
    const scaleEnv = envFor(liveScale);
    // The floor under every read at this size, without roadmap: Node reading and parsing the
    // state file, then the catalog's index as well. No read command can be faster than these.
    const parseOnly = (files) =>
      `const fs=require('node:fs');for(const f of ${JSON.stringify(files)})JSON.parse(fs.readFileSync(f,'utf8'))`;
    for (const [label, files] of [
      ['node: JSON.parse of config.json alone (scale)', ['config.json']],
      [
        'node: JSON.parse of config.json and the catalog index (scale)',
        ['config.json', 'catalogs/bench.index'],
      ],
    ]) {
      await floor('scale', label, parseOnly(files.map((f) => join(liveScale, f))), scaleEnv);
    }
    // The floor under every change: that, plus what any durable change must do after it, as conf
    // does it (the state written out with tabs to a temporary file, fsync'd and renamed) and one
    // fsync'd line appended to the log. On a scratch copy, so the fixture stays as it is.
    const scratch = join(work, 'scale-floor');
    restorer(pristineScale, scratch)();
    const writeOnly = [
      "const fs=require('node:fs');",
      `const dir=${JSON.stringify(scratch)};`,
      "const s=JSON.parse(fs.readFileSync(dir+'/config.json','utf8'));",
      "JSON.parse(fs.readFileSync(dir+'/catalogs/bench.index','utf8'));",
      "const t=dir+'/config.json.tmp';const fd=fs.openSync(t,'w');",
      "fs.writeSync(fd,JSON.stringify(s,undefined,'\\t'));fs.fsyncSync(fd);fs.closeSync(fd);",
      "fs.renameSync(t,dir+'/config.json');",
      "const l=fs.openSync(dir+'/activity.jsonl','a');fs.writeSync(l,'{}\\n');fs.fsyncSync(l);fs.closeSync(l);",
    ].join('');
    await floor(
      'scale',
      "node: that, then the state written and fsync'd, and a log line appended (scale)",
      writeOnly,
      scaleEnv,
    );
    for (const args of [['next'], ['status'], ['show', lastCourse]]) {
      const result = await comparePairs({ args: [BIN, ...args], env: scaleEnv, pairs });
      record(
        'scale',
        `roadmap ${args.join(' ')} (scale)`,
        2,
        result,
        peakMemory([BIN, ...args], scaleEnv),
      );
    }
    for (const args of [['done', scaleTodo[0]], ['skip', scaleTodo[0]], ['undo']]) {
      const result = await comparePairs({
        args: [BIN, ...args],
        env: scaleEnv,
        pairs,
        before: restoreScale,
      });
      restoreScale();
      const label = `roadmap ${args[0]}${args[1] ? ' <module>' : ''} (scale)`;
      record('scale', label, 2.5, result, peakMemory([BIN, ...args], scaleEnv));
      restoreScale();
    }
    // Linear growth: the same roadmap with a tenth of the log. For each command, the time above
    // bare node with the whole log over the time above it with a tenth must stay within 10×.
    const tenth = { ...scale, logEntries: scale.logEntries / 10 };
    const pristineTenth = join(work, 'scale-tenth');
    buildScale(pristineTenth, tenth);
    const liveTenth = join(work, 'scale-tenth-live');
    const restoreTenth = restorer(pristineTenth, liveTenth);
    restoreTenth();
    const sizes = [
      { env: envFor(liveTenth), restore: restoreTenth },
      { env: scaleEnv, restore: restoreScale },
    ];
    for (const args of [['next'], ['status'], ['undo'], ['log', '--limit', '20'], ['log']]) {
      const extras = [];
      for (const size of sizes) {
        size.restore();
        const result = await comparePairs({
          args: [BIN, ...args],
          env: size.env,
          pairs,
          before: args[0] === 'undo' ? size.restore : undefined,
        });
        extras.push(result.extraMs);
      }
      rows.push({
        group: 'growth',
        label: `roadmap ${args.join(' ')}: time above bare node, ${tenth.logEntries.toLocaleString('en')} → ${scale.logEntries.toLocaleString('en')} log entries`,
        target: 10,
        ratio: extras[1] / extras[0],
        bareMs: extras[0],
        cmdMs: extras[1],
        memory: null,
      });
    }
  }
  if (!quick) {
    const pty = await firstByteRatio({
      bin: BIN,
      args: ['add'],
      env: envFor(join(work, 'empty')),
      pairs,
    });
    if (pty) record('prompt', 'roadmap add (first byte on a pty)', 2, pty, null);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const fmt = (n, digits = 2) => (n === null || n === undefined ? '' : n.toFixed(digits));
console.log(
  `roadmap benchmark · Node ${process.version} · ${cpus().length} cores · ${pairs} alternating pairs per figure`,
);
console.log(
  `fixture: all ${CATALOG.courses.length} bundled courses on the roadmap, 98 of ${CATALOG.courses.reduce((s, c) => s + c.modules.length, 0)} modules done`,
);
if (scale) {
  console.log(
    `scale fixture: a user catalog of ${scale.courses.toLocaleString('en')} courses × ${scale.modules} modules, all on the roadmap, ${scale.done.toLocaleString('en')} done, ${scale.logEntries.toLocaleString('en')} log entries; built with ${built.map((b) => `${b.label} in ${(b.ms / 1000).toFixed(1)} s`).join(', ')}`,
  );
}
console.log('');
console.log('| what runs | × bare node | target | median ms (bare → cmd) | peak MiB |');
console.log('| --- | --- | --- | --- | --- |');
let missed = 0;
for (const row of rows) {
  const ok = row.target === null || row.ratio <= row.target;
  if (!ok) missed += 1;
  const target = row.target === null ? '' : `≤ ${row.target}× ${ok ? '✓' : '✗'}`;
  const times = row.group === 'floor' ? '' : `${fmt(row.bareMs, 0)} → ${fmt(row.cmdMs, 0)}`;
  const memory =
    row.memory === null
      ? ''
      : row.group === 'floor'
        ? fmt(row.memory, 1)
        : `${fmt(row.memory, 1)} (+${fmt(row.memory - rows[0].memory, 1)})`;
  console.log(`| ${row.label} | ${fmt(row.ratio)}× | ${target} | ${times} | ${memory} |`);
}
console.log('');
console.log(
  missed === 0
    ? 'All figures within target.'
    : `${missed} figure(s) over target (one run varies by about ±0.1×; compare several).`,
);
