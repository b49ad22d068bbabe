import { type Context, print, tell } from '../context.js';
import { normalizeId, resolveCourse } from '../core/resolve.js';
import { viewCourse } from '../core/views.js';
import { renderCourse } from '../ui/render-course.js';
import { clean, toSafeJson } from '../ui/sanitize.js';
import { loadTextWidthsFor } from '../ui/text.js';
import { emit } from './output.js';

export async function show(
  courseId: string,
  options: { json?: boolean },
  ctx: Context,
): Promise<void> {
  const state = ctx.store.read();
  const id = normalizeId(courseId);
  // A course on the roadmap whose catalog isn't loaded stays there; showing it is not an error.
  if (!ctx.catalog.courseById.has(id) && state.roadmap.some((r) => r.courseId === id)) {
    if (options.json) return print(ctx, toSafeJson({ id, inCatalog: false, onRoadmap: true }));
    print(ctx, `${clean(id)}: catalog not loaded`);
    tell(
      ctx,
      `It stays on your roadmap with its progress. Import its catalog again (\`roadmap catalog import FILE\`) to see its modules, or take it off with \`roadmap remove ${clean(id)}\`.`,
    );
    return;
  }
  const course = resolveCourse(ctx.catalog, courseId);
  const view = viewCourse(course, state, ctx.catalog);
  if (!options.json) await loadTextWidthsFor(view);
  emit(ctx, view, options.json, renderCourse);
}
