import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readText } from '../read-text.js';
import { withLock } from './lock.js';
import type { StorePaths } from './paths.js';

/**
 * What roadmap last told you about a catalog: its revision, and each course's module ids then, so
 * that after an update `status` can say once what changed. This is the learner's view of the
 * catalog, not their history, so it is kept beside the state rather than in it: it isn't undone,
 * exported or merged, and recording it writes no log entry. The revision is in the file name, so a
 * command learns whether anything changed from one directory listing, without reading the
 * snapshot, which for a 50,000-module catalog is a megabyte.
 */
export interface SeenRecord {
  catalog: string;
  revision: string;
  courses: Array<[string, string[]]>;
}

const NAME = /^([a-z0-9][a-z0-9._-]*)@([0-9a-f]{1,64})\.json$/;

const fileOf = (paths: StorePaths, catalog: string, revision: string) =>
  join(paths.seen, `${catalog}@${revision}.json`);

/** Catalog id -> the revision last seen; empty when nothing was recorded (or it can't be read). */
export function listSeen(paths: StorePaths): Map<string, string> {
  const seen = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(paths.seen);
  } catch {
    return seen;
  }
  for (const name of names) {
    const match = NAME.exec(name);
    if (match) seen.set(match[1]!, match[2]!);
  }
  return seen;
}

/** The snapshot recorded for a catalog at a revision; null when it is missing or damaged. */
export function readSeen(paths: StorePaths, catalog: string, revision: string): SeenRecord | null {
  try {
    const data = JSON.parse(readText(fileOf(paths, catalog, revision))) as SeenRecord;
    const ok =
      Array.isArray(data.courses) &&
      data.courses.every(
        (c) =>
          Array.isArray(c) &&
          typeof c[0] === 'string' &&
          Array.isArray(c[1]) &&
          c[1].every((id) => typeof id === 'string'),
      );
    return ok ? { catalog, revision, courses: data.courses } : null;
  } catch {
    return null;
  }
}

/**
 * Records a catalog as seen at a revision, atomically, and drops what was recorded for it before.
 * Call it while holding the store's lock.
 */
export function writeSeen(paths: StorePaths, record: SeenRecord): void {
  mkdirSync(paths.seen, { recursive: true });
  const target = fileOf(paths, record.catalog, record.revision);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(record));
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  for (const name of readdirSync(paths.seen)) {
    const match = NAME.exec(name);
    if (match && match[1] === record.catalog && match[2] !== record.revision)
      rmSync(join(paths.seen, name), { force: true });
  }
}

/**
 * Records catalogs as seen, for a command that reads: it takes the lock only if it is free and
 * never waits, and gives up quietly (the notice is simply shown again next time) when the lock is
 * busy or the directory can't be written. Returns whether it recorded them.
 */
export async function recordSeenIfFree(paths: StorePaths, records: SeenRecord[]): Promise<boolean> {
  if (records.length === 0) return true;
  try {
    await withLock(
      paths,
      () => {
        for (const record of records) writeSeen(paths, record);
      },
      undefined,
      { wait: false },
    );
    return true;
  } catch {
    return false;
  }
}
