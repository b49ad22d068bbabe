import {
  accessSync,
  constants,
  existsSync,
  mkdir,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpath,
  renameSync,
  rmdir,
  rmdirSync,
  rmSync,
  stat,
  statSync,
  utimes,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { Failure } from '../errors.js';
import type { StorePaths } from './paths.js';

/** A holder that stops refreshing the lock for this long is presumed dead (killed, crashed). */
export const LOCK_STALE_MS = 10_000;

/**
 * A lock that names no holder is taken over once it has gone this long without a refresh. This
 * version never leaves one unnamed in place (namedMkdir), so it is an older version's, which
 * refreshes its lock as often as a named one (and judged older versions' so itself), or a folder
 * a remover emptied and was killed before it removed.
 */
export const UNNAMED_LOCK_STALE_MS = LOCK_STALE_MS;

/** Who holds the lock, as the holder named itself in it. */
export interface LockHolder {
  pid: number;
  host: string;
  /**
   * Whether that process still runs; null when it runs on another machine (a synced folder).
   * A process started since under the same id (after a reboot, say) is not it, nor is one that
   * has ended and not yet been reaped.
   */
  running: boolean | null;
}

/**
 * The file in the lock that names its holder. Inside, so that it goes with the lock: a new lock
 * never finds a name its last holder left.
 */
export const lockOwnerPath = (paths: StorePaths): string => join(paths.lock, 'owner');

/** Whether a process with this id runs on this machine. */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // Killed but not yet reaped by its parent, it can hold nothing.
  return procStat(pid)?.state !== 'Z';
}

/**
 * A process's state and start time, as Linux's /proc has them (the start time in clock ticks
 * since boot tells a process from a later one given the same id); null where there is no /proc.
 */
function procStat(pid: number): { state: string; started: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The name in parentheses may hold spaces; the fields after it are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', started: fields[19] ?? '' };
  } catch {
    return null;
  }
}

let ownText: string | undefined;

/** What a lock directory names as its holder: this process, as it writes it. */
function ownName(): string {
  ownText ??= JSON.stringify({
    pid: process.pid,
    host: hostname(),
    started: procStat(process.pid)?.started ?? null,
  });
  return ownText;
}

/** The holder a lock directory (the lock, or the takeover marker) names, and its text. */
function holderIn(dir: string): { holder: LockHolder; text: string } | null {
  try {
    const text = readFileSync(join(dir, 'owner'), 'utf8');
    const holder = parseOwner(text);
    return holder === null ? null : { holder, text };
  } catch {
    return null;
  }
}

function parseOwner(text: string): LockHolder | null {
  try {
    const owner = JSON.parse(text) as { pid?: unknown; host?: unknown; started?: unknown };
    if (!Number.isSafeInteger(owner.pid) || typeof owner.host !== 'string') return null;
    const pid = owner.pid as number;
    if (owner.host !== hostname()) return { pid, host: owner.host, running: null };
    const started = typeof owner.started === 'string' ? owner.started : null;
    const now = started === null ? null : (procStat(pid)?.started ?? null);
    const running = isProcessRunning(pid) && (now === null || now === started);
    return { pid, host: owner.host, running };
  } catch {
    return null;
  }
}

/**
 * A name moved aside (`owner.gone-<pid>`) by a remover that was judging the lock (removeIfStill)
 * and has not put it back or finished: the holder the name still gives, and whether the remover
 * is at it yet. Null when there is none.
 */
function nameAside(dir: string): { holder: LockHolder | null; removerRunning: boolean } | null {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /^owner\.gone-\d+$/.test(name));
  } catch {
    return null;
  }
  if (names.length === 0) return null;
  let holder: LockHolder | null = null;
  let removerRunning = false;
  for (const name of names) {
    const remover = Number(name.slice('owner.gone-'.length));
    if (remover !== process.pid && isProcessRunning(remover)) removerRunning = true;
    try {
      holder ??= parseOwner(readFileSync(join(dir, name), 'utf8'));
    } catch {
      // Gone since: its remover finished.
    }
  }
  return { holder, removerRunning };
}

/** The lock's holder as its owner file names it, or null when there is none to read. */
export function lockHolder(paths: StorePaths): LockHolder | null {
  return holderIn(paths.lock)?.holder ?? null;
}

/** How long ago a directory was last refreshed, in ms (negative when dated in the future); null without one. */
function quietFor(dir: string): number | null {
  try {
    const stat = statSync(dir);
    return stat.isDirectory() ? Date.now() - stat.mtimeMs : null;
  } catch {
    return null;
  }
}

/**
 * What a lock directory (the lock, or the takeover marker) says of itself, read once. Whatever is
 * done about it is decided on this reading and checked against the same text when it is done
 * (removeIfStill): reading it again would find a lock made since, and remove that.
 */
interface Judged {
  /** Its `owner` file's text as read; null when there is none. */
  text: string | null;
  /** The holder that text names; null when there is none to read. */
  named: LockHolder | null;
  /** A name moved aside by a remover that has not finished (see removeIfStill). */
  aside: { holder: LockHolder | null; removerRunning: boolean } | null;
  /** How long since it was refreshed, in ms (negative when dated in the future). */
  quiet: number;
}

function judge(dir: string): Judged | null {
  const quiet = quietFor(dir);
  if (quiet === null) return null;
  let text: string | null = null;
  try {
    text = readFileSync(join(dir, 'owner'), 'utf8');
  } catch {
    // Unnamed, or its name moved aside.
  }
  const named = text === null ? null : parseOwner(text);
  return { text, named, aside: named === null ? nameAside(dir) : null, quiet };
}

/** The holder a judged directory names, in its own name or one moved aside. */
const holderOf = (j: Judged): LockHolder | null => j.named ?? j.aside?.holder ?? null;

/**
 * Whether a lock directory another command may still hold must be left alone: its holder runs,
 * or it names none and is younger than UNNAMED_LOCK_STALE_MS (and not dated in the future).
 * Locks this version makes are named from the start (namedMkdir); an unnamed one is an older
 * version's, or one a killed remover emptied. A name a remover moved aside still says whose lock
 * it is, and a remover at work is left to it while the lock is young (its id may be reused by
 * the time it is stale, so after that only the holder counts). A takeover marker is only ever
 * made named, so one without a name (`unnamedMayBeHeld` false) is what a killed remover left.
 */
function isHeld(j: Judged, unnamedMayBeHeld: boolean): boolean {
  const runs = (h: LockHolder | null | undefined) => h?.running === true && h.pid !== process.pid;
  if (j.named !== null) return runs(j.named);
  const young = j.quiet >= -LOCK_STALE_MS && j.quiet < UNNAMED_LOCK_STALE_MS;
  if (j.aside !== null) return runs(j.aside.holder) || (j.aside.removerRunning && young);
  return unnamedMayBeHeld && young;
}

function mayBeHeld(paths: StorePaths): boolean {
  const found = judge(paths.lock);
  return found !== null && isHeld(found, true);
}

/**
 * Makes a lock directory already naming this process: built under a name of its own and renamed
 * into place, so that no one ever finds it unnamed, and a holder stalled at its start is not
 * taken for dead. The rename fails when the place is taken, as mkdir would (EEXIST).
 */
function namedMkdir(dir: string): void {
  // rename() would replace an empty directory, such as an unnamed lock an older version made.
  if (existsSync(dir)) throw Object.assign(new Error(`${dir} exists`), { code: 'EEXIST' });
  const building = `${dir}.new-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync(building);
  try {
    writeFileSync(join(building, 'owner'), ownName());
    renameSync(building, dir);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOTEMPTY' || code === 'EEXIST'
      ? Object.assign(new Error(`${dir} exists`), { code: 'EEXIST' })
      : error;
  }
}

/**
 * Removes a lock directory if it still names what `judged` read (the same holder, or none), and
 * reports whether it did. The name is first moved aside, which only one remover can do, and put
 * back if it turns out to be another's: a remover that paused after judging can't remove a lock
 * made since. Exported for the tests.
 */
export function removeIfStill(dir: string, judged: string | null): boolean {
  // Unnamed, it is first named after this process, which fails if a name is there by now: a
  // lock made since is named from the start.
  const expected = judged ?? claim(dir);
  if (expected === null) return false;
  const aside = join(dir, `owner.gone-${process.pid}`);
  try {
    renameSync(join(dir, 'owner'), aside);
  } catch {
    return false;
  }
  let moved: string;
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    // Another remover emptied the folder meanwhile: it is theirs to remove.
    return false;
  }
  if (moved !== expected) {
    try {
      renameSync(aside, join(dir, 'owner'));
    } catch {
      // Gone with its folder, removed by another.
    }
    return false;
  }
  // Emptied, then removed with rmdir, which removes a folder only while it is empty. A lock or a
  // marker made since is never empty (namedMkdir makes it named), so a remover overtaken by
  // another can remove nothing but the folder it judged, however it was stalled. A name moved
  // aside that names a running command (one a stalled remover is judging) stays, and so does the
  // folder: only names of commands that have ended, and this remover's own, go.
  try {
    for (const name of readdirSync(dir)) {
      if (!/^owner\.gone-\d+$/.test(name)) continue;
      const path = join(dir, name);
      if (name !== `owner.gone-${process.pid}` && namesRunning(path)) continue;
      rmSync(path, { force: true });
    }
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

/** Whether a name file names a command that still runs (one that can't be read names none). */
function namesRunning(path: string): boolean {
  try {
    return parseOwner(readFileSync(path, 'utf8'))?.running === true;
  } catch {
    return false;
  }
}

/** Names an unnamed lock directory after this process, once; the text written, or null. */
function claim(dir: string): string | null {
  const text = JSON.stringify({ ...JSON.parse(ownName()), claim: Math.random().toString(36) });
  try {
    writeFileSync(join(dir, 'owner'), text, { flag: 'wx' });
    return text;
  } catch {
    return null;
  }
}

/**
 * Stops a change whose lock is no longer its own, before it writes its state. Only a holder
 * taken for dead loses its lock (one this machine can't see running: another machine's, or a
 * reused process id), and writing then would undo the change of whoever holds it now.
 */
export function assertLockHeld(paths: StorePaths): void {
  let text: string | null = null;
  try {
    text = readFileSync(lockOwnerPath(paths), 'utf8');
  } catch {
    // Gone: not ours any more.
  }
  if (text === ownName()) return;
  throw new Failure(
    `This command lost its lock on ${paths.dir} while it was changing it: another roadmap command took it for a command that had ended. Your change was not saved.`,
    'Run `roadmap doctor`, then the command again.',
  );
}

/** Removes the lock this process holds, and nothing else. */
function releaseOwn(paths: StorePaths): void {
  const named = holderIn(paths.lock);
  if (named?.holder.pid === process.pid) removeIfStill(paths.lock, named.text);
}

/**
 * A lock whose holder is running is never taken over, however long since it refreshed it. Its
 * refresh is a timer, which can't run while the holder is stopped (Ctrl+Z) or blocked in a
 * slow write; taking over then would let it rename its file over the taker's change once it
 * goes on. proper-lockfile makes the lock with `mkdir` (here named from the start) and removes
 * a stale one with `rmdir`, so that is where it is refused; its own release goes through.
 */
function guardedFs(paths: StorePaths, releasing: () => boolean) {
  const held = (): NodeJS.ErrnoException =>
    Object.assign(new Error('the lock is held by a running command'), { code: 'ELOCKED' });
  return {
    mkdir(path: string, callback: (error: NodeJS.ErrnoException | null) => void) {
      if (path !== paths.lock) return mkdir(path, callback);
      try {
        // At every attempt, a lock whose holder has ended (or dated in the future) is taken
        // over now, rather than once it has gone stale by its time: a holder that dies while
        // others wait frees them at once.
        removeLeftLock(paths);
        namedMkdir(path);
        callback(null);
      } catch (error) {
        callback(error as NodeJS.ErrnoException);
      }
    },
    stat,
    utimes,
    realpath,
    rmdir(path: string, callback: (error: NodeJS.ErrnoException | null) => void) {
      if (path !== paths.lock) return rmdir(path, callback);
      if (releasing()) {
        releaseOwn(paths);
        return callback(null);
      }
      if (mayBeHeld(paths)) return callback(held());
      callback(takeOver(paths) ? null : held());
    },
  };
}

/**
 * Removes a lock no running command holds, one taker at a time. Two commands that found the
 * same dead holder could otherwise both remove it: the second, coming after the first had
 * taken the lock anew, would remove that lock too, and both would change the state at once.
 * So a taker first makes `config.lock.takeover` (named, as the lock is), looks again, and
 * removes the lock only if it still names the holder it found dead. A marker is cleared only
 * when its taker no longer runs. False when another taker is at it, or the lock is held.
 */
function takeOver(paths: StorePaths, again = true): boolean {
  const marker = `${paths.lock}.takeover`;
  try {
    namedMkdir(marker);
  } catch {
    // Another taker's. One its taker left (see isLeftTakeover) is cleared, and this takeover
    // tried once more, rather than left to wait for the lock to go stale by its time.
    const found = judge(marker);
    if (found === null || !isLeftTakeover(found)) return false;
    // As read, even when it names no one (a claimer killed before it wrote): compared as is.
    const cleared = removeIfStill(marker, found.text);
    return cleared && again && takeOver(paths, false);
  }
  try {
    // Gone already (the first taker's, or its holder's release): nothing to remove.
    const found = judge(paths.lock);
    if (found === null) return true;
    if (isHeld(found, true)) return false;
    // Removed, or gone meanwhile (another's removal): either way the place is free to take.
    return removeIfStill(paths.lock, found.text) || judge(paths.lock) === null;
  } finally {
    removeIfStill(marker, ownName());
  }
}

/**
 * A lock no running command holds, that changes would wait for or be refused by: one whose
 * holder has ended and the next change takes over, or one dated in the future. Null when there
 * is none, or while it may still be held.
 */
export function leftLock(paths: StorePaths): string | null {
  const found = judge(paths.lock);
  if (found === null || isHeld(found, true)) return null;
  const taker = judge(`${paths.lock}.takeover`);
  const taking =
    taker !== null && isHeld(taker, false) && taker.named !== null
      ? `; process ${taker.named.pid} is taking it over now`
      : '; the next change takes it over';
  if (found.quiet < -LOCK_STALE_MS) {
    return `a lock dated in the future, left by a roadmap command that is no longer running${taking}: ${paths.lock}`;
  }
  // A name moved aside by a remover that was killed still names the holder.
  const holder = holderOf(found);
  // A holder named and known to have ended is reported at once; an unnamed lock, or one held on
  // another machine, only once it has gone quiet long enough to be taken over.
  // (A holder's refresh can date its lock a moment ahead of this clock.)
  const threshold =
    holder === null ? UNNAMED_LOCK_STALE_MS : holder.running === false ? -Infinity : LOCK_STALE_MS;
  if (found.quiet < threshold) return null;
  const who = holder?.running === false ? ` (process ${holder.pid})` : '';
  return `a lock left by a roadmap command that is no longer running${who}${taking}: ${paths.lock}`;
}

/**
 * Lock folders a command began and never put in place: namedMkdir builds each one under a name
 * of its own (`config.lock.new-…`, `config.lock.takeover.new-…`), and a command killed in those
 * few steps leaves it behind. They block nothing, but nothing else would ever remove them. One
 * is abandoned when the process it names has ended, or, naming none or another machine's, once
 * it is older than any build takes (UNNAMED_LOCK_STALE_MS).
 */
export function abandonedLockBuilds(paths: StorePaths): string[] {
  const prefix = basename(paths.lock);
  let names: string[];
  try {
    names = readdirSync(paths.dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => isLockBuildName(name, prefix))
    .map((name) => join(paths.dir, name))
    .filter((dir) => {
      const quiet = quietFor(dir);
      if (quiet === null) return false;
      const running = holderIn(dir)?.holder.running;
      if (running === false) return true;
      return running !== true && quiet >= UNNAMED_LOCK_STALE_MS;
    });
}

/** What doctor calls a folder abandonedLockBuilds or leftTakeover gives. */
export function describeLockLeftover(paths: StorePaths, path: string): string {
  if (path === `${paths.lock}.takeover`)
    return `a takeover marker left by a roadmap command that ended while taking over a lock: ${path}`;
  return `a lock folder an interrupted roadmap command began and never used (it blocks nothing): ${path}`;
}

/**
 * A takeover marker whose taker ended before it cleared it, once the next taker would clear it
 * (see takeOver); until then it holds up the takeover of a dead holder's lock. Null when there is
 * none, or while it may be in use.
 */
export function leftTakeover(paths: StorePaths): string | null {
  const marker = `${paths.lock}.takeover`;
  const found = judge(marker);
  return found !== null && isLeftTakeover(found) ? marker : null;
}

/** A marker no running taker holds, whose taker has ended or that has stood past the stale time. */
function isLeftTakeover(found: Judged): boolean {
  if (isHeld(found, false)) return false;
  const ended = holderOf(found)?.running === false && found.aside?.removerRunning !== true;
  return ended || found.quiet > LOCK_STALE_MS || found.quiet < -LOCK_STALE_MS;
}

/**
 * Removes what abandonedLockBuilds or leftTakeover gave. A marker is judged again and removed
 * only as judged, as a taker removes one: a new taker may have made one in its place since.
 */
export function removeLockLeftover(paths: StorePaths, path: string): void {
  if (path !== `${paths.lock}.takeover`) {
    rmSync(path, { recursive: true, force: true });
    return;
  }
  const found = judge(path);
  if (found !== null && isLeftTakeover(found)) removeIfStill(path, found.text);
}

/** Whether a path `abandonedLockBuilds` or `leftTakeover` gives is such a folder, not a temp file. */
export const isLockBuild = (paths: StorePaths, path: string): boolean =>
  path === `${paths.lock}.takeover` || isLockBuildName(basename(path), basename(paths.lock));

function isLockBuildName(name: string, prefix: string): boolean {
  const starts = [`${prefix}.new-`, `${prefix}.takeover.new-`];
  for (const start of starts) {
    if (name.startsWith(start)) return /^\d+-[a-z0-9]+$/.test(name.slice(start.length));
  }
  return false;
}

/** Removes a lock `leftLock` found, with its owner file. */
export function removeLeftLock(paths: StorePaths): void {
  if (leftLock(paths) !== null) takeOver(paths);
}

/**
 * A plain file where the lock directory, or its takeover marker, goes (left by hand or by another
 * tool): the path, or null. Nothing roadmap makes there is a file, and no change can pass it.
 */
export function strayLockFile(paths: StorePaths): string | null {
  for (const path of [paths.lock, `${paths.lock}.takeover`]) {
    try {
      if (!statSync(path).isDirectory()) return path;
    } catch {
      // Not there: nothing in the way.
    }
  }
  return null;
}

export async function withLock<T>(
  paths: StorePaths,
  fn: () => Promise<T> | T,
  onWait?: () => void,
  options: { wait?: boolean } = {},
): Promise<T> {
  // CommonJS module: named exports are not reliably visible through import() once bundled.
  const lockfile = await import('proper-lockfile');
  const lock = lockfile.lock ?? (lockfile as unknown as { default: typeof lockfile }).default.lock;
  let release: () => Promise<void>;
  let releasing = false;
  try {
    // proper-lockfile retries every error, so a directory we can't write would cost the
    // whole retry budget before failing; ask first.
    accessSync(paths.dir, constants.W_OK);
    const stray = strayLockFile(paths);
    if (stray !== null) {
      throw new Failure(
        `${stray} is a file, where roadmap keeps a lock directory; nothing was changed.`,
        'Run `roadmap doctor --repair` to remove it.',
      );
    }
    const take = (retries: number | object) =>
      lock(paths.dir, {
        lockfilePath: paths.lock,
        realpath: false,
        fs: guardedFs(paths, () => releasing),
        stale: LOCK_STALE_MS,
        update: LOCK_STALE_MS / 4,
        retries,
        onCompromised: () => {
          // Only reachable if this process stalled longer than LOCK_STALE_MS, and no other
          // command takes a lock over from a running holder; carry on rather than crash mid-change.
        },
      });
    // One try first: proper-lockfile retries every error, and a full disk is no lock to wait
    // for. Only a lock that is held is waited for.
    try {
      release = await take(0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || options.wait === false)
        throw error;
      // Say so when the wait is long enough to notice, rather than seem to hang.
      const notice = onWait ? setTimeout(onWait, 1000) : undefined;
      // About 12 s at most, so ten or fifty commands started at once all get their turn.
      release = await take({
        retries: 80,
        factor: 1.15,
        minTimeout: 15,
        maxTimeout: 200,
        randomize: true,
      }).finally(() => clearTimeout(notice));
    }
  } catch (error) {
    if (error instanceof Failure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOCKED') throw lockedError(paths);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new Failure(
        `Can't write to the config directory ${paths.dir} (${code === 'EROFS' ? 'read-only file system' : 'permission denied'}); nothing was changed.`,
        'Fix its permissions, or choose another directory with --config-dir or ROADMAP_CONFIG_DIR. Read commands still work.',
      );
    }
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new Failure(
        `Could not lock ${paths.dir}: the disk is full; nothing was changed.`,
        'Free some space, then run the command again.',
      );
    }
    throw new Failure(
      `Could not lock ${paths.dir}: ${(error as Error).message}.`,
      'Check that the directory exists and that you can write to it (`roadmap doctor`).',
    );
  }
  try {
    return await fn();
  } finally {
    // Released through guardedFs, which removes this process's lock and nothing else.
    releasing = true;
    await release().catch(() => {});
  }
}

/** Why the lock couldn't be had: another command holds it, stalled or not. */
function lockedError(paths: StorePaths): Failure {
  const found = judge(paths.lock);
  const holder = found === null ? null : holderOf(found);
  const quiet = found?.quiet ?? 0;
  if (holder?.running && quiet > LOCK_STALE_MS) {
    return new Failure(
      `Another roadmap command (process ${holder.pid}) holds the lock on ${paths.dir} but has not moved for ${Math.round(quiet / 1000)} s: it may be stopped (Ctrl+Z; \`fg\` resumes it) or waiting on a slow disk. Nothing was changed.`,
      [
        'Let it finish, or end it, and run this command again. A lock is never taken over while its holder runs, so that neither change undoes the other.',
        `If no roadmap command is running (process ${holder.pid} is another program now), remove the folder ${paths.lock} by hand.`,
      ].join('\n'),
    );
  }
  // A taker at work on a dead holder's lock, stopped or slow, holds up every other change.
  const taker = judge(`${paths.lock}.takeover`);
  if (taker !== null && taker.named?.running === true && taker.named.pid !== process.pid) {
    return new Failure(
      `Another roadmap command (process ${taker.named.pid}) is taking over the lock on ${paths.dir}, left by a command that ended, and has not finished: it may be stopped (Ctrl+Z; \`fg\` resumes it). Nothing was changed.`,
      'Let it finish, or end it, and run this command again.',
    );
  }
  return new Failure(
    `Another roadmap command is still changing ${paths.dir} (lock ${paths.lock}).`,
    'Wait a moment and run the command again.',
  );
}

/** Whether a file stands where `path` or a folder above it should be. */
export function blockedByFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOTDIR';
  }
}

/** Makes the config directory, or says plainly why it can't: a file in its place, say. */
export function ensureConfigDir(paths: StorePaths): void {
  try {
    mkdirSync(paths.dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Failure(
      code === 'EEXIST' || code === 'ENOTDIR'
        ? `The config directory ${paths.dir} can't be made: a file is in its place, or in a folder's place above it.`
        : `Could not create the config directory ${paths.dir} (${code}).`,
      'Choose another with --config-dir or ROADMAP_CONFIG_DIR, or fix the path.',
    );
  }
}
