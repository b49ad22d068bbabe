import chalk from 'chalk';
import type { CatalogIndex } from '../catalog/catalog-index.js';
import { type Context, tell } from '../context.js';
import { viewFocus, withFocus } from '../core/focus.js';
import { hasProgress } from '../core/focus-report.js';
import { resolveCourseArgs } from '../core/resolve.js';
import { addCourses } from '../core/roadmap-changes.js';
import type { State } from '../core/types.js';
import { UsageError } from '../errors.js';
import type { Choice, Heading } from '../prompts.js';
import { dumbTerminalNote } from '../terminal.js';
import { clean } from '../ui/sanitize.js';
import { hours } from '../ui/text.js';
import { tellTransitions } from './focus-messages.js';

/** Whether a course was on this roadmap before, or has work recorded: its caveats were met. */
function hadHistory(state: State | undefined, id: string): boolean {
  if (state === undefined) return false;
  if (Object.hasOwn(state.courses, id) || Object.hasOwn(state.projects, id)) return true;
  const prefix = `${id}/`;
  return (
    state.progress.ofCourse(id).length > 0 ||
    Object.keys(state.journal).some((m) => m.startsWith(prefix))
  );
}

/** The courses not yet on the roadmap, grouped by programme (provider), in catalog order. */
export function buildAddChoices(catalog: CatalogIndex, state: State): (Choice<string> | Heading)[] {
  const onRoadmap = new Set(state.roadmap.map((r) => r.courseId));
  const groups = new Map<string, Choice<string>[]>();
  for (const course of catalog.courses) {
    if (onRoadmap.has(course.id)) continue;
    const minutes = course.modules.reduce((sum, m) => sum + m.minutes, 0);
    const list = groups.get(course.provider) ?? [];
    list.push({
      value: course.id,
      name: `${clean(course.id)}: ${clean(course.title)} (${hours(minutes)})`,
      // Once submitted, the answer lists ids, not every full title again.
      short: clean(course.id),
    });
    groups.set(course.provider, list);
  }
  return [...groups].flatMap(([provider, choices]) => [
    { heading: `── ${clean(provider)}` },
    ...choices,
  ]);
}

function tracksHint(catalog: CatalogIndex): string {
  const tracks = [...catalog.tracks.keys()];
  const courses = catalog.courses.map((c) => c.id);
  return `Pass course or track ids, for example \`roadmap add mlep\`. Tracks: ${tracks.join(', ') || 'none'}. Courses: ${courses.join(', ')}.`;
}

export async function add(args: string[], ctx: Context): Promise<void> {
  let ids: string[];
  if (args.length > 0) {
    ids = resolveCourseArgs(ctx.catalog, args);
  } else {
    if (!ctx.isInteractive) {
      throw new UsageError(
        `\`roadmap add\` needs course ids when it is not run in a terminal${dumbTerminalNote(ctx.env)}.`,
        tracksHint(ctx.catalog),
      );
    }
    const choices = buildAddChoices(ctx.catalog, ctx.store.read());
    if (!choices.some((c) => 'value' in c)) {
      return tell(ctx, 'Every course in the catalog is already on your roadmap.');
    }
    ids = await ctx.prompt.checkbox({ message: 'Which courses do you want to take?', choices });
    if (ids.length === 0) return tell(ctx, 'Nothing selected; nothing changed.');
  }
  // The roadmap as the change found it: a course with a record there has a history.
  let before: State | undefined;
  const change = await ctx.store.change((state) => {
    before = state;
    return withFocus(ctx.catalog, state, ctx.now, (base) =>
      addCourses(ctx.catalog, base, ids, ctx.now),
    );
  });
  const { added, alreadyOnRoadmap, missingPrerequisites, transitions } = change.info;
  for (const id of alreadyOnRoadmap)
    tell(ctx, `${clean(id)} is already on your roadmap; left as it is.`);
  for (const { courseId, prerequisite } of missingPrerequisites) {
    tell(
      ctx,
      chalk.yellow(
        `! ${clean(courseId)} builds on ${clean(prerequisite)}, which is not on your roadmap. Add it with \`roadmap add ${clean(prerequisite)}\` if you haven't taken it.`,
      ),
    );
  }
  if (added.length > 0) {
    tell(ctx, `${chalk.green('✓')} Added ${added.map(clean).join(', ')} to your roadmap.`);
    // Said where the choice is made, `show` alone would leave a retired course unnoticed; once,
    // so not for a course coming back with a history from before this command.
    const noted = added.filter(
      (id) => (ctx.catalog.courseById.get(id)?.caveats?.length ?? 0) > 0 && !hadHistory(before, id),
    );
    if (noted.length > 0)
      tell(
        ctx,
        noted.length === 1
          ? `${clean(noted[0]!)} has notes on its catalog data (sources, estimates, whether still offered): \`roadmap show ${clean(noted[0]!)}\` lists them.`
          : `${noted.map(clean).join(', ')} have notes on their catalog data (sources, estimates, whether still offered): \`roadmap show <course>\` lists a course's.`,
      );
    tellTransitions(ctx, transitions, change.state);
    // A course removed and added again keeps its state: parked, it waits to be brought back.
    const { statuses } = viewFocus(ctx.catalog, change.state);
    for (const id of added.filter((a) => statuses.get(a) === 'parked'))
      tell(
        ctx,
        `${clean(id)} is back parked${hasProgress(ctx.catalog, change.state, id) ? ', with its progress' : ''}: \`roadmap resume ${clean(id)}\` brings it into focus.`,
      );
    // Added behind the course in focus, a course waits its turn: `next` shows that one.
    const view = viewFocus(ctx.catalog, change.state);
    const waiting = added.filter((a) => statuses.get(a) === 'planned');
    if (waiting.length === added.length && view.active.length > 0)
      tell(
        ctx,
        `${waiting.length === 1 ? 'It waits' : 'They wait'} behind ${view.active.map(clean).join(', ')}, in focus now: \`roadmap next\` shows what to study.`,
      );
    else tell(ctx, 'See what to study first: `roadmap next`');
  }
}
