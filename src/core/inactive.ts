import type { CatalogIndex } from '../catalog/catalog-index.js';
import { compareText } from './compare.js';
import { finishedAt } from './focus.js';
import type { State } from './types.js';

/** A period when no course was active; `end` null means it is still going on. */
export interface InactiveInterval {
  start: Date;
  end: Date | null;
}

/**
 * The periods when no course was active, oldest first, from the course state changes: every
 * course parked or dropped (or none left but finished ones). Pace and streaks leave them out, so
 * time spent parked counts against neither. The timeline starts when a course first became
 * active: before that there is no focus to have lost. With the catalog, a finished course stops
 * counting as active when it finished (finished is derived, so no transition records it);
 * without it, only transitions count. Changes at the same instant (a switch) are taken together,
 * so they never open an interval of zero length. The intervals never overlap.
 */
export function inactiveIntervals(
  state: State,
  now: Date,
  catalog?: CatalogIndex,
): InactiveInterval[] {
  const events: Array<{ at: string; courseId: string; active: boolean }> = [];
  for (const [courseId, record] of Object.entries(state.courses)) {
    for (const t of record.transitions) {
      events.push({ at: t.at, courseId, active: t.state === 'active' });
    }
    const finished = catalog ? finishedAt(catalog, state, courseId) : null;
    if (finished !== null) events.push({ at: finished, courseId, active: false });
  }
  events.sort((a, b) => compareText(a.at, b.at));
  const intervals: InactiveInterval[] = [];
  const active = new Set<string>();
  let started = false;
  let open: InactiveInterval | null = null;
  for (let i = 0; i < events.length; ) {
    const at = events[i]!.at;
    if (new Date(at) > now) break;
    // Every event at this instant, in order: a course finished, then the next made active.
    for (; i < events.length && events[i]!.at === at; i++) {
      const event = events[i]!;
      if (event.active) active.add(event.courseId);
      else active.delete(event.courseId);
    }
    if (active.size > 0) {
      started = true;
      if (open) {
        open.end = new Date(at);
        open = null;
      }
    } else if (started && !open) {
      open = { start: new Date(at), end: null };
      intervals.push(open);
    }
  }
  return intervals;
}
