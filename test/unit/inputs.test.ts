import { describe, expect, it } from 'vitest';
import { parseAt, parseMinutes, parseNote } from '../../src/core/inputs.js';
import { effectiveSettings, parseSettingValue } from '../../src/core/settings.js';
import { emptyState } from '../../src/core/types.js';
import { UsageError } from '../../src/errors.js';

const NOW = new Date('2026-03-02T09:00:00.000Z');

describe('argument values', () => {
  it.each([
    ['1', 1],
    ['90', 90],
    ['1440', 1440],
    [' 30 ', 30],
  ])('--minutes %j = %d', (raw, value) => {
    expect(parseMinutes(raw)).toBe(value);
  });

  it.each(['0', '-5', '1441', '1e9', '1.5', 'ten', ''])('--minutes %j is refused', (raw) => {
    expect(() => parseMinutes(raw)).toThrow(UsageError);
  });

  it('--note is trimmed, not blank, at most 2,000 characters', () => {
    expect(parseNote('  redo the lab ')).toBe('redo the lab');
    expect(() => parseNote(' \t ')).toThrow(UsageError);
    expect(parseNote('é'.repeat(2000))).toHaveLength(2000);
    expect(() => parseNote('x'.repeat(2001))).toThrow('longer than 2,000 characters');
    // Invisible format characters alone are as blank as spaces.
    expect(() => parseNote('\u200b\u200b')).toThrow('--note is blank.');
    expect(() => parseNote('\u00a0')).toThrow('--note is blank.');
  });

  it('--at: a bare date is local midnight; date-times are taken as given', () => {
    // vitest runs with TZ=UTC.
    expect(parseAt('2026-03-01', NOW).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseAt('2026-03-01T18:30:00+01:00', NOW).toISOString()).toBe(
      '2026-03-01T17:30:00.000Z',
    );
    expect(parseAt('2026-03-02T09:00:00Z', NOW).toISOString()).toBe(NOW.toISOString());
    // The widest offsets any zone uses.
    expect(parseAt('2026-03-01T10:00+14:00', NOW).toISOString()).toBe('2026-02-28T20:00:00.000Z');
    expect(parseAt('2026-03-01T10:00-12:00', NOW).toISOString()).toBe('2026-03-01T22:00:00.000Z');
  });

  it.each([
    ['not a date', 'takes an ISO date'],
    ['99999-01-01', 'takes an ISO date'],
    ['2026-03-03', 'in the future'],
    ['1999-12-31', 'before 2000'],
    ['2026-02-30', 'is not a date: February 2026 has 28 days'],
    ['2026', 'takes an ISO date'],
    ['2026-03', 'takes an ISO date'],
    ['20260301', 'takes an ISO date'],
    ['2026-W10', 'takes an ISO date'],
    ['2026-03-01T10:00+25:00', 'the offset +25:00, which no time zone uses'],
    ['2026-03-01T10:00-99:00', 'the offset -99:00'],
    ['2026-03-01T10:00+1430', 'the offset +1430'],
    ['2026-03-01T10:00-13:00', 'the offset -13:00'],
    ['2026-03-01T10:00-1201', 'the offset -1201'],
  ])('--at %j is refused (%s)', (raw, message) => {
    expect(() => parseAt(raw, NOW)).toThrow(message);
  });
});

describe('settings', () => {
  it.each([
    ['skip-optional', 'true', true],
    ['skip-optional', 'off', false],
    ['bar-width', '30', 30],
  ])('%s %s', (key, raw, value) => {
    expect(parseSettingValue(key, raw)).toBe(value);
  });

  it.each([
    ['skip-optional', 'maybe'],
    ['bar-width', '4'],
    ['bar-width', '61'],
    ['bar-width', '2.5'],
    ['colour', 'x'],
  ])('refuses %s %s', (key, raw) => {
    expect(() => parseSettingValue(key, raw)).toThrow(UsageError);
  });

  it('falls back to the default for a stored value of the wrong type', () => {
    const state = { ...emptyState(), settings: { 'bar-width': 'wide', 'skip-optional': true } };
    expect(effectiveSettings(state)).toEqual({
      'bar-width': 20,
      'skip-optional': true,
      'focus-limit': 1,
      'idle-days': 7,
      'week-start': 'monday',
      'goal-minutes-per-week': null,
      'goal-deadline': null,
    });
  });
});
