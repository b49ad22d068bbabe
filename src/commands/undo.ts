import { lightFormat } from 'date-fns/lightFormat';
import { type Context, tell } from '../context.js';
import type { LogEntry } from '../core/types.js';
import { undoLast } from '../core/undo.js';
import { clean } from '../ui/sanitize.js';

/** "done hf-course/chapter1/1 (2026-03-01 18:30)", in local time. */
function describe(entry: LogEntry): string {
  const subject = clean(
    entry.moduleId ?? entry.courseIds?.join(', ') ?? entry.courseId ?? entry.key ?? '',
  );
  const what =
    entry.type === 'config' ? (entry.value === null ? 'config unset' : 'config set') : entry.type;
  return `${what} ${subject} (${lightFormat(new Date(entry.at), 'yyyy-MM-dd HH:mm')})`;
}

export async function undo(ctx: Context): Promise<void> {
  const snapshot = ctx.store.readStored();
  if (snapshot.log.entries === 0) undoLast(snapshot, [], ctx.now);
  // Undo puts back the values the log recorded, which are the stored ones: no view needed.
  const change = await ctx.store.change(
    (state, log) => undoLast(state, log.newestFirst(), ctx.now),
    { view: false },
  );
  tell(
    ctx,
    `Undid: ${describe(change.info.undone)}. Run \`roadmap undo\` again to go further back.`,
  );
}
