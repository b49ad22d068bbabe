import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogJsonEntry } from '../../src/commands/log.js';
import type { PlanReport } from '../../src/core/plan-report.js';
import type { CourseView } from '../../src/core/views.js';
import type { StatusJson } from '../../src/ui/render-status.js';
import { json, run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

const NOW = '2026-11-02T12:00:00.000Z';
const at = (dir: string, now: string, args: string[]) => {
  const result = run(dir, args, { ROADMAP_NOW: now, TZ: 'UTC' });
  if (result.code !== 0)
    throw new Error(`${args.join(' ')}: exit ${result.code}: ${result.stderr}`);
  return result;
};
const today = (dir: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
  run(dir, args, { ROADMAP_NOW: NOW, TZ: 'UTC', ...extra });

/**
 * Three weeks of study on the Hugging Face course. Estimates: chapter0/1 30 min, chapter1/1-2
 * 39 min, chapter1/3-4 38 min; the course holds 5,070 minutes in 99 modules.
 */
function scriptedHistory(): string {
  // Shared by the tests below, so made here rather than with tempDir (removed after each test).
  const dir = mkdtempSync(join(tmpdir(), 'roadmap-pace-'));
  at(dir, '2026-10-12T17:00:00Z', ['add', 'hf-course']);
  at(dir, '2026-10-12T18:00:00Z', ['done', 'hf-course/chapter0/1', '--minutes', '45']);
  at(dir, '2026-10-14T18:00:00Z', ['study', 'chapter1/1', '--minutes', '20']);
  at(dir, '2026-10-15T18:00:00Z', ['done', 'chapter1/1', '--minutes', '40']);
  at(dir, '2026-10-20T18:00:00Z', ['done', 'chapter1/2']);
  at(dir, '2026-10-22T18:00:00Z', ['done', 'chapter1/3', '--minutes', '50']);
  at(dir, '2026-10-27T18:00:00Z', ['study', 'chapter1/4', '--minutes', '90']);
  at(dir, '2026-11-01T18:00:00Z', [
    'study',
    'chapter1/4',
    '--minutes',
    '30',
    '--note',
    'second pass',
  ]);
  at(dir, '2026-11-01T19:00:00Z', ['goal', '--hours-per-week', '2', '--deadline', '2027-06-30']);
  return dir;
}

describe('pace, ETA, goal and streaks from a scripted history', () => {
  let dir: string;
  beforeAll(() => {
    dir = scriptedHistory();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('status --json gives the exact figures', () => {
    const status = json<StatusJson>(today(dir, ['status', '--json']));
    // Window: Oct 12 (first study) to Nov 2 = 22 days. Minutes: 45 + 20 + 40 + 50 + 90 + 30
    // logged, plus chapter1/2's 39-minute estimate (done without minutes) = 314 → 100 a week.
    // Calibration: (45 + 60 + 50) / (30 + 39 + 38) = 1.4486 → 1.45, from 3 modules.
    expect(status.pace).toEqual({
      minutesPerWeek: 100,
      modulesPerWeek: 1.27,
      windowDays: 22,
      requestedWindowDays: 28,
      historyDays: 21,
      modulesDone: 4,
      calibration: { factor: 1.45, modules: 3, reason: null, measured: 1.45 },
    });
    // Left: 5,070 − 146 done − 38 (chapter1/4 is already studied past its estimate) = 4,886,
    // plus the course's project, which has no estimate yet, so its first idea's 960 = 5,846;
    // × 1.45 = 8,476.7 minutes at 100 a week = 594 days, Nov 2 the first of them.
    expect(status.eta).toEqual({ date: '2028-06-17', basis: 'pace', reason: null });
    expect(status.courses[0]!.eta).toEqual(status.eta);
    expect(status.streak).toEqual({
      days: { current: 1, longest: 2 },
      weeks: { current: 3, longest: 3 },
      goalWeeks: { current: 1, longest: 1 },
    });
    // 241 days (34.4 weeks) to the deadline: 8,476.7 minutes need 247 a week; at 100 a week
    // 3,442.9 get done, 5,033.8 short, rounded up.
    expect(status.goal).toEqual({
      minutesPerWeek: 120,
      deadline: '2027-06-30',
      thisWeekMinutes: 0,
      onTrack: false,
      neededMinutesPerWeek: 247,
      behindMinutes: 5034,
      basis: 'pace',
      reason: null,
    });
    expect(status.weeks).toHaveLength(12);
    expect(status.weeks.slice(-4)).toEqual([
      { start: '2026-10-12', end: '2026-10-18', minutes: 105 },
      { start: '2026-10-19', end: '2026-10-25', minutes: 89 },
      { start: '2026-10-26', end: '2026-11-01', minutes: 120 },
      { start: '2026-11-02', end: '2026-11-08', minutes: 0 },
    ]);
    expect(status.weeks.slice(0, 8).every((w) => w.minutes === 0)).toBe(true);
    expect(status.studiedMinutes).toBe(314);
    expect(status.total.minutesLogged).toBe(275);
  });

  it('--window changes the window, and a Sunday week start moves the weeks', () => {
    const short = json<StatusJson>(today(dir, ['status', '--json', '--window', '7']));
    // Oct 27 to Nov 2: 90 + 30 minutes over 7 days.
    expect(short.pace.windowDays).toBe(7);
    expect(short.pace.minutesPerWeek).toBe(120);
    expect(short.pace.calibration.factor).toBe(1);
    expect(short.pace.calibration.reason).toContain('no done modules in the last 7 days');
    const other = tempDir();
    at(other, '2026-10-12T17:00:00Z', ['add', 'hf-course']);
    at(other, '2026-11-01T18:00:00Z', ['study', 'chapter1/4', '--minutes', '30']);
    at(other, '2026-11-01T18:01:00Z', ['config', 'set', 'week-start', 'sunday']);
    const sunday = json<StatusJson>(today(other, ['status', '--json']));
    expect(sunday.weekStart).toBe('sunday');
    expect(sunday.weeks.at(-1)).toEqual({ start: '2026-11-01', end: '2026-11-07', minutes: 30 });
  });

  it('study and done minutes add up per module; notes show in show and log', () => {
    at(dir, NOW, ['note', 'chapter1/5', 'read the tokenizer docs first']);
    const view = json<CourseView>(today(dir, ['show', 'hf-course', '--json']));
    const module = (id: string) => view.modules.find((m) => m.id === id)!;
    expect(module('hf-course/chapter1/1')).toMatchObject({
      minutesLogged: 60,
      sessions: 1,
      status: 'done',
    });
    expect(module('hf-course/chapter1/4')).toMatchObject({
      minutesLogged: 120,
      sessions: 2,
      status: 'todo',
    });
    expect(module('hf-course/chapter1/4').notes).toEqual([
      { at: '2026-11-01T18:00:00.000Z', text: 'second pass' },
    ]);
    expect(module('hf-course/chapter1/5').notes).toEqual([
      { at: NOW, text: 'read the tokenizer docs first' },
    ]);
    expect(today(dir, ['show', 'hf-course']).stdout).toContain('read the tokenizer docs first');

    const log = json<LogJsonEntry[]>(today(dir, ['log', '--json', '--limit', '3']));
    expect(log.map((e) => [e.type, e.moduleId, e.minutes ?? null, e.note ?? null])).toEqual([
      ['note', 'hf-course/chapter1/5', null, 'read the tokenizer docs first'],
      ['study', 'hf-course/chapter1/4', 30, 'second pass'],
      ['study', 'hf-course/chapter1/4', 90, null],
    ]);
    const text = today(dir, ['log', '--since', '2026-10-27']).stdout;
    expect(text).toContain('study  hf-course/chapter1/4');
    expect(text).toContain('note: second pass');
    expect(text).not.toContain('goal');
    at(dir, NOW, ['undo']);
    expect(json<CourseView>(today(dir, ['show', 'hf-course', '--json'])).modules[5]!.notes).toEqual(
      [],
    );
  });

  it('plan --json schedules what is left at the goal, from today', () => {
    const plan = json<PlanReport>(today(dir, ['plan', '--json', '--weeks', '2']));
    expect(plan.basis).toBe('goal');
    expect(plan.minutesPerWeek).toBe(120);
    expect(plan.factor).toBe(1.45);
    expect(plan.reason).toBeNull();
    expect(plan.complete).toBe(false);
    // chapter1/4 needs nothing more; chapter1/5 is 38 × 1.45 = 55 minutes, and so on.
    expect(plan.weeks).toEqual([
      {
        start: '2026-11-02',
        end: '2026-11-08',
        minutes: 120,
        modules: [
          'hf-course/chapter1/4',
          'hf-course/chapter1/5',
          'hf-course/chapter1/6',
          'hf-course/chapter1/7',
        ],
        projects: [],
      },
      {
        start: '2026-11-09',
        end: '2026-11-15',
        minutes: 120,
        modules: ['hf-course/chapter1/7', 'hf-course/chapter1/8', 'hf-course/chapter1/9'],
        projects: [],
      },
    ]);
    const text = today(dir, ['plan', '--weeks', '1']);
    expect(text.stdout).toContain('Plan at your goal of 2 h a week, estimates × 1.45');
    expect(text.stdout).toContain('Mon Nov 2 – Sun Nov 8');
    // A plan that runs into the next year says which year its later weeks are in.
    const long = today(dir, ['plan', '--weeks', '12']).stdout;
    expect(long).toContain('Mon Dec 28 – Sun Jan 3 2027');
    expect(long).toContain('Mon Jan 4 2027 – Sun Jan 10 2027');
  });

  it('plan --ics writes an RFC 5545 file whose UIDs survive regeneration', () => {
    const file = join(dir, 'plan.ics');
    const first = today(dir, ['plan', '--weeks', '3', '--ics', file]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Wrote \d+ events to /);
    // Cut short by --weeks, it says so, as the text plan does.
    expect(first.stderr).toContain(
      'The calendar is not the whole plan. It holds the 3 weeks --weeks asked for; run without --weeks for the whole plan.',
    );
    expect(today(dir, ['plan', '--ics', '-']).stderr).not.toContain('not the whole plan');
    const bytes = readFileSync(file);
    const text = bytes.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('\r\nVERSION:2.0\r\n');
    expect(text).toMatch(/\r\nPRODID:[^\r]+\r\n/);
    expect(text).toContain('DTSTAMP:20261102T120000Z\r\n');
    expect(text).toContain('DTSTART;VALUE=DATE:20261102\r\n');

    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    const uids = events.map((e) => String(e.getFirstPropertyValue('uid')));
    expect(uids[0]).toBe('hf-course/chapter1/4@roadmap');
    expect(new Set(uids).size).toBe(uids.length);
    const later = run(dir, ['plan', '--weeks', '3', '--ics', '-'], {
      ROADMAP_NOW: '2026-11-02T15:00:00Z',
      TZ: 'UTC',
    });
    const again = new ICAL.Component(ICAL.parse(later.stdout)).getAllSubcomponents('vevent');
    expect(again.map((e) => String(e.getFirstPropertyValue('uid')))).toEqual(uids);
  });

  it('plan --ics replaces a calendar it wrote, and anything else only with --force', () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'important\n');
    const refused = today(dir, ['plan', '--weeks', '1', '--ics', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a calendar roadmap wrote; nothing was written');
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('important\n');
    expect(today(dir, ['plan', '--weeks', '1', '--ics', file, '--force']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n/);
    // Its own calendar, written again: no --force needed.
    expect(today(dir, ['plan', '--weeks', '2', '--ics', file]).code).toBe(0);
    // A pipe or a device is not read to see whether it is a calendar: that would wait, or fill
    // memory (/dev/zero).
    const fifo = join(dir, 'pipe.ics');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      const pipe = today(dir, ['plan', '--weeks', '1', '--ics', fifo]);
      expect([pipe.code, pipe.stderr]).toEqual([1, expect.stringContaining('is not a calendar')]);
    }
    const zero = today(dir, ['plan', '--weeks', '1', '--ics', '/dev/zero']);
    expect([zero.code, zero.stderr]).toEqual([1, expect.stringContaining('is not a calendar')]);
    const own = today(dir, ['plan', '--ics', join(dir, 'config.json'), '--force']);
    expect(own.code).toBe(1);
    expect(own.stderr).toContain("is one of roadmap's own files");
    const folder = join(dir, 'folder.ics');
    mkdirSync(folder);
    const refusedFolder = today(dir, ['plan', '--ics', folder, '--force']);
    expect(refusedFolder.code).toBe(1);
    expect(refusedFolder.stderr).toContain('is a folder; nothing was written');
  });

  it('status draws every one of the 12 weeks, labelled, inside 80 columns', () => {
    const text = today(dir, ['status']).stdout;
    const chart = text.split('\n').filter((l) => /^ {2}[A-Z][a-z]{2} \d{2} {2}/.test(l));
    expect(chart).toHaveLength(12);
    expect(chart[0]).toMatch(/^ {2}Aug 17 {2}· /);
    expect(chart.at(-1)).toContain('(this week)');
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(text).toContain("you take 1.45× the catalog's estimate, from 3 modules");
    expect(text).toContain('4/99 done · 5.2 h studied · 1-day streak · ETA 2028-06-17');
    const markdown = today(dir, ['status', '--format', 'markdown']).stdout;
    expect(markdown).toContain('| 1 | Hugging Face LLM Course (`hf-course`) | 4/99 | 4% |');
    expect(markdown).toContain('```\n  Aug 17');
    expect(today(dir, ['status', '--format', 'json']).stdout).toBe(
      today(dir, ['status', '--json']).stdout,
    );
  });
});

describe('plan counts projects as status does', () => {
  it('plans each course’s project after its modules, and ends in the week of the ETA', () => {
    const dir = tempDir();
    const then = '2026-03-02T09:00:00Z';
    at(dir, then, ['add', 'mlep-intro', 'mlep-data']);
    at(dir, then, ['goal', '--hours-per-week', '5']);
    at(dir, then, ['project', 'mlep-intro', 'Drift alerts', '--estimate', '15']);
    const env = { ROADMAP_NOW: then, TZ: 'UTC' };
    const plan = JSON.parse(run(dir, ['plan', '--json'], env).stdout) as PlanReport;
    expect(plan.complete).toBe(true);
    expect(plan.projects).toEqual([
      {
        courseId: 'mlep-intro',
        title: 'Drift alerts',
        start: '2026-03-23',
        end: '2026-04-12',
        minutes: 900,
        minutesLogged: 0,
      },
      {
        courseId: 'mlep-data',
        title: null,
        start: expect.any(String),
        end: '2026-06-07',
        minutes: expect.any(Number),
        minutesLogged: 0,
      },
    ]);
    // mlep-intro's three modules, then its project, then mlep-data's modules.
    expect(plan.weeks.slice(2, 7).map((w) => [w.modules, w.projects])).toEqual([
      [['mlep-intro/week-3'], []],
      [[], ['mlep-intro']],
      [[], ['mlep-intro']],
      [[], ['mlep-intro']],
      [['mlep-data/week-1'], []],
    ]);
    const status = JSON.parse(run(dir, ['status', '--json'], env).stdout) as StatusJson;
    // The plan fills whole weeks; the ETA spreads the same minutes over days.
    expect(status.eta.date).toBe('2026-06-07');
    const text = run(dir, ['plan'], env).stdout;
    expect(text).toContain('  mlep-intro project  Drift alerts\n');
    expect(text).toContain('  mlep-intro project  Drift alerts (continued)\n');
    expect(text).toContain(
      '  mlep-data project  your project (choose one: roadmap project mlep-data)\n',
    );
    expect(text).toContain('At this rate you finish in the week ending 2026-06-07.');
    const ics = run(dir, ['plan', '--ics', '-'], env).stdout;
    expect(ics).toContain('UID:mlep-intro/project@roadmap\r\n');
    expect(ics).toContain('SUMMARY:Project: Drift alerts (Introduction to Machine Learning in P');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(9);
    // Each project's event names the step it is at, with a command that takes it.
    const unfolded = ics.replaceAll('\r\n ', '');
    expect(unfolded).toContain(
      'DESCRIPTION:The project of mlep-data\\nChoose one: roadmap project mlep-data\r\n',
    );
    expect(unfolded).toMatch(
      /DESCRIPTION:The project of mlep-intro\\nWhen you (start it: roadmap project mlep-intro --repo|ship it: roadmap project mlep-intro --shipped)/,
    );
  });
});

describe('a project with no estimate', () => {
  it('is still planned, at 0 minutes, and the plan says how to estimate it', () => {
    const dir = tempDir();
    const file = join(dir, 'mine.json');
    const module = (id: string) => ({
      id,
      title: `Part ${id}`,
      url: `https://example.com/${id}`,
      minutes: 60,
      minutesBasis: 'assumed',
    });
    // Courses of one's own have no project ideas, so nothing estimates their projects.
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        id: 'mine',
        courses: ['fa', 'fb'].map((id) => ({
          id,
          title: `Course ${id}`,
          provider: 'Me',
          url: `https://example.com/${id}`,
          modules: [module(`${id}/1`)],
        })),
      }),
    );
    const then = '2026-03-04T09:00:00Z';
    at(dir, then, ['catalog', 'import', file]);
    at(dir, then, ['add', 'fa', 'fb']);
    at(dir, then, ['goal', '--hours-per-week', '5']);
    at(dir, then, ['done', 'fa/1']);
    at(dir, then, ['done', 'fb/1', '--switch']);
    at(dir, then, ['project', 'fb', 'A thing']);
    const env = { ROADMAP_NOW: then, TZ: 'UTC' };
    // Every module is done, but neither course is finished: two projects are left.
    const plan = JSON.parse(run(dir, ['plan', '--json'], env).stdout) as PlanReport;
    expect(plan.reason).toBeNull();
    expect(plan.complete).toBe(true);
    expect(plan.weeks).toEqual([
      { start: '2026-03-04', end: '2026-03-08', minutes: 0, modules: [], projects: ['fb', 'fa'] },
    ]);
    expect(plan.projects.map((p) => [p.courseId, p.title, p.minutes])).toEqual([
      ['fb', 'A thing', 0],
      ['fa', null, 0],
    ]);
    const text = run(dir, ['plan'], env).stdout;
    expect(text).toContain(
      '  fa project  your project\n    name it and estimate it:\n      roadmap project fa "<title>" --estimate HOURS\n',
    );
    expect(text).toContain(
      '  fb project  A thing (no estimate: roadmap project fb --estimate HOURS)\n',
    );
    // A shipped or waived project is no longer planned.
    at(dir, then, ['project', 'fa', '--waive', '--reason', 'no time']);
    at(dir, then, ['project', 'fb', '--shipped', 'v1']);
    const none = run(dir, ['plan'], env);
    expect([none.code, none.stdout, none.stderr]).toEqual([
      0,
      '',
      'No plan: nothing left to plan.\n',
    ]);
  });
});

describe('--at in time zones with unusual days', () => {
  it('a bare date whose midnight the clocks skipped starts at the first time that day has', () => {
    const dir = tempDir();
    const env = { TZ: 'America/Santiago', ROADMAP_NOW: '2026-09-10T12:00:00Z' };
    expect(run(dir, ['add', 'mlep-intro'], env).code).toBe(0);
    // Chile moved its clocks from 00:00 to 01:00 on 6 September 2026.
    const studied = run(dir, ['study', '--minutes', '10', '--at', '2026-09-06'], env);
    expect([studied.code, studied.stderr]).toEqual([0, expect.stringContaining('Studied 10 min')]);
    const state = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(state.journal['mlep-intro/week-1'].sessions[0].at).toBe('2026-09-06T04:00:00.000Z');
    // A time inside the gap still names the time it would have become.
    const gap = run(dir, ['study', '--minutes', '10', '--at', '2026-09-06T00:30'], env);
    expect(gap.code).toBe(2);
    expect(gap.stderr).toContain('Did you mean --at 2026-09-06T01:30?');
    // T24:00 is the next midnight, and names the next day's start as a bare date does.
    const late = run(dir, ['study', '--minutes', '5', '--at', '2026-09-05T24:00'], env);
    expect([late.code, late.stderr]).toEqual([0, expect.stringContaining('Studied 5 min')]);
    const after = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(after.journal['mlep-intro/week-1'].sessions[1].at).toBe('2026-09-06T04:00:00.000Z');
  });

  it('the week chart keeps each day in its week when this week began on a day with no midnight', () => {
    // Cuba moves its clocks from 00:00 to 01:00 on Sunday 8 March 2026, the first day of a
    // week that starts on Sunday: that week begins at 01:00, and the weeks before at midnight.
    const dir = tempDir();
    const env = { TZ: 'America/Havana', ROADMAP_NOW: '2026-02-01T09:00:00Z' };
    expect(run(dir, ['add', 'mlep-intro'], env).code).toBe(0);
    expect(run(dir, ['config', 'set', 'week-start', 'sunday'], env).code).toBe(0);
    for (const day of ['2026-02-22', '2026-03-01', '2026-03-03']) {
      const at = `${day}T10:00`;
      const later = { ...env, ROADMAP_NOW: '2026-03-07T12:00:00Z' };
      expect(run(dir, ['study', '--minutes', '60', '--at', at], later).code).toBe(0);
    }
    for (const now of ['2026-03-07T12:00:00Z', '2026-03-08T12:00:00Z', '2026-03-15T12:00:00Z']) {
      const { weeks } = JSON.parse(
        run(dir, ['status', '--json'], { ...env, ROADMAP_NOW: now }).stdout,
      );
      const byWeek = Object.fromEntries(
        weeks.map((w: { start: string; minutes: number }) => [w.start, w.minutes]),
      );
      expect(byWeek, now).toMatchObject({ '2026-02-15': 0, '2026-02-22': 60, '2026-03-01': 120 });
    }
  });

  it('log --since reads a date as --at does: a skipped time is refused, a date before 2000 is not', () => {
    const dir = tempDir();
    const env = { TZ: 'America/New_York', ROADMAP_NOW: '2026-03-10T12:00:00Z' };
    expect(run(dir, ['add', 'mlep-intro'], env).code).toBe(0);
    const skipped = run(dir, ['log', '--since', '2026-03-08T02:30'], env);
    expect(skipped.code).toBe(2);
    expect(skipped.stderr).toContain(
      "--since 2026-03-08T02:30 doesn't exist in your time zone: the clocks skipped that time.",
    );
    expect(skipped.stderr).toContain('Did you mean --since 2026-03-08T03:30?');
    const all = run(dir, ['log', '--since', '1990-01-01', '--json'], env);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toHaveLength(1);
    // The forms date -Ins and Python's isoformat() write, and an hour alone, as before.
    for (const since of [
      '2026-03-01T10:00:00.123456',
      '2026-03-01T10:00:00,5',
      '2026-03-01T10',
      '2026-03-01T10:00:00.123456-05:00',
    ]) {
      const listed = run(dir, ['log', '--since', since, '--json'], env);
      expect([since, listed.code, JSON.parse(listed.stdout).length]).toEqual([since, 0, 1]);
    }
    // A date in the future lists nothing: [] in JSON, and the text says why.
    const later = run(dir, ['log', '--since', '2027-01-01', '--json'], env);
    expect([later.code, later.stdout.trim()]).toEqual([0, '[]']);
    expect(run(dir, ['log', '--since', '2027-01-01'], env).stderr).toBe(
      'No entry in the log matches: --since 2027-01-01 is in the future.\n',
    );
    // Years 0 to 99 are those years, not 19xx.
    expect(run(dir, ['log', '--since', '0050-01-01T24:00', '--json'], env).code).toBe(0);
  });

  it('what --at takes on 1 January 2000 east of Greenwich, an export of it imports', () => {
    const dir = tempDir();
    const env = { TZ: 'Asia/Kolkata', ROADMAP_NOW: '2026-03-02T09:00:00Z' };
    run(dir, ['add', 'hf-course'], env);
    expect(run(dir, ['study', '--minutes', '5', '--at', '2000-01-01'], env).code).toBe(0);
    expect(run(dir, ['study', '--minutes', '5', '--at', '1999-12-31T23:59'], env).code).toBe(2);
    const file = join(dir, 'export.json');
    expect(run(dir, ['export', file], env).code).toBe(0);
    const imported = run(tempDir(), ['import', file], env);
    expect([imported.code, imported.stderr]).toEqual([
      0,
      expect.stringContaining('Merged the import'),
    ]);
  });
});

describe('the plan and the ETA follow the focus', () => {
  it('start with the course in focus, not with one parked ahead of it on the roadmap', () => {
    const dir = tempDir();
    const then = '2026-03-02T09:00:00Z';
    at(dir, then, ['add', 'mlep-intro', 'made-with-ml']);
    at(dir, then, ['goal', '--hours-per-week', '5']);
    at(dir, '2026-03-02T10:00:00Z', ['done', 'made-with-ml/setup', '--switch']);
    const env = { ROADMAP_NOW: '2026-03-02T11:00:00Z', TZ: 'UTC' };
    expect(run(dir, ['next', '--short'], env).stdout).toMatch(/^made-with-ml/);
    const plan = JSON.parse(run(dir, ['plan', '--json'], env).stdout) as PlanReport;
    expect(plan.modules[0]!.courseId).toBe('made-with-ml');
    expect(plan.modules.at(-1)!.courseId).toBe('mlep-intro');
    const status = JSON.parse(run(dir, ['status', '--json'], env).stdout) as StatusJson;
    const eta = (id: string) => status.courses.find((c) => c.id === id)!.eta.date!;
    expect(eta('made-with-ml') < eta('mlep-intro')).toBe(true);
    expect(status.eta.date).toBe(eta('mlep-intro'));
  });

  it('calibration corrects catalog estimates, not a project estimate of your own', () => {
    const dir = tempDir();
    at(dir, NOW, ['add', 'mlep-intro']);
    for (const week of [1, 2, 3])
      at(dir, NOW, ['done', `mlep-intro/week-${week}`, '--minutes', '100']);
    at(dir, NOW, ['project', 'mlep-intro', 'Mine', '--estimate', '10']);
    at(dir, NOW, ['goal', '--hours-per-week', '5']);
    const plan = JSON.parse(today(dir, ['plan', '--json']).stdout) as PlanReport;
    expect(plan.factor).toBeLessThan(1);
    // All that is left is the project: 600 minutes, as given, over two weeks of 300.
    expect(plan.weeks.map((w) => w.minutes).reduce((a, b) => a + b, 0)).toBe(600);
    expect(today(dir, ['project', 'mlep-intro']).stdout).toContain('Estimate: 10 h (yours)');
  });

  it('time studied on an unfinished module comes off its calibrated estimate', () => {
    const dir = tempDir();
    const env = (day: string) => `2026-03-${day}T10:00:00.000Z`;
    at(dir, env('01'), ['add', 'mlep-intro', 'mlep-data']);
    // Each 5-hour week took 10 hours: a factor of 2.
    for (const day of ['02', '08', '15']) at(dir, env(day), ['done', '--minutes', '600']);
    at(dir, env('15'), ['project', 'mlep-intro', '--waive', '--reason', 'built one at work']);
    const total = (day: string) => {
      const plan = JSON.parse(at(dir, env(day), ['plan', '--json']).stdout) as PlanReport;
      expect(plan.factor).toBe(2);
      return plan.weeks.reduce((sum, w) => sum + w.minutes, 0);
    };
    const before = total('16');
    at(dir, env('16'), ['study', 'mlep-data/week-1', '--minutes', '250']);
    // 250 minutes studied are 250 minutes fewer to go, not 500.
    expect(total('16')).toBe(before - 250);
    // And never below nothing: 1,000 minutes on a module expected to take 600 leave 0 of it.
    at(dir, env('16'), ['study', 'mlep-data/week-1', '--minutes', '750']);
    expect(total('16')).toBe(before - 600);
  });

  it('a roadmap of dropped courses has no ETA, and says why', () => {
    const dir = tempDir();
    at(dir, NOW, ['add', 'mlep-intro', 'mlep-data']);
    at(dir, NOW, ['drop', 'mlep-intro']);
    at(dir, NOW, ['drop', 'mlep-data']);
    const status = JSON.parse(today(dir, ['status', '--json']).stdout) as StatusJson;
    expect(status.eta).toEqual({
      date: null,
      basis: null,
      reason: 'every course on the roadmap is dropped',
    });
    // No goal, but nothing is left either: that is the answer, and nothing was cut short.
    const plan = JSON.parse(today(dir, ['plan', '--json']).stdout) as PlanReport;
    expect(plan).toMatchObject({ weeks: [], reason: 'nothing left to plan', complete: true });
  });

  it('plan --json without a goal or a pace has no weeks, and complete stays true', () => {
    const dir = tempDir();
    at(dir, NOW, ['add', 'made-with-ml']);
    const plan = JSON.parse(today(dir, ['plan', '--json']).stdout) as PlanReport;
    expect(plan.weeks).toEqual([]);
    expect(plan.reason).toContain('no weekly goal is set');
    expect(plan.complete).toBe(true);
  });
});

describe('honest about what it cannot know', () => {
  it('gives no date with too little history, and the goal pace when one is set', () => {
    const dir = tempDir();
    at(dir, '2026-10-30T10:00:00Z', ['add', 'mlep-intro']);
    at(dir, '2026-10-30T11:00:00Z', ['done', '--minutes', '300']);
    const before = json<StatusJson>(today(dir, ['status', '--json']));
    expect(before.eta).toEqual({
      date: null,
      basis: null,
      reason: 'your history covers 4 days, counting today; 14 are needed',
    });
    expect(before.goal).toBeNull();
    const plan = today(dir, ['plan', '--json']);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ weeks: [], basis: null });
    expect(JSON.parse(plan.stdout).reason).toContain('no weekly goal is set');

    at(dir, NOW, ['goal', '--hours-per-week', '5']);
    const after = json<StatusJson>(today(dir, ['status', '--json']));
    // 600 minutes of modules and the first project idea's 900 left, at 300 a week: 35 days,
    // today the first.
    expect(after.eta).toEqual({
      date: '2026-12-06',
      basis: 'goal',
      reason: 'your history covers 4 days, counting today; 14 are needed',
    });
    expect(after.courses[0]!.eta.basis).toBe('goal');
    // Said as the reason the learner's own pace isn't used, not as one against the date.
    const text = today(dir, ['status']).stdout.replace(/\n +/g, ' ');
    expect(text).toContain(
      "ETA: 2026-12-06 at your goal's pace (yours can't be used: your history covers 4 days, counting today; 14 are needed)",
    );
    // Said once, on the total's line; a course's line gives its date and basis.
    expect(text.split("yours can't be used")).toHaveLength(2);
    expect(text).toMatch(/ETA 2026-12-06 at your goal's pace$/m);
  });

  it('a finished course has no ETA, and a passed deadline says so', () => {
    const dir = tempDir();
    at(dir, '2026-10-01T10:00:00Z', ['add', 'mlep-intro', 'mlep-data']);
    at(dir, '2026-10-01T10:00:00Z', ['goal', '--hours-per-week', '5', '--deadline', '2026-10-20']);
    for (const [day, module] of [
      ['05', 'week-1'],
      ['12', 'week-2'],
      ['19', 'week-3'],
    ]) {
      at(dir, `2026-10-${day}T10:00:00Z`, ['done', `mlep-intro/${module}`, '--minutes', '240']);
    }
    // A course is finished with its project too.
    at(dir, '2026-10-19T12:00:00Z', ['project', 'mlep-intro', 'Audit', '--shipped', 'v1']);
    const status = json<StatusJson>(today(dir, ['status', '--json']));
    expect(status.courses[0]!.eta).toEqual({ date: null, basis: null, reason: 'finished' });
    expect(status.courses[1]!.eta.date).not.toBeNull();
    expect(status.courses[1]!.eta.date! >= '2026-11-02').toBe(true);
    expect(status.goal).toMatchObject({
      onTrack: false,
      neededMinutesPerWeek: null,
      reason: 'the deadline has passed',
    });
    expect(today(dir, ['status']).stdout).toMatch(
      /Goal: .* · [\d.]+ h left, and the deadline 2026-10-20 has passed\n {6}move it: roadmap goal --deadline DATE\n/,
    );
    // Before it passed: what the pace kept would leave undone by then, not hours owed.
    expect(at(dir, '2026-10-19T13:00:00Z', ['status']).stdout).toMatch(
      /Goal: .* · at this pace, [\d.]+ h short by 2026-10-20\n {6}you'd need [\d.]+ h a week from now on\n/,
    );
    // Changing the hours keeps the deadline, and says it has passed.
    const changed = today(dir, ['goal', '--hours-per-week', '3']);
    expect(changed.stderr).toContain('Goal set: 3 h a week, finishing by 2026-10-20.');
    expect(changed.stderr).toContain(
      'Your deadline 2026-10-20 has passed: set a new one with --deadline, or drop it with --deadline none.',
    );
  });

  it('refuses bad goal, study and plan arguments with exit 2 and writes nothing', () => {
    const dir = tempDir();
    at(dir, NOW, ['add', 'hf-course']);
    const config = readFileSync(join(dir, 'config.json'));
    for (const args of [
      ['study'],
      ['study', '--minutes', '0'],
      ['study', 'chapter9/99', '--minutes', '10'],
      ['note', 'chapter1/1', '   '],
      ['goal', '--hours-per-week', '0.1'],
      ['goal', '--hours-per-week', 'lots'],
      ['goal', '--hours-per-week', '5', '--deadline', '2026-11-01'],
      ['goal', '--hours-per-week', '5', '--deadline', '2026-02-30'],
      ['goal', '--deadline', '2027-01-01'],
      ['goal', '--clear', '--hours-per-week', '5'],
      ['plan', '--weeks', '0'],
      ['status', '--window', '3'],
      ['status', '--format', 'html'],
    ]) {
      const result = today(dir, args);
      expect([args, result.code]).toEqual([args, 2]);
      expect(result.stderr).toMatch(/^error: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(join(dir, 'config.json'))).toEqual(config);
  });

  it('goal shows, sets, clears and undoes as one change', () => {
    const dir = tempDir();
    expect(today(dir, ['goal']).stderr).toContain('No goal set.');
    // Unset, a setting prints nothing as data: a script reading it gets no words to mistake.
    const unset = today(dir, ['config', 'get', 'goal-deadline']);
    expect(unset).toMatchObject({ code: 0, stdout: '' });
    expect(unset.stderr).toBe('goal-deadline is not set; `roadmap goal` sets it.\n');
    expect(today(dir, ['config', 'get', 'goal-deadline', '--json']).stdout).toBe('null\n');
    at(dir, NOW, ['goal', '--hours-per-week', '4.5', '--deadline', '2027-01-31']);
    expect(json(today(dir, ['goal', '--json']))).toEqual({
      minutesPerWeek: 270,
      deadline: '2027-01-31',
    });
    expect(today(dir, ['goal']).stdout).toBe('4.5 h a week, finishing by 2027-01-31\n');
    // Once it has passed, it says so, as status does.
    const passed = run(dir, ['goal'], { ROADMAP_NOW: '2027-02-01T09:00:00Z' });
    expect(passed.stdout).toBe('4.5 h a week, finishing by 2027-01-31\n');
    expect(passed.stderr).toContain('The deadline 2027-01-31 has passed: move it with');
    expect(today(dir, ['goal']).stderr).toBe('');
    at(dir, NOW, ['goal', '--clear']);
    expect(json(today(dir, ['goal', '--json']))).toEqual({ minutesPerWeek: null, deadline: null });
    at(dir, NOW, ['undo']);
    expect(json(today(dir, ['goal', '--json']))).toEqual({
      minutesPerWeek: 270,
      deadline: '2027-01-31',
    });
  });

  it('goal --json with a change prints the goal as it now stands; the message goes to stderr', () => {
    const dir = tempDir();
    const set = today(dir, ['goal', '--hours-per-week', '3', '--json']);
    expect(JSON.parse(set.stdout)).toEqual({ minutesPerWeek: 180, deadline: null });
    expect(set.stderr).toContain('Goal set: 3 h a week');
    const same = today(dir, ['goal', '--hours-per-week', '3', '--json']);
    expect(JSON.parse(same.stdout)).toEqual({ minutesPerWeek: 180, deadline: null });
    const cleared = today(dir, ['goal', '--clear', '--json']);
    expect(JSON.parse(cleared.stdout)).toEqual({ minutesPerWeek: null, deadline: null });
    expect(cleared.stderr).toContain('Goal cleared.');
    // Undone, it says what the goal, or a setting, is again.
    expect(today(dir, ['undo']).stderr).toMatch(
      /^Undid: goal \(\d{4}-\d\d-\d\d \d\d:\d\d\)\. The goal is 3 h a week\. /,
    );
    today(dir, ['config', 'set', 'bar-width', '30']);
    expect(today(dir, ['undo']).stderr).toContain('). bar-width is 20 now. ');
  });
});

describe('history and goal details', () => {
  it('log lists entries newest by date, back-dated ones in their place, and says what an undo reverted', () => {
    const dir = tempDir();
    at(dir, NOW, ['add', 'made-with-ml']);
    at(dir, NOW, ['study', '--minutes', '10']);
    at(dir, NOW, ['study', '--minutes', '20', '--at', '2026-10-20']);
    at(dir, NOW, ['study', '--minutes', '30', '--at', '2026-10-25']);
    at(dir, NOW, ['undo']);
    // A goal is no study history, and neither is undoing it.
    at(dir, NOW, ['goal', '--hours-per-week', '3']);
    at(dir, NOW, ['undo']);
    const log = json<LogJsonEntry[]>(today(dir, ['log', '--json']));
    expect(log.map((e) => [e.type, e.minutes ?? null])).toEqual([
      ['undo', null],
      ['study', 10],
      // It brought made-with-ml into focus.
      ['add', null],
      ['study', 30],
      ['study', 20],
    ]);
    expect(
      json<LogJsonEntry[]>(today(dir, ['log', '--json', '--limit', '2'])).map(
        (e) => e.minutes ?? null,
      ),
    ).toEqual([null, 10]);
    expect(today(dir, ['log']).stdout.split('\n')[0]).toMatch(
      /^2026-11-02 12:00 {2}undo {3}reverted study made-with-ml\/\S+ of 2026-10-25 00:00$/,
    );
  });

  it('show wraps a long note under its first line', () => {
    const dir = tempDir();
    at(dir, '2026-11-02T10:00:00Z', ['add', 'made-with-ml']);
    const note =
      'redo the lab on data drift with a second dataset and compare the alerts it raises';
    at(dir, '2026-11-02T11:00:00Z', ['done', '--note', note]);
    const lines = today(dir, ['show', 'made-with-ml']).stdout.split('\n');
    const first = lines.findIndex((l) => l.startsWith('      note (2026-11-02): redo'));
    expect(lines[first]!.length).toBeLessThanOrEqual(80);
    expect(lines[first + 1]).toMatch(/^ {25}\S/);
    expect(`${lines[first]} ${lines[first + 1]!.trim()}`).toContain(note);
  });

  it('log marks an undone entry, so a corrected one logged after it reads apart', () => {
    const dir = tempDir();
    at(dir, '2026-11-02T10:00:00Z', ['add', 'made-with-ml']);
    at(dir, '2026-11-02T19:00:00Z', ['done']);
    at(dir, '2026-11-03T08:00:00Z', ['undo']);
    at(dir, '2026-11-03T08:01:00Z', ['done', '--at', '2026-11-02T19:00', '--minutes', '25']);
    const lines = at(dir, '2026-11-03T09:00:00Z', ['log']).stdout.split('\n');
    expect(lines[1]).toMatch(/^2026-11-02 19:00 {2}done .* · 25 min$/);
    expect(lines[1]).not.toContain('undone');
    expect(lines[2]).toMatch(/^2026-11-02 19:00 {2}done /);
    expect(lines[3]).toBe(`${' '.repeat(19)}undone: 2026-11-03 08:00`);
    // --json says so too: the undone entry carries when, the others nothing.
    const entries = json<LogJsonEntry[]>(at(dir, '2026-11-03T09:00:00Z', ['log', '--json']));
    expect(entries.map((e) => [e.type, e.undoneAt ?? null])).toEqual([
      ['undo', null],
      ['done', null],
      ['done', '2026-11-03T08:00:00.000Z'],
      ['add', null],
    ]);
  });

  it("log puts an undone entry's mark in the column of its note and reason", () => {
    const dir = tempDir();
    at(dir, '2026-11-02T10:00:00Z', ['add', 'made-with-ml', 'mlep-intro']);
    at(dir, '2026-11-02T11:00:00Z', ['park', 'made-with-ml', '--reason', 'busy']);
    at(dir, '2026-11-02T12:00:00Z', ['undo']);
    const lines = at(dir, '2026-11-02T13:00:00Z', ['log']).stdout.split('\n');
    const park = lines.findIndex((l) => / park {3}made-with-ml$/.test(l));
    expect(lines.slice(park + 1, park + 4)).toEqual([
      '                   reason: busy',
      '                   focus: mlep-intro active (focus rule)',
      '                   undone: 2026-11-02 12:00',
    ]);
  });

  it('minutes added after a module was done add to study time instead of replacing its estimate', () => {
    const dir = tempDir();
    at(dir, '2026-11-02T09:00:00Z', ['add', 'made-with-ml']);
    at(dir, '2026-11-02T10:00:00Z', ['done', 'made-with-ml/setup']);
    const before = json<StatusJson>(today(dir, ['status', '--json'])).studiedMinutes;
    at(dir, '2026-11-02T11:00:00Z', ['done', 'made-with-ml/setup', '--minutes', '5']);
    at(dir, '2026-11-02T11:30:00Z', ['study', 'made-with-ml/setup', '--minutes', '10']);
    expect(json<StatusJson>(today(dir, ['status', '--json'])).studiedMinutes).toBe(before + 15);
  });

  it('goal options change only their own part, and config set leaves the goal to goal', () => {
    const dir = tempDir();
    at(dir, NOW, ['goal', '--hours-per-week', '5', '--deadline', '2026-12-31']);
    at(dir, NOW, ['goal', '--hours-per-week', '6']);
    expect(json(today(dir, ['goal', '--json']))).toEqual({
      minutesPerWeek: 360,
      deadline: '2026-12-31',
    });
    at(dir, NOW, ['goal', '--deadline', '2027-01-31']);
    expect(json(today(dir, ['goal', '--json']))).toEqual({
      minutesPerWeek: 360,
      deadline: '2027-01-31',
    });
    at(dir, NOW, ['goal', '--deadline', 'none']);
    expect(json(today(dir, ['goal', '--json']))).toEqual({ minutesPerWeek: 360, deadline: null });
    const set = today(dir, ['config', 'set', 'goal-deadline', '2020-01-01']);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('is set with `roadmap goal`');
    // Its help lists the two apart from the keys it takes.
    const help = today(dir, ['config', 'set', '--help']).stdout;
    const [keys, goal] = help.split('Set by `roadmap goal`');
    expect(keys).toContain('  bar-width (integer');
    expect(keys).not.toContain('goal-deadline');
    expect(goal).toContain('  goal-deadline (date');
    at(dir, NOW, ['goal', '--clear']);
    expect(today(dir, ['goal', '--clear']).stderr).toContain('No goal was set; nothing changed.');
  });
});

describe('time spent building a project', () => {
  it('counts as study, comes off the project in the ETA and the plan, and is logged and undone', () => {
    const dir = tempDir();
    // mlep-intro: three weeks of 300 minutes each, all done with 300 minutes logged.
    at(dir, '2026-03-01T10:00:00Z', ['add', 'mlep-intro']);
    for (const day of [1, 2, 3]) at(dir, `2026-03-0${day}T20:00:00Z`, ['done', '--minutes', '300']);
    // Before the project is recorded, study points to it; the time needs a project to go into.
    const early = run(dir, ['study', '--minutes', '90'], {
      ROADMAP_NOW: '2026-03-04T09:00:00Z',
      TZ: 'UTC',
    });
    expect(early.stderr).toContain('what is left is its project');
    const none = run(dir, ['project', 'mlep-intro', '--minutes', '90'], {
      ROADMAP_NOW: '2026-03-04T09:00:00Z',
      TZ: 'UTC',
    });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'mlep-intro has no project yet, so there is nothing to log time on',
    );
    at(dir, '2026-03-04T10:00:00Z', ['project', 'mlep-intro', '--idea', 'label-consistency-audit']);
    const hint = run(dir, ['study', '--minutes', '90', '--note', 'first pass'], {
      ROADMAP_NOW: '2026-03-04T11:00:00Z',
      TZ: 'UTC',
    });
    // What was given is repeated, so the command can be pasted as it is.
    expect(hint.stderr).toContain(
      "Log time spent building it: roadmap project mlep-intro --minutes 90 --note 'first pass'\n",
    );
    // As for done with minutes: they are time spent on the project too.
    const done = run(dir, ['done', '--minutes', '40'], {
      ROADMAP_NOW: '2026-03-04T11:00:00Z',
      TZ: 'UTC',
    });
    expect(done.stderr).toContain(
      'Log time spent building it: roadmap project mlep-intro --minutes 40\nOr name a module to mark.',
    );

    const logged = at(dir, '2026-03-04T11:00:00Z', [
      'project',
      'mlep-intro',
      '--minutes',
      '90',
      '--note',
      'built the loader',
    ]);
    expect(logged.stderr).toContain(
      '✓ Logged 1 h 30 min on “Audit and fix label consistency” for mlep-intro.',
    );
    const more = at(dir, '2026-03-05T11:00:00Z', ['project', 'mlep-intro', '--minutes', '120']);
    expect(more.stderr).toContain('(3 h 30 min in all)');
    // With a title or a stage option it is refused: one thing at a time.
    expect(
      run(dir, ['project', 'mlep-intro', '--minutes', '30', '--repo', 'x'], { TZ: 'UTC' }).code,
    ).toBe(2);

    const status = json<StatusJson>(
      today(dir, ['status', '--json'], { ROADMAP_NOW: '2026-03-20T12:00:00Z' }),
    );
    // 900 minutes of modules and 210 of project over the 20 days since the first study: 388.5 a week.
    expect(status.pace.minutesPerWeek).toBe(389);
    expect(status.courses[0]).toMatchObject({ minutesLogged: 1110 });
    expect(status.courses[0]!.project).toMatchObject({ stage: 'idea', minutesLogged: 210 });
    // The idea's 600 minutes at a factor of 1, less 210 logged: 390 minutes, 8 days from today.
    expect(status.eta).toEqual({ date: '2026-03-27', basis: 'pace', reason: null });
    expect(status.streak.days.longest).toBe(5);
    const plan = json<PlanReport>(
      today(dir, ['plan', '--json'], { ROADMAP_NOW: '2026-03-20T12:00:00Z' }),
    );
    expect(plan.projects).toEqual([
      expect.objectContaining({ courseId: 'mlep-intro', minutes: 390 }),
    ]);

    const log = json<LogJsonEntry[]>(today(dir, ['log', '--json', '--limit', '2']));
    expect(log.map((e) => [e.type, e.courseId, e.minutes, e.note, e.stage])).toEqual([
      ['project', 'mlep-intro', 120, undefined, 'idea'],
      ['project', 'mlep-intro', 90, 'built the loader', 'idea'],
    ]);
    const text = today(dir, ['log', '--limit', '2']).stdout;
    expect(text).toContain(
      '2026-03-05 11:00  project time  mlep-intro  Audit and fix label consisten… · 2 h',
    );
    expect(text).toContain('note: built the loader');
    expect(today(dir, ['project', 'mlep-intro']).stdout).toContain('  Time logged: 3 h 30 min');

    // Exported and imported elsewhere, the time comes along.
    const file = join(dir, 'export.json');
    at(dir, '2026-03-20T12:00:00Z', ['export', file]);
    const other = tempDir();
    at(other, '2026-03-20T12:00:00Z', ['import', file]);
    const there = json<StatusJson>(
      today(other, ['status', '--json'], { ROADMAP_NOW: '2026-03-20T12:00:00Z' }),
    );
    expect(there.courses[0]!.project!.minutesLogged).toBe(210);
    expect(there.pace).toEqual(status.pace);

    const undone = at(dir, '2026-03-20T12:00:00Z', ['undo']);
    expect(undone.stderr).toContain('Undid: project time mlep-intro (2026-03-05 11:00), 2 h.');
    expect(
      json<StatusJson>(today(dir, ['status', '--json'])).courses[0]!.project!.minutesLogged,
    ).toBe(90);
  });
});

describe('the goal and the ETA', () => {
  it('never say "on track" beside an ETA after the deadline, whatever the minutes left', () => {
    // The minutes left are fractional here (calibrated estimates); rounded for the goal alone,
    // they once made it "on track for 2032-03-12" beside "ETA: 2032-03-13".
    const dir = tempDir();
    const env = { ROADMAP_NOW: '2026-03-10T10:00:00Z', TZ: 'UTC' };
    at(dir, '2026-03-03T09:00:00Z', ['add', 'hf-course']);
    for (const k of [1, 2, 3, 4]) {
      expect(
        run(dir, ['done', '--minutes', String(41 + k * 7), '--at', `2026-03-0${3 + k}T18:00`], env)
          .code,
      ).toBe(0);
    }
    expect(run(dir, ['study', '--minutes', '7'], env).code).toBe(0);
    for (const deadline of ['2032-03-12', '2032-03-13']) {
      expect(run(dir, ['goal', '--hours-per-week', '0.5', '--deadline', deadline], env).code).toBe(
        0,
      );
      const status = json<StatusJson>(run(dir, ['status', '--json'], env));
      expect(status.eta.date).toBe('2032-03-13');
      expect(status.goal!.onTrack).toBe(status.eta.date! <= deadline);
    }
  });
});

describe('time on a project, around the focus and the plan', () => {
  const env = { ROADMAP_NOW: '2026-03-10T10:00:00Z', TZ: 'UTC' };
  const ok = (dir: string, args: string[]) => {
    const result = run(dir, args, env);
    if (result.code !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
    return result;
  };

  it('needs a course, follows the focus rules as study does, and says where to log it', () => {
    const dir = tempDir();
    ok(dir, ['add', 'mlep-intro', 'mlep-data']);
    // With no course, a change asked for is refused rather than lost in a listing.
    const bare = run(dir, ['project', '--minutes', '30', '--note', "it's trained"], env);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--minutes needs a course');
    // The example repeats what was given, quoted, so that it can be pasted as it is.
    expect(bare.stderr).toContain(
      "For example: roadmap project mlep-intro --minutes 30 --note 'it'\\''s trained'\n",
    );
    const control = run(dir, ['project', '--note', 'a\u001bb'], env);
    expect(control.stderr).toContain('For example: roadmap project mlep-intro --note …');

    // mlep-data is planned, out of focus: logging on its project is a switch, as study is.
    ok(dir, ['project', 'mlep-data', 'Pipeline']);
    // The example names the course that has a project to log time on.
    expect(run(dir, ['project', '--minutes', '30'], env).stderr).toContain(
      'For example: roadmap project mlep-data --minutes 30\n',
    );
    const refused = run(dir, ['project', 'mlep-data', '--minutes', '45', '--note=-v2'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('mlep-data is planned, not in focus');
    expect(refused.stderr).toContain(
      '  roadmap project mlep-data --minutes 45 --note=-v2 --switch',
    );
    const switched = ok(dir, [
      'project',
      'mlep-data',
      '--minutes',
      '45',
      '--note=-v2',
      '--switch',
      '--reason',
      'the pipeline first',
    ]);
    expect(switched.stderr).toContain('Parked mlep-intro to make room for mlep-data');
    // The reason goes with the switch, as with study.
    expect(json<StatusJson>(run(dir, ['status', '--json'], env)).courses[0]!.reason).toBe(
      'the pipeline first',
    );
    expect(switched.stderr).toContain('`roadmap undo` reverts this and the switch together.');
    const status = json<StatusJson>(run(dir, ['status', '--json'], env));
    expect(status.focus.active).toEqual(['mlep-data']);
    expect(status.courses[1]!.project!.minutesLogged).toBe(45);

    // A recorded project's next steps mention logging time.
    ok(dir, ['resume', 'mlep-intro', '--reason', 'back to it']);
    for (const week of ['week-1', 'week-2', 'week-3']) ok(dir, ['done', `mlep-intro/${week}`]);
    ok(dir, ['project', 'mlep-intro', 'Drift alerts', '--estimate', '1']);
    expect(run(dir, ['next'], env).stderr).toContain(
      'Log time as you build it: roadmap project mlep-intro --minutes N',
    );
    expect(run(dir, ['project', 'mlep-intro'], env).stderr).toContain(
      'Log time as you build it: roadmap project mlep-intro --minutes N',
    );

    // Idle in the project phase, the one step at hand is an hour of building.
    const idle = run(dir, ['status'], { ...env, ROADMAP_NOW: '2026-03-25T10:00:00Z' }).stdout;
    expect(idle.replace(/\n +/g, ' ')).toContain(
      'One step now: build for an hour and log it: `roadmap project mlep-intro --minutes 60`',
    );

    // Its estimate used up by the time logged, the plan says so rather than "no estimate".
    ok(dir, ['goal', '--hours-per-week', '5']);
    ok(dir, ['project', 'mlep-intro', '--minutes', '90']);
    const plan = json<PlanReport>(run(dir, ['plan', '--json'], env));
    expect(plan.projects[0]).toMatchObject({
      courseId: 'mlep-intro',
      minutes: 0,
      minutesLogged: 90,
    });
    const text = run(dir, ['plan'], env).stdout;
    // Too long for its line: the hint goes below it, the command whole on a line of its own.
    expect(text).toContain(
      '  mlep-intro project  Drift alerts\n    its estimate is used up by the 1 h 30 min logged; to plan more:\n      roadmap project mlep-intro --estimate HOURS\n',
    );
    expect(text).not.toContain('no estimate');
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });
});

describe('pace after a break, and the goal line before it can be measured', () => {
  it('no ETA or plan from two evenings after everything was parked for a fortnight', () => {
    const dir = tempDir();
    at(dir, '2026-03-02T10:00:00Z', ['add', 'mlep-intro', 'made-with-ml']);
    at(dir, '2026-03-09T20:00:00Z', ['done', '--minutes', '100']);
    at(dir, '2026-03-10T20:00:00Z', ['done', '--minutes', '100']);
    at(dir, '2026-03-10T20:20:00Z', ['done', '--minutes', '100']);
    at(dir, '2026-03-10T21:00:00Z', ['park', 'mlep-intro']);
    at(dir, '2026-03-10T21:01:00Z', ['park', 'made-with-ml']);
    at(dir, '2026-03-26T20:00:00Z', ['resume', 'mlep-intro']);
    const status = json<StatusJson>(at(dir, '2026-03-26T20:01:00Z', ['status', '--json']));
    expect(status.pace).toMatchObject({ windowDays: 3, requestedWindowDays: 28, historyDays: 17 });
    expect(status.eta).toEqual({
      date: null,
      basis: null,
      reason: 'only 3 of the last 18 days had a course in focus; 14 are needed',
    });
    const plan = run(dir, ['plan'], { ROADMAP_NOW: '2026-03-26T20:01:00Z', TZ: 'UTC' });
    expect(plan.stderr).toContain("your pace can't be measured yet (only 3 of the last 18 days");
  });

  it("says the goal's pace stands in for yours until yours can be measured", () => {
    const dir = tempDir();
    at(dir, '2026-03-02T19:30:00Z', ['add', 'mlep-intro', 'made-with-ml']);
    at(dir, '2026-03-02T19:35:00Z', ['goal', '--hours-per-week', '5', '--deadline', '2026-05-10']);
    at(dir, '2026-03-02T21:00:00Z', ['study', '--minutes', '90']);
    at(dir, '2026-03-04T21:30:00Z', ['done', '--minutes', '100']);
    const now = '2026-03-04T21:32:00Z';
    expect(json<StatusJson>(at(dir, now, ['status', '--json'])).goal).toMatchObject({
      onTrack: false,
      basis: 'goal',
    });
    expect(at(dir, now, ['status']).stdout).toMatch(
      /Goal: .* · at your goal's pace, [\d.]+ h short by 2026-05-10/,
    );
    expect(at(dir, now, ['status', '--format', 'markdown']).stdout).toMatch(
      /at your goal's pace [\d.]+ h short/,
    );
  });

  it('plan marks the deadline and says whether it ends by it', () => {
    const dir = tempDir();
    const now = '2026-03-08T10:00:00Z';
    at(dir, now, ['add', 'mlep-intro']);
    at(dir, now, ['goal', '--hours-per-week', '4', '--deadline', '2026-03-29']);
    expect(json<PlanReport>(at(dir, now, ['plan', '--json'])).deadline).toBe('2026-03-29');
    const late = at(dir, now, ['plan']).stdout;
    expect(late).toContain('Mon Mar 23 – Sun Mar 29  4 h  deadline Sun Mar 29');
    expect(late).toContain('That is after your deadline, 2026-03-29;');
    // A plan cut short by --weeks says where the deadline lies.
    expect(at(dir, now, ['plan', '--weeks', '1']).stdout.replace(/\n/g, ' ')).toContain(
      'More follows: run without --weeks for the whole plan. Your deadline, 2026-03-29, comes after these weeks.',
    );
    at(dir, now, ['goal', '--deadline', '2026-05-01']);
    expect(at(dir, now, ['plan']).stdout).toContain('That is by your deadline, 2026-05-01.');
    at(dir, now, ['goal', '--deadline', '2026-04-22']);
    expect(at(dir, now, ['plan']).stdout).toContain(
      'Your deadline, 2026-04-22, falls in that week.',
    );
    // Once it has passed, no weekly rate meets it: the plan says to move it, as `status` does.
    expect(at(dir, '2026-04-25T10:00:00Z', ['plan']).stdout.replace(/\n/g, ' ')).toContain(
      'Your deadline, 2026-04-22, has passed: move it with `roadmap goal --deadline DATE`.',
    );
    expect(
      at(dir, '2026-04-25T10:00:00Z', ['plan', '--weeks', '1']).stdout.replace(/\n/g, ' '),
    ).toContain('Your deadline, 2026-04-22, has passed.');
    at(dir, now, ['goal', '--deadline', 'none']);
    const none = at(dir, now, ['plan']);
    expect(none.stdout).not.toContain('deadline');
    expect(json<PlanReport>(at(dir, now, ['plan', '--json'])).deadline).toBeNull();
  });
});

describe("a deadline this week, when this week's goal is met already", () => {
  it('is still to come: the plan, starting next week, ends after it', () => {
    const dir = tempDir();
    // Monday; the goal of 2 h a week is met by the first session.
    const now = '2025-06-02T11:00:00Z';
    at(dir, '2025-06-02T09:00:00Z', ['add', 'made-with-ml']);
    at(dir, '2025-06-02T10:00:00Z', ['done', '--minutes', '150']);
    at(dir, now, ['goal', '--hours-per-week', '2', '--deadline', '2025-06-06']);
    const plan = at(dir, now, ['plan']).stdout.replace(/\n/g, ' ');
    expect(plan).not.toContain('has passed');
    expect(plan).toContain('That is after your deadline, 2025-06-06;');
    expect(at(dir, now, ['plan', '--weeks', '1']).stdout.replace(/\n/g, ' ')).toContain(
      'Your deadline, 2025-06-06, comes before these weeks.',
    );
    // On the deadline's day it is still to come, as `status` counts it.
    const friday = at(dir, '2025-06-06T20:00:00Z', ['plan']).stdout.replace(/\n/g, ' ');
    expect(friday).not.toContain('has passed');
  });
});

describe('setting a goal that misses its deadline', () => {
  it('says so at once, with what it would take', () => {
    const dir = tempDir();
    const env = { ROADMAP_NOW: '2026-03-02T09:00:00Z' };
    run(dir, ['add', 'mlep', 'hf-course'], env);
    const short = run(dir, ['goal', '--hours-per-week', '6', '--deadline', '2026-09-30'], env);
    expect(short.code).toBe(0);
    expect(short.stderr).toContain(
      "! At that goal you'd finish after 2026-09-30, about 68.9 h short: it takes 8.3 h a week from now on.",
    );
    const enough = run(dir, ['goal', '--hours-per-week', '10'], env);
    expect(enough.stderr).not.toContain('short');
    expect(run(dir, ['status'], env).stdout).toContain(
      'on track for 2026-09-30 (needs 8.3 h a week)',
    );
  });

  it('says so when the pace you keep makes the deadline but the goal, which plan uses, would not', () => {
    const dir = tempDir();
    const env = (day: string) => ({ ROADMAP_NOW: `2025-06-${day}T10:00:00Z`, TZ: 'UTC' });
    run(dir, ['add', 'made-with-ml'], env('01'));
    // An hour a day for two weeks: 7 h a week.
    for (let day = 1; day <= 14; day++)
      expect(run(dir, ['done', '--minutes', '60'], env(String(day).padStart(2, '0'))).code).toBe(0);
    const low = run(dir, ['goal', '--hours-per-week', '1', '--deadline', '2025-08-12'], env('14'));
    expect(low.stderr).toContain(
      "! The pace you keep makes 2025-08-12, but that goal alone wouldn't: it takes 4.9 h a week from now on, and `roadmap plan` schedules at the goal.",
    );
    expect(run(dir, ['plan'], env('14')).stdout).toContain('That is after your deadline');
    const enough = run(dir, ['goal', '--hours-per-week', '5'], env('14'));
    expect(enough.stderr).not.toContain('!');
  });
});
