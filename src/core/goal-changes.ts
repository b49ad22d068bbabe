import type { Change, SettingValue, State } from './types.js';

const KEYS = ['goal-minutes-per-week', 'goal-deadline'] as const;

/**
 * Sets the weekly goal and deadline together, in one logged change, so one `undo` reverts both.
 * null clears a value; a deadline without a goal is never stored.
 */
export function setGoal(
  state: State,
  goal: { minutesPerWeek: number | null; deadline: string | null },
  now: Date,
): Change {
  const wanted: Record<(typeof KEYS)[number], SettingValue | null> = {
    'goal-minutes-per-week': goal.minutesPerWeek,
    'goal-deadline': goal.minutesPerWeek === null ? null : goal.deadline,
  };
  const before: Record<string, SettingValue | null> = {};
  const settings = { ...state.settings };
  for (const key of KEYS) {
    before[key] = Object.hasOwn(state.settings, key) ? state.settings[key]! : null;
    const value = wanted[key];
    if (value === null) delete settings[key];
    else settings[key] = value;
  }
  if (KEYS.every((key) => before[key] === wanted[key])) return { state, entry: null, info: {} };
  return {
    state: { ...state, settings },
    entry: {
      at: now.toISOString(),
      type: 'goal',
      ...(goal.minutesPerWeek !== null && { minutes: goal.minutesPerWeek }),
      ...(goal.deadline !== null && { deadline: goal.deadline }),
      before: { settings: before },
    },
    info: {},
  };
}
