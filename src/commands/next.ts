import { type Context, print, tell } from '../context.js';
import { courseStatus, resumableCourse, viewFocus } from '../core/focus.js';
import { idleFor, parkedUnfinished } from '../core/focus-report.js';
import { journalIndex } from '../core/journal-index.js';
import { projectStepJson } from '../core/projects.js';
import { nextInCourse, selectNextModule } from '../core/select-next.js';
import { effectiveSettings } from '../core/settings.js';
import type { State } from '../core/types.js';
import {
  type NextJson,
  type NextLabels,
  nextJson,
  renderNext,
  renderNextShort,
} from '../ui/render-next.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { commandLines, loadTextWidthsFor } from '../ui/text.js';
import { openPage } from './open-page.js';

export interface NextOptions {
  json?: boolean;
  short?: boolean;
  /** Also open the module's page; commander keeps it apart from --json and --short. */
  open?: boolean;
}

/**
 * With nothing to study in focus: `roadmap doctor` when what is in focus can't be studied because
 * its catalog isn't loaded (removed, or damaged), since mending that keeps the learner's focus;
 * else the parked course most worth resuming (the furthest along).
 */
function resumeHint(ctx: Context, state: State): string | null {
  const view = viewFocus(ctx.catalog, state);
  if (view.unloaded.length > 0) return 'roadmap doctor';
  const id =
    parkedUnfinished(ctx.catalog, state, view)[0] ??
    state.roadmap.find((r) => view.statuses.get(r.courseId) === 'parked')?.courseId;
  return id === undefined ? null : `roadmap resume ${id}`;
}

export function computeNext(ctx: Context, state: State): NextJson {
  const settings = effectiveSettings(state);
  const next = selectNextModule(ctx.catalog, state, { skipOptional: settings['skip-optional'] });
  return nextJson(next, {
    project: next.kind === 'project' ? projectStepJson(ctx.catalog, state, next.course.id) : null,
    idle: next.kind === null ? null : idleFor(ctx.catalog, state, next.course.id, ctx.now),
    minutesLogged:
      next.kind === 'module'
        ? (journalIndex(state)
            .get(next.module.id)
            ?.sessions.reduce((sum, s) => sum + s.minutes, 0) ?? 0)
        : 0,
    hint:
      next.reason === 'no-active-course'
        ? resumeHint(ctx, state)
        : next.reason === 'finished'
          ? droppedHint(ctx, state)
          : null,
  });
}

/**
 * With every course dropped and none finished, "your roadmap is finished" would be a hollow
 * word: the command that brings back the first dropped course whose catalog is loaded instead.
 * Null otherwise.
 */
function droppedHint(ctx: Context, state: State): string | null {
  const ids = state.roadmap.map((r) => r.courseId);
  if (ids.length === 0 || ids.some((id) => courseStatus(ctx.catalog, state, id) === 'finished'))
    return null;
  // One that can be studied once back: its catalog is loaded.
  const back = ids.find((id) => ctx.catalog.courseById.has(id));
  return back === undefined ? null : `roadmap resume ${back}`;
}

export function nextLabels(ctx: Context): NextLabels {
  return {
    basisOf(moduleId) {
      const basis = ctx.catalog.moduleById.get(moduleId)?.module.minutesBasis;
      return basis === 'stated' ? 'stated by the course' : `${basis ?? 'unknown'} estimate`;
    },
    titleOf: (moduleId) => ctx.catalog.moduleById.get(moduleId)?.module.title,
    resumable() {
      // Asked only when nothing in focus can be studied; the state read is the command's own.
      const state = ctx.store.read();
      return resumableCourse(ctx.catalog, state, viewFocus(ctx.catalog, state));
    },
    unloadedInFocus() {
      const state = ctx.store.read();
      return viewFocus(ctx.catalog, state).unloaded[0];
    },
  };
}

/** What to run after seeing the next step, on stderr. */
export function nextHint(data: NextJson): string | null {
  if (data.kind === 'module') {
    const optionalOnly = data.module!.optional && data.optionalLeft === 0;
    return optionalOnly
      ? 'When you have studied it: `roadmap done` (or `roadmap skip` to pass over it)'
      : 'When you have studied it: `roadmap done`';
  }
  if (data.kind === 'project' && data.project?.step === 'choose' && data.project.ideas.length > 0) {
    return `Or pick one by id: roadmap project ${data.course!.id} --idea ${data.project.ideas[0]!.id}`;
  }
  // Building is study: said here, where the learner looks for what to do.
  if (
    data.kind === 'project' &&
    (data.project?.step === 'start' || data.project?.step === 'ship')
  ) {
    return `Log time as you build it: roadmap project ${data.course!.id} --minutes N`;
  }
  return null;
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
  await loadTextWidthsFor(data);
  print(ctx, renderNext(data, nextLabels(ctx)));
  if (data.kind === 'module' && options.open) {
    const { why } = await openPage(ctx, data.module!.url);
    tell(
      ctx,
      why === null
        ? 'Opened it in your browser.'
        : `Not opened in a browser: ${clean(why)}. Its address is above.`,
    );
  }
  const hint = nextHint(data);
  if (hint) for (const line of commandLines(hint)) tell(ctx, line);
  for (const line of alsoInFocus(ctx, data)) tell(ctx, line);
}

/**
 * With room for more than one course, `next` shows the first: the others in focus get a line
 * each, with their step and the command that opens it, so that none is lost from sight.
 */
function alsoInFocus(ctx: Context, data: NextJson): string[] {
  if (data.course === null) return [];
  const state = ctx.store.read();
  const settings = effectiveSettings(state);
  // One course in focus at most (the default): nothing else to name, and no focus to work out.
  if (settings['focus-limit'] < 2) return [];
  const skipOptional = settings['skip-optional'];
  const lines: string[] = [];
  for (const id of viewFocus(ctx.catalog, state).active) {
    const course = ctx.catalog.courseById.get(id);
    if (id === data.course.id || !course) continue;
    const step = nextInCourse(course, state, { skipOptional });
    const text =
      step?.kind === 'module'
        ? `Also in focus, ${clean(id)}: “${clean(step.module.title)}”: roadmap open ${clean(step.module.id)}`
        : step?.kind === 'project'
          ? `Also in focus, ${clean(id)}: its project: roadmap project ${clean(id)}`
          : null;
    if (text !== null) lines.push(...commandLines(text));
  }
  return lines;
}
