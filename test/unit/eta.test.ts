import { describe, expect, it } from 'vitest';
import { computeEtas, type EtaCourse } from '../../src/core/eta.js';
import { computeGoalStatus } from '../../src/core/goal.js';
import type { Pace } from '../../src/core/pace.js';

/** A local date-time; a bare date means noon, away from midnight. */
const at = (s: string): Date => new Date(s.length === 10 ? `${s}T12:00:00` : s);
const now = at('2026-03-02T09:00:00');

const pace = (overrides: Partial<Pace> & { factor?: number } = {}): Pace => {
  const { factor = 1, ...rest } = overrides;
  return {
    minutesPerWeek: 300,
    modulesPerWeek: 1,
    windowDays: 28,
    requestedWindowDays: 28,
    historyDays: 30,
    modulesDone: 5,
    calibration: { factor, modules: factor === 1 ? 0 : 3, reason: null, measured: factor },
    ...rest,
  };
};
const EMPTY: Pace = pace({
  minutesPerWeek: 0,
  modulesPerWeek: 0,
  windowDays: 0,
  historyDays: 0,
  modulesDone: 0,
});
const course = (courseId: string, remainingMinutes: number, finished = false): EtaCourse => ({
  courseId,
  remainingMinutes,
  finished,
});
const two = [course('a', 300), course('b', 600)];

describe('computeEtas', () => {
  it.each([
    {
      name: 'a steady pace: cumulative in roadmap order',
      pace: pace(),
      goal: null,
      courses: two,
      expected: {
        a: '2026-03-08',
        b: '2026-03-22',
        overall: '2026-03-22',
        basis: 'pace',
        reason: null,
      },
    },
    {
      name: 'calibration stretches the estimates',
      pace: pace({ factor: 1.5 }),
      goal: null,
      courses: two,
      expected: {
        a: '2026-03-12',
        b: '2026-04-02',
        overall: '2026-04-02',
        basis: 'pace',
        reason: null,
      },
    },
    {
      name: 'days are rounded up',
      pace: pace(),
      goal: null,
      courses: [course('a', 301)],
      expected: { a: '2026-03-09', overall: '2026-03-09', basis: 'pace', reason: null },
    },
    {
      name: 'nothing left but not finished is today, never earlier',
      pace: pace(),
      goal: null,
      courses: [course('a', 0)],
      expected: { a: '2026-03-02', overall: '2026-03-02', basis: 'pace', reason: null },
    },
    {
      name: 'an empty history and no goal',
      pace: EMPTY,
      goal: null,
      courses: two,
      expected: { a: null, b: null, overall: null, basis: null, reason: 'no study logged yet' },
    },
    {
      name: 'a goal with no history gives dates at the goal',
      pace: EMPTY,
      goal: 150,
      courses: two,
      expected: {
        a: '2026-03-15',
        b: '2026-04-12',
        overall: '2026-04-12',
        basis: 'goal',
        reason: 'no study logged yet',
      },
    },
    {
      name: 'a single day of history',
      pace: pace({ historyDays: 0, minutesPerWeek: 420, modulesDone: 3 }),
      goal: null,
      courses: two,
      expected: {
        a: null,
        overall: null,
        basis: null,
        reason: 'your first study was today; 14 days of history are needed',
      },
    },
    {
      // First studied 12 calendar days back: 13 days counting today, as the pace window counts.
      name: 'less than 14 days of history',
      pace: pace({ historyDays: 12 }),
      goal: null,
      courses: two,
      expected: {
        a: null,
        overall: null,
        basis: null,
        reason: 'your history covers 13 days, counting today; 14 are needed',
      },
    },
    {
      name: '14 days of history, counting today, are enough',
      pace: pace({ historyDays: 13 }),
      goal: null,
      courses: [course('a', 300)],
      expected: { a: '2026-03-08', overall: '2026-03-08', basis: 'pace', reason: null },
    },
    {
      // Everything parked for a fortnight: a long history, but two days of pace.
      name: 'a window that counts too few days with a course in focus',
      pace: pace({ historyDays: 17, windowDays: 3 }),
      goal: null,
      courses: two,
      expected: {
        a: null,
        overall: null,
        basis: null,
        reason: 'only 3 of the last 18 days had a course in focus; 14 are needed',
      },
    },
    {
      name: 'a window asked to be short needs only its own days',
      pace: pace({ historyDays: 40, windowDays: 6, requestedWindowDays: 7 }),
      goal: null,
      courses: [course('a', 300)],
      expected: {
        a: null,
        overall: null,
        basis: null,
        reason: 'only 6 of the last 7 days had a course in focus; 7 are needed',
      },
    },
    {
      name: 'a short window asked for, every day of it counted',
      pace: pace({ historyDays: 40, windowDays: 7, requestedWindowDays: 7 }),
      goal: null,
      courses: [course('a', 300)],
      expected: { a: '2026-03-08', overall: '2026-03-08', basis: 'pace', reason: null },
    },
    {
      name: 'fewer than 3 modules done',
      pace: pace({ modulesDone: 2 }),
      goal: null,
      courses: two,
      expected: {
        a: null,
        overall: null,
        basis: null,
        reason: 'only 2 modules done; 3 are needed',
      },
    },
    {
      // Study logged, but no module done yet: not "only 0 modules".
      name: 'no module done yet',
      pace: pace({ modulesDone: 0 }),
      goal: null,
      courses: two,
      expected: {
        a: null,
        overall: null,
        basis: null,
        reason: 'no module done yet; 3 are needed',
      },
    },
    {
      name: 'a pace under 30 minutes a week',
      pace: pace({ minutesPerWeek: 29 }),
      goal: null,
      courses: two,
      expected: {
        a: null,
        overall: null,
        basis: null,
        reason: 'a pace of 29 minutes a week is too slow to project; 30 are needed',
      },
    },
    {
      name: 'a slow pace falls back to the goal',
      pace: pace({ minutesPerWeek: 29 }),
      goal: 300,
      courses: two,
      expected: { a: '2026-03-08', overall: '2026-03-22', basis: 'goal' },
    },
    {
      name: 'a usable pace wins over the goal',
      pace: pace({ minutesPerWeek: 600 }),
      goal: 60,
      courses: two,
      expected: { a: '2026-03-05', overall: '2026-03-12', basis: 'pace', reason: null },
    },
    {
      name: 'a goal of 0 is no goal',
      pace: EMPTY,
      goal: 0,
      courses: two,
      expected: { a: null, overall: null, basis: null },
    },
    {
      name: 'a finished course adds nothing and gets no ETA',
      pace: pace(),
      goal: null,
      courses: [course('a', 0, true), course('b', 600)],
      expected: { a: null, b: '2026-03-15', overall: '2026-03-15', basis: 'pace' },
    },
  ])('$name', ({ pace: p, goal, courses, expected }) => {
    const { overall, courses: byCourse } = computeEtas({
      now,
      pace: p,
      goalMinutesPerWeek: goal,
      courses,
    });
    const {
      overall: date,
      basis,
      reason,
      ...perCourse
    } = expected as Record<string, string | null>;
    expect(overall.date).toBe(date);
    expect(overall.basis).toBe(basis);
    if (reason !== undefined) expect(overall.reason).toBe(reason);
    for (const [id, courseDate] of Object.entries(perCourse)) {
      expect(byCourse[id]?.date, id).toBe(courseDate);
    }
  });

  it('gives a finished course reason "finished"', () => {
    const etas = computeEtas({
      now,
      pace: pace(),
      goalMinutesPerWeek: null,
      courses: [course('a', 0, true), course('b', 60)],
    });
    expect(etas.courses.a).toEqual({ date: null, basis: null, reason: 'finished' });
  });

  it('says so when every course is finished', () => {
    const etas = computeEtas({
      now,
      pace: pace(),
      goalMinutesPerWeek: 300,
      courses: [course('a', 0, true), course('b', 0, true)],
    });
    expect(etas.overall).toEqual({ date: null, basis: null, reason: 'all courses are finished' });
  });

  it('says so when there are no courses', () => {
    const etas = computeEtas({ now, pace: pace(), goalMinutesPerWeek: 300, courses: [] });
    expect(etas).toEqual({
      overall: { date: null, basis: null, reason: 'no courses on the roadmap' },
      courses: {},
    });
  });

  it('crosses a year boundary', () => {
    const etas = computeEtas({
      now: at('2026-12-28T22:00:00'),
      pace: pace(),
      goalMinutesPerWeek: null,
      courses: [course('a', 600)],
    });
    expect(etas.overall.date).toBe('2027-01-10');
  });
});

describe('the ETA horizon', () => {
  it('gives no date more than 100 years out, rather than a year 30000 or an invalid date', () => {
    const { overall, courses } = computeEtas({
      now,
      pace: pace({ minutesPerWeek: 30 }),
      goalMinutesPerWeek: null,
      courses: [course('near', 60), course('far', 1e9)],
    });
    expect(courses.near).toEqual({ date: '2026-03-15', basis: 'pace', reason: null });
    expect(courses.far).toEqual({
      date: null,
      basis: null,
      reason: 'more than 100 years away at this rate',
    });
    expect(overall).toEqual(courses.far);
    // 99 years of 30 minutes a week (36,160 days) still has a date.
    const close = computeEtas({
      now,
      pace: pace({ minutesPerWeek: 30 }),
      goalMinutesPerWeek: null,
      courses: [course('c', (36_160 * 30) / 7)],
    });
    expect(close.overall.date).toBe('2125-03-02');
  });
});

describe('the ETA and the deadline', () => {
  it('agree: on track for a deadline exactly when the ETA is on or before it', () => {
    // Both count today as a day of study; they used to differ by that day.
    const format = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    for (const remaining of [30, 60, 61, 420, 3360, 5000]) {
      for (let offset = 0; offset < 90; offset++) {
        const deadline = format(new Date(2026, 2, 2 + offset));
        const eta = computeEtas({
          now,
          pace: pace({ minutesPerWeek: 420 }),
          goalMinutesPerWeek: null,
          courses: [course('a', remaining)],
        }).overall.date!;
        const goal = computeGoalStatus({
          now,
          goalMinutesPerWeek: 420,
          deadline,
          thisWeekMinutes: 0,
          remainingMinutes: remaining,
          paceMinutesPerWeek: 420,
        });
        expect(goal.onTrack, `${remaining} min by ${deadline}, ETA ${eta}`).toBe(eta <= deadline);
      }
    }
  });
});
