import { lightFormat } from 'date-fns/lightFormat';
import { type Context, tell } from '../context.js';
import { type CourseStatuses, viewFocus, withFinished } from '../core/focus.js';
import { effectiveSettings } from '../core/settings.js';
import type { LogEntry, State } from '../core/types.js';
import { undoLast } from '../core/undo.js';
import { clean } from '../ui/sanitize.js';
import { duration, goalHours } from '../ui/text.js';

const COURSE_VERB = { active: 'resume', parked: 'park', dropped: 'drop', planned: 'plan' } as const;

/** What an entry did, as a verb: "done", "config set", "park", "project shipped". */
export function entryVerb(
  entry: Pick<LogEntry, 'type' | 'value' | 'state' | 'stage' | 'minutes'> &
    Partial<Pick<LogEntry, 'before' | 'courseId'>>,
): string {
  if (entry.type === 'config') return entry.value === null ? 'config unset' : 'config set';
  if (entry.type === 'course' && entry.state) return COURSE_VERB[entry.state];
  // Time spent building the project: its stage stays as it was.
  if (entry.type === 'project' && entry.minutes !== undefined) return 'project time';
  if (entry.type === 'project' && entry.stage) {
    // Details changed (a title, an estimate) with the stage as it was: not a second "idea".
    const was = entry.courseId ? entry.before?.projects?.[entry.courseId] : undefined;
    return was?.stage === entry.stage ? 'project edit' : `project ${entry.stage}`;
  }
  return entry.type;
}

/** "done hf-course/chapter1/1 (2026-03-01 18:30)", in local time. */
export function describeEntry(entry: LogEntry): string {
  const subject = clean(
    entry.moduleId ?? entry.courseIds?.join(', ') ?? entry.courseId ?? entry.key ?? '',
  );
  const what = subject === '' ? entryVerb(entry) : `${entryVerb(entry)} ${subject}`;
  return `${what} (${entryTime(entry.at)})`;
}

/** A log time as messages give it: local, to the minute. */
export const entryTime = (at: string): string => lightFormat(new Date(at), 'yyyy-MM-dd HH:mm');

export async function undo(ctx: Context): Promise<void> {
  const snapshot = ctx.store.readStored();
  if (snapshot.log.entries === 0) undoLast(snapshot, [], ctx.now);
  // Undo puts back the values the log recorded, which are the stored ones: no view needed.
  const change = await ctx.store.change(
    (state, log) => {
      const undoing = undoLast(state, log.newestFirst(), ctx.now);
      // Only undoing a reset or a project step can finish a course again; only then are the
      // catalogs needed to tell.
      const { type } = undoing.info.undone;
      return type === 'reset' || type === 'project'
        ? withFinished(ctx.catalog, state, undoing, undoing.info.undone)
        : undoing;
    },
    { view: false },
  );
  const { undone, more } = change.info;
  // Course states the entry changed besides its own subject: a switch, or a course that came
  // into focus by itself. They are reverted with it. An undone `add` takes its courses off the
  // roadmap, so there is no state of theirs to tell.
  const onRoadmap = new Set(change.state.roadmap.map((r) => r.courseId));
  const others = Object.keys(undone.before.courses ?? {}).filter(
    (id) =>
      onRoadmap.has(id) &&
      (undone.type !== 'course' || id !== undone.courseId) &&
      !(undone.courseIds ?? []).includes(id),
  );
  // As every command shows it: a course stored active beyond the focus limit shows as parked.
  const caused =
    others.length === 0
      ? ''
      : `, and with it ${told(others, viewFocus(ctx.catalog, change.state).statuses)}`;
  const further = more
    ? 'Run `roadmap undo` again to go further back.'
    : 'Nothing further back can be undone.';
  const minutes =
    undone.minutes !== undefined && undone.type !== 'goal' ? `, ${duration(undone.minutes)}` : '';
  tell(
    ctx,
    `Undid: ${describeEntry(undone)}${minutes}${caused}.${restored(undone, change.state)} ${further}`,
  );
}

/** What a setting or the goal is again after its change was undone, so no second command is needed. */
function restored(undone: LogEntry, state: State): string {
  const settings = effectiveSettings(state);
  if (undone.type === 'goal') {
    const goal = settings['goal-minutes-per-week'];
    if (goal === null) return ' No goal is set now.';
    const by = settings['goal-deadline'] ? `, finishing by ${settings['goal-deadline']}` : '';
    return ` The goal is ${goalHours(goal)} a week${by}.`;
  }
  if (undone.type === 'config' && undone.key !== undefined && Object.hasOwn(settings, undone.key)) {
    const value = (settings as unknown as Record<string, unknown>)[undone.key];
    return ` ${clean(undone.key)} is ${value === null ? 'unset' : clean(String(value))} now.`;
  }
  return '';
}

/** "mlep-intro is parked again, hf-course is active again" */
function told(ids: string[], statuses: CourseStatuses): string {
  return ids.map((id) => `${clean(id)} is ${statuses.get(id)!} again`).join(', ');
}
