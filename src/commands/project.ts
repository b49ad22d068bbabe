import chalk from 'chalk';
import type { ProjectIdea } from '../catalog/types.js';
import { type Context, print, tell } from '../context.js';
import {
  type ActivationPlan,
  isFinished,
  planActivation,
  settleFocus,
  storedState,
  viewFocus,
  withFocus,
} from '../core/focus.js';
import { parseAt, parseEstimateHours, parseMinutes, parseNote, parseText } from '../core/inputs.js';
import {
  changeProject,
  ideasOf,
  logProjectTime,
  type ProjectJson,
  type ProjectRequest,
  type ProjectStepJson,
  projectJson,
  projectMinutesLogged,
  projectOf,
  projectStepJson,
} from '../core/projects.js';
import { roadmapIndex } from '../core/resolve.js';
import { didYouMean, suggestIds } from '../core/suggest.js';
import type { State } from '../core/types.js';
import { Declined, UsageError } from '../errors.js';
import type { Choice } from '../prompts.js';
import { dumbTerminalNote } from '../terminal.js';
import { ideaLines, renderNext } from '../ui/render-next.js';
import { clean, optionWords, toSafeJson } from '../ui/sanitize.js';
import { commandLines, duration, lineWidth, localDay, wrapWidth } from '../ui/text.js';
import { tellTransitions } from './focus-messages.js';
import { computeNext, nextLabels } from './next.js';
import { givenOptions, tellFocus, withStudyActivation } from './studying.js';

export interface ProjectOptions {
  goal?: string;
  estimate?: string;
  idea?: string;
  repo?: string;
  shipped?: string;
  waive?: boolean;
  reason?: string;
  minutes?: string;
  note?: string;
  at?: string;
  /** With --minutes on a course out of focus: switch to it without asking. */
  switch?: boolean;
  json?: boolean;
}

/** One row of `project --json` with no course: a course's project, flat. */
export interface ProjectListJson extends ProjectJson {
  courseId: string;
  courseTitle: string;
}

/** `project <course> --json`: the course, its project and the step to take. */
export interface CourseProjectJson extends ProjectStepJson {
  course: { id: string; title: string };
}

const MAX_TITLE = 200;

/** Options that change a project, or log time on it: each needs a course. */
const CHANGE_OPTIONS = [
  'goal',
  'estimate',
  'idea',
  'repo',
  'shipped',
  'waive',
  'reason',
  'minutes',
  'note',
  'at',
  'switch',
] as const;

function findIdea(ideas: ProjectIdea[], courseId: string, arg: string): ProjectIdea {
  if (ideas.length === 0) {
    throw new UsageError(
      `The catalog suggests no project ideas for ${courseId}.`,
      `Name your own: roadmap project ${courseId} "title"`,
    );
  }
  const wanted = arg.trim().toLowerCase();
  const idea = ideas.find((i) => i.id === wanted);
  if (idea) return idea;
  const ids = ideas.map((i) => i.id);
  throw new UsageError(
    `${courseId} has no project idea \`${arg}\`.`,
    didYouMean(suggestIds(arg, ids)) ?? `Its ideas: ${ids.join(', ')}.`,
  );
}

/** Checks every option before anything is read under the lock or asked. */
function parseRequest(
  courseId: string,
  title: string | undefined,
  options: ProjectOptions,
  ideas: ProjectIdea[],
): ProjectRequest {
  const request: ProjectRequest = {};
  if (options.waive) {
    const others = (['repo', 'shipped', 'idea', 'goal', 'estimate'] as const).filter(
      (k) => options[k] !== undefined,
    );
    if (title !== undefined || others.length > 0) {
      throw new UsageError(
        `--waive stands alone: it can't go with ${title !== undefined ? 'a title' : `--${others[0]}`}.`,
        `For example: roadmap project ${courseId} --waive --reason "I built one for work"`,
      );
    }
    if (options.reason === undefined) {
      throw new UsageError(
        'Waiving a project needs a reason, to be honest with yourself later.',
        `For example: roadmap project ${courseId} --waive --reason "I built one for work"`,
      );
    }
    request.waiveReason = parseText(options.reason, '--reason');
    return request;
  }
  if (options.reason !== undefined) {
    throw new UsageError(
      '--reason goes with --waive.',
      `For example: roadmap project ${courseId} --waive --reason "…"`,
    );
  }
  if (options.idea !== undefined) {
    const idea = findIdea(ideas, courseId, options.idea);
    request.ideaId = idea.id;
    request.title = idea.title;
    request.goal = idea.deliverable;
  }
  if (title !== undefined) request.title = parseText(title, 'The title', MAX_TITLE);
  if (options.goal !== undefined) request.goal = parseText(options.goal, '--goal');
  if (options.estimate !== undefined)
    request.estimateMinutes = parseEstimateHours(options.estimate);
  if (options.repo !== undefined) request.repo = parseText(options.repo, '--repo');
  if (options.shipped !== undefined) request.shipped = parseText(options.shipped, '--shipped');
  return request;
}

function ideaChoice(idea: ProjectIdea): Choice<string> {
  return {
    value: idea.id,
    name: `${clean(idea.title)} (about ${duration(idea.minutes)}, ${idea.minutesBasis})`,
    description: `${clean(idea.deliverable)}\nUses: ${idea.uses.map(clean).join('; ')}`,
  };
}

const OWN = '\u0000own';

export async function project(
  courseArg: string | undefined,
  title: string | undefined,
  options: ProjectOptions,
  ctx: Context,
): Promise<void> {
  const snapshot = ctx.store.read();
  if (courseArg === undefined) {
    // Listed instead, a change asked for would seem done.
    const given = CHANGE_OPTIONS.find((k) => options[k] !== undefined);
    if (given !== undefined) {
      // The course it is most likely for: the one in focus, unless time logging needs a project
      // and another course has one (in focus first).
      const { active } = viewFocus(ctx.catalog, snapshot);
      const needsProject = (['minutes', 'note', 'at', 'switch'] as const).some(
        (k) => options[k] !== undefined,
      );
      const withProject = [...active, ...snapshot.roadmap.map((r) => r.courseId)].find(
        (id) => projectOf(snapshot, id) !== null,
      );
      const likely = needsProject ? (withProject ?? active[0]) : active[0];
      const course = likely === undefined ? '<course>' : clean(likely);
      const repeated = optionWords(options, CHANGE_OPTIONS);
      const example =
        repeated === null
          ? `roadmap project ${course} --${given} …`
          : `roadmap project ${course}${repeated}${options.waive && options.reason === undefined ? ' --reason "why"' : ''}`;
      throw new UsageError(
        `--${given} needs a course: which project is it for?`,
        `For example: ${example}`,
      );
    }
    return listProjects(options, ctx, snapshot);
  }
  const courseId = snapshot.roadmap[roadmapIndex(snapshot, courseArg, ctx.catalog)]!.courseId;
  if (
    options.minutes !== undefined ||
    options.note !== undefined ||
    options.at !== undefined ||
    options.switch !== undefined
  )
    return logTime(courseId, title, options, ctx);
  const ideas = ideasOf(ctx.catalog, courseId);
  let askedOn: State | undefined;
  const changes = ['goal', 'estimate', 'idea', 'repo', 'shipped', 'waive', 'reason'] as const;
  const asksForChange = title !== undefined || changes.some((k) => options[k] !== undefined);
  if (!asksForChange) {
    if (options.json || projectOf(snapshot, courseId) !== null) {
      return showProject(ctx, snapshot, courseId, options.json);
    }
    // Nothing to ask in: the ideas are shown, as --json lists them, with how to pick one.
    if (!ctx.isInteractive && ideas.length > 0) return showIdeas(ctx, courseId, ideas);
    const picked = await pickIdea(ctx, courseId, ideas);
    if (picked === null) return;
    options = { ...options, idea: picked };
    askedOn = snapshot;
  }
  const request = parseRequest(courseId, title, options, ideas);
  const compute = (state: State) =>
    withFocus(ctx.catalog, state, ctx.now, (base) =>
      changeProject(base, courseId, request, ctx.now),
    );
  // Refused stage moves fail before the lock is taken.
  compute(snapshot);
  const change = await ctx.store.change(compute, { askedOn });
  const { from, to, edited, project: result, transitions } = change.info;
  const id = clean(courseId);
  const name = result.title ? `“${clean(result.title)}”` : 'the project';
  // --json with a change prints the project as it now stands, as `goal --json` does.
  if (options.json) showProject(ctx, change.state, courseId, true);
  if (!change.entry) return tell(ctx, `The project for ${id} already reads so; nothing changed.`);
  if (to === null) {
    tell(ctx, `${chalk.green('✓')} Updated ${name} for ${id}: ${edited.join(', ')}.`);
  } else if (to === 'idea') {
    tell(
      ctx,
      `${chalk.green('✓')} Recorded ${name} as your project for ${id}${from === 'waived' ? ' (no longer waived)' : ''}.`,
    );
    tell(ctx, `When you start building it: roadmap project ${id} --repo <url-or-path>`);
  } else if (to === 'started') {
    tell(ctx, `${chalk.green('✓')} Started ${name} for ${id} (${clean(result.repo ?? '')}).`);
    tell(ctx, `When it is out in the world: roadmap project ${id} --shipped <url-or-commit>`);
  } else if (to === 'shipped') {
    tell(ctx, `${chalk.green('✓')} Shipped ${name} for ${id}: ${clean(result.shippedRef ?? '')}.`);
  } else {
    tell(ctx, `${chalk.green('✓')} Waived the project for ${id}: ${clean(result.waiveReason!)}.`);
  }
  if (to === 'shipped' || to === 'waived') {
    const course = ctx.catalog.courseById.get(courseId);
    if (isFinished(ctx.catalog, change.state, courseId)) {
      tell(ctx, chalk.green(`${clean(course?.title ?? courseId)} is finished. Well done.`));
      // With every other unfinished course parked, nothing comes into focus by itself.
      const next = computeNext(ctx, change.state);
      if (next.kind === null && next.reason === 'no-active-course')
        tell(ctx, renderNext(next, nextLabels(ctx)));
    } else {
      tell(ctx, `${id} is finished when its modules are done too: \`roadmap show ${id}\`.`);
    }
  }
  tellTransitions(ctx, transitions, change.state);
  if (edited.length > 0 && to !== null) tell(ctx, `Also updated: ${edited.join(', ')}.`);
  tell(ctx, '`roadmap undo` reverts this.');
}

/** `project <course> --minutes N [--note] [--at]`: time spent building it. */
async function logTime(
  courseId: string,
  title: string | undefined,
  options: ProjectOptions,
  ctx: Context,
): Promise<void> {
  const id = clean(courseId);
  const example = `For example: roadmap project ${id} --minutes 90 --note "trained the baseline"`;
  if (options.minutes === undefined) {
    throw new UsageError(
      `--note, --at and --switch go with --minutes: the time spent on the project.`,
      example,
    );
  }
  // --reason here is the switch's, as with `study`.
  const others = ['goal', 'estimate', 'idea', 'repo', 'shipped', 'waive'] as const;
  const other = others.find((k) => options[k] !== undefined);
  if (title !== undefined || other !== undefined) {
    throw new UsageError(
      `--minutes logs time on the project; it can't go with ${title !== undefined ? 'a title' : `--${other}`}. Run them as two commands.`,
      example,
    );
  }
  const reason = options.reason === undefined ? undefined : parseText(options.reason, '--reason');
  const parsed = {
    minutes: parseMinutes(options.minutes),
    ...(options.note !== undefined && { note: parseNote(options.note) }),
    ...(options.at !== undefined && { at: parseAt(options.at, ctx.now) }),
  };
  // Building is study: on a course out of focus it brings the course in, as `study` does, and
  // a switch (the focus limit is full) needs --switch or a yes in a terminal, asked before the
  // lock is taken.
  let allowSwitch = options.switch === true;
  let askedOn: State | undefined;
  const snapshot = settleFocus(ctx.catalog, ctx.store.read(), ctx.store.read(), ctx.now);
  // A project not recorded yet, or waived, is refused before anything is asked.
  logProjectTime(snapshot, courseId, parsed, ctx.now);
  const asked = planActivation(ctx.catalog, snapshot, courseId);
  if (asked.kind === 'switch' && !allowSwitch) {
    if (!ctx.isInteractive) throw projectSwitchNeeded(ctx, snapshot, courseId, asked, options);
    const ok = await ctx.prompt.confirm({
      message: `${id} is not in focus. Switch to it? ${asked.parks} will be parked, with its progress kept.`,
      default: false,
    });
    if (!ok) throw new Declined(`Nothing changed; ${asked.parks} stays in focus.`);
    allowSwitch = true;
    askedOn = snapshot;
  }
  const compute = (state: State) =>
    withFocus(ctx.catalog, state, ctx.now, (base) => {
      const logged = logProjectTime(base, courseId, parsed, ctx.now);
      const plan = planActivation(ctx.catalog, base, courseId);
      if (plan.kind === 'already' || plan.kind === 'finished') {
        // As with `study`: refused before anything is written, rather than dropped after.
        if (reason !== undefined)
          throw new UsageError(
            `--reason says why you switch courses, and ${id} needs no switch: nothing was changed.`,
            `To keep why with the time, give it as the session's note: ${optionWords({ note: options.note === undefined ? reason : `${options.note} (${reason})` }, ['note'])?.trim() ?? '--note "…"'}`,
          );
        return logged;
      }
      // Another command may have changed the focus since the question was asked.
      if (plan.kind === 'switch' && !allowSwitch)
        throw projectSwitchNeeded(ctx, base, courseId, plan, options);
      return withStudyActivation(ctx, logged, courseId, reason);
    });
  const change = await ctx.store.change(compute, { askedOn });
  const { project: result } = change.info;
  const name = result.title ? `“${clean(result.title)}”` : 'the project';
  if (options.json) showProject(ctx, change.state, courseId, true);
  const total = projectMinutesLogged(result);
  tell(
    ctx,
    `${chalk.green('✓')} Logged ${duration(parsed.minutes)} on ${name} for ${id}${total > parsed.minutes ? ` (${duration(total)} in all)` : ''}.`,
  );
  tellFocus(ctx, change, reason);
  const step = projectStepJson(ctx.catalog, change.state, courseId);
  if (step.command) tell(ctx, `Next step: ${clean(step.command)}`);
  if (!change.info.transitions.some((t) => t.cause === 'switch'))
    tell(ctx, '`roadmap undo` reverts this.');
}

/** Logging time on a course out of focus with the focus limit full, and no way to ask. */
function projectSwitchNeeded(
  ctx: Context,
  state: State,
  courseId: string,
  plan: Extract<ActivationPlan, { kind: 'switch' }>,
  options: ProjectOptions,
): UsageError {
  const view = viewFocus(ctx.catalog, state);
  const id = clean(courseId);
  const given = givenOptions({ minutes: options.minutes, note: options.note, at: options.at });
  return new UsageError(
    `${id} is ${plan.from}, not in focus: your focus is ${[...view.active, ...view.unloaded].map(clean).join(', ')} (focus-limit ${view.limit}). Time on its project is study, so logging it would switch courses, which needs your confirmation, and there is no terminal to ask in${dumbTerminalNote(ctx.env)}.`,
    [
      `To switch (${id} becomes active, ${clean(plan.parks)} is parked with its progress kept), ${given === null ? 'run the same command again with --switch added.' : `run it again with --switch:\n  roadmap project ${id}${given} --switch`}`,
      'To stay on course: roadmap next',
    ].join('\n'),
  );
}

async function pickIdea(
  ctx: Context,
  courseId: string,
  ideas: ProjectIdea[],
): Promise<string | null> {
  const id = clean(courseId);
  if (!ctx.isInteractive || ideas.length === 0) {
    const listed = ideas.map((i) => `${i.id} (${i.title})`).join(', ');
    throw new UsageError(
      ideas.length === 0
        ? `Recording a project for ${id} needs a title.`
        : `Recording a project for ${id} needs a title or one of its ideas, and there is no terminal to choose in${dumbTerminalNote(ctx.env)}.`,
      ideas.length === 0
        ? `For example: roadmap project ${id} "A dashboard for my own data" --estimate 10`
        : `Pass an idea with --idea (${listed}), or your own title: roadmap project ${id} "title". \`roadmap project ${id} --json\` lists the ideas in full.`,
    );
  }
  const choice = await ctx.prompt.select({
    message: `A project of your own for ${id}: pick an idea to start from`,
    choices: [...ideas.map(ideaChoice), { value: OWN, name: 'None of these: I have my own idea' }],
  });
  if (choice === OWN) {
    tell(
      ctx,
      `Name it, and give an estimate if you can: roadmap project ${id} "title" --estimate 10`,
    );
    return null;
  }
  return choice;
}

function showIdeas(ctx: Context, courseId: string, ideas: ProjectIdea[]): void {
  const id = clean(courseId);
  print(
    ctx,
    [
      ...wrapWidth(`${chalk.bold(`No project yet for ${id}.`)} Ideas from the catalog:`),
      ...ideaLines(ideas),
    ].join('\n'),
  );
  for (const line of commandLines(
    `Pick one by id: roadmap project ${id} --idea ${clean(ideas[0]!.id)}`,
  ))
    tell(ctx, line);
  for (const line of commandLines(
    `Or name your own: roadmap project ${id} "<title>" --estimate HOURS`,
  ))
    tell(ctx, line);
}

function showProject(ctx: Context, state: State, courseId: string, json?: boolean): void {
  const course = ctx.catalog.courseById.get(courseId);
  const data: CourseProjectJson = {
    course: { id: courseId, title: course?.title ?? courseId },
    ...projectStepJson(ctx.catalog, state, courseId),
  };
  if (json) {
    print(ctx, toSafeJson(data));
    return;
  }
  print(ctx, renderCourseProject(data));
  if (data.command) tell(ctx, `Next step: ${clean(data.command)}`);
  if (data.step === 'start' || data.step === 'ship')
    tell(ctx, `Log time as you build it: roadmap project ${clean(courseId)} --minutes N`);
}

function renderCourseProject(data: CourseProjectJson): string {
  const p = data.current!;
  const lines = wrapWidth(
    `${chalk.bold(p.title ? clean(p.title) : '(no title)')} ${chalk.dim(`· project for ${clean(data.course.id)}`)}`,
    lineWidth(),
    '  ',
  );
  if (p.goal) lines.push(...wrapWidth(`  Goal: ${clean(p.goal)}`, lineWidth(), '    '));
  lines.push(`  Stage: ${p.stage}${p.waiveReason ? `: ${clean(p.waiveReason)}` : ''}`);
  if (p.estimateMinutes !== null) {
    lines.push(
      `  Estimate: ${duration(p.estimateMinutes)} (${p.estimateSource === 'yours' ? 'yours' : 'from the idea, assumed'})`,
    );
  }
  if (p.minutesLogged > 0) lines.push(`  Time logged: ${duration(p.minutesLogged)}`);
  if (p.repo) lines.push(`  Repo: ${chalk.cyan(clean(p.repo))}`);
  if (p.shippedRef) lines.push(`  Shipped: ${clean(p.shippedRef)}`);
  lines.push(
    ...wrapWidth(
      `  History: ${p.stages.map((s) => `${s.stage} ${localDay(s.at)}`).join(' → ')}`,
      lineWidth(),
      '    ',
    ),
  );
  return lines.join('\n');
}

function listProjects(options: ProjectOptions, ctx: Context, state: State): void {
  const rows: ProjectListJson[] = [];
  for (const { courseId } of state.roadmap) {
    const p = projectOf(state, courseId);
    if (!p) continue;
    const title = ctx.catalog.courseById.get(courseId)?.title ?? courseId;
    rows.push({ courseId, courseTitle: title, ...projectJson(ctx.catalog, courseId, p) });
  }
  if (options.json) {
    print(ctx, toSafeJson(rows));
    return;
  }
  // A dropped course needs no project: it is out of the totals and the ETA.
  const without = state.roadmap.filter(
    (r) => projectOf(state, r.courseId) === null && storedState(state, r.courseId) !== 'dropped',
  );
  if (rows.length === 0) {
    tell(
      ctx,
      state.roadmap.length === 0
        ? 'No projects yet, and no courses: add one first with `roadmap add mlep`.'
        : `No projects yet. Record one for a course: roadmap project ${clean(suggested(ctx, state, without))}`,
    );
    return;
  }
  const width = Math.max(...rows.map((r) => r.courseId.length));
  print(
    ctx,
    rows
      .map((r) => {
        const history = r.stages.map((s) => `${s.stage} ${localDay(s.at)}`).join(' → ');
        const name = r.title ? clean(r.title) : chalk.dim('(no title)');
        // As `status` shows it: a waiver is only as good as its reason.
        const why = r.stage === 'waived' && r.waiveReason ? `: ${clean(r.waiveReason)}` : '';
        // Rows wrap under the title, so a long one fits a narrow terminal.
        const indent = ' '.repeat(width + 2);
        return [
          ...wrapWidth(
            `${clean(r.courseId).padEnd(width)}  ${name}  ${chalk.cyan(r.stage)}${why}`,
            lineWidth(),
            indent,
          ),
          ...wrapWidth(`${indent}${history}`, lineWidth(), indent).map((line) => chalk.dim(line)),
        ].join('\n');
      })
      .join('\n'),
  );
  if (without.length > 0) {
    tell(ctx, `No project yet for ${without.map((r) => clean(r.courseId)).join(', ')}.`);
  }
}

/** The course to suggest a project for: the one in focus, else the first that needs one. */
function suggested(ctx: Context, state: State, without: State['roadmap']): string {
  const active = new Set(viewFocus(ctx.catalog, state).active);
  return (without.find((r) => active.has(r.courseId)) ?? without[0] ?? state.roadmap[0]!).courseId;
}
