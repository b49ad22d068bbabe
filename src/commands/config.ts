import { type Context, print, tell } from '../context.js';
import { withFocus } from '../core/focus.js';
import {
  assertSettingKey,
  effectiveSettings,
  isGoalKey,
  listSettings,
  parseSettingValue,
  SETTINGS,
  setSetting,
} from '../core/settings.js';
import type { SettingValue } from '../core/types.js';
import { UsageError } from '../errors.js';
import { clean } from '../ui/sanitize.js';
import { lineWidth, wrapWidth } from '../ui/text.js';
import { tellTransitions } from './focus-messages.js';
import { emit } from './output.js';

export async function configGet(
  key: string,
  options: { json?: boolean },
  ctx: Context,
): Promise<void> {
  const known = assertSettingKey(key);
  const value = (effectiveSettings(ctx.store.read()) as unknown as Record<string, SettingValue>)[
    known
  ];
  if (options.json) return print(ctx, JSON.stringify(value));
  // Data on stdout: a script reading it gets nothing, rather than the words "not set".
  if (value === null) return tell(ctx, `${known} is not set; \`roadmap goal\` sets it.`);
  print(ctx, String(value));
}

export async function configList(options: { json?: boolean }, ctx: Context): Promise<void> {
  emit(ctx, listSettings(ctx.store.read()), options.json, (rows) =>
    rows
      .map(
        (r) =>
          `${r.key} = ${r.value ?? 'not set'}${r.isSet || r.value === null ? '' : ' (default)'}\n${wrapWidth(`    ${r.type}: ${r.description}`, lineWidth(), '      ').join('\n')}`,
      )
      .join('\n'),
  );
}

/** The goal's two settings change together, through `roadmap goal`, which checks them as a pair. */
function refuseGoalKeys(key: string): void {
  if (isGoalKey(key)) {
    throw new UsageError(
      `\`${key}\` is set with \`roadmap goal\`, which keeps the goal and its deadline consistent.`,
      'For example: roadmap goal --hours-per-week 5 --deadline 2027-06-30 (or roadmap goal --clear)',
    );
  }
}

export async function configSet(key: string, raw: string, ctx: Context): Promise<void> {
  refuseGoalKeys(key);
  const value = parseSettingValue(key, raw);
  const change = await ctx.store.change((state) =>
    withFocus(ctx.catalog, state, ctx.now, (base) => setSetting(base, key, value, ctx.now)),
  );
  tell(ctx, change.entry ? `${key} = ${value}` : `${key} is already ${value}; nothing changed.`);
  tellTransitions(ctx, change.info.transitions, change.state);
}

export async function configUnset(key: string, ctx: Context): Promise<void> {
  // A setting this version doesn't know (brought in by an import from a newer one) can still be
  // removed, as long as it is there.
  if (!Object.hasOwn(ctx.store.read().settings, key)) assertSettingKey(key);
  refuseGoalKeys(key);
  const change = await ctx.store.change((state) =>
    withFocus(ctx.catalog, state, ctx.now, (base) => setSetting(base, key, null, ctx.now)),
  );
  const known = Object.hasOwn(SETTINGS, key);
  tell(
    ctx,
    !change.entry
      ? `${key} was not set; nothing changed.`
      : known
        ? `${key} is back to its default, ${String(SETTINGS[key as keyof typeof SETTINGS].default)}.`
        : `Removed ${clean(key)}, a setting roadmap doesn't know, from your settings.`,
  );
  tellTransitions(ctx, change.info.transitions, change.state);
}

export function configPath(ctx: Context): void {
  print(ctx, clean(ctx.store.paths.config));
}
