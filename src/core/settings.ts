import { UsageError } from '../errors.js';
import { didYouMean, suggestIds } from './suggest.js';
import type { Change, SettingValue, State } from './types.js';

interface SettingSpec {
  type: 'boolean' | 'integer' | 'choice' | 'date';
  /** null: unset means "none" (a goal, a deadline). */
  default: SettingValue | null;
  description: string;
  min?: number;
  max?: number;
  choices?: readonly string[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written yyyy-mm-dd. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Every key `roadmap config` knows. Later features add theirs here. */
export const SETTINGS = {
  'skip-optional': {
    type: 'boolean',
    default: false,
    description: '`next` passes over optional modules (they still count in totals).',
  },
  'bar-width': {
    type: 'integer',
    default: 20,
    min: 5,
    max: 60,
    description: 'Width of the progress bars in `status`, in columns.',
  },
  'week-start': {
    type: 'choice',
    default: 'monday',
    choices: ['monday', 'sunday'],
    description:
      'The day weeks start on, for weekly goals, charts, streaks and plans (ISO: monday).',
  },
  'goal-minutes-per-week': {
    type: 'integer',
    default: null,
    min: 30,
    max: 5040,
    description: 'Your weekly study goal in minutes (set it with `roadmap goal --hours-per-week`).',
  },
  'goal-deadline': {
    type: 'date',
    default: null,
    description:
      'The date you want to finish by, yyyy-mm-dd (set it with `roadmap goal --deadline`).',
  },
  'focus-limit': {
    type: 'integer',
    default: 1,
    min: 1,
    max: 10,
    description:
      'How many courses may be active at once; studying another one beyond it is a switch, and lowering it parks the least recently worked (raising it brings them back).',
  },
  'idle-days': {
    type: 'integer',
    default: 7,
    min: 0,
    max: 365,
    description:
      '`next` and `status` nudge you after this many days without activity (study, marks, notes, project steps) in an active course (0: never).',
  },
} satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

export interface Settings {
  'skip-optional': boolean;
  'bar-width': number;
  'week-start': 'monday' | 'sunday';
  'goal-minutes-per-week': number | null;
  'goal-deadline': string | null;
  'focus-limit': number;
  'idle-days': number;
}

function specOf(key: string): SettingSpec {
  if (!Object.hasOwn(SETTINGS, key)) {
    const hint = didYouMean(suggestIds(key, Object.keys(SETTINGS)));
    throw new UsageError(
      `Unknown setting \`${key}\`.`,
      hint ?? 'Run `roadmap config list` to see the settings.',
    );
  }
  return SETTINGS[key as SettingKey];
}

export function assertSettingKey(key: string): SettingKey {
  specOf(key);
  return key as SettingKey;
}

/** Parses a value typed on the command line into the setting's type. */
export function parseSettingValue(key: string, raw: string): SettingValue {
  const spec = specOf(key);
  if (spec.type === 'boolean') {
    if (/^(true|yes|on|1)$/i.test(raw)) return true;
    if (/^(false|no|off|0)$/i.test(raw)) return false;
    throw new UsageError(`\`${key}\` takes true or false, not \`${raw}\`.`);
  }
  if (spec.type === 'choice') {
    const value = raw.trim().toLowerCase();
    if (spec.choices?.includes(value)) return value;
    throw new UsageError(`\`${key}\` takes ${spec.choices?.join(' or ')}, not \`${raw}\`.`);
  }
  if (spec.type === 'date') {
    if (isCalendarDate(raw.trim())) return raw.trim();
    throw new UsageError(`\`${key}\` takes a date written yyyy-mm-dd, not \`${raw}\`.`);
  }
  const value = Number(raw);
  const { min = -Infinity, max = Infinity } = spec;
  if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new UsageError(`\`${key}\` takes a whole number from ${min} to ${max}, not \`${raw}\`.`);
  }
  return value;
}

/**
 * Whether a stored value fits its setting. Keys this version doesn't know are accepted, so a
 * newer version's settings survive a round trip through an older one.
 */
export function isValidSetting(key: string, value: unknown): boolean {
  if (!Object.hasOwn(SETTINGS, key)) return true;
  const spec: SettingSpec = SETTINGS[key as SettingKey];
  if (spec.type === 'boolean') return typeof value === 'boolean';
  if (spec.type === 'choice') return typeof value === 'string' && !!spec.choices?.includes(value);
  if (spec.type === 'date') return isCalendarDate(value);
  return (
    Number.isInteger(value) &&
    (value as number) >= (spec.min ?? -Infinity) &&
    (value as number) <= (spec.max ?? Infinity)
  );
}

/** Stored settings over defaults. */
export function effectiveSettings(state: State): Settings {
  const result: Record<string, SettingValue | null> = {};
  for (const [key, spec] of Object.entries(SETTINGS) as [string, SettingSpec][]) {
    const stored = state.settings[key];
    result[key] = stored !== undefined && isValidSetting(key, stored) ? stored : spec.default;
  }
  return result as unknown as Settings;
}

export interface SettingRow {
  key: string;
  value: SettingValue | null;
  default: SettingValue | null;
  isSet: boolean;
  type: string;
  description: string;
}

export function listSettings(state: State): SettingRow[] {
  const effective = effectiveSettings(state) as unknown as Record<string, SettingValue | null>;
  return (Object.entries(SETTINGS) as [string, SettingSpec][]).map(([key, spec]) => ({
    key,
    value: effective[key]!,
    default: spec.default,
    isSet: Object.hasOwn(state.settings, key),
    type: spec.type,
    description: spec.description,
  }));
}

/** Sets (or with null, unsets) a stored setting; logged, so `undo` reverts it. */
export function setSetting(
  state: State,
  key: string,
  value: SettingValue | null,
  now: Date,
): Change {
  const previous = Object.hasOwn(state.settings, key) ? state.settings[key]! : null;
  if (previous === value) return { state, entry: null, info: {} };
  const settings = { ...state.settings };
  if (value === null) delete settings[key];
  else settings[key] = value;
  return {
    state: { ...state, settings },
    entry: {
      at: now.toISOString(),
      type: 'config',
      key,
      value,
      before: { settings: { [key]: previous } },
    },
    info: {},
  };
}

/** The goal's two settings, which change together through `roadmap goal`, never `config`. */
export const GOAL_KEYS = ['goal-minutes-per-week', 'goal-deadline'] as const;

export const isGoalKey = (key: string): boolean => (GOAL_KEYS as readonly string[]).includes(key);
