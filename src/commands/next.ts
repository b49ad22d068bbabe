import { type Context, print, tell } from '../context.js';
import { selectNextModule } from '../core/select-next.js';
import { effectiveSettings } from '../core/settings.js';
import type { State } from '../core/types.js';
import { nextJson, renderNext, renderNextShort } from '../ui/render-next.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { openPage } from './open-page.js';

export interface NextOptions {
  json?: boolean;
  short?: boolean;
  /** Also open the module's page; commander keeps it apart from --json and --short. */
  open?: boolean;
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
  if (data.kind !== 'module') return;
  if (options.open) {
    const { why } = await openPage(ctx, data.module!.url);
    tell(
      ctx,
      why === null
        ? 'Opened it in your browser.'
        : `Not opened in a browser: ${clean(why)}. Its address is above.`,
    );
  }
  tell(ctx, 'When you have studied it: `roadmap done`');
}
