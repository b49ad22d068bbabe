import { describe, expect, it } from 'vitest';
import type { WeekStart } from '../../src/core/calendar.js';
import { buildPlan, type PlanModule } from '../../src/core/plan.js';

/** A local date-time; a bare date means noon, away from midnight. */
const at = (s: string): Date => new Date(s.length === 10 ? `${s}T12:00:00` : s);
const wednesday = at('2026-03-04T09:00:00');

const modules = (...minutes: number[]): PlanModule[] =>
  minutes.map((m, i) => ({ moduleId: `m${i + 1}`, courseId: i < 2 ? 'a' : 'b', minutes: m }));

/** Weeks as [start, end, minutes, modules] for compact tables. */
const rows = (plan: ReturnType<typeof buildPlan>) =>
  plan.weeks.map((w) => [w.start, w.end, w.minutes, w.modules.join(',')]);

describe('buildPlan', () => {
  it.each([
    {
      name: 'modules fill the rest of this week, then the next',
      now: wednesday,
      weekStart: 'monday' as WeekStart,
      budget: 300,
      studied: 0,
      modules: modules(120, 120, 120),
      weeks: undefined,
      expected: [
        ['2026-03-04', '2026-03-08', 300, 'm1,m2,m3'],
        ['2026-03-09', '2026-03-15', 60, 'm3'],
      ],
    },
    {
      name: 'a module spanning three weeks',
      now: wednesday,
      weekStart: 'monday' as WeekStart,
      budget: 300,
      studied: 0,
      modules: modules(700),
      weeks: undefined,
      expected: [
        ['2026-03-04', '2026-03-08', 300, 'm1'],
        ['2026-03-09', '2026-03-15', 300, 'm1'],
        ['2026-03-16', '2026-03-22', 100, 'm1'],
      ],
    },
    {
      name: 'part of the budget already used this week',
      now: wednesday,
      weekStart: 'monday' as WeekStart,
      budget: 300,
      studied: 200,
      modules: modules(120, 60),
      weeks: undefined,
      expected: [
        ['2026-03-04', '2026-03-08', 100, 'm1'],
        ['2026-03-09', '2026-03-15', 80, 'm1,m2'],
      ],
    },
    {
      name: 'the whole budget already used: the plan starts next week',
      now: wednesday,
      weekStart: 'monday' as WeekStart,
      budget: 300,
      studied: 450,
      modules: modules(120),
      weeks: undefined,
      expected: [['2026-03-09', '2026-03-15', 120, 'm1']],
    },
    {
      name: 'weeks starting sunday',
      now: wednesday,
      weekStart: 'sunday' as WeekStart,
      budget: 300,
      studied: 0,
      modules: modules(400),
      weeks: undefined,
      expected: [
        ['2026-03-04', '2026-03-07', 300, 'm1'],
        ['2026-03-08', '2026-03-14', 100, 'm1'],
      ],
    },
    {
      name: 'today is the last day of the week',
      now: at('2026-03-08T21:00:00'),
      weekStart: 'monday' as WeekStart,
      budget: 300,
      studied: 0,
      modules: modules(400),
      weeks: undefined,
      expected: [
        ['2026-03-08', '2026-03-08', 300, 'm1'],
        ['2026-03-09', '2026-03-15', 100, 'm1'],
      ],
    },
    {
      name: 'the 53rd ISO week of 2026 and the year boundary',
      now: at('2026-12-30'),
      weekStart: 'monday' as WeekStart,
      budget: 300,
      studied: 0,
      modules: modules(500),
      weeks: undefined,
      expected: [
        ['2026-12-30', '2027-01-03', 300, 'm1'],
        ['2027-01-04', '2027-01-10', 200, 'm1'],
      ],
    },
    {
      name: 'a --weeks limit',
      now: wednesday,
      weekStart: 'monday' as WeekStart,
      budget: 300,
      studied: 0,
      modules: modules(300, 300, 300),
      weeks: 2,
      expected: [
        ['2026-03-04', '2026-03-08', 300, 'm1'],
        ['2026-03-09', '2026-03-15', 300, 'm2'],
      ],
    },
    {
      // A used-up project is no work: with nothing else left, this week holds it, spent or not.
      name: 'only steps of no minutes left, with this week spent: this week',
      now: wednesday,
      weekStart: 'monday' as WeekStart,
      budget: 100,
      studied: 150,
      modules: modules(0),
      weeks: undefined,
      expected: [['2026-03-04', '2026-03-08', 0, 'm1']],
    },
    {
      name: 'calibrated minutes are planned whole',
      now: wednesday,
      weekStart: 'monday' as WeekStart,
      budget: 100,
      studied: 0,
      modules: modules(59.6, 40.4),
      weeks: undefined,
      expected: [['2026-03-04', '2026-03-08', 100, 'm1,m2']],
    },
  ])('$name', ({ now, weekStart, budget, studied, modules: list, weeks, expected }) => {
    const plan = buildPlan({
      now,
      weekStart,
      budgetMinutesPerWeek: budget,
      studiedThisWeekMinutes: studied,
      items: list,
      weeks,
    });
    expect(plan.reason).toBeNull();
    expect(rows(plan)).toEqual(expected);
  });

  it('gives each module its first and last day', () => {
    const plan = buildPlan({
      now: wednesday,
      weekStart: 'monday',
      budgetMinutesPerWeek: 300,
      studiedThisWeekMinutes: 0,
      items: modules(120, 120, 400, 0),
    });
    expect(plan.modules).toEqual([
      { moduleId: 'm1', courseId: 'a', start: '2026-03-04', end: '2026-03-08' },
      { moduleId: 'm2', courseId: 'a', start: '2026-03-04', end: '2026-03-08' },
      { moduleId: 'm3', courseId: 'b', start: '2026-03-04', end: '2026-03-22' },
      { moduleId: 'm4', courseId: 'b', start: '2026-03-16', end: '2026-03-22' },
    ]);
  });

  it('plans a project in order like a module, in its weeks and in its own list', () => {
    const plan = buildPlan({
      now: wednesday,
      weekStart: 'monday',
      budgetMinutesPerWeek: 300,
      studiedThisWeekMinutes: 0,
      items: [
        ...modules(120, 120),
        { project: true, courseId: 'a', title: 'A demo', minutes: 600, minutesLogged: 0 },
        { moduleId: 'b1', courseId: 'b', minutes: 60 },
      ],
    });
    expect(plan.weeks.map((w) => [w.start, w.minutes, w.modules, w.projects])).toEqual([
      ['2026-03-04', 300, ['m1', 'm2'], ['a']],
      ['2026-03-09', 300, [], ['a']],
      ['2026-03-16', 300, ['b1'], ['a']],
    ]);
    expect(plan.projects).toEqual([
      {
        courseId: 'a',
        title: 'A demo',
        start: '2026-03-04',
        end: '2026-03-22',
        minutes: 600,
        minutesLogged: 0,
      },
    ]);
    expect(plan.modules.map((m) => [m.moduleId, m.start, m.end])).toEqual([
      ['m1', '2026-03-04', '2026-03-08'],
      ['m2', '2026-03-04', '2026-03-08'],
      ['b1', '2026-03-16', '2026-03-22'],
    ]);
  });

  it('lists only modules that start within the --weeks limit, with their real last day', () => {
    const plan = buildPlan({
      now: wednesday,
      weekStart: 'monday',
      budgetMinutesPerWeek: 300,
      studiedThisWeekMinutes: 0,
      items: modules(200, 1000, 60),
      weeks: 2,
    });
    expect(rows(plan)).toEqual([
      ['2026-03-04', '2026-03-08', 300, 'm1,m2'],
      ['2026-03-09', '2026-03-15', 300, 'm2'],
    ]);
    expect(plan.modules.map((m) => [m.moduleId, m.start, m.end])).toEqual([
      ['m1', '2026-03-04', '2026-03-08'],
      ['m2', '2026-03-04', '2026-03-29'],
    ]);
  });

  it.each([
    ['no budget', null, modules(60), 'no weekly budget is set'],
    ['a budget of 0', 0, modules(60), 'the weekly budget must be more than 0 minutes'],
    ['a negative budget', -5, modules(60), 'the weekly budget must be more than 0 minutes'],
    ['nothing left', 300, [], 'nothing left to plan'],
  ])('%s gives no weeks and a reason', (_, budget, list, reason) => {
    expect(
      buildPlan({
        now: wednesday,
        weekStart: 'monday',
        budgetMinutesPerWeek: budget,
        studiedThisWeekMinutes: 0,
        items: list,
      }),
    ).toEqual({ weeks: [], modules: [], projects: [], reason });
  });
});

describe('the plan horizon', () => {
  it('reaches 520 weeks at most, and an item past it keeps a real last day', () => {
    const plan = buildPlan({
      now: wednesday,
      weekStart: 'monday',
      budgetMinutesPerWeek: 30,
      studiedThisWeekMinutes: 0,
      items: [
        ...modules(30 * 519),
        { moduleId: 'long', courseId: 'b', minutes: 60_000 },
        { moduleId: 'never', courseId: 'b', minutes: 30 },
      ],
    });
    expect(plan.weeks).toHaveLength(520);
    expect(plan.modules.map((m) => m.moduleId)).toEqual(['m1', 'long']);
    // 2,000 weeks of 30 minutes from its start, 519 weeks in: 2,518 weeks, 48 years, from now.
    expect(plan.modules[1]!.end).toBe('2074-06-10');
  });
});
