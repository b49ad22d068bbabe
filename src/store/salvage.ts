import { ProgressMap } from '../core/progress-map.js';
import { isValidSetting } from '../core/settings.js';
import { emptyState, type ProgressEntry, type State } from '../core/types.js';
import {
  ENTRY_CHECKS,
  isModuleId,
  isProgressEntry,
  isRoadmapEntry,
  isSettingKey,
  isSettingValue,
  progressItems,
} from './validate-state.js';

export interface Salvage {
  state: State;
  kept: number;
  /** Where each dropped entry was, e.g. `progress["hf-course/chapter1/2"]`. */
  dropped: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keeps every entry of every part that still validates, and names the rest. */
export function salvageState(data: unknown): Salvage {
  const state = emptyState();
  let kept = 0;
  const dropped: string[] = [];
  if (!isObject(data)) return { state, kept, dropped: ['the whole file (not an object)'] };
  const seen = new Set<string>();
  if (data.roadmap !== undefined && !Array.isArray(data.roadmap)) dropped.push('roadmap');
  (Array.isArray(data.roadmap) ? data.roadmap : []).forEach((entry, i) => {
    if (isRoadmapEntry(entry) && !seen.has(entry.courseId)) {
      seen.add(entry.courseId);
      state.roadmap.push({ courseId: entry.courseId, addedAt: entry.addedAt });
      kept += 1;
    } else dropped.push(`roadmap[${i}]`);
  });
  const progress = new Map<string, ProgressEntry>();
  for (const { id, entry, place } of progressItems(data)) {
    if (id !== null && isModuleId(id) && !progress.has(id) && isProgressEntry(entry)) {
      progress.set(id, entry);
      kept += 1;
    } else dropped.push(place);
  }
  state.progress = ProgressMap.fromEntries(progress);
  for (const [part, check] of Object.entries(ENTRY_CHECKS)) {
    const values = data[part];
    if (values !== undefined && !isObject(values)) dropped.push(part);
    for (const [key, entry] of Object.entries(isObject(values) ? values : {})) {
      if (isModuleId(key) && check(entry)) {
        (state[part as keyof typeof ENTRY_CHECKS] as Record<string, unknown>)[key] = entry;
        kept += 1;
      } else dropped.push(`${part}[${JSON.stringify(key)}]`);
    }
  }
  for (const [key, value] of Object.entries(isObject(data.settings) ? data.settings : {})) {
    if (isSettingKey(key) && isSettingValue(value) && isValidSetting(key, value)) {
      state.settings[key] = value;
      kept += 1;
    } else dropped.push(`settings[${JSON.stringify(key)}]`);
  }
  return { state, kept, dropped };
}
