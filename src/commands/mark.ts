import chalk from 'chalk';
import { type Context, print, tell } from '../context.js';
import { modulesComplete, projectSettled } from '../core/focus.js';
import { parseAt, parseMinutes, parseNote } from '../core/inputs.js';
import { type MarkOutcome, markModule } from '../core/progress-changes.js';
import type { ProgressStatus } from '../core/types.js';
import { renderNext } from '../ui/render-next.js';
import { clean } from '../ui/sanitize.js';
import { duration, lineWidth, localDay, wrapWidth } from '../ui/text.js';
import { computeNext, nextLabels } from './next.js';
import { type SwitchOptions, studyWithFocus, tellFocus } from './studying.js';

export { targetModule } from './studying.js';

export interface MarkOptions extends SwitchOptions {
  minutes?: string;
  note?: string;
  at?: string;
}

/** --minutes, --note and --at, checked before anything is read. */
export function parseMarkOptions(options: MarkOptions, now: Date) {
  return {
    ...(options.minutes !== undefined && { minutes: parseMinutes(options.minutes) }),
    ...(options.note !== undefined && { note: parseNote(options.note) }),
    ...(options.at !== undefined && { at: parseAt(options.at, now) }),
  };
}

/** Marking changes a module's status (not only its notes or minutes): that is studying it. */
const STUDIES: MarkOutcome[] = ['marked', 'upgraded'];

/** `done` and `skip`. */
export async function mark(
  status: ProgressStatus,
  arg: string | undefined,
  options: MarkOptions,
  ctx: Context,
): Promise<void> {
  const parsed = parseMarkOptions(options, ctx.now);
  const { change, ref, reason } = await studyWithFocus(
    ctx,
    arg,
    options,
    status === 'done' ? 'done' : 'skip',
    (base, target) => markModule(base, target, status, parsed, ctx.now),
    (marked) => STUDIES.includes(marked.info.outcome),
  );
  const id = clean(ref.module.id);
  const title = clean(ref.module.title);
  const { outcome, previous } = change.info;
  const verb = status === 'done' ? 'Done' : 'Skipped';
  if (outcome === 'amended') {
    const added = [
      ...(parsed.note !== undefined ? ['your note'] : []),
      ...(parsed.minutes !== undefined ? [duration(parsed.minutes)] : []),
    ].join(' and ');
    tell(
      ctx,
      `${chalk.green('✓')} ${id} was already ${previous!.status}; added ${added} to it. \`roadmap undo\` reverts this.`,
    );
  } else if (outcome === 'already') {
    const when = localDay(previous!.at);
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
    const course = ref.course;
    // A skipped module marked done leaves the course as complete as it was: nothing to announce.
    if (outcome === 'marked' && modulesComplete(ctx.catalog, change.state, course.id)) {
      const text = projectSettled(change.state, course.id)
        ? `You finished ${clean(course.title)}: every module, and its project.`
        : `That was the last module of ${clean(course.title)}. Now build something of your own with it: the course is finished when its project ships.`;
      for (const line of wrapWidth(text, lineWidth(), '')) tell(ctx, chalk.green(line));
    }
  }
  tellFocus(ctx, change, reason);
  const next = computeNext(ctx, change.state);
  print(ctx, renderNext(next, nextLabels(ctx), 'Next: '));
}
