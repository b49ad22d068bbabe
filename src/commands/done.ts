import type { Context } from '../context.js';
import { type MarkOptions, mark } from './mark.js';

export function done(arg: string | undefined, options: MarkOptions, ctx: Context): Promise<void> {
  return mark('done', arg, options, ctx);
}
