import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_STALE_MS } from '../../src/store/lock.js';
import { skipHeavy } from '../helpers/heavy.js';
import { json, run, runAsync } from '../helpers/run-bin.js';
import { checkConsistency } from '../helpers/state-check.js';
import { tempDir } from '../helpers/temp.js';

const KILLS = 200;
let harness: string;
let base: string;

afterAll(() => rmSync(base, { recursive: true, force: true }));

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'roadmap-harness-'));
  harness = join(base, 'bin', 'crash-writer.cjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../fixtures/crash-writer.ts', import.meta.url))],
    outfile: harness,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__harnessUrl' },
    banner: { js: "const __harnessUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
  // The harness reads the bundled catalog from ../data, as the real bundle does.
  mkdirSync(join(base, 'data'));
  copyFileSync(
    new URL('../../data/catalog.json', import.meta.url),
    join(base, 'data', 'catalog.json'),
  );
});

/** Starts the harness and resolves once it prints `signal` (ready, locked). */
function startHarness(dir: string, args: string[], signal: string) {
  const child = spawn(process.execPath, [harness, dir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes(signal)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`harness exited ${code} before "${signal}"`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, started, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skipHeavy)('crash safety', () => {
  it(`${KILLS} kills mid-change leave a readable state that agrees with its log`, async () => {
    const dir = tempDir();
    expect(run(dir, ['add', 'hf-course']).code).toBe(0);
    let unreadable = 0;
    const problems: string[] = [];
    // A fixed sequence of delays, so a failure can be replayed.
    let seed = 20261127;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let kill = 0; kill < KILLS; kill++) {
      const { child, started, exited } = startHarness(dir, [], 'ready');
      await started;
      await sleep(Math.floor(random() * 40));
      child.kill('SIGKILL');
      await exited;
      const problem = checkConsistency(dir);
      if (problem) {
        unreadable += 1;
        problems.push(`kill ${kill}: ${problem}`);
      }
    }
    const temps = readdirSync(dir).filter((f) => f.includes('.tmp-'));
    console.log(
      `${KILLS} kills, ${unreadable} unreadable or inconsistent states, ${temps.length} leftover temp files`,
    );
    expect(problems).toEqual([]);
    // Leftover temp files block nothing, and doctor lists and cleans them.
    // Should the next change fail, what is left of the lock says why.
    const lockInfo = () =>
      readdirSync(dir)
        .filter((name) => name.startsWith('config.lock'))
        .flatMap((name) => {
          const path = join(dir, name);
          const inside = statSync(path).isDirectory() ? readdirSync(path) : [];
          return [name, ...inside.map((f) => `  ${f}: ${readFileSync(join(path, f), 'utf8')}`)];
        })
        .join('\n');
    const info = lockInfo();
    const after = run(dir, ['done', 'chapter12/1']);
    expect(after.code, `${after.stderr}\n${info}`).toBe(0);
    if (temps.length > 0) {
      const doctor = run(dir, ['doctor']);
      expect(doctor.code).toBe(1);
      expect(doctor.stdout).toContain('leftover temp file');
      expect(run(dir, ['doctor', '--repair']).code).toBe(0);
      expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    }
    expect(checkConsistency(dir)).toBeNull();
  }, 300_000);

  it('after a lock holder is killed, the next command takes its lock over at once', async () => {
    const dir = tempDir();
    expect(run(dir, ['add', 'hf-course']).code).toBe(0);
    const { child, started, exited } = startHarness(dir, ['hold'], 'locked');
    await started;
    child.kill('SIGKILL');
    await exited;
    const start = Date.now();
    const result = run(dir, ['done', 'chapter1/1']);
    const seconds = (Date.now() - start) / 1000;
    console.log(`killed lock holder: next command took ${seconds.toFixed(1)} s`);
    expect(result.code, result.stderr).toBe(0);
    // The lock names its holder, which has ended: no wait for it to go stale by its time.
    expect(seconds).toBeLessThan(LOCK_STALE_MS / 1000 / 2);
    expect(result.stderr).not.toContain('Waiting');
    expect(checkConsistency(dir)).toBeNull();
  }, 60_000);
});

describe('a lock whose holder still runs', () => {
  const files = (dir: string) =>
    ['config.json', 'activity.jsonl'].map((f) => readFileSync(join(dir, f), 'utf8'));

  it('is never taken over, however long it has been quiet; once the holder is gone it is', async () => {
    const dir = tempDir();
    expect(run(dir, ['add', 'hf-course']).code).toBe(0);
    const { child, started, exited } = startHarness(dir, ['hold'], 'locked');
    await started;
    // Stopped (Ctrl+Z), the holder can't refresh its lock; dated a minute back, it reads as stale.
    child.kill('SIGSTOP');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'config.lock'), old, old);
    const before = files(dir);
    const refused = run(dir, ['done', 'chapter1/1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Another roadmap command (process ${child.pid}) holds the lock on ${dir} but has not moved for`,
    );
    expect(refused.stderr).toContain('it may be stopped (Ctrl+Z; `fg` resumes it)');
    expect(files(dir)).toEqual(before);
    // Its temp file is its own, being written: doctor says a command is at work, not "leftover".
    writeFileSync(join(dir, 'config.json.tmp-123abc'), '{');
    const doctor = run(dir, ['doctor']);
    expect(doctor.stdout).toContain(
      `Another roadmap command (process ${child.pid}) is changing it now`,
    );
    expect(doctor.stdout).not.toContain('leftover temp file');
    expect(doctor.stdout).not.toContain('a lock left by');
    rmSync(join(dir, 'config.json.tmp-123abc'));
    // The holder is gone: its lock is taken over at once, being stale already.
    child.kill('SIGKILL');
    await exited;
    const done = run(dir, ['done', 'chapter1/1']);
    expect(done.code, done.stderr).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('config.lock'))).toEqual([]);
    expect(checkConsistency(dir)).toBeNull();
  }, 60_000);

  it.skipIf(skipHeavy)(
    'when its holder dies with six commands waiting, one at a time takes it: all six are kept',
    async () => {
      const dir = tempDir();
      expect(run(dir, ['add', 'hf-course']).code).toBe(0);
      const { child, started, exited } = startHarness(dir, ['hold'], 'locked');
      await started;
      const waiting = [1, 2, 3, 4, 5, 6].map((minutes) =>
        runAsync(dir, ['study', 'chapter1/1', '--minutes', String(minutes)]),
      );
      await sleep(1500);
      child.kill('SIGKILL');
      await exited;
      const results = await Promise.all(waiting);
      for (const result of results) expect(result.code, result.stderr).toBe(0);
      const status = JSON.parse(run(dir, ['status', '--json']).stdout) as {
        total: { minutesLogged: number };
      };
      // Two takers at once would each write over the other's change.
      expect(status.total.minutesLogged).toBe(21);
      expect(readdirSync(dir).filter((f) => f.includes('interrupted'))).toEqual([]);
      expect(checkConsistency(dir)).toBeNull();
    },
    60_000,
  );

  it('doctor names a lock no running command holds, and --repair removes it; a future one blocks nothing', () => {
    const dir = tempDir();
    expect(run(dir, ['add', 'hf-course']).code).toBe(0);
    const lock = join(dir, 'config.lock');
    // Left by a command that was killed: its owner file names a process that has ended.
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(lock);
    writeFileSync(join(lock, 'owner'), JSON.stringify({ pid: ended, host: hostname() }));
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(
      `a lock left by a roadmap command that is no longer running (process ${ended}); the next change takes it over: ${lock}`,
    );
    const repaired = json<{ removedLock: string | null }>(
      run(dir, ['doctor', '--repair', '--json']),
    );
    expect(repaired.removedLock).toBe(lock);
    expect(readdirSync(dir).filter((f) => f.startsWith('config.lock'))).toEqual([]);
    expect(run(dir, ['doctor']).code).toBe(0);

    // Dated in the future (the clock was set back since): named, and no change waits for it.
    mkdirSync(lock);
    const future = new Date(Date.now() + 3_600_000);
    utimesSync(lock, future, future);
    expect(run(dir, ['doctor']).stdout).toContain('a lock dated in the future');
    const start = Date.now();
    expect(run(dir, ['done', 'chapter1/1']).code).toBe(0);
    expect(Date.now() - start).toBeLessThan(LOCK_STALE_MS);
  });
});
