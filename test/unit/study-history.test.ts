// A zone with daylight saving time, so that days of 23 and 25 hours occur in the history.
const previousTz = process.env.TZ;
process.env.TZ = 'America/New_York';

import { afterAll, describe, expect, it } from 'vitest';
import { weeklyMinutes } from '../../src/core/calendar.js';
import { studyHistory } from '../../src/core/history.js';
import { computePace, type DoneModule, type StudySession } from '../../src/core/pace.js';
import { encodeProgressLine, ProgressMap } from '../../src/core/progress-map.js';
import { buildPaceReport } from '../../src/core/report.js';
import { computeStreaks } from '../../src/core/streaks.js';
import type { ProgressEntry, State } from '../../src/core/types.js';
import { smallCatalog, stateWith } from '../helpers/catalog.js';

afterAll(() => {
  if (previousTz === undefined) delete process.env.TZ;
  else process.env.TZ = previousTz;
});

const catalog = smallCatalog();
const now = new Date('2026-03-20T15:00:00.000Z');

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** A history around the DST change of 8 March 2026, with modules no catalog knows. */
function randomState(seed: number): State {
  const next = random(seed);
  const ids = ['a/m1', 'a/m2', 'a/m3', 'b/m1', 'b/m2', 'c/m1', 'c/m2', 'd/m1', 'gone/x', 'solo'];
  const when = () =>
    new Date(Date.UTC(2026, 2, 1) + Math.floor(next() * 30 * 24) * 3_600_000).toISOString();
  const progress: Record<string, Partial<ProgressEntry>> = {};
  for (const id of ids) {
    if (next() < 0.2) continue;
    progress[id] = {
      status: next() < 0.8 ? 'done' : 'skipped',
      at: when(),
      ...(next() < 0.4 ? { minutes: Math.floor(next() * 90) } : {}),
    };
  }
  const state = stateWith(['a', 'b', 'c', 'd'], progress);
  for (const id of ids) {
    if (next() < 0.5) continue;
    const sessions = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
      at: when(),
      minutes: 1 + Math.floor(next() * 60),
    }));
    state.journal[id] = { sessions, notes: [] };
  }
  return state;
}

/** The history as events, the way status gathered it before it summed days. */
function events(state: State) {
  const logged: StudySession[] = [];
  const counted: Array<{ at: Date; minutes: number }> = [];
  const done: DoneModule[] = [];
  const studyTimes: Date[] = [];
  for (const [moduleId, journal] of Object.entries(state.journal)) {
    for (const s of journal.sessions) {
      logged.push({ at: new Date(s.at), minutes: s.minutes, moduleId });
      studyTimes.push(new Date(s.at));
    }
  }
  for (const [moduleId, p] of state.progress.entries()) {
    // Minutes logged with a skip were spent studying, before deciding to skip.
    if (p.status === 'skipped' && p.minutes) {
      logged.push({ at: new Date(p.at), minutes: p.minutes, moduleId });
      studyTimes.push(new Date(p.at));
    }
    if (p.status !== 'done') continue;
    const at = new Date(p.at);
    studyTimes.push(at);
    if (p.minutes) logged.push({ at, minutes: p.minutes, moduleId });
    let actualMinutes = p.minutes ?? 0;
    for (const s of state.journal[moduleId]?.sessions ?? [])
      if (s.at <= p.at) actualMinutes += s.minutes;
    const estimateMinutes = catalog.moduleById.get(moduleId)?.module.minutes ?? 0;
    done.push({ moduleId, at, estimateMinutes, actualMinutes });
    if (actualMinutes === 0 && estimateMinutes > 0) counted.push({ at, minutes: estimateMinutes });
  }
  counted.push(...logged);
  return { logged, counted, done, studyTimes };
}

/** The same progress, as config.json keeps it: lines per course, in the order given. */
function asStored(state: State, shuffle: boolean): State {
  const lines: Record<string, string[]> = {};
  for (const [id, entry] of state.progress.entries()) {
    const group = id.split('/')[0]!;
    lines[group] = [...(lines[group] ?? []), encodeProgressLine(id, entry)];
  }
  if (shuffle) for (const group of Object.values(lines)) group.reverse();
  return { ...state, progress: ProgressMap.fromStored(lines) };
}

describe('the study history by day', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))(
    'gives what the events give (seed %i)',
    (seed) => {
      const state = randomState(seed);
      const e = events(state);
      const inactive: never[] = [];
      const expected = {
        pace: computePace({ now, windowDays: 14, sessions: e.logged, done: e.done, inactive }),
        streak: computeStreaks({
          now,
          weekStart: 'sunday',
          studyTimes: e.studyTimes,
          sessions: e.counted,
          goalMinutesPerWeek: 120,
          inactive,
        }),
        weeks: weeklyMinutes({ now, weekStart: 'sunday', sessions: e.counted, weeks: 4 }),
        studiedMinutes: e.counted.reduce((sum, c) => sum + c.minutes, 0),
      };
      state.settings = { 'week-start': 'sunday', 'goal-minutes-per-week': 120 };
      // Decoded entries, stored lines in catalog order, and stored lines out of it.
      for (const variant of [state, asStored(state, false), asStored(state, true)]) {
        const report = buildPaceReport(catalog, variant, { now, windowDays: 14, inactive });
        expect(report.pace).toEqual(expected.pace);
        expect(report.streak).toEqual(expected.streak);
        expect(report.weeks.slice(-4)).toEqual(expected.weeks);
        expect(report.studiedMinutes).toBe(expected.studiedMinutes);
      }
    },
  );

  it('sums each local day, across a change to daylight saving time', () => {
    const state = stateWith(['a'], {
      // 7 March, 23:30 in New York (EST), and 8 March, 00:30 (EST) and 23:30 (EDT).
      'a/m1': { at: '2026-03-08T04:30:00.000Z', minutes: 30 },
      'a/m2': { at: '2026-03-08T05:30:00.000Z' },
      'a/m3': { at: '2026-03-09T03:30:00.000Z', status: 'skipped' },
      'b/m1': { at: '2026-03-09T03:30:00.000Z' },
    });
    state.journal['a/m2'] = {
      sessions: [{ at: '2026-03-08T05:00:00.000Z', minutes: 20 }],
      notes: [],
    };
    const days = studyHistory(catalog, asStored(state, false));
    expect(days.map((d) => [d.key, d.events, d.counted, d.minutes, d.done, d.calibrating])).toEqual(
      [
        ['2026-03-07', 1, 1, 30, 1, 1],
        // a/m2 (its session, then done with 20 minutes logged) and b/m1 (its estimate).
        ['2026-03-08', 3, 2, 80, 2, 1],
      ],
    );
    expect(days[1]!.start.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(days[1]).toMatchObject({ actualMinutes: 20, estimateMinutes: 60 });
  });

  it('counts time logged on a project as study, on its local day, in pace and the week', () => {
    const state = stateWith(['a']);
    state.projects.a = {
      title: 'Mine',
      stage: 'started',
      stages: [{ at: '2026-03-10T09:00:00.000Z', stage: 'started' }],
      sessions: [
        { at: '2026-03-16T14:00:00.000Z', minutes: 90 },
        { at: '2026-03-16T18:00:00.000Z', minutes: 30, note: 'tests' },
        { at: '2026-03-18T14:00:00.000Z', minutes: 60 },
      ],
    };
    const days = studyHistory(catalog, state);
    expect(days.map((d) => [d.key, d.events, d.counted, d.minutes, d.done])).toEqual([
      ['2026-03-16', 2, 2, 120, 0],
      ['2026-03-18', 1, 1, 60, 0],
    ]);
    const report = buildPaceReport(catalog, state, { now, windowDays: 28 });
    expect(report.studiedMinutes).toBe(180);
    expect(report.weeks.at(-1)!.minutes).toBe(180);
    expect(report.streak.days.longest).toBe(1);
  });

  it('counts minutes logged with a skip as study, and a skip without minutes not at all', () => {
    const state = stateWith(['a'], {
      'a/m1': { at: '2026-03-16T14:00:00.000Z', status: 'skipped', minutes: 45 },
      'a/m2': { at: '2026-03-17T14:00:00.000Z', status: 'skipped' },
    });
    for (const variant of [state, asStored(state, false)]) {
      const days = studyHistory(catalog, variant);
      expect(days.map((d) => [d.key, d.events, d.counted, d.minutes, d.done])).toEqual([
        ['2026-03-16', 1, 1, 45, 0],
      ]);
      const report = buildPaceReport(catalog, variant, { now, windowDays: 28 });
      expect(report.studiedMinutes).toBe(45);
      expect(report.pace.modulesDone).toBe(0);
      expect(report.weeks.at(-1)!.minutes).toBe(45);
    }
  });
});
