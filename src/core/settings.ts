import { UsageError } from '../errors.js';
import { didYouMean, suggestIds } from './suggest.js';
import type { Change, SettingValue, State } from './types.js';

interface SettingSpec {
  type: 'boolean' | 'integer';
  default: SettingValue;
  description: string;
  min?: number;
  max?: number;
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
} satisfies Record<string, SettingSpec>;

export type SettingKey = keyof typeof SETTINGS;

export interface Settings {
  'skip-optional': boolean;
  'bar-width': number;
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
  const value = Number(raw);
  const { min = -Infinity, max = Infinity } = spec;
  if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new UsageError(`\`${key}\` takes a whole number from ${min} to ${max}, not \`${raw}\`.`);
  }
  return value;
}

/** Stored settings over defaults. Stored values of the wrong type fall back to the default. */
/**
 * Whether a stored value fits its setting. Keys this version doesn't know are accepted, so a
 * newer version's settings survive a round trip through an older one.
 */
export function isValidSetting(key: string, value: unknown): boolean {
  if (!Object.hasOwn(SETTINGS, key)) return true;
  const spec: SettingSpec = SETTINGS[key as SettingKey];
  if (spec.type === 'boolean') return typeof value === 'boolean';
  return (
    Number.isInteger(value) &&
    (value as number) >= (spec.min ?? -Infinity) &&
    (value as number) <= (spec.max ?? Infinity)
  );
}

/** Stored settings over defaults. */
export function effectiveSettings(state: State): Settings {
  const result: Record<string, SettingValue> = {};
  for (const [key, spec] of Object.entries(SETTINGS) as [string, SettingSpec][]) {
    const stored = state.settings[key];
    result[key] = stored !== undefined && isValidSetting(key, stored) ? stored : spec.default;
  }
  return result as unknown as Settings;
}

export interface SettingRow {
  key: string;
  value: SettingValue;
  default: SettingValue;
  isSet: boolean;
  type: string;
  description: string;
}

export function listSettings(state: State): SettingRow[] {
  const effective = effectiveSettings(state) as unknown as Record<string, SettingValue>;
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
