import { emptyState, STATE_SCHEMA_VERSION } from '../core/types.js';

type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Our own upgrade steps, keyed by the version they upgrade from. (conf's `migrations` option is
 * documented by its author as having known bugs, so it is not used.) Each step is tested on a
 * fixture in test/fixtures/.
 */
export const MIGRATIONS: Record<number, Migration> = {
  // Version 0: a config file with no schemaVersion, as conf leaves it when it only ever held
  // settings (or nothing: `{}`). It gains an empty roadmap, progress and log.
  0: (data) => {
    const fresh = emptyState();
    return {
      ...data,
      schemaVersion: 1,
      roadmap: data.roadmap ?? fresh.roadmap,
      progress: data.progress ?? {},
      settings: data.settings ?? fresh.settings,
      log: data.log ?? fresh.log,
    };
  },
  // Version 1 → 2: study sessions and notes of their own (journal), course states and projects.
  // Nothing moves; the new maps start empty (course states are derived again by the focus rules).
  1: (data) => ({
    ...data,
    schemaVersion: 2,
    journal: data.journal ?? {},
    courses: data.courses ?? {},
    projects: data.projects ?? {},
  }),
  // Version 2 → 3: progress is written a line per module, grouped by course (progress-map.ts).
  // Nothing is rewritten here: the reader takes either form, and the next write converts it.
  2: (data) => ({ ...data, schemaVersion: 3 }),
};

export class NewerStateError extends Error {
  constructor(readonly version: number) {
    super(
      `schema version ${version} is newer than this roadmap understands (${STATE_SCHEMA_VERSION})`,
    );
  }
}

/** Brings parsed state up to the current schema version. Returns it unchanged when current. */
export function migrateState(data: Record<string, unknown>): Record<string, unknown> {
  let version = data.schemaVersion === undefined ? 0 : data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) return data;
  if (version > STATE_SCHEMA_VERSION) throw new NewerStateError(version);
  let current = data;
  while (version < STATE_SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) break;
    current = step(current);
    version += 1;
  }
  return current;
}
