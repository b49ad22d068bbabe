import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/program.js';
import { resolveStorePaths } from '../../src/store/paths.js';
import { readState } from '../../src/store/read-state.js';
import { skipHeavy } from '../helpers/heavy.js';
import { BIN, FIXED_NOW, run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

const RUNS = 500;
const SEED = Number(process.env.ROADMAP_FUZZ_SEED ?? 20261127);

/** mulberry32: small, seedable, good enough to pick argv words. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every command, plus none at all and `help`: a new command is fuzzed without being listed here.
const COMMANDS = ['', ...COMMAND_NAMES, 'help'];
const OPTIONS = [
  '--json',
  '--short',
  '--minutes',
  '--note',
  '--at',
  '--yes',
  '--before',
  '--after',
  '--to',
  '--repair',
  '--switch',
  '--reason',
  '--idea',
  '--repo',
  '--shipped',
  '--waive',
  '--estimate',
  '--goal',
  '--open',
  '--hours-per-week',
  '--deadline',
  '--clear',
  '--weeks',
  '--window',
  '--all',
  '--format',
  '--ics',
  '--replace',
  '--force',
  '--since',
  '--course',
  '--limit',
  '--help',
  '--no-color',
  '-V',
  '--bogus',
  '-x',
  '--',
];
const IDS = [
  'mlep',
  'mlep-intro',
  'mlep-data',
  'hf-course',
  'made-with-ml',
  'hf-course/chapter3/2',
  'chapter3/2',
  'week-1',
  'mlep-intro/week-2',
  'made-with-ml/testing-data',
  'product-design',
];
const NEAR = [
  'mlep-modleing',
  'hf-corse',
  'HF-COURSE',
  'chapter3',
  'week-9',
  'mlep-intro/week-',
  'made_with_ml',
  'hf-course//chapter1/1',
  'mlep ',
  'bsh',
];
const JUNK = [
  '',
  ' ',
  '-',
  '--',
  '0',
  '-5',
  '1e9',
  '1441',
  '999999999999999999999',
  'NaN',
  'null',
  '{}',
  '../../etc/passwd',
  '$(rm -rf /)',
  '%s%n',
  'list',
  'get',
  'set',
  'unset',
  'path',
  'bash',
  'zsh',
  'fish',
  'skip-optional',
  'bar-width',
  'focus-limit',
  'idle-days',
  'true',
  '2026-02-30',
  '2026-03-01',
  '99999-01-01',
  'none',
  'markdown',
  '28',
];
// argv can't carry NUL bytes, so control characters start at \u0001.
const UNICODE = [
  '\u0001soh',
  '🤗',
  '漢字かな',
  'é\u0301',
  '\u202eevil\u202c',
  '\u001b[31mred\u001b[0m',
  '\u009b2J',
  'Ω≈ç√',
  '\ud83d\ude00'.repeat(50),
];

function argvFrom(random: () => number): string[] {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const word = () => {
    const r = random();
    if (r < 0.3) return pick(IDS);
    if (r < 0.45) return pick(NEAR);
    if (r < 0.65) return pick(JUNK);
    if (r < 0.8) return pick(UNICODE);
    if (r < 0.85) return 'x'.repeat(1 + Math.floor(random() * 20_000));
    return pick(OPTIONS);
  };
  const argv = [pick(COMMANDS)].filter((w) => w !== '');
  if (argv[0] === 'config' && random() < 0.7)
    argv.push(pick(['list', 'get', 'set', 'unset', 'path']));
  if (argv[0] === 'catalog' && random() < 0.5)
    argv.push(pick(['list', 'validate', 'import', 'remove']));
  const extra = Math.floor(random() * 5);
  for (let i = 0; i < extra; i++) argv.push(word());
  return argv;
}

function runArgv(dir: string, argv: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    // Commands that write a file the person names (export, plan --ics) write relative to a
    // sandbox a few levels down, so a junk path like ../../etc/passwd lands nowhere real.
    const cwd = join(dir, 'sandbox', 'a', 'b');
    mkdirSync(cwd, { recursive: true });
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd,
      // BROWSER=none: `open` and `next --open` must never start a browser here.
      env: {
        ...process.env,
        ROADMAP_CONFIG_DIR: dir,
        ROADMAP_NOW: FIXED_NOW,
        NO_COLOR: '1',
        BROWSER: 'none',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe.skipIf(skipHeavy)('argument fuzz', () => {
  it(`${RUNS} random argument vectors: exit 0, 1 or 2, no stack trace, valid state`, async () => {
    console.log(`argument fuzz seed ${SEED} (replay with ROADMAP_FUZZ_SEED=${SEED})`);
    const dir = tempDir();
    run(dir, ['add', 'mlep', 'hf-course']);
    run(dir, ['done', 'chapter1/1', '--note', 'seeded', '--switch']);
    run(dir, ['skip', 'mlep-intro/week-1']);
    const random = rng(SEED);
    const failures: string[] = [];
    const codes = new Map<number | null, number>();
    for (let i = 0; i < RUNS; i++) {
      const argv = argvFrom(random);
      const { code, stderr } = await runArgv(dir, argv);
      codes.set(code, (codes.get(code) ?? 0) + 1);
      const shown = JSON.stringify(
        argv.map((a) => (a.length > 40 ? `${a.slice(0, 40)}…(${a.length})` : a)),
      );
      if (![0, 1, 2].includes(code ?? -1)) failures.push(`#${i} ${shown}: exit ${code}`);
      if (/\n\s+at .+:\d+:\d+/.test(stderr)) failures.push(`#${i} ${shown}: stack trace`);
      if (stderr.includes('unexpected error'))
        failures.push(`#${i} ${shown}: unexpected-error path`);
      try {
        readState(resolveStorePaths(dir, {}));
      } catch (error) {
        failures.push(`#${i} ${shown}: state invalid: ${(error as Error).message}`);
        break;
      }
    }
    console.log(
      `${RUNS} fuzzed runs, ${failures.length} failures; exit codes: ${[...codes].map(([c, n]) => `${c}×${n}`).join(', ')}`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
