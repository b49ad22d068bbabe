import { describe, expect, it } from 'vitest';
import { changeCourseState } from '../../src/core/course-changes.js';
import {
  COURSE_STATUSES,
  type CourseStatus,
  checkCourseMove,
  courseStatus,
  planActivation,
  settleFocus,
  studyOrder,
  viewFocus,
  withFocus,
  withTransition,
} from '../../src/core/focus.js';
import { hopping } from '../../src/core/focus-report.js';
import { inactiveIntervals } from '../../src/core/inactive.js';
import { markModule, resetModule } from '../../src/core/progress-changes.js';
import { addCourses, removeCourse } from '../../src/core/roadmap-changes.js';
import { setSetting } from '../../src/core/settings.js';
import { completeEntry, replayLog } from '../../src/core/snapshot.js';
import type { CourseState, LogEntry, State } from '../../src/core/types.js';
import { undoLast } from '../../src/core/undo.js';
import { Failure } from '../../src/errors.js';
import { smallCatalog, stateWith, T0 } from '../helpers/catalog.js';

const catalog = smallCatalog();
const ref = (id: string) => catalog.moduleById.get(id)!;
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** Stores a course in a state: transitions for the stored ones, everything done for finished. */
function inState(state: State, courseId: string, status: CourseStatus): State {
  if (status === 'planned') return state;
  if (status === 'finished') {
    state.progress = state.progress.withEntries(
      catalog.courseById
        .get(courseId)!
        .modules.map((m) => [m.id, { status: 'done', at: T0.toISOString(), notes: [] }]),
    );
    state.projects[courseId] = {
      title: 'Mine',
      stage: 'shipped',
      stages: [{ at: T0.toISOString(), stage: 'shipped' }],
    };
    return withTransition(state, courseId, 'active', T0);
  }
  return withTransition(state, courseId, status, T0);
}

const TARGETS: CourseState[] = ['planned', 'active', 'parked', 'dropped'];

/** Every allowed move; every other move between two different states is refused. */
const ALLOWED = new Set([
  'planned→active',
  'planned→dropped',
  'active→parked',
  'active→dropped',
  'parked→active',
  'parked→dropped',
  'dropped→active',
]);

describe('the course state machine', () => {
  const table = COURSE_STATUSES.flatMap((from) => TARGETS.map((to) => [from, to] as const));

  it.each(table)('%s → %s', (from, to) => {
    const expected = from === to ? 'same' : ALLOWED.has(`${from}→${to}`) ? 'allowed' : 'refused';
    expect(checkCourseMove(from, to)).toBe(expected);
  });

  const ACTIONS = [
    ['park', 'parked'],
    ['resume', 'active'],
    ['drop', 'dropped'],
  ] as const;
  const commands = COURSE_STATUSES.flatMap((from) =>
    ACTIONS.map(([action, to]) => [from, action, to] as const),
  );

  it.each(commands)(
    'a %s course, `%s`: moves, says it already is, or refuses with nothing changed',
    (from, action, to) => {
      // b is the course acted on; d keeps the focus where it was, so nothing else moves.
      let state = inState(stateWith(['d', 'b']), 'd', from === 'active' ? 'parked' : 'active');
      state = inState(state, 'b', from);
      const act = () =>
        withFocus(catalog, state, later(5), (base) =>
          changeCourseState(catalog, base, 'b', action, later(5), 'why'),
        );
      const check = checkCourseMove(from, to);
      if (check === 'refused') {
        expect(act).toThrow(Failure);
        return;
      }
      const change = act();
      if (check === 'same') {
        expect(change.entry).toBeNull();
        expect(change.state).toBe(state);
        return;
      }
      expect(courseStatus(catalog, change.state, 'b')).toBe(to);
      expect(change.entry).toMatchObject({
        type: 'course',
        courseId: 'b',
        state: to,
        reason: 'why',
      });
    },
  );
});

describe('the focus rules', () => {
  it('make the first planned course active by itself, in roadmap order', () => {
    const change = withFocus(catalog, stateWith([]), T0, (base) =>
      addCourses(catalog, base, ['b', 'd'], T0),
    );
    // b's prerequisite a isn't on the roadmap; b comes first.
    expect(viewFocus(catalog, change.state).active).toEqual(['b']);
    expect(change.entry!.transitions).toEqual([{ courseId: 'b', state: 'active', cause: 'auto' }]);
    expect(change.entry!.before.courses).toEqual({ b: null });
    expect(courseStatus(catalog, change.state, 'd')).toBe('planned');
  });

  it('show the automatic activation on read without writing it', () => {
    const state = stateWith(['a', 'd']);
    const view = viewFocus(catalog, state);
    expect(view.active).toEqual(['a']);
    expect(view.autoActivated).toBe('a');
    expect(state.courses).toEqual({});
  });

  it('activate nothing while an unfinished course is parked and none is planned', () => {
    const state = inState(stateWith(['a']), 'a', 'parked');
    expect(settleFocus(catalog, state, state, T0)).toBe(state);
  });

  it('keep the focus on a course whose catalog is not loaded: nothing comes in by itself', () => {
    const state = inState(stateWith(['gone', 'a']), 'gone', 'active');
    const view = viewFocus(catalog, state);
    expect(view).toMatchObject({ active: [], unloaded: ['gone'], autoActivated: null });
    expect(view.statuses.get('a')).toBe('planned');
    expect(settleFocus(catalog, state, state, T0)).toBe(state);
    // Studying another course is a switch that parks it, or a start when the limit has room.
    expect(planActivation(catalog, state, 'a')).toEqual({
      kind: 'switch',
      from: 'planned',
      parks: 'gone',
    });
    const roomy = { ...state, settings: { 'focus-limit': 2 } };
    expect(planActivation(catalog, roomy, 'a')).toEqual({ kind: 'start', from: 'planned' });
    // Parked, it holds no place, and the rules bring the next course in again.
    const parked = inState(stateWith(['gone', 'a']), 'gone', 'parked');
    expect(viewFocus(catalog, parked)).toMatchObject({ active: ['a'], autoActivated: 'a' });
  });

  it('bring back a course a switch parked before a planned one; one parked by hand stays', () => {
    // a was parked to make room for d, which is finished now: the room is a's again.
    let state = inState(stateWith(['b', 'a', 'd'], { 'a/m1': {} }), 'd', 'finished');
    state = withTransition(state, 'a', 'parked', T0, { cause: 'switch', switchedTo: 'd' });
    expect(viewFocus(catalog, state)).toMatchObject({ active: ['a'], autoActivated: 'a' });
    const settled = settleFocus(catalog, state, state, later(5));
    expect(settled.courses.a!.transitions.at(-1)).toMatchObject({ state: 'active', cause: 'auto' });
    // Parked by the learner, it waits for them; the next planned course comes in.
    const byHand = withTransition(state, 'a', 'parked', later(1), { reason: 'later' });
    expect(viewFocus(catalog, byHand)).toMatchObject({ active: ['b'], autoActivated: 'b' });
    // The focus rules' pick is no start of the learner's: no warning until it is studied.
    const brought = settleFocus(catalog, byHand, byHand, later(5));
    expect(hopping(catalog, brought, viewFocus(catalog, brought)).warning).toBeNull();
    const studied = markModule(brought, ref('b/m1'), 'done', {}, later(10)).state;
    expect(hopping(catalog, studied, viewFocus(catalog, studied)).warning).toContain(
      'You started b while a is parked unfinished.',
    );
  });

  it('bring back a course a lower focus-limit parked before a planned one, with no warning', () => {
    // a was parked when the limit went down to 1; d, the course kept, is finished now.
    let state = inState(stateWith(['b', 'a', 'd'], { 'a/m1': {} }), 'd', 'finished');
    state = withTransition(state, 'a', 'parked', T0, { cause: 'limit' });
    expect(viewFocus(catalog, state)).toMatchObject({ active: ['a'], autoActivated: 'a' });
    const settled = settleFocus(catalog, state, state, later(5));
    const studied = markModule(settled, ref('a/m3'), 'done', {}, later(10)).state;
    expect(hopping(catalog, studied, viewFocus(catalog, studied)).warning).toBeNull();
  });

  it('bring back the course parked last by a switch: the one that made room for the course ended', () => {
    // a parked for b, then b for d; d is finished: b comes back, not a.
    let state = inState(
      stateWith(['a', 'b', 'd', 'c'], { 'a/m1': {}, 'b/m1': {} }),
      'd',
      'finished',
    );
    state = withTransition(state, 'a', 'parked', T0, { cause: 'switch', switchedTo: 'b' });
    state = withTransition(state, 'b', 'parked', later(60), { cause: 'switch', switchedTo: 'd' });
    expect(viewFocus(catalog, state).autoActivated).toBe('b');
    // b dropped in turn: a, the one parked for it, comes back.
    const dropped = withTransition(
      settleFocus(catalog, state, state, later(90)),
      'b',
      'dropped',
      later(120),
    );
    expect(viewFocus(catalog, dropped).autoActivated).toBe('a');
  });

  it('pass over a finished course: the next planned one comes into focus', () => {
    const state = inState(inState(stateWith(['d', 'b']), 'd', 'finished'), 'b', 'planned');
    expect(viewFocus(catalog, state).active).toEqual(['b']);
  });

  it('park the least recently worked course when the limit is lowered', () => {
    let state = stateWith(['a', 'b', 'd'], {
      'a/m1': { at: '2026-03-01T10:00:00.000Z' },
      'b/m1': { at: '2026-02-01T10:00:00.000Z' },
      'd/m1': { at: '2026-03-01T11:00:00.000Z', status: 'skipped' },
    });
    state.settings['focus-limit'] = 3;
    for (const id of ['a', 'b'])
      state = withTransition(state, id, 'active', new Date('2026-01-01'));
    const change = withFocus(catalog, state, T0, (base) => setSetting(base, 'focus-limit', 1, T0));
    expect(viewFocus(catalog, change.state).active).toEqual(['a']);
    expect(change.entry!.transitions).toEqual([{ courseId: 'b', state: 'parked', cause: 'limit' }]);
  });

  it('bring back the courses a lower limit parked when it is raised again, the last parked first', () => {
    let state = stateWith(['a', 'b', 'd'], {
      'a/m1': { at: '2026-03-01T10:00:00.000Z' },
      'b/m1': { at: '2026-02-01T10:00:00.000Z' },
      'd/m1': { at: '2026-02-15T10:00:00.000Z' },
    });
    state.settings['focus-limit'] = 3;
    for (const id of ['a', 'b', 'd'])
      state = withTransition(state, id, 'active', new Date('2026-01-01'));
    const lowered = withFocus(catalog, state, T0, (base) => setSetting(base, 'focus-limit', 1, T0));
    expect(viewFocus(catalog, lowered.state).active).toEqual(['a']);
    // Room for one more: d, parked with b at the same moment, comes after b in roadmap order.
    const raised = withFocus(catalog, lowered.state, later(5), (base) =>
      setSetting(base, 'focus-limit', 2, later(5)),
    );
    expect(viewFocus(catalog, raised.state).active).toEqual(['a', 'b']);
    expect(raised.entry!.transitions).toEqual([{ courseId: 'b', state: 'active', cause: 'auto' }]);
    // A course parked by hand stays parked, whatever the limit.
    const byHand = withTransition(raised.state, 'b', 'parked', later(6), { reason: 'later' });
    const more = withFocus(catalog, byHand, later(7), (base) =>
      setSetting(base, 'focus-limit', 3, later(7)),
    );
    expect(viewFocus(catalog, more.state).active).toEqual(['a', 'd']);
  });

  it('park a finished course that `reset` reopens, when its place was taken', () => {
    let state = inState(stateWith(['d', 'b']), 'd', 'finished');
    state = settleFocus(catalog, state, state, T0);
    expect(viewFocus(catalog, state).active).toEqual(['b']);
    const change = withFocus(catalog, state, later(1), (base) =>
      resetModule(base, ref('d/m1'), later(1)),
    );
    expect(courseStatus(catalog, change.state, 'd')).toBe('parked');
    expect(courseStatus(catalog, change.state, 'b')).toBe('active');
  });

  it('record a finished course `reset` reopens with room as out of focus from its finish until now', () => {
    // d alone on the roadmap: it finished at T0 (inState), and nothing took over.
    const state = inState(stateWith(['d']), 'd', 'finished');
    state.courses.d!.transitions = [{ at: later(-60).toISOString(), state: 'active' }];
    const change = withFocus(catalog, state, later(600), (base) =>
      resetModule(base, ref('d/m1'), later(600)),
    );
    expect(change.state.courses.d!.transitions).toEqual([
      { at: later(-60).toISOString(), state: 'active' },
      { at: T0.toISOString(), state: 'parked' },
      { at: later(600).toISOString(), state: 'active' },
    ]);
    expect(courseStatus(catalog, change.state, 'd')).toBe('active');
    expect(change.entry!.transitions).toEqual([
      { courseId: 'd', state: 'parked' },
      { courseId: 'd', state: 'active' },
    ]);
    // The time between is no time in focus, for pace and streaks, as it was before the reset.
    expect(inactiveIntervals(change.state, later(601), catalog)).toEqual([
      { start: T0, end: later(600) },
    ]);
    expect(inactiveIntervals(state, later(601), catalog)).toEqual([{ start: T0, end: null }]);
  });

  it('keep the successor in focus when a catalog update reopens a finished course', () => {
    // d finishes when its project ships, and b comes into focus at that same instant.
    let state = inState(stateWith(['d', 'b']), 'd', 'finished');
    state.projects.d!.stages = [{ at: later(5).toISOString(), stage: 'shipped' }];
    state = settleFocus(catalog, state, state, later(5));
    expect(viewFocus(catalog, state).active).toEqual(['b']);
    // A module d didn't have before: the catalog changed, not the state, so nothing settled it.
    const reopened = { ...state, progress: state.progress.with({ 'd/m1': null }) };
    const view = viewFocus(catalog, reopened);
    expect(view.active).toEqual(['b']);
    expect(view.overLimit).toEqual(['d']);
    expect(view.statuses.get('d')).toBe('parked');
    expect(planActivation(catalog, reopened, 'b')).toEqual({ kind: 'already' });
    // The next change stores what every read already showed.
    const settled = settleFocus(catalog, reopened, reopened, later(6));
    expect(settled.courses.d!.transitions.at(-1)).toMatchObject({
      state: 'parked',
      cause: 'limit',
    });
    expect(viewFocus(catalog, settled)).toMatchObject({ active: ['b'], overLimit: [] });
  });

  it('keep the successor in focus over a reopened course worked on since, or at the same instant', () => {
    // d finished and b took over at T0, the same instant; then a note on d, after b came in.
    let state = inState(stateWith(['d', 'b']), 'd', 'finished');
    state = settleFocus(catalog, state, state, T0);
    expect(viewFocus(catalog, state).active).toEqual(['b']);
    state.journal['d/m1'] = {
      sessions: [{ at: later(30).toISOString(), minutes: 20 }],
      notes: [{ at: later(31).toISOString(), text: 'reviewed' }],
    };
    const reopened = { ...state, progress: state.progress.with({ 'd/m1': null }) };
    const view = viewFocus(catalog, reopened);
    expect(view.active).toEqual(['b']);
    expect(view.overLimit).toEqual(['d']);
    const settled = settleFocus(catalog, reopened, reopened, later(60));
    expect(courseStatus(catalog, settled, 'd')).toBe('parked');
    expect(courseStatus(catalog, settled, 'b')).toBe('active');
  });

  it('bring the next course into focus when the last one finished, even if that was back-dated', () => {
    const state = settleFocus(catalog, stateWith(['d', 'b']), stateWith(['d', 'b']), T0);
    state.projects.d = {
      title: 'Mine',
      stage: 'waived',
      stages: [{ at: T0.toISOString(), stage: 'waived' }],
    };
    // d's only module is done today, dated a week back: b took over then, not today.
    const change = withFocus(catalog, state, later(7 * 24 * 60), (base) =>
      markModule(base, ref('d/m1'), 'done', { at: later(60) }, later(7 * 24 * 60)),
    );
    expect(courseStatus(catalog, change.state, 'd')).toBe('finished');
    expect(change.state.courses.b!.transitions.at(-1)).toEqual({
      at: later(60).toISOString(),
      state: 'active',
      cause: 'auto',
    });
    // Finished now, it takes over now; and never before its own place on the roadmap.
    const now = withFocus(catalog, state, later(90), (base) =>
      markModule(base, ref('d/m1'), 'done', {}, later(90)),
    );
    expect(now.state.courses.b!.transitions.at(-1)!.at).toBe(later(90).toISOString());
    state.roadmap = state.roadmap.map((r) =>
      r.courseId === 'b' ? { ...r, addedAt: later(120).toISOString() } : r,
    );
    const added = withFocus(catalog, state, later(180), (base) =>
      markModule(base, ref('d/m1'), 'done', { at: later(60) }, later(180)),
    );
    expect(added.state.courses.b!.transitions.at(-1)!.at).toBe(later(120).toISOString());
  });

  it('give the study order: the courses in focus first, then the rest, dropped ones left out', () => {
    let state = stateWith(['a', 'b', 'd']);
    state = withTransition(state, 'a', 'parked', T0);
    state = withTransition(state, 'd', 'active', T0);
    expect(studyOrder(catalog, state)).toEqual(['d', 'a', 'b']);
    state = withTransition(state, 'a', 'dropped', later(1));
    expect(studyOrder(catalog, state)).toEqual(['d', 'b']);
  });

  it('park an active course taken off the roadmap, and bring the next one into focus', () => {
    const state = settleFocus(catalog, stateWith(['a', 'd']), stateWith(['a', 'd']), T0);
    const change = withFocus(catalog, state, later(1), (base) =>
      removeCourse(base, 'a', later(1), catalog),
    );
    expect(change.state.courses.a!.transitions.at(-1)).toMatchObject({
      state: 'parked',
      cause: 'removed',
    });
    expect(viewFocus(catalog, change.state).active).toEqual(['d']);
  });
});

describe('switching', () => {
  it('starts a course while the limit has room, and switches once it is full', () => {
    const state = settleFocus(catalog, stateWith(['a', 'd']), stateWith(['a', 'd']), T0);
    expect(planActivation(catalog, state, 'a')).toEqual({ kind: 'already' });
    expect(planActivation(catalog, state, 'd')).toEqual({
      kind: 'switch',
      from: 'planned',
      parks: 'a',
    });
    const roomy = { ...state, settings: { 'focus-limit': 2 } };
    expect(planActivation(catalog, roomy, 'd')).toEqual({ kind: 'start', from: 'planned' });
    const finished = inState({ ...state, projects: { ...state.projects } }, 'd', 'finished');
    expect(planActivation(catalog, finished, 'd')).toEqual({ kind: 'finished' });
  });

  it('parks the least recently worked of the active courses', () => {
    let state = stateWith(['a', 'b', 'd'], {
      'a/m1': { at: '2026-03-01T10:00:00.000Z' },
      'b/m1': { at: '2026-02-20T10:00:00.000Z' },
    });
    state.settings['focus-limit'] = 2;
    state = withTransition(state, 'a', 'active', new Date('2026-02-01'));
    state = withTransition(state, 'b', 'active', new Date('2026-02-01'));
    expect(planActivation(catalog, state, 'd')).toMatchObject({ kind: 'switch', parks: 'b' });
  });

  it('counts becoming active as work, so a course just switched to is not parked at once', () => {
    let state = stateWith(['a', 'd', 'b'], { 'a/m1': { at: '2026-02-01T10:00:00.000Z' } });
    state.settings['focus-limit'] = 2;
    state = withTransition(state, 'a', 'active', new Date('2026-01-01'));
    state = withTransition(state, 'd', 'active', new Date('2026-03-01'));
    expect(planActivation(catalog, state, 'b')).toMatchObject({ kind: 'switch', parks: 'a' });
  });
});

describe('undo and replay of changes made under the focus rules', () => {
  it('restore every earlier state exactly, switch and automatic activation included', () => {
    const steps: ((s: State) => ReturnType<typeof withFocus>)[] = [
      (s) => withFocus(catalog, s, T0, (b) => addCourses(catalog, b, ['a', 'd'], T0)),
      (s) =>
        withFocus(catalog, s, later(1), (b) => markModule(b, ref('a/m1'), 'done', {}, later(1))),
      // A switch: d/m1 is studied while a is in focus.
      (s) =>
        withFocus(catalog, s, later(2), (b) => {
          const marked = markModule(b, ref('d/m1'), 'done', {}, later(2));
          let state = withTransition(marked.state, 'a', 'parked', later(2), {
            cause: 'switch',
            switchedTo: 'd',
          });
          state = withTransition(state, 'd', 'active', later(2), { cause: 'study' });
          return { ...marked, state };
        }),
      (s) =>
        withFocus(catalog, s, later(3), (b) =>
          changeCourseState(catalog, b, 'a', 'resume', later(3)),
        ),
      (s) =>
        withFocus(catalog, s, later(4), (b) =>
          changeCourseState(catalog, b, 'd', 'drop', later(4), 'not for me'),
        ),
    ];
    let state = stateWith([]);
    const history = [state];
    const log: LogEntry[] = [];
    for (const step of steps) {
      const change = step(state);
      log.push(completeEntry(`e${log.length + 1}`, change.entry!, change.state));
      state = change.state;
      history.push(state);
    }
    for (let i = 1; i <= log.length; i++) expect(replayLog(log.slice(0, i))).toEqual(history[i]);
    expect(log[2]!.transitions).toEqual([
      { courseId: 'a', state: 'parked', cause: 'switch', switchedTo: 'd' },
      { courseId: 'd', state: 'active', cause: 'study' },
    ]);
    for (let i = history.length - 2; i >= 0; i--) {
      const change = undoLast(state, [...log].reverse(), T0);
      log.push(completeEntry(`u${i}`, change.entry!, change.state));
      state = change.state;
      expect(state).toEqual(history[i]);
    }
  });
});
