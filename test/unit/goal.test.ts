import { describe, expect, it } from 'vitest';
import { computeGoalStatus } from '../../src/core/goal.js';

/** A local date-time; a bare date means noon, away from midnight. */
const at = (s: string): Date => new Date(s.length === 10 ? `${s}T12:00:00` : s);
const now = at('2026-03-02T09:00:00');

describe('computeGoalStatus', () => {
  it.each([
    {
      name: 'no deadline',
      deadline: null,
      remaining: 1000,
      pace: 200,
      expected: {
        onTrack: null,
        neededMinutesPerWeek: null,
        behindMinutes: null,
        basis: null,
        reason: null,
      },
    },
    {
      name: 'a goal with no history: the goal is the pace kept',
      deadline: '2026-03-29',
      remaining: 1000,
      pace: null,
      expected: {
        onTrack: true,
        neededMinutesPerWeek: 250,
        behindMinutes: 0,
        basis: 'goal',
        reason: null,
      },
    },
    {
      name: 'a measured pace too slow for the deadline',
      deadline: '2026-03-29',
      remaining: 1000,
      pace: 200,
      expected: {
        onTrack: false,
        neededMinutesPerWeek: 250,
        behindMinutes: 200,
        basis: 'pace',
        reason: null,
      },
    },
    {
      name: 'exactly enough',
      deadline: '2026-03-29',
      remaining: 800,
      pace: 200,
      expected: {
        onTrack: true,
        neededMinutesPerWeek: 200,
        behindMinutes: 0,
        basis: 'pace',
        reason: null,
      },
    },
    {
      name: 'a partial week rounds needed minutes up',
      deadline: '2026-03-11',
      remaining: 100,
      pace: 10,
      expected: {
        onTrack: false,
        neededMinutesPerWeek: 70,
        behindMinutes: 86,
        basis: 'pace',
        reason: null,
      },
    },
    {
      name: 'a deadline of today',
      deadline: '2026-03-02',
      remaining: 60,
      pace: 300,
      expected: {
        onTrack: false,
        neededMinutesPerWeek: 420,
        behindMinutes: 18,
        basis: 'pace',
        reason: null,
      },
    },
    {
      name: 'a deadline already passed',
      deadline: '2026-03-01',
      remaining: 500,
      pace: 300,
      expected: {
        onTrack: false,
        neededMinutesPerWeek: null,
        behindMinutes: 500,
        basis: null,
        reason: 'the deadline has passed',
      },
    },
    {
      name: 'a deadline passed with nothing remaining',
      deadline: '2026-02-01',
      remaining: 0,
      pace: null,
      expected: {
        onTrack: true,
        neededMinutesPerWeek: 0,
        behindMinutes: 0,
        basis: null,
        reason: null,
      },
    },
    {
      name: 'nothing remaining',
      deadline: '2026-04-01',
      remaining: 0,
      pace: 0,
      expected: {
        onTrack: true,
        neededMinutesPerWeek: 0,
        behindMinutes: 0,
        basis: null,
        reason: null,
      },
    },
    {
      name: 'an invalid deadline',
      deadline: '2026-02-30',
      remaining: 100,
      pace: null,
      expected: {
        onTrack: null,
        neededMinutesPerWeek: null,
        behindMinutes: null,
        basis: null,
        reason: 'the deadline 2026-02-30 is not a yyyy-MM-dd date',
      },
    },
  ])('$name', ({ deadline, remaining, pace, expected }) => {
    const status = computeGoalStatus({
      now,
      goalMinutesPerWeek: 300,
      deadline,
      thisWeekMinutes: 45,
      remainingMinutes: remaining,
      paceMinutesPerWeek: pace,
    });
    expect(status).toEqual({ minutesPerWeek: 300, deadline, thisWeekMinutes: 45, ...expected });
  });

  it('counts days across the year boundary', () => {
    const status = computeGoalStatus({
      now: at('2026-12-28T23:00:00'),
      goalMinutesPerWeek: 300,
      deadline: '2027-01-03',
      thisWeekMinutes: 0,
      remainingMinutes: 301,
      paceMinutesPerWeek: null,
    });
    expect(status).toMatchObject({ onTrack: false, neededMinutesPerWeek: 301, behindMinutes: 1 });
  });
});
