import type { ModuleRef } from '../catalog/catalog-index.js';
import { type Context, tell } from '../context.js';
import {
  type ActivationPlan,
  activate,
  type FocusInfo,
  planActivation,
  settleFocus,
  viewFocus,
  withFocus,
} from '../core/focus.js';
import { parseText } from '../core/inputs.js';
import { projectOf } from '../core/projects.js';
import { resolveModule } from '../core/resolve.js';
import { selectNextModule } from '../core/select-next.js';
import { effectiveSettings } from '../core/settings.js';
import type { Change, State } from '../core/types.js';
import { Declined, Failure, UsageError } from '../errors.js';
import { dumbTerminalNote } from '../terminal.js';
import { clean, optionWords } from '../ui/sanitize.js';
import { tellTransitions } from './focus-messages.js';

/** `--switch` and `--reason`, on every command that studies a module. */
export interface SwitchOptions {
  switch?: boolean;
  reason?: string;
  minutes?: string;
  note?: string;
  at?: string;
}

/**
 * The options given besides the module, to repeat in a suggested command: a value that starts
 * with a dash goes after `=`, where it can't read as an option. Null when a value holds
 * characters a pasted command can't carry as they are (a newline, a control character).
 */
export function givenOptions(options: SwitchOptions): string | null {
  return optionWords(options, ['minutes', 'note', 'at', 'reason']);
}

/**
 * The module named on the command line, or the current next one; `verb` is what it is for. The
 * next one comes from the course in focus, so with nothing in focus, or only a project left in
 * it, there is none.
 */
export function targetModule(
  ctx: Context,
  state: State,
  arg: string | undefined,
  verb: 'mark' | 'study' | 'open',
  /** What `study` was given, to repeat when pointing to project time. */
  options: SwitchOptions = {},
): ModuleRef {
  if (arg !== undefined) {
    try {
      return resolveModule(ctx.catalog, state, arg);
    } catch (error) {
      if (
        verb === 'open' ||
        !(error instanceof UsageError) ||
        !error.message.startsWith('Unknown module')
      )
        throw error;
      throw misplacedWords(arg, options, error.hint) ?? error;
    }
  }
  const settings = effectiveSettings(state);
  const next = selectNextModule(ctx.catalog, state, { skipOptional: settings['skip-optional'] });
  if (next.kind === 'project') {
    const id = next.course.id;
    const recorded = projectOf(state, id) !== null;
    throw new Failure(
      `Every module of ${id} is done or skipped; what is left is its project.`,
      // Minutes given (study, or done with --minutes) are time spent: on the project, now.
      (verb === 'study' || options.minutes !== undefined) && recorded
        ? `Log time spent building it: roadmap project ${id}${projectTimeWords(options)}\nOr name a module to ${verb}.`
        : verb === 'study' || options.minutes !== undefined
          ? `Record what you are building first: roadmap project ${id} "title" (or pick an idea: roadmap project ${id}); then log the time: roadmap project ${id}${projectTimeWords(options)}\nOr name a module to ${verb}.`
          : `See it with \`roadmap next\`, ${recorded ? `its next step with \`roadmap project ${id}\`` : `record yours with \`roadmap project ${id}\``}, or name a module to ${verb}.`,
    );
  }
  if (next.kind === null) {
    throw next.reason === 'empty'
      ? new Failure(
          `Your roadmap is empty, so there is nothing to ${verb}.`,
          'Add courses first: roadmap add mlep',
        )
      : next.reason === 'no-active-course'
        ? nothingInFocus(ctx, state, verb)
        : next.optionalLeft > 0
          ? new Failure(
              'Only optional modules are left, and skip-optional passes over them.',
              `Name one to ${verb} it (\`roadmap show <course>\` lists them), or run \`roadmap config set skip-optional false\`.`,
            )
          : new Failure(
              'Every course on your roadmap is finished or dropped.',
              `Name a module to ${verb === 'open' ? 'open' : 'change'} one: roadmap show <course>`,
            );
  }
  return { course: next.course, module: next.module, index: next.position.index - 1 };
}

/** `study`'s options as project time takes them, or a placeholder when they can't be repeated. */
function projectTimeWords(options: SwitchOptions): string {
  const words = optionWords(options, ['minutes', 'note', 'at', 'switch', 'reason']);
  return words === null || options.minutes === undefined ? ' --minutes N' : words;
}

/** No next module because nothing in focus can be studied: parked, or its catalog isn't loaded. */
function nothingInFocus(ctx: Context, state: State, verb: string): Failure {
  const { unloaded } = viewFocus(ctx.catalog, state);
  if (unloaded.length > 0) {
    return new Failure(
      `The course in focus, ${unloaded.map(clean).join(', ')}, has a catalog that isn't loaded, so there is no next module.`,
      `\`roadmap doctor\` says why. To study another course meanwhile: \`roadmap resume <course>\`; or name a module to ${verb}.`,
    );
  }
  return new Failure(
    'No course is in focus, so there is no next module.',
    `Bring a parked course back with \`roadmap resume <course>\` (\`roadmap status\` lists them), or name a module to ${verb}.`,
  );
}

type Switch = Extract<ActivationPlan, { kind: 'switch' }>;

/** How to make the switch: the command to run again with --switch, on a line of its own. */
function switchHint(command: string, module: string, options: SwitchOptions, what: string): string {
  const given = givenOptions(options);
  if (given === null)
    return `To switch (${what}), run the same command again with --switch added (and --reason "why").`;
  const reason = options.reason === undefined ? ' --reason "why"' : '';
  return `To switch (${what}), run it again with --switch:\n  roadmap ${command} ${module}${given} --switch${reason}`;
}

function switchNeeded(
  ctx: Context,
  state: State,
  ref: ModuleRef,
  plan: Switch,
  command: string,
  options: SwitchOptions,
): UsageError {
  const view = viewFocus(ctx.catalog, state);
  const course = clean(ref.course.id);
  const module = clean(ref.module.id);
  return new UsageError(
    `${module} is in ${course}, which is ${plan.from}, not in focus: your focus is ${[...view.active, ...view.unloaded].map(clean).join(', ')} (focus-limit ${view.limit}). Studying it would switch courses, which needs your confirmation, and there is no terminal to ask in${dumbTerminalNote(ctx.env)}.`,
    [
      switchHint(
        command,
        module,
        options,
        `${course} becomes active, ${clean(plan.parks)} is parked with its progress kept`,
      ),
      'To stay on course: roadmap next',
      `To study ${view.limit + 1} courses at a time: roadmap config set focus-limit ${view.limit + 1}`,
    ].join('\n'),
  );
}

/**
 * Runs a change that studies a module (`done`, `skip`, `study`) under the focus rules. Studying
 * a module of a course not in focus makes it active; when the focus limit is full that is a
 * switch, which parks the least recently worked active course. A switch needs `--switch`, or a
 * yes in a terminal, asked before the lock is taken; without either it is refused and nothing is
 * written. The change and the switch share one log entry, so `undo` reverts them together.
 * `studies` says whether the change studied anything (adding a note to a done module doesn't).
 */
export async function studyWithFocus<T extends object>(
  ctx: Context,
  arg: string | undefined,
  options: SwitchOptions,
  command: 'done' | 'skip' | 'study',
  compute: (base: State, ref: ModuleRef) => Change<T>,
  studies: (change: Change<T>) => boolean,
): Promise<{ change: Change<T & FocusInfo>; ref: ModuleRef; reason: string | undefined }> {
  const verb = command === 'study' ? 'study' : 'mark';
  const reason = options.reason === undefined ? undefined : parseText(options.reason, '--reason');
  const planOn = (base: State, ref: ModuleRef) => {
    const change = compute(base, ref);
    return {
      change,
      plan:
        change.entry && studies(change)
          ? planActivation(ctx.catalog, change.state, ref.course.id)
          : null,
    };
  };
  // Planned once before the lock and again under it; when nothing changed in between, the state
  // is the same object and the first result stands (a change copies all progress, 40,000 entries
  // in a big roadmap).
  let planned: { base: State; moduleId: string; result: ReturnType<typeof planOn> } | undefined;
  const plan = (base: State, ref: ModuleRef) => {
    if (planned?.base !== base || planned.moduleId !== ref.module.id)
      planned = { base, moduleId: ref.module.id, result: planOn(base, ref) };
    return planned.result;
  };
  let allowSwitch = options.switch === true;
  let askedOn: State | undefined;
  // In a terminal, bad arguments fail and the question is asked before the lock is taken.
  // Without one nothing can be asked, so the same checks run once, under the lock, and fail
  // there the same way, with nothing written; a big roadmap isn't read and planned twice. With
  // no roadmap yet they run first all the same, so that a failure creates no config directory.
  if (ctx.isInteractive || !ctx.store.hasFile()) {
    const snapshot = settleFocus(ctx.catalog, ctx.store.read(), ctx.store.read(), ctx.now);
    const first = targetModule(ctx, snapshot, arg, verb, options);
    const asked = plan(snapshot, first).plan;
    if (asked?.kind === 'switch' && !allowSwitch) {
      if (!ctx.isInteractive) throw switchNeeded(ctx, snapshot, first, asked, command, options);
      const ok = await ctx.prompt.confirm({
        message: `${first.course.id} is not in focus. Switch to it? ${asked.parks} will be parked, with its progress kept.`,
        default: false,
      });
      if (!ok) throw new Declined(`Nothing changed; ${asked.parks} stays in focus.`);
      allowSwitch = true;
      askedOn = snapshot;
    }
  }
  let ref: ModuleRef | undefined;
  const change = await ctx.store.change(
    (state) =>
      withFocus(ctx.catalog, state, ctx.now, (base) => {
        ref = targetModule(ctx, base, arg, verb, options);
        const planned = plan(base, ref);
        const { change: studied, plan: focus } = planned;
        if (focus === null || focus.kind === 'already' || focus.kind === 'finished') {
          // Said before anything is written, rather than dropped after: the reason would be lost.
          if (reason !== undefined && studied.entry) throw unusedReason(ref, reason, options.note);
          return studied;
        }
        // Another command may have changed the focus since the question was asked.
        if (focus.kind === 'switch' && !allowSwitch) {
          throw switchNeeded(ctx, base, ref, focus, command, options);
        }
        return withStudyActivation(ctx, studied, ref.course.id, reason);
      }),
    { askedOn },
  );
  return { change, ref: ref!, reason };
}

/**
 * What no module id is, taken for one: minutes (`done 90`), a note (`done "finished the lab"`), or
 * the rest of a note or reason left unquoted (`done --note redo lab`). Null when none fits.
 */
function misplacedWords(
  arg: string,
  options: SwitchOptions,
  /** The unknown module's own hint: its "did you mean" stays first. */
  hint: string | undefined,
): UsageError | null {
  const word = arg.trim();
  const minutes = Number(word);
  if (/^\d+$/.test(word) && options.minutes === undefined && minutes >= 1 && minutes <= 1440)
    return new UsageError(
      `\`${clean(arg)}\` is a number, and no module id is one.`,
      `Minutes go after --minutes: --minutes ${word}`,
    );
  if (/\s/.test(word) && options.note === undefined)
    return new UsageError(
      `\`${clean(arg)}\` has spaces, and no module id does.`,
      `A note goes after --note: ${optionText('note', word)}`,
    );
  for (const name of ['note', 'reason'] as const) {
    const given = options[name];
    if (given === undefined || /\s/.test(given.trim()) || /\s/.test(word)) continue;
    const rest = `If it is the rest of your ${name}, quote the ${name} whole: ${optionText(name, `${given} ${word}`)}`;
    return new UsageError(
      `Unknown module \`${clean(arg)}\`.`,
      hint?.startsWith('Did you mean') ? `${hint}\n${rest}` : rest,
    );
  }
  return null;
}

/** An option and its value to paste: quoted for the shell, after `=` when it starts with a dash. */
const optionText = (name: string, value: string): string =>
  optionWords({ [name]: value }, [name])?.trim() ?? `--${name} "…"`;

/** --reason says why the focus changes; with no change of focus it would go nowhere. */
function unusedReason(ref: ModuleRef, reason: string, note: string | undefined): UsageError {
  return new UsageError(
    `--reason says why you switch courses, and ${clean(ref.course.id)} needs no switch: nothing was changed.`,
    note === undefined
      ? `To keep why with the module, make it a note: ${optionText('note', reason)}`
      : `To keep why with the module, add it to your note: ${optionText('note', `${note} (${reason})`)}`,
  );
}

/**
 * A change that studied a course, with the course made active as studying it does: a start, or
 * a switch already agreed to. The reason given goes with the switch and the log entry.
 */
export function withStudyActivation<T>(
  ctx: Context,
  studied: Change<T>,
  courseId: string,
  reason: string | undefined,
): Change<T> {
  const activated = activate(ctx.catalog, studied.state, courseId, ctx.now, {
    cause: 'study',
    ...(reason !== undefined && { reason }),
  });
  return {
    ...studied,
    state: activated.state,
    entry: { ...studied.entry!, ...(reason !== undefined && { reason }) },
  };
}

/** What the focus rules did, after the command has said what it did itself. */
export function tellFocus(ctx: Context, change: Change<FocusInfo>, reason: string | undefined) {
  const { transitions } = change.info;
  tellTransitions(ctx, transitions, change.state);
  if (transitions.some((t) => t.cause === 'switch')) {
    tell(ctx, '`roadmap undo` reverts this and the switch together.');
  }
  if (reason !== undefined && transitions.length === 0) {
    tell(ctx, '--reason was not used: no course changed state.');
  }
}
