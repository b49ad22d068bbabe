import { type Context, print } from '../context.js';
import { toSafeJson } from '../ui/sanitize.js';

/** Prints the data as JSON with --json, or through the text renderer. Both get the same object. */
export function emit<T>(
  ctx: Context,
  data: T,
  json: boolean | undefined,
  render: (data: T) => string,
): void {
  print(ctx, json ? toSafeJson(data) : render(data));
}
