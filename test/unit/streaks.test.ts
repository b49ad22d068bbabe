import { addDays } from 'date-fns/addDays';
import { describe, expect, it } from 'vitest';
import type { WeekStart } from '../../src/core/calendar.js';
import type { Interval } from '../../src/core/pace.js';
import { computeStreaks, type Run } from '../../src/core/streaks.js';

/** A local date-time; a bare date means noon, away from midnight. */
const at = (s: string): Date => new Date(s.length === 10 ? `${s}T12:00:00` : s);
const monday = at('2026-03-02T09:00:00');

const days = (from: string, count: number): Date[] =>
  Array.from({ length: count }, (_, i) => addDays(at(from), i));
const parked = (start: string, end: string | null): Interval => ({
  start: at(`${start}T00:00:00`),
  end: end === null ? null : at(`${end}T00:00:00`),
});
const run = (current: number, longest: number): Run => ({ current, longest });

describe('computeStreaks: days and weeks', () => {
  it.each<{
    name: string;
    now?: Date;
    weekStart?: WeekStart;
    times: Date[];
    inactive?: Interval[];
    days: Run;
    weeks: Run;
  }>([
    { name: 'an empty history', times: [], days: run(0, 0), weeks: run(0, 0) },
    {
      name: 'a single day: today',
      times: [at('2026-03-02T08:00:00')],
      days: run(1, 1),
      weeks: run(1, 1),
    },
    {
      name: 'today not studied yet keeps the run from yesterday',
      times: [at('2026-02-28'), at('2026-03-01')],
      days: run(2, 2),
      weeks: run(1, 1),
    },
    {
      name: 'a day missed before today breaks it',
      times: [at('2026-02-28')],
      days: run(0, 1),
      weeks: run(1, 1),
    },
    {
      name: 'an earlier longer run',
      times: [...days('2026-02-01', 5), ...days('2026-03-01', 2)],
      days: run(2, 5),
      weeks: run(2, 2),
    },
    {
      name: 'a paused stretch neither breaks nor extends',
      times: [...days('2026-02-01', 5), ...days('2026-02-26', 5)],
      inactive: [parked('2026-02-06', '2026-02-26')],
      days: run(10, 10),
      weeks: run(4, 4),
    },
    {
      name: 'the same stretch without the pause breaks',
      times: [...days('2026-02-01', 5), ...days('2026-02-26', 5)],
      days: run(5, 5),
      weeks: run(2, 2),
    },
    {
      name: 'a pause still going on keeps the run',
      times: days('2026-02-20', 5),
      inactive: [parked('2026-02-25', null)],
      days: run(5, 5),
      weeks: run(2, 2),
    },
    {
      name: 'weeks starting monday',
      times: [at('2026-02-21'), at('2026-03-01')],
      days: run(1, 1),
      weeks: run(2, 2),
    },
    {
      name: 'weeks starting sunday',
      weekStart: 'sunday',
      times: [at('2026-02-21'), at('2026-03-01')],
      days: run(1, 1),
      weeks: run(1, 1),
    },
    {
      name: 'across the 53rd ISO week and the year boundary (monday)',
      now: at('2027-01-04T20:00:00'),
      times: days('2026-12-26', 10),
      days: run(10, 10),
      weeks: run(3, 3),
    },
    {
      name: 'across the year boundary (sunday)',
      now: at('2027-01-04T20:00:00'),
      weekStart: 'sunday',
      times: days('2026-12-26', 10),
      days: run(10, 10),
      weeks: run(3, 3),
    },
    {
      name: 'entries after today are ignored',
      times: [at('2026-03-02T08:00:00'), at('2026-03-03'), at('2026-03-04')],
      days: run(1, 1),
      weeks: run(1, 1),
    },
  ])('$name', ({ now = monday, weekStart = 'monday', times, inactive, days: d, weeks }) => {
    const streaks = computeStreaks({
      now,
      weekStart,
      studyTimes: times,
      sessions: [],
      goalMinutesPerWeek: null,
      inactive,
    });
    expect(streaks.days).toEqual(d);
    expect(streaks.weeks).toEqual(weeks);
  });
});

describe('computeStreaks: goal weeks', () => {
  const wednesday = at('2026-03-04T09:00:00');
  it.each<{
    name: string;
    goal: number | null;
    minutes: Array<[string, number]>;
    inactive?: Interval[];
    expected: Run;
  }>([
    {
      name: 'the current week, not met yet, does not break the run',
      goal: 120,
      minutes: [
        ['2026-02-16', 150],
        ['2026-02-23', 130],
        ['2026-03-02', 60],
      ],
      expected: run(2, 2),
    },
    {
      name: 'the current week counts once met',
      goal: 120,
      minutes: [
        ['2026-02-16', 150],
        ['2026-02-23', 130],
        ['2026-03-02', 60],
        ['2026-03-03', 60],
      ],
      expected: run(3, 3),
    },
    {
      name: 'a past week under the goal breaks the run',
      goal: 120,
      minutes: [
        ['2026-02-09', 150],
        ['2026-02-16', 100],
        ['2026-02-23', 130],
      ],
      expected: run(1, 1),
    },
    {
      name: 'a parked week is passed over',
      goal: 120,
      minutes: [
        ['2026-02-09', 150],
        ['2026-02-23', 130],
      ],
      inactive: [parked('2026-02-16', '2026-02-23')],
      expected: run(2, 2),
    },
    { name: 'no goal', goal: null, minutes: [['2026-02-23', 130]], expected: run(0, 0) },
    {
      name: 'a goal of 0 is no goal',
      goal: 0,
      minutes: [['2026-02-23', 130]],
      expected: run(0, 0),
    },
    { name: 'a goal with no history', goal: 120, minutes: [], expected: run(0, 0) },
  ])('$name', ({ goal, minutes, inactive, expected }) => {
    const sessions = minutes.map(([day, m]) => ({ at: at(day), minutes: m }));
    const streaks = computeStreaks({
      now: wednesday,
      weekStart: 'monday',
      studyTimes: sessions.map((s) => s.at),
      sessions,
      goalMinutesPerWeek: goal,
      inactive,
    });
    expect(streaks.goalWeeks).toEqual(expected);
  });
});
