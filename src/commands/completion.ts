import { type Context, print } from '../context.js';
import { type CommandShape, completeWords, type Sources } from '../core/complete.js';
import { type CourseStatus, viewFocus } from '../core/focus.js';
import { isGoalKey, SETTINGS } from '../core/settings.js';
import type { State } from '../core/types.js';
import { UsageError } from '../errors.js';
import { listCatalogFiles } from '../store/catalog-files.js';
import { completionScript, SHELLS } from '../ui/completion-scripts.js';

export function completion(shell: string, ctx: Context): void {
  const known = SHELLS.find((s) => s === shell.trim().toLowerCase());
  if (!known) {
    throw new UsageError(
      `Unknown shell \`${shell}\`; roadmap completes ${SHELLS.slice(0, -1).join(', ')} and ${SHELLS.at(-1)}.`,
      'For example: roadmap completion bash',
    );
  }
  ctx.stdout.write(completionScript(known));
}

function idSources(ctx: Context): Sources {
  let state: State | undefined;
  const read = () => {
    state ??= ctx.store.read();
    return state;
  };
  const roadmapCourses = () =>
    read().roadmap.flatMap((r) => ctx.catalog.courseById.get(r.courseId) ?? []);
  return (kind, before) => {
    switch (kind) {
      case 'course':
        return ctx.catalog.courses.map((c) => c.id);
      case 'roadmap-course':
        // Not one named already: `move hf-course --before` means another course.
        return read()
          .roadmap.map((r) => r.courseId)
          .filter((id) => !before.includes(id));
      case 'active-course':
      case 'resumable-course': {
        const state = read();
        const { statuses } = viewFocus(ctx.catalog, state);
        const wanted = (status: CourseStatus | undefined) =>
          kind === 'active-course'
            ? status === 'active'
            : status !== 'active' && status !== 'finished';
        return state.roadmap.map((r) => r.courseId).filter((id) => wanted(statuses.get(id)));
      }
      case 'new-course-or-track': {
        const on = new Set(read().roadmap.map((r) => r.courseId));
        const courses = ctx.catalog.courses.filter((c) => !on.has(c.id)).map((c) => c.id);
        // A track whose courses are all on the roadmap already would add nothing.
        const tracks = [...ctx.catalog.tracks].filter(([, ids]) => ids.some((id) => !on.has(id)));
        return [...tracks.map(([track]) => track), ...courses];
      }
      case 'module':
        return roadmapCourses().flatMap((c) => c.modules.map((m) => m.id));
      case 'marked-module': {
        const { progress } = read();
        return roadmapCourses().flatMap((c) =>
          c.modules.filter((m) => progress.has(m.id)).map((m) => m.id),
        );
      }
      case 'setting':
        return Object.keys(SETTINGS);
      case 'changeable-setting':
        return Object.keys(SETTINGS).filter((key) => !isGoalKey(key));
      case 'shell':
        return SHELLS;
      case 'imported-catalog':
        return listCatalogFiles(ctx.store.paths).map((file) => file.id);
      case 'status-format':
        return ['text', 'markdown', 'json'];
      case 'idea': {
        const named = before[0] === undefined ? undefined : ctx.catalog.courseById.get(before[0]);
        const courses = named ? [named] : roadmapCourses();
        return courses.flatMap((c) => (c.projectIdeas ?? []).map((idea) => idea.id));
      }
      case 'setting-value': {
        const spec = Object.hasOwn(SETTINGS, before[0] ?? '')
          ? SETTINGS[before[0] as keyof typeof SETTINGS]
          : undefined;
        if (spec?.type === 'boolean') return ['true', 'false'];
        return spec?.type === 'choice' ? (spec.choices ?? []) : [];
      }
    }
  };
}

/**
 * `roadmap __complete`: candidates one per line. Reads only; a damaged config file or catalog
 * means no candidates, since a message would land in the middle of the person's command line.
 */
export function complete(typed: string[] | null, tree: CommandShape, ctx: Context): void {
  if (typed === null) return;
  let candidates: string[];
  try {
    candidates = completeWords(tree, typed, idSources(ctx));
  } catch {
    return;
  }
  if (candidates.length > 0) print(ctx, candidates.join('\n'));
}
