import chalk from 'chalk';
import type { ModuleRef } from '../catalog/catalog-index.js';
import { type Context, print, tell } from '../context.js';
import { parseAt, parseMinutes, parseNote } from '../core/inputs.js';
import { markModule } from '../core/progress-changes.js';
import { resolveModule } from '../core/resolve.js';
import { selectNextModule } from '../core/select-next.js';
import { effectiveSettings } from '../core/settings.js';
import type { Change, ProgressStatus, State } from '../core/types.js';
import { Failure } from '../errors.js';
import { renderNext } from '../ui/render-next.js';
import { clean } from '../ui/sanitize.js';
import { basisLabel, computeNext } from './next.js';

export interface MarkOptions {
  minutes?: string;
  note?: string;
  at?: string;
}

/** The module named on the command line, or the current next one; `verb` is what it is for. */
export function targetModule(
  ctx: Context,
  state: State,
  arg: string | undefined,
  verb: 'mark' | 'study' | 'open',
): ModuleRef {
  if (arg !== undefined) return resolveModule(ctx.catalog, state, arg);
  const settings = effectiveSettings(state);
  const next = selectNextModule(ctx.catalog, state, { skipOptional: settings['skip-optional'] });
  if (next.kind === null) {
    throw next.reason === 'empty'
      ? new Failure(
          `Your roadmap is empty, so there is nothing to ${verb}.`,
          'Add courses first: roadmap add mlep',
        )
      : next.optionalLeft > 0
        ? new Failure(
            'Only optional modules are left, and skip-optional passes over them.',
            `Name one to ${verb} it (\`roadmap show <course>\` lists them), or run \`roadmap config set skip-optional false\`.`,
          )
        : new Failure(
            'Every module on your roadmap is done or skipped.',
            `Name a module to ${verb === 'open' ? 'open' : 'change'} one: roadmap show <course>`,
          );
  }
  return { course: next.course, module: next.module, index: next.position.index - 1 };
}

/** --minutes, --note and --at, checked before anything is read. */
export function parseMarkOptions(options: MarkOptions, now: Date) {
  return {
    ...(options.minutes !== undefined && { minutes: parseMinutes(options.minutes) }),
    ...(options.note !== undefined && { note: parseNote(options.note) }),
    ...(options.at !== undefined && { at: parseAt(options.at, now) }),
  };
}

/**
 * Applies a change to the named module (or the next one). The module is resolved on the snapshot
 * first, so a bad argument fails before the lock is taken, then again on the fresh state.
 */
export async function changeModule<T>(
  ctx: Context,
  arg: string | undefined,
  verb: 'mark' | 'study',
  compute: (state: State, ref: ModuleRef) => Change<T>,
): Promise<{ ref: ModuleRef; change: Change<T> }> {
  targetModule(ctx, ctx.store.read(), arg, verb);
  let ref: ModuleRef | undefined;
  const change = await ctx.store.change((state) => {
    ref = targetModule(ctx, state, arg, verb);
    return compute(state, ref);
  });
  return { ref: ref!, change };
}

function courseFinished(state: State, ref: ModuleRef): boolean {
  return ref.course.modules.every((m) => Object.hasOwn(state.progress, m.id));
}

/** `done` and `skip`. */
export async function mark(
  status: ProgressStatus,
  arg: string | undefined,
  options: MarkOptions,
  ctx: Context,
): Promise<void> {
  const parsed = parseMarkOptions(options, ctx.now);
  const { ref, change } = await changeModule(ctx, arg, 'mark', (state, module) =>
    markModule(state, module, status, parsed, ctx.now),
  );
  const id = clean(ref.module.id);
  const title = clean(ref.module.title);
  const { outcome, previous } = change.info;
  const verb = status === 'done' ? 'Done' : 'Skipped';
  if (outcome === 'amended') {
    const added = [
      ...(parsed.note !== undefined ? ['your note'] : []),
      ...(parsed.minutes !== undefined ? [`${parsed.minutes} minutes`] : []),
    ].join(' and ');
    tell(ctx, `${id} was already ${previous!.status}; added ${added} to it.`);
  } else if (outcome === 'already') {
    const when = previous!.at.slice(0, 10);
    tell(
      ctx,
      previous!.status === status
        ? `${id} was already ${status === 'done' ? 'done' : 'skipped'} (${when}); nothing changed.`
        : `${id} is done (${when}); nothing changed. To skip it instead, run \`roadmap reset ${id}\` first.`,
    );
    if (parsed.at !== undefined) {
      tell(
        ctx,
        `--at was not applied: to change the date, run \`roadmap reset ${id}\`, then mark it again.`,
      );
    }
  } else {
    const was = outcome === 'upgraded' ? ' (was skipped)' : '';
    tell(ctx, `${chalk.green('✓')} ${verb}: ${title} (${id})${was}`);
    if (courseFinished(change.state, ref!)) {
      tell(
        ctx,
        chalk.green(
          `You finished ${clean(ref.course.title)}. Now build something of your own with it.`,
        ),
      );
    }
  }
  const next = computeNext(ctx, change.state);
  print(
    ctx,
    next.kind === 'module'
      ? `Next: ${renderNext(next, basisLabel(ctx))}`
      : renderNext(next, basisLabel(ctx)),
  );
}
