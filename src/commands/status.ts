import { type Context, tell } from '../context.js';
import { summarizeProgress } from '../core/progress.js';
import { effectiveSettings } from '../core/settings.js';
import { renderStatus, statusJson } from '../ui/render-status.js';
import { emit } from './output.js';

export async function status(options: { json?: boolean }, ctx: Context): Promise<void> {
  const state = ctx.store.read();
  const data = statusJson(summarizeProgress(ctx.catalog, state));
  if (!options.json && data.courses.length === 0) {
    return tell(
      ctx,
      'Your roadmap is empty. Add courses with `roadmap add mlep`, or browse `roadmap catalog`.',
    );
  }
  emit(ctx, data, options.json, (d) =>
    renderStatus(d, ctx.now, effectiveSettings(state)['bar-width']),
  );
}
