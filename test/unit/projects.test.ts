import { describe, expect, it } from 'vitest';
import { indexCatalogs } from '../../src/catalog/catalog-index.js';
import {
  changeProject,
  checkStageMove,
  logProjectTime,
  type ProjectRequest,
  projectJson,
  projectMinutesLeft,
  projectMinutesLogged,
  projectStep,
  remainingProjectMinutes,
  STAGES,
  type StageOrNone,
} from '../../src/core/projects.js';
import type { ProjectStage, State } from '../../src/core/types.js';
import { Failure, UsageError } from '../../src/errors.js';
import { course, stateWith, T0 } from '../helpers/catalog.js';

const IDEA = {
  id: 'dashboard',
  title: 'A dashboard',
  deliverable: 'A web page showing drift',
  uses: ['a public dataset', 'Streamlit'],
  modules: ['p/m1'],
  minutes: 600,
  minutesBasis: 'assumed' as const,
};
const catalog = indexCatalogs([
  {
    formatVersion: 1,
    id: 'test',
    courses: [
      course('p', 2, { projectIdeas: [IDEA, { ...IDEA, id: 'other', minutes: 900 }] }),
      course('q', 1),
    ],
  },
]);

function at(stage: StageOrNone): State {
  const state = stateWith(['p', 'q']);
  if (stage === 'none') return state;
  state.projects.p = {
    title: 'Mine',
    stage,
    stages: [{ at: '2026-03-01T00:00:00.000Z', stage }],
    ...(stage === 'waived' && { waiveReason: 'built one at work' }),
    ...(stage === 'shipped' && { shippedRef: 'v1', shippedAt: '2026-03-01T00:00:00.000Z' }),
  };
  return state;
}

const ALLOWED = new Set([
  'none→idea',
  'none→started',
  'none→shipped',
  'none→waived',
  'idea→started',
  'idea→shipped',
  'idea→waived',
  'started→shipped',
  'started→waived',
  'waived→idea',
  'waived→started',
  'waived→shipped',
]);
const TO: ProjectStage[] = ['idea', 'started', 'shipped', 'waived'];

describe('the project stage machine', () => {
  it.each(STAGES.flatMap((from) => TO.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const expected = from === to ? 'same' : ALLOWED.has(`${from}→${to}`) ? 'allowed' : 'refused';
    expect(checkStageMove(from, to)).toBe(expected);
  });

  /** What each option asks of a project at each stage: the stage it ends at, or a refusal. */
  const REQUESTS: Array<[string, ProjectRequest, Record<StageOrNone, ProjectStage | 'refused'>]> = [
    [
      'a title',
      { title: 'Better' },
      { none: 'idea', idea: 'idea', started: 'started', shipped: 'shipped', waived: 'idea' },
    ],
    [
      '--repo',
      { title: 'T', repo: 'https://example.org/r' },
      {
        none: 'started',
        idea: 'started',
        started: 'started',
        shipped: 'shipped',
        waived: 'started',
      },
    ],
    [
      '--shipped',
      { title: 'T', shipped: 'abc123' },
      {
        none: 'shipped',
        idea: 'shipped',
        started: 'shipped',
        shipped: 'shipped',
        waived: 'shipped',
      },
    ],
    [
      '--waive',
      { waiveReason: 'no time' },
      {
        none: 'waived',
        idea: 'waived',
        started: 'waived',
        shipped: 'refused',
        waived: 'waived',
      },
    ],
  ];
  const cases = REQUESTS.flatMap(([name, request, ends]) =>
    STAGES.map((from) => [name, from, request, ends[from]] as const),
  );

  it.each(cases)('%s on a project at %s', (_, from, request, end) => {
    const state = at(from);
    if (end === 'refused') {
      expect(() => changeProject(state, 'p', request, T0)).toThrow(Failure);
      return;
    }
    const change = changeProject(state, 'p', request, T0);
    const project = change.state.projects.p!;
    expect(project.stage).toBe(end);
    // A stage change is dated; a change of details alone keeps the history as it was.
    const moved = end !== from;
    // Recorded and moved on at once, it was an idea first, dated the same.
    const way = from === 'none' && end !== 'idea' && end !== 'waived' ? ['idea', end] : [end];
    expect(project.stages.length).toBe((from === 'none' ? 0 : 1) + (moved ? way.length : 0));
    if (moved)
      expect(project.stages.slice(-way.length)).toEqual(
        way.map((stage) => ({ at: T0.toISOString(), stage })),
      );
    expect(change.info.to).toBe(moved ? end : null);
    if (change.entry) {
      expect(change.entry).toMatchObject({ type: 'project', courseId: 'p', stage: end });
      expect(change.entry.before).toEqual({ projects: { p: state.projects.p ?? null } });
    }
  });
});

describe('a project across its stages', () => {
  it('waived before it had a title, needs one to be started or shipped', () => {
    const waived = changeProject(at('none'), 'p', { waiveReason: 'no' }, T0).state;
    expect(() => changeProject(waived, 'p', { shipped: 'v1' }, T0)).toThrow(
      'The project for p was waived before it had a title, so it needs one first.',
    );
    expect(() => changeProject(waived, 'p', { repo: 'https://example.org/r' }, T0)).toThrow(
      UsageError,
    );
    expect(
      changeProject(waived, 'p', { title: 'T', shipped: 'v1' }, T0).state.projects.p!.stage,
    ).toBe('shipped');
  });

  it('taken up again, is where it was: started, with its repo', () => {
    const started = changeProject(
      at('none'),
      'p',
      { title: 'T', repo: 'https://example.org/r' },
      T0,
    );
    const waived = changeProject(started.state, 'p', { waiveReason: 'busy' }, T0).state;
    const back = changeProject(waived, 'p', { title: 'New name' }, T0).state.projects.p!;
    expect(back).toMatchObject({
      stage: 'started',
      title: 'New name',
      repo: 'https://example.org/r',
    });
  });

  it('shipped with its repo in one command, was started on the way', () => {
    const idea = changeProject(at('none'), 'p', { title: 'T' }, T0).state;
    const shipped = changeProject(idea, 'p', { repo: 'https://example.org/r', shipped: 'v1' }, T0);
    expect(shipped.state.projects.p!.stages.map((s) => s.stage)).toEqual([
      'idea',
      'started',
      'shipped',
    ]);
  });
});

describe('recording a project', () => {
  it('needs a title, except to waive it', () => {
    expect(() => changeProject(at('none'), 'p', { repo: 'x' }, T0)).toThrow(UsageError);
    expect(() => changeProject(at('none'), 'p', {}, T0)).toThrow(UsageError);
    const waived = changeProject(at('none'), 'p', { waiveReason: 'no' }, T0).state.projects.p!;
    expect(waived).toEqual({
      stage: 'waived',
      waiveReason: 'no',
      stages: [{ at: T0.toISOString(), stage: 'waived' }],
    });
  });

  it('dates shipping, and forgets the waiver when taken up again', () => {
    const shipped = changeProject(at('started'), 'p', { shipped: 'v2' }, T0).state.projects.p!;
    expect(shipped).toMatchObject({ shippedRef: 'v2', shippedAt: T0.toISOString() });
    const again = changeProject(at('waived'), 'p', { title: 'Back on' }, T0);
    expect(again.state.projects.p!.waiveReason).toBeUndefined();
    expect(again.info).toMatchObject({ from: 'waived', to: 'idea' });
    // Waived before it had a title: the title comes with taking it up, not as an edit.
    const untitled = at('waived');
    delete untitled.projects.p!.title;
    expect(changeProject(untitled, 'p', { title: 'Back on' }, T0).info).toMatchObject({
      to: 'idea',
      edited: [],
    });
  });

  it('logs an edit of details, and nothing when nothing changes', () => {
    const edit = changeProject(at('idea'), 'p', { goal: 'Show drift', estimateMinutes: 90 }, T0);
    expect(edit.info).toMatchObject({ to: null, edited: ['goal', 'estimate'] });
    expect(edit.entry).not.toBeNull();
    const state = at('idea');
    const same = changeProject(state, 'p', { title: 'Mine' }, T0);
    expect(same.entry).toBeNull();
    expect(same.state).toBe(state);
  });

  it('names the step to take at each stage', () => {
    expect(STAGES.map((s) => projectStep(at(s), 'p').step)).toEqual([
      'choose',
      'start',
      'ship',
      null,
      null,
    ]);
  });
});

describe('project time left, for the ETA', () => {
  it.each([
    ['no project yet: the first idea stands in', at('none'), 'p', 600, 'suggested'],
    ['no project and no ideas', at('none'), 'q', 0, 'none'],
    ['an idea without an estimate: still the first idea', at('idea'), 'p', 600, 'suggested'],
    ['shipped', at('shipped'), 'p', 0, 'none'],
    ['waived', at('waived'), 'p', 0, 'none'],
  ])('%s', (_, state, courseId, minutes, basis) => {
    expect(remainingProjectMinutes(catalog, state, courseId)).toEqual({ minutes, basis });
  });

  it('takes your estimate first, then the chosen idea', () => {
    const state = at('started');
    state.projects.p!.ideaId = 'other';
    expect(remainingProjectMinutes(catalog, state, 'p')).toEqual({ minutes: 900, basis: 'idea' });
    expect(projectJson(catalog, 'p', state.projects.p!)).toMatchObject({
      estimateMinutes: 900,
      estimateSource: 'idea',
    });
    state.projects.p!.estimateMinutes = 120;
    expect(remainingProjectMinutes(catalog, state, 'p')).toEqual({ minutes: 120, basis: 'yours' });
  });
});

describe('time spent building a project', () => {
  const minutes = (m: number, atIso: string, note?: string) => ({
    minutes: m,
    at: new Date(atIso),
    ...(note !== undefined && { note }),
  });

  it('is logged on a recorded project in time order, with an entry undo can revert', () => {
    const state = at('started');
    const first = logProjectTime(state, 'p', minutes(90, '2026-03-05T10:00:00Z', 'loader'), T0);
    const second = logProjectTime(first.state, 'p', minutes(30, '2026-03-04T10:00:00Z'), T0);
    expect(second.state.projects.p!.sessions).toEqual([
      { at: '2026-03-04T10:00:00.000Z', minutes: 30 },
      { at: '2026-03-05T10:00:00.000Z', minutes: 90, note: 'loader' },
    ]);
    // The stage stays: --repo and --shipped say where the work stands.
    expect(second.state.projects.p!.stage).toBe('started');
    expect(first.entry).toMatchObject({
      type: 'project',
      courseId: 'p',
      stage: 'started',
      minutes: 90,
      note: 'loader',
      at: '2026-03-05T10:00:00.000Z',
      before: { projects: { p: state.projects.p } },
    });
    expect(projectMinutesLogged(second.state.projects.p!)).toBe(120);
    expect(projectJson(catalog, 'p', second.state.projects.p!).minutesLogged).toBe(120);
    expect(projectJson(catalog, 'p', state.projects.p!).minutesLogged).toBe(0);
  });

  it('is refused without a project, or on a waived one, saying what to run', () => {
    expect(() => logProjectTime(at('none'), 'p', minutes(30, '2026-03-05T10:00:00Z'), T0)).toThrow(
      UsageError,
    );
    expect(() => logProjectTime(at('none'), 'p', minutes(30, '2026-03-05T10:00:00Z'), T0)).toThrow(
      'p has no project yet',
    );
    let waived: unknown;
    try {
      logProjectTime(at('waived'), 'p', minutes(30, '2026-03-05T10:00:00Z'), T0);
    } catch (error) {
      waived = error;
    }
    expect(waived).toBeInstanceOf(UsageError);
    expect((waived as UsageError).hint).toBe(
      'Take it up again first: roadmap project p "title" (it was “Mine”)',
    );
  });

  it('comes off the estimate once calibrated, never below zero; your own estimate is not calibrated', () => {
    const state = at('idea');
    state.projects.p!.ideaId = 'dashboard';
    state.projects.p!.sessions = [{ at: '2026-03-05T10:00:00.000Z', minutes: 200 }];
    // The idea's 600 minutes at a factor of 1.5 are 900; 200 logged leave 700.
    expect(projectMinutesLeft(catalog, state, 'p', 1.5)).toEqual({ minutes: 700, basis: 'idea' });
    state.projects.p!.estimateMinutes = 120;
    expect(projectMinutesLeft(catalog, state, 'p', 1.5)).toEqual({ minutes: 0, basis: 'yours' });
    state.projects.p!.stage = 'shipped';
    expect(projectMinutesLeft(catalog, state, 'p', 1.5)).toEqual({ minutes: 0, basis: 'none' });
  });
});
