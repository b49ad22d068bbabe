import { type Context, print, tell } from '../context.js';
import { isDropped } from '../core/focus.js';
import { summarizeProgress } from '../core/progress.js';
import { renderNext } from '../ui/render-next.js';
import { renderStatusLine } from '../ui/render-status.js';
import { commandLines, lineWidth, wrapWidth } from '../ui/text.js';
import { computeNext, nextHint, nextLabels } from './next.js';

export const INTRO = `roadmap keeps you on one learning path through machine-learning engineering:
pick courses, study the next module, mark it done, and see how far you are.
Finish what you start, and build something of your own from each course.

Courses in the catalog: DeepLearning.AI's MLOps specialisation (track mlep),
the Hugging Face LLM Course (hf-course), and Made With ML's MLOps course
(made-with-ml).

Start with:  roadmap add mlep`;

/** Bare `roadmap`: the next module and a one-line status, or an introduction. */
export async function home(ctx: Context): Promise<void> {
  const state = ctx.store.read();
  if (state.roadmap.length === 0) {
    print(ctx, INTRO);
    return;
  }
  const data = computeNext(ctx, state);
  print(ctx, renderNext(data, nextLabels(ctx), 'Next: '));
  print(ctx, '');
  const counted = state.roadmap.filter((r) => !isDropped(ctx.catalog, state, r.courseId));
  print(
    ctx,
    wrapWidth(
      renderStatusLine(summarizeProgress(ctx.catalog, state), counted.length),
      lineWidth(),
      '  ',
    ).join('\n'),
  );
  const hint = data.kind === 'project' ? nextHint(data) : null;
  if (hint) for (const line of commandLines(hint)) tell(ctx, line);
  tell(
    ctx,
    data.kind === 'module'
      ? 'More: `roadmap done` when you have studied it, `roadmap status`, `roadmap --help`'
      : data.kind === 'project'
        ? 'More: `roadmap project` lists your projects, `roadmap status`, `roadmap --help`'
        : 'More: `roadmap status`, `roadmap catalog` to add a course, `roadmap --help`',
  );
}
