import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import {
  abandonedLockBuilds,
  assertLockHeld,
  describeLockLeftover,
  LOCK_STALE_MS,
  leftLock,
  leftTakeover,
  lockHolder,
  lockOwnerPath,
  removeIfStill,
  strayLockFile,
  withLock,
} from '../../src/store/lock.js';
import { resolveStorePaths } from '../../src/store/paths.js';
import { tempDir } from '../helpers/temp.js';

const sleepers: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const child of sleepers.splice(0)) child.kill('SIGKILL');
});

/** A lock as another command left it: dated `secondsAgo` back, naming `owner` if given. */
function lockAs(secondsAgo: number, owner?: object) {
  const paths = resolveStorePaths(tempDir(), {});
  mkdirSync(paths.lock);
  if (owner) writeFileSync(lockOwnerPath(paths), JSON.stringify(owner));
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(paths.lock, when, when);
  return paths;
}

/** Takes the lock without waiting, as a change would once its wait ran out. */
const tryLock = (paths: ReturnType<typeof resolveStorePaths>) =>
  withLock(paths, () => 'changed', undefined, { wait: false });

/** A running process that isn't roadmap, and its start time as /proc gives it. */
function otherProcess() {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  sleepers.push(child);
  const stat = readFileSync(`/proc/${child.pid}/stat`, 'latin1');
  return { pid: child.pid!, started: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]! };
}

describe('the lock', () => {
  it('names its holder inside it while held, and goes with it', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    const seen = await withLock(paths, () => lockHolder(paths));
    expect(seen).toEqual({ pid: process.pid, host: hostname(), running: true });
    expect(existsSync(paths.lock)).toBe(false);
  });

  it('is not taken over while its holder runs, however long it has been quiet', async () => {
    const holder = otherProcess();
    const paths = lockAs(3600, { pid: holder.pid, host: hostname(), started: holder.started });
    expect(leftLock(paths)).toBeNull();
    await expect(tryLock(paths)).rejects.toThrow(
      `Another roadmap command (process ${holder.pid}) holds the lock`,
    );
    expect(existsSync(lockOwnerPath(paths))).toBe(true);
  });

  it('is taken over from a process that has ended, or a later one given the same id', async () => {
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    const dead = lockAs(20, { pid: ended, host: hostname() });
    expect(leftLock(dead)).toContain(
      `no longer running (process ${ended}); the next change takes it over`,
    );
    await expect(tryLock(dead)).resolves.toBe('changed');
    // The id runs, but as a process started after the lock was named (after a reboot, say).
    const reused = otherProcess();
    const stale = lockAs(20, { pid: reused.pid, host: hostname(), started: '1' });
    await expect(tryLock(stale)).resolves.toBe('changed');
  });

  it("that names no holder (an older version's) goes stale by its refreshes, as before", async () => {
    const young = lockAs(5);
    expect(leftLock(young)).toBeNull();
    await expect(tryLock(young)).rejects.toThrow('Another roadmap command is still changing');
    // A holder named and ended is reported at once, though the lock is only a second old.
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    expect(leftLock(lockAs(1, { pid: ended, host: hostname() }))).toContain(`(process ${ended})`);
    // A name a killed remover moved aside is no name, and goes with the lock.
    const aside = lockAs(20);
    writeFileSync(
      `${aside.lock}/owner.gone-12345`,
      JSON.stringify({ pid: 12345, host: hostname() }),
    );
    const quiet = new Date(Date.now() - 20_000);
    utimesSync(aside.lock, quiet, quiet);
    await expect(tryLock(aside)).resolves.toBe('changed');
    const old = lockAs(20);
    expect(leftLock(old)).toContain('the next change takes it over');
    await expect(tryLock(old)).resolves.toBe('changed');
  });

  it('is taken over one taker at a time: a running taker’s marker stands, an ended one’s goes', async () => {
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    const paths = lockAs(30, { pid: ended, host: hostname() });
    const marker = `${paths.lock}.takeover`;
    // A taker at work (stopped, say) for longer than a lock goes stale: its marker stands.
    const taker = otherProcess();
    mkdirSync(marker);
    writeFileSync(
      `${marker}/owner`,
      JSON.stringify({ pid: taker.pid, host: hostname(), started: taker.started }),
    );
    const old = new Date(Date.now() - 60_000);
    utimesSync(marker, old, old);
    // The change that gives up names the taker, as it names a stopped holder.
    await expect(tryLock(paths)).rejects.toThrow(
      `Another roadmap command (process ${taker.pid}) is taking over the lock`,
    );
    expect(leftLock(paths)).toContain(`process ${taker.pid} is taking it over now`);
    expect(existsSync(marker)).toBe(true);
    // Once it has ended, or with its marker dated in the future, the marker goes.
    writeFileSync(`${marker}/owner`, JSON.stringify({ pid: ended, host: hostname() }));
    await expect(withLock(paths, () => 'changed')).resolves.toBe('changed');
    expect(existsSync(marker)).toBe(false);
    const future = lockAs(30, { pid: ended, host: hostname() });
    mkdirSync(`${future.lock}.takeover`);
    const later = new Date(Date.now() + 3_600_000);
    utimesSync(`${future.lock}.takeover`, later, later);
    await expect(withLock(future, () => 'changed')).resolves.toBe('changed');
  });

  it('is removed whole on release, leaving nothing beside it', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    await withLock(paths, () => 'changed');
    expect(readdirSync(paths.dir)).toEqual([]);
  });

  it('is made already naming its holder, and its release removes only its own', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    await withLock(paths, () => {
      // Named from the start: no one finds it unnamed, however slow its holder.
      expect(JSON.parse(readFileSync(lockOwnerPath(paths), 'utf8')).pid).toBe(process.pid);
      // Another's name put in its place (as a takeover gone wrong would): release leaves it.
      writeFileSync(lockOwnerPath(paths), JSON.stringify({ pid: 1, host: hostname() }));
    });
    expect(existsSync(paths.lock)).toBe(true);
  });

  it('dated in the future is removed when no running command holds it', async () => {
    const paths = lockAs(-3600);
    expect(leftLock(paths)).toContain('a lock dated in the future');
    await expect(tryLock(paths)).resolves.toBe('changed');
  });

  it('begun and never put in place is abandoned once its builder has ended, or once stale', () => {
    const paths = resolveStorePaths(tempDir(), {});
    const build = (name: string, secondsAgo: number, owner?: object) => {
      const dir = `${paths.dir}/${name}`;
      mkdirSync(dir);
      if (owner) writeFileSync(`${dir}/owner`, JSON.stringify(owner));
      const when = new Date(Date.now() - secondsAgo * 1000);
      utimesSync(dir, when, when);
      return dir;
    };
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    const builder = otherProcess();
    const gone = build(`config.lock.new-${ended}-a1`, 1, { pid: ended, host: hostname() });
    build(`config.lock.new-${builder.pid}-b2`, 600, {
      pid: builder.pid,
      host: hostname(),
      started: builder.started,
    });
    build(`config.lock.takeover.new-${builder.pid}-c3`, 5);
    const unnamed = build(`config.lock.takeover.new-${builder.pid}-d4`, 61);
    const elsewhere = build('config.lock.new-77-e5', 61, { pid: 77, host: 'another-machine' });
    build('config.lock.new-77-f6', 5, { pid: 77, host: 'another-machine' });
    // Not roadmap's names: left alone.
    build('config.lock.new-notes', 600);
    build('config.lock.new-12-A7', 600);
    expect(abandonedLockBuilds(paths).sort()).toEqual([elsewhere, gone, unnamed].sort());
    expect(describeLockLeftover(paths, gone)).toContain('began and never used');
  });

  it('whose name a killed remover moved aside is judged by that name, at once', async () => {
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    const aside = (secondsAgo: number, remover: number, holder: object) => {
      const paths = lockAs(secondsAgo);
      writeFileSync(`${paths.lock}/owner.gone-${remover}`, JSON.stringify(holder));
      const when = new Date(Date.now() - secondsAgo * 1000);
      utimesSync(paths.lock, when, when);
      return paths;
    };
    // Remover and holder both gone: reported with the holder's id, and taken over now, though
    // the lock is a second old.
    const dead = aside(1, ended, { pid: ended, host: hostname() });
    expect(leftLock(dead)).toContain(`(process ${ended})`);
    await expect(tryLock(dead)).resolves.toBe('changed');
    // The name says a running command holds it: left alone, however old.
    const holder = otherProcess();
    const held = aside(600, ended, { pid: holder.pid, host: hostname(), started: holder.started });
    expect(leftLock(held)).toBeNull();
    await expect(tryLock(held)).rejects.toThrow(`(process ${holder.pid}) holds the lock`);
    // Its remover is at it still: left to it.
    const remover = otherProcess();
    const busy = aside(1, remover.pid, { pid: ended, host: hostname() });
    await expect(tryLock(busy)).rejects.toThrow('Another roadmap command is still changing');
  });

  it('is taken over at once past a takeover marker its taker left', async () => {
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (const marker of [
      // Named, its taker gone: cleared at once.
      { secondsAgo: 1, owner: { pid: ended, host: hostname() } },
      // Emptied by a remover killed before it removed the folder: cleared once stale.
      { secondsAgo: 3600, owner: undefined },
    ]) {
      const paths = lockAs(1, { pid: ended, host: hostname() });
      const dir = `${paths.lock}.takeover`;
      mkdirSync(dir);
      if (marker.owner) writeFileSync(`${dir}/owner`, JSON.stringify(marker.owner));
      const when = new Date(Date.now() - marker.secondsAgo * 1000);
      utimesSync(dir, when, when);
      expect(leftTakeover(paths)).toBe(dir);
      await expect(tryLock(paths)).resolves.toBe('changed');
      expect(existsSync(dir)).toBe(false);
    }
  });

  it('or its marker, as a plain file blocks every change at once, and says how to mend it', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    writeFileSync(`${paths.lock}.takeover`, '');
    expect(strayLockFile(paths)).toBe(`${paths.lock}.takeover`);
    await expect(tryLock(paths)).rejects.toThrow(
      `${paths.lock}.takeover is a file, where roadmap keeps a lock directory`,
    );
  });

  it('is removed only as it was judged: a lock made since is left to its holder', () => {
    const holder = otherProcess();
    const live = JSON.stringify({ pid: holder.pid, host: hostname(), started: holder.started });
    // Judged dead, then taken anew by a running command before the removal: left alone.
    const paths = lockAs(30, { pid: 1_999_999, host: hostname() });
    const judged = readFileSync(lockOwnerPath(paths), 'utf8');
    writeFileSync(lockOwnerPath(paths), live);
    expect(removeIfStill(paths.lock, judged)).toBe(false);
    expect(readFileSync(lockOwnerPath(paths), 'utf8')).toBe(live);
    // Judged unnamed, then named by its maker: the claim fails, and it stays.
    const unnamed = lockAs(120);
    writeFileSync(lockOwnerPath(unnamed), live);
    expect(removeIfStill(unnamed.lock, null)).toBe(false);
    expect(readFileSync(lockOwnerPath(unnamed), 'utf8')).toBe(live);
    // Unnamed as judged: claimed and removed, leaving nothing.
    const empty = lockAs(120);
    expect(removeIfStill(empty.lock, null)).toBe(true);
    expect(readdirSync(empty.dir)).toEqual([]);
  });

  it('held, is checked before a change writes: one taken over stops the change', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    await withLock(paths, () => expect(() => assertLockHeld(paths)).not.toThrow());
    await expect(
      withLock(paths, () => {
        writeFileSync(lockOwnerPath(paths), JSON.stringify({ pid: 1, host: hostname() }));
        assertLockHeld(paths);
      }),
    ).rejects.toThrow('This command lost its lock');
  });

  it('naming no one readably (a claimer killed before it wrote) is taken once stale, the marker too', async () => {
    const lock = lockAs(20);
    writeFileSync(lockOwnerPath(lock), '');
    const quiet = new Date(Date.now() - 20_000);
    utimesSync(lock.lock, quiet, quiet);
    await expect(tryLock(lock)).resolves.toBe('changed');
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!;
    const marked = lockAs(1, { pid: ended, host: hostname() });
    mkdirSync(`${marked.lock}.takeover`);
    writeFileSync(`${marked.lock}.takeover/owner`, '{"pid":');
    utimesSync(`${marked.lock}.takeover`, quiet, quiet);
    await expect(tryLock(marked)).resolves.toBe('changed');
    expect(readdirSync(marked.dir)).toEqual([]);
  });

  it('holding a running command’s name moved aside is never removed, whatever else it holds', () => {
    const holder = otherProcess();
    const live = JSON.stringify({ pid: holder.pid, host: hostname(), started: holder.started });
    const paths = lockAs(30, { pid: 1_999_999, host: hostname() });
    // A stalled remover moved the live holder's name aside; a claim left beside it looks dead.
    writeFileSync(`${paths.lock}/owner.gone-12345`, live);
    const judged = readFileSync(lockOwnerPath(paths), 'utf8');
    expect(removeIfStill(paths.lock, judged)).toBe(false);
    expect(readFileSync(`${paths.lock}/owner.gone-12345`, 'utf8')).toBe(live);
  });

  it('whose holder ends while others wait is taken at the next try, not once stale', async () => {
    const holder = otherProcess();
    const paths = lockAs(0, { pid: holder.pid, host: hostname(), started: holder.started });
    const start = Date.now();
    const waiting = withLock(paths, () => 'changed');
    setTimeout(() => process.kill(holder.pid, 'SIGKILL'), 300);
    await expect(waiting).resolves.toBe('changed');
    // The lock was fresh: by its time it would have gone stale only after 10 s.
    expect(Date.now() - start).toBeLessThan(LOCK_STALE_MS / 2);
  });
});
