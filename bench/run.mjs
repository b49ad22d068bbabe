// `npm run bench`: start-up and scale figures as ratios to bare `node -e 0`, measured in one run.
// Usage: node bench/run.mjs [--pairs N] [--quick]
//   --quick: 3 pairs and no pty figure; used by the test that keeps this script working.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFixture } from './fixtures.mjs';
import { comparePairs, peakMemory } from './measure.mjs';
import { firstByteRatio } from './pty.mjs';

const BIN = fileURLToPath(new URL('../bin/roadmap.js', import.meta.url));
const CATALOG = JSON.parse(readFileSync(new URL('../data/catalog.json', import.meta.url), 'utf8'));

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const pairsArg = argv.indexOf('--pairs');
const pairs = pairsArg >= 0 ? Number(argv[pairsArg + 1]) : quick ? 3 : 21;

const work = mkdtempSync(join(tmpdir(), 'roadmap-bench-'));
const rows = [];

function record(group, label, target, result, memory) {
  rows.push({ group, label, target, ...result, memory });
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
  const restore = () => {
    rmSync(live, { recursive: true, force: true });
    cpSync(pristine, live, { recursive: true });
  };
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
