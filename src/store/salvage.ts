import { emptyState, type State } from '../core/types.js';
import { isProgressEntry, isRoadmapEntry, isSettingValue } from './validate-state.js';

export interface Salvage {
  state: State;
  kept: number;
  dropped: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Keeps every roadmap, progress and settings entry that still validates, and counts the rest.
 * The log mark is recomputed by the caller from the log file itself.
 */
export function salvageState(data: unknown): Salvage {
  const state = emptyState();
  let kept = 0;
  let dropped = 0;
  if (!isObject(data)) return { state, kept, dropped: 1 };
  const seen = new Set<string>();
  for (const entry of Array.isArray(data.roadmap) ? data.roadmap : []) {
    if (isRoadmapEntry(entry) && !seen.has(entry.courseId)) {
      seen.add(entry.courseId);
      state.roadmap.push({ courseId: entry.courseId, addedAt: entry.addedAt });
      kept += 1;
    } else dropped += 1;
  }
  if (data.roadmap !== undefined && !Array.isArray(data.roadmap)) dropped += 1;
  for (const [key, entry] of Object.entries(isObject(data.progress) ? data.progress : {})) {
    if (isProgressEntry(entry)) {
      state.progress[key] = entry;
      kept += 1;
    } else dropped += 1;
  }
  for (const [key, value] of Object.entries(isObject(data.settings) ? data.settings : {})) {
    if (isSettingValue(value)) {
      state.settings[key] = value;
      kept += 1;
    } else dropped += 1;
  }
  return { state, kept, dropped };
}
