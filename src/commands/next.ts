import { type Context, print, tell } from '../context.js';
import { selectNextModule } from '../core/select-next.js';
import { effectiveSettings } from '../core/settings.js';
import type { State } from '../core/types.js';
import { nextJson, renderNext, renderNextShort } from '../ui/render-next.js';
import { toSafeJson } from '../ui/sanitize.js';

export interface NextOptions {
  json?: boolean;
  short?: boolean;
}

export function computeNext(ctx: Context, state: State) {
  const settings = effectiveSettings(state);
  return nextJson(
    selectNextModule(ctx.catalog, state, { skipOptional: settings['skip-optional'] }),
  );
}

export function basisLabel(ctx: Context) {
  return (moduleId: string) => {
    const basis = ctx.catalog.moduleById.get(moduleId)?.module.minutesBasis;
    return basis === 'stated' ? 'stated by the course' : `${basis ?? 'unknown'} estimate`;
  };
}

export async function next(options: NextOptions, ctx: Context): Promise<void> {
  const data = computeNext(ctx, ctx.store.read());
  if (options.json) return print(ctx, toSafeJson(data));
  if (options.short) {
    const line = renderNextShort(data);
    if (line !== null) print(ctx, line);
    return;
  }
  if (data.reason === 'empty') {
    return tell(
      ctx,
      'Your roadmap is empty. Add courses with `roadmap add mlep`, or browse `roadmap catalog`.',
    );
  }
  print(ctx, renderNext(data, basisLabel(ctx)));
  if (data.kind === 'module') tell(ctx, 'When you have studied it: `roadmap done`');
}
