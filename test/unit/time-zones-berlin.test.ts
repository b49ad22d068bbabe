// Set before any Date exists. Node re-reads TZ when process.env.TZ is assigned, so this works in
// vitest's worker; the first test checks it took effect, afterAll puts the config's zone back.
const previousTz = process.env.TZ;
process.env.TZ = 'Europe/Berlin';

import { addDays } from 'date-fns/addDays';
import { afterAll, describe, expect, it } from 'vitest';
import { localDate, startOfStudyWeek, weeklyMinutes } from '../../src/core/calendar.js';
import { computeEtas } from '../../src/core/eta.js';
import { computeGoalStatus } from '../../src/core/goal.js';
import { computePace, type Pace } from '../../src/core/pace.js';
import { buildPlan } from '../../src/core/plan.js';
import { computeStreaks } from '../../src/core/streaks.js';

afterAll(() => {
  if (previousTz === undefined) delete process.env.TZ;
  else process.env.TZ = previousTz;
});

/** A local (Berlin) date-time; a bare date means noon. */
const at = (s: string): Date => new Date(s.length === 10 ? `${s}T12:00:00` : s);
const steady: Pace = {
  minutesPerWeek: 300,
  modulesPerWeek: 1,
  windowDays: 28,
  requestedWindowDays: 28,
  historyDays: 60,
  modulesDone: 6,
  calibration: { factor: 1, modules: 0, reason: null, measured: 1 },
};

// Spring forward: 2026-03-29 has 23 hours. Fall back: 2026-10-25 has 25 hours.
describe('Europe/Berlin', () => {
  it('runs in Europe/Berlin, with both changes in 2026', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Europe/Berlin');
    expect(at('2026-03-28').getTimezoneOffset()).toBe(-60);
    expect(at('2026-03-30').getTimezoneOffset()).toBe(-120);
    expect(at('2026-10-24').getTimezoneOffset()).toBe(-120);
    expect(at('2026-10-26').getTimezoneOffset()).toBe(-60);
  });

  it.each([
    ['2026-03-28T23:30:00Z', '2026-03-29'],
    ['2026-03-29T21:59:00Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T22:59:00Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
  ])('the instant %s is local date %s', (instant, expected) => {
    expect(localDate(new Date(instant))).toBe(expected);
  });

  it.each([
    ['2026-03-31', '2026-03-29T22:00:00.000Z'],
    ['2026-03-29T23:30:00', '2026-03-22T23:00:00.000Z'],
    ['2026-10-25', '2026-10-18T22:00:00.000Z'],
    ['2026-10-27', '2026-10-25T23:00:00.000Z'],
  ])('the week of %s starts at local midnight %s', (day, expected) => {
    expect(startOfStudyWeek(at(day), 'monday').toISOString()).toBe(expected);
  });

  it.each([
    ['spring', '2026-04-01', ['2026-03-23T00:10:00', '2026-03-29T23:30:00', '2026-03-30T00:30:00']],
    ['fall', '2026-10-28', ['2026-10-19T00:10:00', '2026-10-25T23:30:00', '2026-10-26T00:30:00']],
  ])('weekly minutes keep late-night sessions in their week (%s)', (_, now, times) => {
    const sessions = times.map((t, i) => ({ at: at(t), minutes: [20, 30, 40][i] ?? 0 }));
    const weeks = weeklyMinutes({ now: at(now), weekStart: 'monday', sessions, weeks: 2 });
    expect(weeks.map((w) => w.minutes)).toEqual([50, 40]);
    expect(weeks[0]?.end).toBe(localDate(addDays(at(times[0] ?? ''), 6)));
  });

  it.each([
    ['spring', '2026-03-16'],
    ['fall', '2026-10-12'],
  ])('a steady pace over the change counts whole days (%s)', (_, from) => {
    const sessions = Array.from({ length: 28 }, (_, i) => ({
      at: addDays(at(`${from}T23:30:00`), i),
      minutes: 60,
      moduleId: 'm',
    }));
    const now = addDays(at(from), 27);
    const pace = computePace({ now, windowDays: 28, sessions, done: [] });
    expect(pace).toMatchObject({ windowDays: 28, historyDays: 27, minutesPerWeek: 420 });
  });

  it('a parked weekend over the change neither counts in pace nor breaks the streak', () => {
    const times = ['2026-03-25', '2026-03-26', '2026-03-27', '2026-03-30', '2026-03-31'].map(at);
    const inactive = [{ start: at('2026-03-28T00:00:00'), end: at('2026-03-30T00:00:00') }];
    const now = at('2026-03-31T20:00:00');
    const sessions = times.map((t) => ({ at: t, minutes: 60, moduleId: 'm' }));
    expect(computePace({ now, windowDays: 28, sessions, done: [], inactive }).windowDays).toBe(5);
    const streaks = computeStreaks({
      now,
      weekStart: 'monday',
      studyTimes: times,
      sessions,
      goalMinutesPerWeek: null,
      inactive,
    });
    expect(streaks.days).toEqual({ current: 5, longest: 5 });
  });

  it.each([
    ['2026-03-25T09:00:00', '2026-04-07'],
    ['2026-10-20T09:00:00', '2026-11-02'],
  ])('an ETA from %s lands on %s', (now, expected) => {
    const etas = computeEtas({
      now: at(now),
      pace: steady,
      goalMinutesPerWeek: null,
      courses: [{ courseId: 'a', remainingMinutes: 600, finished: false }],
    });
    expect(etas.overall.date).toBe(expected);
  });

  it('plans weeks over the change', () => {
    const plan = buildPlan({
      now: at('2026-03-25'),
      weekStart: 'monday',
      budgetMinutesPerWeek: 300,
      studiedThisWeekMinutes: 0,
      items: [{ moduleId: 'm', courseId: 'a', minutes: 700 }],
    });
    expect(plan.weeks.map((w) => [w.start, w.end, w.minutes])).toEqual([
      ['2026-03-25', '2026-03-29', 300],
      ['2026-03-30', '2026-04-05', 300],
      ['2026-04-06', '2026-04-12', 100],
    ]);
  });

  it.each([
    ['2026-03-23T09:00:00', '2026-04-05'],
    ['2026-10-19T09:00:00', '2026-11-01'],
  ])('a goal from %s to %s has exactly two weeks', (now, deadline) => {
    const status = computeGoalStatus({
      now: at(now),
      goalMinutesPerWeek: 300,
      deadline,
      thisWeekMinutes: 0,
      remainingMinutes: 600,
      paceMinutesPerWeek: null,
    });
    expect(status).toMatchObject({ onTrack: true, neededMinutesPerWeek: 300, behindMinutes: 0 });
  });
});
