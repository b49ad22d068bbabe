import chalk from 'chalk';
import { type Context, tell } from '../context.js';
import { parseMinutes } from '../core/inputs.js';
import { loggedMinutes, studyModule } from '../core/journal-changes.js';
import { resolveModule } from '../core/resolve.js';
import { UsageError } from '../errors.js';
import { clean, optionWords, shellWord } from '../ui/sanitize.js';
import { duration } from '../ui/text.js';
import { parseMarkOptions } from './mark.js';
import { type SwitchOptions, studyWithFocus, tellFocus } from './studying.js';

export interface StudyOptions extends SwitchOptions {
  minutes?: string;
  note?: string;
  at?: string;
}

function namesModule(ctx: Context, arg: string): boolean {
  try {
    resolveModule(ctx.catalog, ctx.store.read(), arg);
    return true;
  } catch {
    return false;
  }
}

/** `roadmap study`: time spent on a module, without finishing it. */
export async function study(
  arg: string | undefined,
  options: StudyOptions,
  ctx: Context,
): Promise<void> {
  if (options.minutes === undefined) {
    throw new UsageError(
      'Say how long you studied with --minutes.',
      // `study 45` means 45 minutes, unless 45 names a module (a unique suffix can be a number).
      /^\d+$/.test(arg ?? '') && Number(arg) >= 1 && Number(arg) <= 1440 && !namesModule(ctx, arg!)
        ? `For example: roadmap study --minutes ${arg}${optionWords(options, ['note', 'at', 'switch', 'reason']) ?? ''}`
        : `For example: roadmap study${arg === undefined ? '' : ` ${shellWord(arg)}`} --minutes 45${optionWords(options, ['note', 'at', 'switch', 'reason']) ?? ''}`,
    );
  }
  const parsed = { ...parseMarkOptions(options, ctx.now), minutes: parseMinutes(options.minutes) };
  // Minutes on a module already done don't bring its course back into focus, as with
  // `done --minutes` on it: the work is finished, and switching to log it would park another.
  let alreadyDone = false;
  const { change, ref, reason } = await studyWithFocus(
    ctx,
    arg,
    options,
    'study',
    (base, target) => {
      alreadyDone = base.progress.get(target.module.id)?.status === 'done';
      return studyModule(base, target, parsed, ctx.now);
    },
    () => !alreadyDone,
  );
  const module = ref.module;
  const total = loggedMinutes(change.state, module.id);
  const status = change.state.progress.get(module.id)?.status;
  tell(
    ctx,
    `${chalk.green('✓')} Studied ${duration(parsed.minutes)}: ${clean(module.title)} (${clean(module.id)}). ` +
      `${duration(total)} logged on it so far, against an estimate of ${duration(module.minutes)}.`,
  );
  tellFocus(ctx, change, reason);
  if (status === undefined) {
    tell(ctx, `When you finish it: roadmap done ${clean(module.id)}`);
  }
}
