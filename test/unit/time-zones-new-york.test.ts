// Set before any Date exists. Node re-reads TZ when process.env.TZ is assigned, so this works in
// vitest's worker; the first test checks it took effect, afterAll puts the config's zone back.
const previousTz = process.env.TZ;
process.env.TZ = 'America/New_York';

import { addDays } from 'date-fns/addDays';
import { afterAll, describe, expect, it } from 'vitest';
import {
  localDate,
  startOfStudyWeek,
  type WeekStart,
  weeklyMinutes,
} from '../../src/core/calendar.js';
import { computeEtas } from '../../src/core/eta.js';
import { computeGoalStatus } from '../../src/core/goal.js';
import { parseAt } from '../../src/core/inputs.js';
import { computePace, type Pace } from '../../src/core/pace.js';
import { buildPlan } from '../../src/core/plan.js';
import { computeStreaks } from '../../src/core/streaks.js';
import { emptyState } from '../../src/core/types.js';
import { undoLast } from '../../src/core/undo.js';

afterAll(() => {
  if (previousTz === undefined) delete process.env.TZ;
  else process.env.TZ = previousTz;
});

/** A local (New York) date-time; a bare date means noon. */
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

// Spring forward: 2026-03-08 has 23 hours. Fall back: 2026-11-01 has 25 hours. Both are Sundays.
describe('America/New_York', () => {
  it('runs in America/New_York, with both changes in 2026', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/New_York');
    expect(at('2026-03-07').getTimezoneOffset()).toBe(300);
    expect(at('2026-03-09').getTimezoneOffset()).toBe(240);
    expect(at('2026-10-31').getTimezoneOffset()).toBe(240);
    expect(at('2026-11-02').getTimezoneOffset()).toBe(300);
  });

  it.each([
    ['2026-03-08T04:59:00Z', '2026-03-07'],
    ['2026-03-08T05:00:00Z', '2026-03-08'],
    ['2026-03-09T03:59:00Z', '2026-03-08'],
    ['2026-03-09T04:00:00Z', '2026-03-09'],
    ['2026-11-01T03:59:00Z', '2026-10-31'],
    ['2026-11-01T04:00:00Z', '2026-11-01'],
    ['2026-11-02T04:59:00Z', '2026-11-01'],
    ['2026-11-02T05:00:00Z', '2026-11-02'],
  ])('the instant %s is local date %s', (instant, expected) => {
    expect(localDate(new Date(instant))).toBe(expected);
  });

  it.each<[string, WeekStart, string]>([
    ['2026-03-10', 'sunday', '2026-03-08T05:00:00.000Z'],
    ['2026-03-08T23:30:00', 'sunday', '2026-03-08T05:00:00.000Z'],
    ['2026-03-08T23:30:00', 'monday', '2026-03-02T05:00:00.000Z'],
    ['2026-11-03', 'sunday', '2026-11-01T04:00:00.000Z'],
    ['2026-11-03', 'monday', '2026-11-02T05:00:00.000Z'],
  ])('the week of %s starting %s begins at local midnight %s', (day, weekStart, expected) => {
    expect(startOfStudyWeek(at(day), weekStart).toISOString()).toBe(expected);
  });

  it.each<[string, WeekStart, string, string[]]>([
    [
      'spring',
      'monday',
      '2026-03-11',
      ['2026-03-02T00:10:00', '2026-03-08T23:30:00', '2026-03-09T00:30:00'],
    ],
    [
      'spring',
      'sunday',
      '2026-03-11',
      ['2026-03-01T00:10:00', '2026-03-07T23:30:00', '2026-03-08T03:30:00'],
    ],
    [
      'fall',
      'monday',
      '2026-11-04',
      ['2026-10-26T00:10:00', '2026-11-01T23:30:00', '2026-11-02T00:30:00'],
    ],
    [
      'fall',
      'sunday',
      '2026-11-04',
      ['2026-10-25T00:10:00', '2026-10-31T23:30:00', '2026-11-01T01:30:00'],
    ],
  ])(
    'weekly minutes keep sessions near midnight in their week (%s, %s)',
    (_, weekStart, now, times) => {
      const sessions = times.map((t, i) => ({ at: at(t), minutes: [20, 30, 40][i] ?? 0 }));
      const weeks = weeklyMinutes({ now: at(now), weekStart, sessions, weeks: 2 });
      expect(weeks.map((w) => w.minutes)).toEqual([50, 40]);
      expect(weeks[0]?.end).toBe(localDate(addDays(at(times[0] ?? ''), 6)));
    },
  );

  it.each([
    ['spring', '2026-02-23'],
    ['fall', '2026-10-19'],
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
    const times = ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10'].map(at);
    const inactive = [{ start: at('2026-03-07T00:00:00'), end: at('2026-03-09T00:00:00') }];
    const now = at('2026-03-10T20:00:00');
    const sessions = times.map((t) => ({ at: t, minutes: 60, moduleId: 'm' }));
    expect(computePace({ now, windowDays: 28, sessions, done: [], inactive }).windowDays).toBe(5);
    const streaks = computeStreaks({
      now,
      weekStart: 'sunday',
      studyTimes: times,
      sessions,
      goalMinutesPerWeek: null,
      inactive,
    });
    expect(streaks.days).toEqual({ current: 5, longest: 5 });
  });

  it.each([
    ['2026-03-01T09:00:00', '2026-03-14'],
    ['2026-03-01T23:30:00', '2026-03-14'],
    ['2026-10-25T09:00:00', '2026-11-07'],
    ['2026-10-25T23:30:00', '2026-11-07'],
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
      now: at('2026-03-04'),
      weekStart: 'sunday',
      budgetMinutesPerWeek: 300,
      studiedThisWeekMinutes: 0,
      items: [{ moduleId: 'm', courseId: 'a', minutes: 700 }],
    });
    expect(plan.weeks.map((w) => [w.start, w.end, w.minutes])).toEqual([
      ['2026-03-04', '2026-03-07', 300],
      ['2026-03-08', '2026-03-14', 300],
      ['2026-03-15', '2026-03-21', 100],
    ]);
  });

  it.each([
    ['2026-03-02T09:00:00', '2026-03-15'],
    ['2026-10-26T09:00:00', '2026-11-08'],
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

describe('--at on the nights the clocks change (New York)', () => {
  const now = new Date('2026-11-10T12:00:00Z');

  it('refuses a local time the clocks skipped, and names the time it would have become', () => {
    expect(() => parseAt('2026-03-08T02:30', now)).toThrow(/doesn't exist in your time zone/);
    try {
      parseAt('2026-03-08 02:00:00', now);
    } catch (error) {
      expect((error as { hint?: string }).hint).toBe('Did you mean --at 2026-03-08T03:00?');
    }
    expect.assertions(2);
  });

  it('takes the times either side of the gap, repeated times, and times with an offset', () => {
    expect(parseAt('2026-03-08T01:59', now).toISOString()).toBe('2026-03-08T06:59:00.000Z');
    expect(parseAt('2026-03-08T03:00', now).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    // 01:30 happens twice on 1 November; the first (still daylight time) is taken.
    expect(parseAt('2026-11-01T01:30', now).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(parseAt('2026-03-08T02:30Z', now).toISOString()).toBe('2026-03-08T02:30:00.000Z');
    expect(parseAt('2026-03-08T02:30-05:00', now).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(parseAt('2026-03-08', now).toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });

  it('reads 24:00 as the next midnight, as ISO 8601 does, with no talk of skipped clocks', () => {
    expect(parseAt('2026-03-01T24:00', now).toISOString()).toBe('2026-03-02T05:00:00.000Z');
    expect(parseAt('2026-03-07 24:00:00', now).toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });
});

describe('dates shown in the local day (New York)', () => {
  async function roadmap(dir: string, now: string, ...argv: string[]) {
    const { main } = await import('../../src/cli.js');
    let out = '';
    const code = await main({
      argv,
      env: { ROADMAP_CONFIG_DIR: dir, ROADMAP_NOW: now, NO_COLOR: '1' },
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (out += t) },
      isInteractive: false,
    });
    expect(code, out).toBe(0);
    return out;
  }

  it('dates notes, done modules, project stages and idle nudges by the local day, as the log does', async () => {
    const { tempDir } = await import('../helpers/temp.js');
    const dir = tempDir();
    // 19:00 to 21:00 on 1 March in New York is already 2 March in UTC.
    await roadmap(dir, '2026-03-01T23:00:00Z', 'add', 'mlep-intro');
    await roadmap(dir, '2026-03-02T00:00:00Z', 'done', 'mlep-intro/week-1');
    await roadmap(dir, '2026-03-02T01:00:00Z', 'note', 'mlep-intro/week-1', 'redo the lab');
    await roadmap(dir, '2026-03-02T01:30:00Z', 'project', 'mlep-intro', 'A demo');
    expect(await roadmap(dir, '2026-03-02T02:00:00Z', 'done', 'mlep-intro/week-1')).toContain(
      'was already done (2026-03-01)',
    );
    expect(await roadmap(dir, '2026-03-02T02:00:00Z', 'show', 'mlep-intro')).toContain(
      'note (2026-03-01): redo the lab',
    );
    expect(await roadmap(dir, '2026-03-02T02:00:00Z', 'project', 'mlep-intro')).toMatch(
      /idea 2026-03-01/,
    );
    expect(await roadmap(dir, '2026-03-20T12:00:00Z', 'status')).toMatch(/on\s+2026-03-01\./);
  });
});

describe('undo with a repair behind it, in New York', () => {
  it('dates the repair by the local day, as log does', () => {
    const repair = {
      id: 'r1',
      // 23:30 on 1 March in New York.
      at: '2026-03-02T04:30:00.000Z',
      type: 'repair' as const,
      before: {},
      after: {},
    };
    const state = { ...emptyState(), log: { bytes: 100, entries: 1 } };
    expect(() => undoLast(state, [repair], at('2026-03-02'))).toThrow(
      "Nothing to undo: the last change left is a repair (2026-03-01), which undo doesn't reverse.",
    );
  });
});
