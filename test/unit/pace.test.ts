import { addDays } from 'date-fns/addDays';
import { describe, expect, it } from 'vitest';
import {
  computePace,
  type DoneModule,
  type Interval,
  type Pace,
  type StudySession,
} from '../../src/core/pace.js';
import { calibrationText } from '../../src/ui/render-status.js';

/** A local date-time; a bare date means noon, away from midnight. */
const at = (s: string): Date => new Date(s.length === 10 ? `${s}T12:00:00` : s);
const now = at('2026-03-02T09:00:00');

const daily = (from: string, days: number, minutes: number): StudySession[] =>
  Array.from({ length: days }, (_, i) => ({ at: addDays(at(from), i), minutes, moduleId: 'm' }));
const session = (when: string, minutes: number): StudySession => ({
  at: at(when),
  minutes,
  moduleId: 'm',
});
const done = (when: string, estimateMinutes: number, actualMinutes = 0): DoneModule => ({
  moduleId: `m-${when}-${estimateMinutes}-${actualMinutes}`,
  at: at(when),
  estimateMinutes,
  actualMinutes,
});
const parked = (start: string, end: string | null): Interval => ({
  start: at(`${start}T00:00:00`),
  end: end === null ? null : at(`${end}T00:00:00`),
});

type Expected = Pick<
  Pace,
  'minutesPerWeek' | 'modulesPerWeek' | 'windowDays' | 'historyDays' | 'modulesDone'
>;

describe('computePace rates', () => {
  it.each<{
    name: string;
    now?: Date;
    sessions: StudySession[];
    done: DoneModule[];
    inactive: Interval[];
    expected: Expected;
  }>([
    {
      name: 'an empty history',
      sessions: [],
      done: [],
      inactive: [],
      expected: {
        minutesPerWeek: 0,
        modulesPerWeek: 0,
        windowDays: 0,
        historyDays: 0,
        modulesDone: 0,
      },
    },
    {
      name: 'a single day',
      sessions: [session('2026-03-02T08:00:00', 60)],
      done: [],
      inactive: [],
      expected: {
        minutesPerWeek: 420,
        modulesPerWeek: 0,
        windowDays: 1,
        historyDays: 0,
        modulesDone: 0,
      },
    },
    {
      name: 'a single day with a module done without minutes (its estimate counts)',
      sessions: [],
      done: [done('2026-03-02T08:00:00', 45)],
      inactive: [],
      expected: {
        minutesPerWeek: 315,
        modulesPerWeek: 7,
        windowDays: 1,
        historyDays: 0,
        modulesDone: 1,
      },
    },
    {
      name: 'a steady pace of 30 minutes a day for 60 days',
      sessions: daily('2026-01-02', 60, 30),
      done: [],
      inactive: [],
      expected: {
        minutesPerWeek: 210,
        modulesPerWeek: 0,
        windowDays: 28,
        historyDays: 59,
        modulesDone: 0,
      },
    },
    {
      name: 'a history shorter than the window',
      sessions: [session('2026-02-21', 70)],
      done: [],
      inactive: [],
      expected: {
        minutesPerWeek: 49,
        modulesPerWeek: 0,
        windowDays: 10,
        historyDays: 9,
        modulesDone: 0,
      },
    },
    {
      name: 'a paused month left out of the window',
      sessions: [...daily('2026-01-01', 31, 60), ...daily('2026-03-01', 2, 60)],
      done: [],
      inactive: [parked('2026-02-01', '2026-03-01')],
      expected: {
        minutesPerWeek: 420,
        modulesPerWeek: 0,
        windowDays: 2,
        historyDays: 60,
        modulesDone: 0,
      },
    },
    {
      name: 'the same month without the pause dilutes the rate',
      sessions: [...daily('2026-01-01', 31, 60), ...daily('2026-03-01', 2, 60)],
      done: [],
      inactive: [],
      expected: {
        minutesPerWeek: 30,
        modulesPerWeek: 0,
        windowDays: 28,
        historyDays: 60,
        modulesDone: 0,
      },
    },
    {
      name: 'a pause still going on',
      sessions: daily('2026-01-01', 50, 60),
      done: [],
      inactive: [parked('2026-02-20', null)],
      expected: {
        minutesPerWeek: 420,
        modulesPerWeek: 0,
        windowDays: 17,
        historyDays: 60,
        modulesDone: 0,
      },
    },
    {
      name: 'a window wholly paused gives zeros, not NaN',
      sessions: daily('2026-01-01', 31, 60),
      done: [],
      inactive: [parked('2026-02-01', null)],
      expected: {
        minutesPerWeek: 0,
        modulesPerWeek: 0,
        windowDays: 0,
        historyDays: 60,
        modulesDone: 0,
      },
    },
    {
      name: 'activity on a paused day still counts that day',
      sessions: [session('2026-01-01', 60), session('2026-02-10', 60)],
      done: [],
      inactive: [parked('2026-02-01', null)],
      expected: {
        minutesPerWeek: 420,
        modulesPerWeek: 0,
        windowDays: 1,
        historyDays: 60,
        modulesDone: 0,
      },
    },
    {
      name: 'a burst at the end of a quiet month',
      sessions: [
        session('2026-01-15', 30),
        session('2026-02-28', 200),
        session('2026-03-01', 200),
        session('2026-03-02T07:00:00', 200),
      ],
      done: [],
      inactive: [],
      expected: {
        minutesPerWeek: 150,
        modulesPerWeek: 0,
        windowDays: 28,
        historyDays: 46,
        modulesDone: 0,
      },
    },
    {
      name: 'one outlier of 600 minutes in a steady month',
      sessions: [...daily('2026-02-03', 28, 30), session('2026-02-15', 600)],
      done: [],
      inactive: [],
      expected: {
        minutesPerWeek: 360,
        modulesPerWeek: 0,
        windowDays: 28,
        historyDays: 27,
        modulesDone: 0,
      },
    },
    {
      name: 'done modules: estimates stand in for missing minutes; all count in modulesDone',
      sessions: [session('2026-02-12', 50), session('2026-01-10', 40)],
      done: [done('2026-02-10', 90), done('2026-02-12', 60, 50), done('2026-01-10', 100, 40)],
      inactive: [],
      expected: {
        minutesPerWeek: 35,
        modulesPerWeek: 0.5,
        windowDays: 28,
        historyDays: 51,
        modulesDone: 3,
      },
    },
    {
      name: 'entries after today are ignored',
      sessions: [session('2026-03-02T08:00:00', 60), session('2026-03-03T10:00:00', 300)],
      done: [done('2026-03-04', 60)],
      inactive: [],
      expected: {
        minutesPerWeek: 420,
        modulesPerWeek: 0,
        windowDays: 1,
        historyDays: 0,
        modulesDone: 0,
      },
    },
    {
      name: 'a year boundary inside the window',
      sessions: daily('2025-12-20', 24, 60),
      done: [],
      inactive: [],
      expected: {
        minutesPerWeek: 420,
        modulesPerWeek: 0,
        windowDays: 24,
        historyDays: 23,
        modulesDone: 0,
      },
      now: at('2026-01-12T20:00:00'),
    },
  ])('$name', ({ now: when = now, sessions, done: doneModules, inactive, expected }) => {
    const pace = computePace({
      now: when,
      windowDays: 28,
      sessions,
      done: doneModules,
      inactive,
    });
    expect(pace).toMatchObject(expected);
    for (const value of Object.values(pace)) {
      if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    }
  });

  it('defaults to a 28-day window', () => {
    const pace = computePace({ now, sessions: daily('2026-01-02', 60, 30), done: [] });
    expect(pace.windowDays).toBe(28);
  });

  it('uses a shorter window when asked', () => {
    const sessions = [...daily('2026-02-01', 20, 10), ...daily('2026-02-21', 10, 70)];
    const pace = computePace({ now, windowDays: 7, sessions, done: [] });
    expect(pace).toMatchObject({ windowDays: 7, minutesPerWeek: 490 });
  });
});

describe('computePace calibration', () => {
  const three = (actual: number, estimate: number) => [
    done('2026-02-10', estimate, actual),
    done('2026-02-15', estimate, actual),
    done('2026-02-20', estimate, actual),
  ];
  it.each([
    {
      name: 'three modules that took longer',
      done: [done('2026-02-10', 60, 120), done('2026-02-15', 60, 90), done('2026-02-20', 60, 90)],
      expected: { factor: 1.67, modules: 3, reason: null, measured: 1.67 },
    },
    {
      name: 'clamped at 4',
      done: three(600, 60),
      expected: { factor: 4, modules: 3, reason: null, measured: 10 },
    },
    {
      name: 'clamped at 0.25',
      done: three(5, 100),
      expected: { factor: 0.25, modules: 3, reason: null, measured: 0.05 },
    },
    {
      name: 'fewer than 3 calibrating modules',
      done: [done('2026-02-10', 60, 120), done('2026-02-15', 60, 90), done('2026-02-20', 60)],
      expected: {
        factor: 1,
        modules: 2,
        reason: 'only 2 done modules in the last 28 days have logged minutes; 3 are needed',
        measured: null,
      },
    },
    {
      name: 'a single calibrating module',
      done: [done('2026-02-10', 60, 120)],
      expected: {
        factor: 1,
        modules: 1,
        reason: 'only 1 done module in the last 28 days has logged minutes; 3 are needed',
      },
    },
    {
      name: 'none at all',
      done: [],
      expected: {
        factor: 1,
        modules: 0,
        reason: 'no done modules in the last 28 days have logged minutes; 3 are needed',
      },
    },
    {
      name: 'modules done before the window do not calibrate',
      done: [done('2026-01-10', 60, 120), done('2026-02-15', 60, 90), done('2026-02-20', 60, 90)],
      expected: { factor: 1, modules: 2 },
    },
  ])('$name', ({ done: doneModules, expected }) => {
    expect(
      computePace({ now, windowDays: 28, sessions: [], done: doneModules }).calibration,
    ).toMatchObject(expected);
  });

  it('says in status when the factor was held to its range, and what your minutes gave', () => {
    const held = { factor: 0.25, modules: 3, reason: null, measured: 0.05 };
    expect(calibrationText(held)).toBe(
      "your minutes give 0.05× the catalog's estimate, from 3 modules; roadmap applies 0.25×, the least it does",
    );
    expect(calibrationText({ ...held, factor: 4, measured: 10 })).toBe(
      "your minutes give 10× the catalog's estimate, from 3 modules; roadmap applies 4×, the most it does",
    );
    expect(calibrationText({ ...held, factor: 1.2, measured: 1.2 })).toBe(
      "you take 1.2× the catalog's estimate, from 3 modules",
    );
  });
});
