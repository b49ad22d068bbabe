// Timing by alternating pairs: bare `node -e 0`, then the command, so that drift in machine load
// hits both alike. The figure is the median of the per-pair ratios.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RSS_HOOK = fileURLToPath(new URL('./maxrss-hook.mjs', import.meta.url));

function once(args, env, input) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    input,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  return ms;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Times `pairs` alternating pairs of bare node and the command (either may be async) and
 * returns the medians.
 */
export async function alternate(pairs, timeBare, timeCommand) {
  const bare = [];
  const cmd = [];
  const ratios = [];
  for (let i = 0; i < pairs; i++) {
    const b = await timeBare();
    const c = await timeCommand();
    bare.push(b);
    cmd.push(c);
    ratios.push(c / b);
  }
  return {
    ratio: median(ratios),
    bareMs: median(bare),
    cmdMs: median(cmd),
    extraMs: median(cmd) - median(bare),
  };
}

/**
 * Alternating pairs of `node -e 0` and `node args`. `before` runs (untimed) ahead of each
 * command run, e.g. to restore a fixture that a write command changes.
 */
export function comparePairs({ args, env, pairs, before }) {
  return alternate(
    pairs,
    () => once(['-e', '0'], env),
    () => {
      before?.();
      return once(args, env);
    },
  );
}

/** Peak resident memory (MiB) of a child, as the child itself reports it on exit. */
export function peakMemory(args, env) {
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-rss-'));
  const file = join(dir, 'rss');
  try {
    spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], {
      env: { ...env, BENCH_RSS_FILE: file },
      stdio: 'ignore',
    });
    return Number(readFileSync(file, 'utf8')) / 1024;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
