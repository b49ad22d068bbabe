import type { Context } from '../context.js';
import { type MarkOptions, mark } from './mark.js';

export function skip(arg: string | undefined, options: MarkOptions, ctx: Context): Promise<void> {
  return mark('skipped', arg, options, ctx);
}
