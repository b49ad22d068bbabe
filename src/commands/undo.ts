import { type Context, tell } from '../context.js';
import type { LogEntry } from '../core/types.js';
import { undoLast } from '../core/undo.js';
import { clean } from '../ui/sanitize.js';

function describe(entry: LogEntry): string {
  const subject = clean(
    entry.moduleId ?? entry.courseIds?.join(', ') ?? entry.courseId ?? entry.key ?? '',
  );
  const what: Record<string, string> = {
    done: 'done',
    skip: 'skip',
    reset: 'reset',
    add: 'add',
    remove: 'remove',
    move: 'move',
    config: 'config set',
  };
  return `${what[entry.type] ?? entry.type} ${subject} (${entry.at.slice(0, 16).replace('T', ' ')} UTC)`.trim();
}

export async function undo(ctx: Context): Promise<void> {
  ctx.store.read();
  const change = await ctx.store.change((state, log) => undoLast(state, log(), ctx.now));
  tell(
    ctx,
    `Undid: ${describe(change.info.undone)}. Run \`roadmap undo\` again to go further back.`,
  );
}
