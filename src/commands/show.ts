import type { Context } from '../context.js';
import { resolveCourse } from '../core/resolve.js';
import { viewCourse } from '../core/views.js';
import { renderCourse } from '../ui/render-course.js';
import { emit } from './output.js';

export async function show(
  courseId: string,
  options: { json?: boolean },
  ctx: Context,
): Promise<void> {
  const course = resolveCourse(ctx.catalog, courseId);
  emit(ctx, viewCourse(course, ctx.store.read()), options.json, renderCourse);
}
