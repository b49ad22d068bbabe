import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { replayLog } from '../../src/core/snapshot.js';
import type { ProgressEntry, State } from '../../src/core/types.js';
import { readLog } from '../../src/store/log-file.js';
import { resolveStorePaths } from '../../src/store/paths.js';
import { readState } from '../../src/store/read-state.js';

/** The progress a config dir holds, by module id, read as the tool reads it. */
export function storedProgress(dir: string): Record<string, ProgressEntry> {
  return readState(resolveStorePaths(dir, {})).progress.toRecord();
}

/**
 * Reads a config dir as the tool would and checks that the state validates, that the committed
 * log has as many entries as the state records, and that replaying that log gives the state.
 * Returns the problem, or null when all holds.
 */
export function checkConsistency(dir: string): string | null {
  let state: State;
  try {
    state = readState(resolveStorePaths(dir, {}));
  } catch (error) {
    return `state unreadable: ${(error as Error).message}`;
  }
  const logPath = join(dir, 'activity.jsonl');
  const log = state.log.bytes === 0 ? [] : readLog(logPath, state.log.bytes);
  if (log.length !== state.log.entries)
    return `log has ${log.length} entries, state says ${state.log.entries}`;
  const size = state.log.bytes === 0 ? 0 : statSync(logPath).size;
  if (size < state.log.bytes) return 'log shorter than its committed mark';
  // At most the one interrupted line may follow the mark.
  const tail = size > state.log.bytes ? readFileSync(logPath, 'utf8').slice(state.log.bytes) : '';
  if (tail.split('\n').filter((l) => l !== '').length > 1)
    return 'more than one uncommitted log line';
  const replayed = replayLog(log);
  for (const key of [
    'roadmap',
    'progress',
    'journal',
    'courses',
    'projects',
    'settings',
  ] as const) {
    const value = (s: State) => (key === 'progress' ? s.progress.toRecord() : s[key]);
    if (!isDeepStrictEqual(value(replayed), value(state)))
      return `replayed ${key} differs from the state`;
  }
  return null;
}
