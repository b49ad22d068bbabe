import { describe, expect, it } from 'vitest';
import {
  mergeCourse,
  mergeJournal,
  mergeProgress,
  mergeProject,
  mergeStates,
} from '../../src/core/merge.js';
import { ProgressMap } from '../../src/core/progress-map.js';
import { emptyState, type LogEntry, type ProgressEntry } from '../../src/core/types.js';
import { readExport } from '../../src/store/export-document.js';

const done = (at: string, extra: Partial<ProgressEntry> = {}): ProgressEntry => ({
  status: 'done',
  at,
  notes: [],
  ...extra,
});
const skipped = (at: string): ProgressEntry => ({ status: 'skipped', at, notes: [] });
const T1 = '2026-03-01T10:00:00.000Z';
const NOW = new Date('2026-03-02T09:00:00.000Z');
const T2 = '2026-03-05T10:00:00.000Z';

describe('merge rules', () => {
  it.each([
    ['done beats skipped (local done)', done(T2), skipped(T1), done(T2)],
    ['done beats skipped (incoming done)', skipped(T1), done(T2), done(T2)],
    ['the earliest done date wins', done(T2), done(T1), done(T1)],
    ['the earliest skip date wins', skipped(T2), skipped(T1), skipped(T1)],
    [
      'the larger minutes are kept, with the earlier date',
      done(T1, { minutes: 30 }),
      done(T2, { minutes: 90 }),
      done(T1, { minutes: 90 }),
    ],
    [
      'minutes the winner lacks come from the other',
      done(T1),
      done(T2, { minutes: 90 }),
      done(T1, { minutes: 90 }),
    ],
  ])('%s', (_, local, incoming, expected) => {
    expect(mergeProgress(local, incoming)).toEqual(expected);
  });

  it('unites notes and sessions, each once, in time order', () => {
    const a = { at: T1, text: 'a' };
    const b = { at: T2, text: 'b' };
    const c = { at: T1, text: 'c' };
    expect(mergeProgress(done(T1, { notes: [b, a] }), done(T1, { notes: [a, c] })).notes).toEqual([
      a,
      c,
      b,
    ]);
    // Nothing new: the list stays as stored (a back-dated note after a later one), so importing
    // your own export changes nothing.
    const local = done(T1, { notes: [b, a] });
    const same = mergeProgress(local, done(T1, { notes: [a, b] }));
    expect(same.notes).toBe(local.notes);
    expect(JSON.stringify(same)).toBe(JSON.stringify(local));
    const s1 = { at: T1, minutes: 30 };
    const s2 = { at: T2, minutes: 45, note: 'x' };
    expect(
      mergeJournal({ sessions: [s2], notes: [a] }, { sessions: [s1, s2], notes: [b] }),
    ).toEqual({
      sessions: [s1, s2],
      notes: [a, b],
    });
  });

  it('the latest course transition wins, and the later project stage', () => {
    const local = { transitions: [{ at: T1, state: 'active' as const }] };
    const incoming = {
      transitions: [
        { at: T1, state: 'active' as const },
        { at: T2, state: 'parked' as const, reason: 'busy' },
      ],
    };
    expect(mergeCourse(local, incoming).transitions.at(-1)).toEqual({
      at: T2,
      state: 'parked',
      reason: 'busy',
    });
    const idea = {
      title: 'x',
      stage: 'idea' as const,
      stages: [{ at: T1, stage: 'idea' as const }],
    };
    const shipped = {
      ...idea,
      stage: 'shipped' as const,
      stages: [...idea.stages, { at: T2, stage: 'shipped' as const }],
    };
    expect(mergeProject(idea, shipped)).toEqual(shipped);
    expect(mergeProject(shipped, idea)).toEqual(shipped);
  });

  it('a shipped project beats a later idea, and details only one side has are kept', () => {
    const shipped = {
      title: 'Drift alerts',
      estimateMinutes: 600,
      stage: 'shipped' as const,
      shippedRef: 'v1',
      stages: [{ at: T1, stage: 'shipped' as const }],
    };
    const laterIdea = {
      title: 'Some idea',
      goal: 'alerts by mail',
      stage: 'idea' as const,
      stages: [{ at: T2, stage: 'idea' as const }],
    };
    // Shipped is final: an idea recorded later on the other machine doesn't undo it.
    for (const merged of [mergeProject(shipped, laterIdea), mergeProject(laterIdea, shipped)]) {
      expect(merged).toEqual({ ...shipped, goal: 'alerts by mail' });
    }
    const started = {
      title: 'Mine',
      repo: 'https://example.com/r',
      stage: 'started' as const,
      stages: [{ at: T1, stage: 'started' as const }],
    };
    const detailed = {
      title: 'Mine',
      goal: 'a goal',
      estimateMinutes: 300,
      stage: 'idea' as const,
      stages: [{ at: T2, stage: 'idea' as const }],
    };
    expect(mergeProject(detailed, started)).toEqual({
      ...started,
      goal: 'a goal',
      estimateMinutes: 300,
    });
  });

  it('keeps the time logged on a project on either side, a session both have once', () => {
    const base = {
      title: 'Drift alerts',
      stage: 'started' as const,
      stages: [{ at: T1, stage: 'started' as const }],
    };
    const shared = { at: T1, minutes: 60 };
    const local = { ...base, sessions: [shared, { at: T2, minutes: 30 }] };
    const shipped = {
      ...base,
      stage: 'shipped' as const,
      stages: [...base.stages, { at: T2, stage: 'shipped' as const }],
      sessions: [shared, { at: '2026-03-03T10:00:00.000Z', minutes: 45 }],
    };
    for (const merged of [mergeProject(local, shipped), mergeProject(shipped, local)]) {
      expect(merged.stage).toBe('shipped');
      expect(merged.sessions).toEqual([
        shared,
        { at: '2026-03-03T10:00:00.000Z', minutes: 45 },
        { at: T2, minutes: 30 },
      ]);
    }
    expect(mergeProject(base, base).sessions).toBeUndefined();
  });

  it('keeps two identical sessions, and a session both sides share once', () => {
    const session = { at: T1, minutes: 30 };
    const mine = { sessions: [session, { ...session }], notes: [] };
    expect(mergeJournal(mine, mine).sessions).toHaveLength(2);
    expect(mergeJournal(mine, { sessions: [session], notes: [] }).sessions).toHaveLength(2);
    const theirs = { sessions: [session, { at: T2, minutes: 45 }], notes: [] };
    expect(mergeJournal({ sessions: [session], notes: [] }, theirs).sessions).toEqual([
      session,
      { at: T2, minutes: 45 },
    ]);
  });

  it('takes a goal and its deadline from one side only', () => {
    const goal = (minutes: number, deadline: string) => ({
      state: {
        ...emptyState(),
        settings: { 'goal-minutes-per-week': minutes, 'goal-deadline': deadline },
      },
      log: [],
    });
    const onlyGoal = {
      state: { ...emptyState(), settings: { 'goal-minutes-per-week': 180 } },
      log: [],
    };
    expect(mergeStates(onlyGoal, goal(360, '2027-01-01')).state.settings).toEqual({
      'goal-minutes-per-week': 180,
    });
    expect(
      mergeStates({ state: emptyState(), log: [] }, goal(360, '2027-01-01')).state.settings,
    ).toEqual({
      'goal-minutes-per-week': 360,
      'goal-deadline': '2027-01-01',
    });
  });

  it('keeps local settings and roadmap order, adds what only the import has, unites logs by id', () => {
    const entry = (id: string): LogEntry => ({ id, at: T1, type: 'done', before: {}, after: {} });
    const local = {
      state: {
        ...emptyState(),
        roadmap: [{ courseId: 'b', addedAt: T1 }],
        settings: { 'bar-width': 30 },
      },
      log: [entry('1'), entry('2')],
    };
    const incoming = {
      state: {
        ...emptyState(),
        roadmap: [
          { courseId: 'a', addedAt: T2 },
          { courseId: 'b', addedAt: T2 },
        ],
        settings: { 'bar-width': 40, 'skip-optional': true },
      },
      log: [entry('2'), entry('3')],
    };
    const merged = mergeStates(local, incoming);
    expect(merged.state.roadmap).toEqual([
      { courseId: 'b', addedAt: T1 },
      { courseId: 'a', addedAt: T2 },
    ]);
    expect(merged.state.settings).toEqual({ 'bar-width': 30, 'skip-optional': true });
    expect(merged.log.map((e) => e.id)).toEqual(['1', '2', '3']);
    expect(merged.report).toMatchObject({
      roadmapAdded: ['a'],
      settingsAdded: ['skip-optional'],
      settingsKept: ['bar-width'],
      logAdded: 1,
    });
  });
});

describe('reading an export', () => {
  const base = {
    format: 'roadmap-export',
    version: 1,
    exportedAt: T1,
    roadmap: [],
    progress: [],
    journal: [],
    courses: [],
    projects: [],
    settings: {},
  };

  it.each([
    [
      { format: 'other' },
      'its format is "other", not "roadmap-export", so it is not a roadmap export',
    ],
    [
      { ...base, version: 2 },
      'version 2 is newer than this roadmap reads (1); update roadmap to import it',
    ],
    [{ ...base, roadmap: {} }, 'roadmap is not a list'],
    [
      { ...base, progress: [{ moduleId: 'a/b', status: 'finished', at: T1 }] },
      'progress[0] (a/b): status is "finished", not "done" or "skipped"',
    ],
    [
      { ...base, progress: [{ moduleId: 'a/b', status: 'done', at: T1, minutes: -5 }] },
      'progress[0] (a/b): minutes is -5, not a whole number above 0',
    ],
    [
      { ...base, roadmap: [{ courseId: 'a', addedAt: 'yesterday' }] },
      'roadmap[0]: addedAt is "yesterday", not an ISO date-time',
    ],
    [
      { ...base, log: [{ id: 'x', at: T1, type: 'done', before: { roadmap: 'x' }, after: {} }] },
      'log[0] is not an activity-log entry',
    ],
    [
      { ...base, catalogs: [{ formatVersion: 1, id: 'mine', courses: [{ id: 'c' }] }] },
      'catalogs[0].courses[0].title: ',
    ],
  ])('refuses %j', (doc, problem) => {
    const { value, problems } = readExport(doc, NOW);
    expect(value).toBeNull();
    expect(problems.join('\n')).toContain(problem);
  });

  it('refuses to replace from a document that leaves out a part of the state', () => {
    const { progress: _p, journal: _j, settings: _s, ...partial } = base;
    expect(readExport(partial, NOW, { whole: true }).problems).toEqual([
      'progress is missing (a list, possibly empty), which --replace would empty',
      'journal is missing (a list, possibly empty), which --replace would empty',
      'settings is missing (an object, possibly empty), which --replace would empty',
    ]);
    // The log and the catalogs may be left out: the state alone is imported.
    expect(readExport(base, NOW, { whole: true }).problems).toEqual([]);
    // A merge takes what is there: a part left out merges nothing.
    expect(readExport(partial, NOW).problems).toEqual([]);
  });

  it('reports every problem at once', () => {
    const { problems } = readExport(
      {
        ...base,
        roadmap: [1],
        progress: [null, { moduleId: 7 }],
        courses: [null],
        settings: { 'bar-width': { wide: true } },
      },
      NOW,
    );
    expect(problems).toEqual([
      'roadmap[0]: is not an object {courseId, addedAt}',
      'progress[0] is not an object {moduleId, status, at, minutes?, notes?}',
      'progress[1].moduleId is not a module id',
      'courses[0] is not an object',
      'settings["bar-width"] has a value that doesn\'t fit it',
    ]);
  });

  it('refuses __proto__, constructor and prototype keys without changing any prototype', () => {
    const text = `{"format":"roadmap-export","version":1,"exportedAt":"${T1}",
      "settings":{"__proto__":{"polluted":true},"constructor":1},
      "progress":[{"moduleId":"__proto__","status":"done","at":"${T1}"}],
      "journal":[{"moduleId":"prototype","__proto__":{"polluted":true},"sessions":[],"notes":[]}],
      "log":[{"id":"a","at":"${T1}","type":"done","before":{"progress":{"__proto__":null}},"after":{}}]}`;
    const { value, problems } = readExport(JSON.parse(text), NOW);
    expect(value).toBeNull();
    expect(problems.sort()).toEqual([
      'journal[0].__proto__: the key "__proto__" is not allowed',
      'log[0].before.progress.__proto__: the key "__proto__" is not allowed',
      'settings.__proto__: the key "__proto__" is not allowed',
      'settings.constructor: the key "constructor" is not allowed',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(emptyState().settings)).toBe(Object.prototype);
  });
});

describe('a skip with more than a day of minutes, beaten by a done', () => {
  it('leaves its minutes as sessions of a day at most, and once when both sides have them', () => {
    const at = T1;
    const side = (status: 'done' | 'skipped', minutes?: number) => ({
      state: {
        ...emptyState(),
        progress: ProgressMap.fromEntries([
          ['a/m1', { status, at, notes: [], ...(minutes && { minutes }) }],
        ]),
      },
      log: [],
    });
    const merged = mergeStates(side('done', 30), side('skipped', 1500));
    expect(merged.state.progress.get('a/m1')).toMatchObject({ status: 'done', minutes: 30 });
    expect(merged.state.journal['a/m1']!.sessions).toEqual([
      { at, minutes: 1440 },
      { at, minutes: 60 },
    ]);
    // The same merge again, with the sessions already here: none is added twice.
    const again = mergeStates({ state: merged.state, log: [] }, side('skipped', 1500));
    expect(again.state.journal['a/m1']!.sessions).toHaveLength(2);
  });
});
