import { type Context, print, tell } from '../context.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { targetModule } from './mark.js';
import { openPage } from './open-page.js';

export async function open(
  arg: string | undefined,
  options: { json?: boolean },
  ctx: Context,
): Promise<void> {
  const ref = targetModule(ctx, ctx.store.read(), arg, 'open');
  const { json, why } = await openPage(ctx, ref.module.url);
  if (options.json) return print(ctx, toSafeJson(json));
  if (why === null) {
    return tell(
      ctx,
      `Opened ${clean(ref.module.title)} (${clean(ref.module.id)}) in your browser.`,
    );
  }
  print(ctx, clean(json.url));
  tell(ctx, `Not opened in a browser: ${clean(why)}. Open the address above yourself.`);
}
