import { format } from 'date-fns/format';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeeksInYear } from 'date-fns/getISOWeeksInYear';
import { describe, expect, it } from 'vitest';
import {
  fromLocalDate,
  isInactiveSpan,
  localDate,
  startOfStudyWeek,
  type WeekStart,
  weeklyMinutes,
} from '../../src/core/calendar.js';

/** A local date-time; a bare date means noon, away from midnight. */
const at = (s: string): Date => new Date(s.length === 10 ? `${s}T12:00:00` : s);

describe('localDate', () => {
  it.each([
    ['2026-03-02T00:00:00', '2026-03-02'],
    ['2026-03-02T23:59:59', '2026-03-02'],
    ['2026-12-31T23:59:00', '2026-12-31'],
    ['2027-01-01T00:00:00', '2027-01-01'],
  ])('%s is %s', (input, expected) => {
    expect(localDate(at(input))).toBe(expected);
  });

  it("agrees with date-fns' format on every day of a leap year and at far years", () => {
    for (
      let day = new Date(2028, 0, 1, 12);
      day.getFullYear() === 2028;
      day.setDate(day.getDate() + 1)
    )
      expect(localDate(day)).toBe(format(day, 'yyyy-MM-dd'));
    for (const year of [1, 99, 999, 9999]) {
      const day = new Date(2000, 5, 9, 12);
      day.setFullYear(year);
      expect(localDate(day)).toBe(format(day, 'yyyy-MM-dd'));
    }
  });
});

describe('fromLocalDate', () => {
  it.each(['2026-03-29', '2026-10-25', '2028-02-29', '0099-12-31', '0001-01-01'])(
    'reads %s back as local midnight of that day',
    (day) => {
      const date = fromLocalDate(day);
      expect(localDate(date)).toBe(day);
      expect(date.getHours()).toBe(0);
    },
  );
});

describe('startOfStudyWeek', () => {
  it.each<[string, WeekStart, string]>([
    ['2026-03-04', 'monday', '2026-03-02'],
    ['2026-03-04', 'sunday', '2026-03-01'],
    ['2026-03-08', 'monday', '2026-03-02'],
    ['2026-03-08', 'sunday', '2026-03-08'],
    ['2026-03-02T00:00:00', 'monday', '2026-03-02'],
    ['2027-01-02', 'monday', '2026-12-28'],
    ['2027-01-02', 'sunday', '2026-12-27'],
  ])('%s with weeks starting %s is %s', (input, weekStart, expected) => {
    const start = startOfStudyWeek(at(input), weekStart);
    expect(localDate(start)).toBe(expected);
    expect([start.getHours(), start.getMinutes(), start.getSeconds()]).toEqual([0, 0, 0]);
  });
});

describe('weeklyMinutes', () => {
  it('lists 12 empty weeks, oldest first, for an empty history', () => {
    const weeks = weeklyMinutes({ now: at('2026-03-04'), weekStart: 'monday', sessions: [] });
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toEqual({ start: '2025-12-15', end: '2025-12-21', minutes: 0 });
    expect(weeks[11]).toEqual({ start: '2026-03-02', end: '2026-03-08', minutes: 0 });
  });

  it('sums sessions into their weeks and leaves out older and later ones', () => {
    const weeks = weeklyMinutes({
      now: at('2026-03-04'),
      weekStart: 'monday',
      weeks: 3,
      sessions: [
        { at: at('2026-02-15'), minutes: 999 },
        { at: at('2026-02-16T00:00:00'), minutes: 30 },
        { at: at('2026-02-22T23:59:00'), minutes: 20 },
        { at: at('2026-03-02'), minutes: 45 },
        { at: at('2026-03-04T23:00:00'), minutes: 15 },
        { at: at('2026-03-09'), minutes: 999 },
        { at: new Date(Number.NaN), minutes: 999 },
      ],
    });
    expect(weeks).toEqual([
      { start: '2026-02-16', end: '2026-02-22', minutes: 50 },
      { start: '2026-02-23', end: '2026-03-01', minutes: 0 },
      { start: '2026-03-02', end: '2026-03-08', minutes: 60 },
    ]);
  });

  it.each<[WeekStart, Array<[string, string, number]>]>([
    [
      'monday',
      [
        ['2026-12-21', '2026-12-27', 10],
        ['2026-12-28', '2027-01-03', 60],
      ],
    ],
    [
      'sunday',
      [
        ['2026-12-20', '2026-12-26', 0],
        ['2026-12-27', '2027-01-02', 70],
      ],
    ],
  ])('splits the 2026/2027 boundary by weeks starting %s', (weekStart, expected) => {
    const weeks = weeklyMinutes({
      now: at('2027-01-02'),
      weekStart,
      weeks: 2,
      sessions: [
        { at: at('2026-12-27'), minutes: 10 },
        { at: at('2026-12-31'), minutes: 25 },
        { at: at('2027-01-01'), minutes: 35 },
      ],
    });
    expect(weeks.map((w) => [w.start, w.end, w.minutes])).toEqual(expected);
  });

  it('knows 2026 as a 53-week ISO year', () => {
    expect(getISOWeeksInYear(at('2026-06-01'))).toBe(53);
    expect(getISOWeek(at('2026-12-28'))).toBe(53);
    expect(getISOWeek(at('2027-01-03'))).toBe(53);
    const weeks = weeklyMinutes({
      now: at('2027-01-06'),
      weekStart: 'monday',
      sessions: [],
      weeks: 3,
    });
    expect(weeks.map((w) => w.start)).toEqual(['2026-12-21', '2026-12-28', '2027-01-04']);
  });

  it('gives no weeks for a limit of 0', () => {
    expect(
      weeklyMinutes({ now: at('2026-03-04'), weekStart: 'monday', sessions: [], weeks: 0 }),
    ).toEqual([]);
  });
});

describe('isInactiveSpan', () => {
  const day = [at('2026-03-02T00:00:00'), at('2026-03-03T00:00:00')] as const;
  it.each([
    ['an interval covering the day', [{ start: at('2026-03-01'), end: at('2026-03-04') }], true],
    ['an ongoing interval', [{ start: at('2026-03-02T00:00:00'), end: null }], true],
    [
      'an interval ending inside the day',
      [{ start: at('2026-03-01'), end: at('2026-03-02') }],
      false,
    ],
    ['an interval starting inside the day', [{ start: at('2026-03-02'), end: null }], false],
    ['no intervals', [], false],
  ])('%s', (_, inactive, expected) => {
    expect(isInactiveSpan(day[0], day[1], inactive)).toBe(expected);
  });
});
