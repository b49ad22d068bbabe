import { addDays } from 'date-fns/addDays';
import { startOfDay } from 'date-fns/startOfDay';
import { afterEach, describe, expect, it } from 'vitest';
import { isInactiveSpan, localDate } from '../../src/core/calendar.js';
import type { Interval } from '../../src/core/pace.js';
import { type Run, streaksOverDays } from '../../src/core/streaks.js';
import { type StudyDay, StudyDays } from '../../src/core/study-days.js';

// The day streak steps over study days only. This is the walk it replaced, over every calendar
// day from the first study day through today, kept here as the reference it must agree with.
function walkEveryDay(days: readonly StudyDay[], now: Date, inactive: Interval[]): Run {
  const today = startOfDay(now);
  const studied = days.filter((d) => d.start < addDays(today, 1) && d.events > 0);
  if (studied.length === 0) return { current: 0, longest: 0 };
  const keys = new Set(studied.map((d) => d.key));
  let current = 0;
  let longest = 0;
  for (let day = studied[0]!.start; day <= today; day = addDays(day, 1)) {
    if (keys.has(localDate(day))) {
      current++;
      longest = Math.max(longest, current);
    } else if (
      day.getTime() !== today.getTime() &&
      !isInactiveSpan(day, addDays(day, 1), inactive)
    ) {
      current = 0;
    }
  }
  return { current, longest };
}

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const DAY_MS = 86_400_000;

/** Study on runs of days with gaps, and sometimes parked spells, over a few months up to `now`. */
function randomCase(seed: number, now: Date) {
  const next = random(seed);
  const days = new StudyDays();
  let t = now.getTime() - Math.floor(next() * 120) * DAY_MS;
  while (t <= now.getTime() + 2 * DAY_MS) {
    days.studied(t);
    // Mostly the next day or the one after; sometimes a week away; sometimes twice a day.
    const r = next();
    t += r < 0.15 ? 3 * 3_600_000 : r < 0.6 ? DAY_MS : r < 0.85 ? 2 * DAY_MS : 7 * DAY_MS;
    t += Math.floor(next() * 5) * 3_600_000 - 2 * 3_600_000;
  }
  const inactive: Interval[] = [];
  const spells = Math.floor(next() * 4);
  for (let i = 0; i < spells; i++) {
    const start = new Date(now.getTime() - Math.floor(next() * 100 * 24) * 3_600_000);
    if (next() < 0.5) start.setHours(0, 0, 0, 0);
    const end =
      next() < 0.2 ? null : new Date(start.getTime() + Math.floor(next() * 10 * 24) * 3_600_000);
    if (end && next() < 0.5) end.setHours(0, 0, 0, 0);
    inactive.push({ start, end });
  }
  return { days: days.list(), inactive };
}

const previousTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = previousTz;
});

describe('the day streak agrees with a walk over every calendar day', () => {
  it.each([
    ['UTC', '2026-03-20T15:00:00.000Z'],
    ['America/New_York', '2026-03-20T15:00:00.000Z'],
    ['America/New_York', '2026-11-05T03:30:00.000Z'],
    ['Europe/Berlin', '2026-04-02T21:59:00.000Z'],
    ['Australia/Lord_Howe', '2026-04-10T12:00:00.000Z'],
    ['Asia/Kathmandu', '2026-02-01T18:20:00.000Z'],
    // Samoa skipped 30 December 2011 when it moved across the date line.
    ['Pacific/Apia', '2012-01-20T10:00:00.000Z'],
  ])('in %s, as of %s', (tz, nowIso) => {
    process.env.TZ = tz;
    const now = new Date(nowIso);
    for (let seed = 1; seed <= 60; seed++) {
      const { days, inactive } = randomCase(seed * 7919, now);
      const streaks = streaksOverDays({
        now,
        weekStart: 'monday',
        days,
        goalMinutesPerWeek: null,
        inactive,
      });
      expect(streaks.days, `seed ${seed}`).toEqual(walkEveryDay(days, now, inactive));
    }
  });

  // Where a zone skipped midnight, the old walk stepped from 01:00 and stopped a day short of
  // today; these cases are checked against the calendar instead.
  it.each<[string, string[], string, Run]>([
    // Today (4 November 2018) began at 01:00, so "tomorrow" does too: a study at 00:30 on the
    // 5th is after today, and doesn't count.
    [
      'America/Sao_Paulo',
      ['2018-11-03T12:00', '2018-11-04T12:00', '2018-11-05T00:30'],
      '2018-11-04T18:00',
      { current: 2, longest: 2 },
    ],
    [
      'America/Sao_Paulo',
      ['2018-11-03T12:00', '2018-11-04T12:00', '2018-11-05T12:00'],
      '2018-11-05T18:00',
      { current: 3, longest: 3 },
    ],
    // 23:00 on 17 June 1916 didn't happen in the Azores; the 17th itself did, and was missed.
    [
      'Atlantic/Azores',
      ['1916-06-16T12:00', '1916-06-18T12:00'],
      '1916-06-18T18:00',
      { current: 1, longest: 1 },
    ],
  ])('in %s, study on %j as of %s', (tz, studied, now, expected) => {
    process.env.TZ = tz;
    const days = new StudyDays();
    for (const at of studied) days.studied(new Date(at).getTime());
    const streaks = streaksOverDays({
      now: new Date(now),
      weekStart: 'monday',
      days: days.list(),
      goalMinutesPerWeek: null,
    });
    expect(streaks.days).toEqual(expected);
  });

  it('a day that began at 01:00 ends at the next midnight', () => {
    process.env.TZ = 'America/Sao_Paulo';
    const days = new StudyDays();
    days.studied(new Date('2018-11-04T12:00').getTime());
    days.studied(new Date('2018-11-05T00:30').getTime());
    expect(days.list().map((d) => d.key)).toEqual(['2018-11-04', '2018-11-05']);
  });

  it('in Pacific/Apia, 29 and 31 December 2011 are consecutive days', () => {
    process.env.TZ = 'Pacific/Apia';
    const days = new StudyDays();
    days.studied(new Date(2011, 11, 29, 12).getTime());
    days.studied(new Date(2011, 11, 31, 12).getTime());
    const now = new Date(2011, 11, 31, 18);
    const streaks = streaksOverDays({
      now,
      weekStart: 'monday',
      days: days.list(),
      goalMinutesPerWeek: null,
    });
    expect(streaks.days).toEqual({ current: 2, longest: 2 });
  });
});
