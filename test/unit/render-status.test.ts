import { format } from 'date-fns/format';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { CourseProgress } from '../../src/core/progress.js';
import { renderStatusMarkdown } from '../../src/ui/render-markdown.js';
import { type NextJson, renderNext } from '../../src/ui/render-next.js';
import {
  paceText,
  renderStatus,
  type StatusJson,
  summaryLine,
} from '../../src/ui/render-status.js';
import { loadTextWidths, setLineWidth, wrapWidth } from '../../src/ui/text.js';
import { weekLabel } from '../../src/ui/week-chart.js';

const now = new Date('2026-11-02T12:00:00Z');

function course(id: string, title: string): StatusJson['courses'][number] {
  const row: CourseProgress = {
    id,
    title,
    inCatalog: true,
    done: 3,
    skipped: 1,
    total: 40,
    percent: 10,
    minutesDone: 600,
    minutesTotal: 6000,
    minutesLogged: 720,
    addedAt: '2026-09-01T10:00:00.000Z',
    startedAt: '2026-09-02T10:00:00.000Z',
    lastActivityAt: '2026-11-01T10:00:00.000Z',
  };
  return {
    ...row,
    eta: { date: '2027-04-01', basis: 'goal', reason: 'only 2 modules done; 3 are needed' },
    state: 'active',
    reason: null,
    stateSince: '2026-09-02T10:00:00.000Z',
    parkedFor: null,
    project: null,
    idle: null,
  };
}

const data: StatusJson = {
  courses: [
    course(
      'cjk-course',
      '機械学習エンジニアリング入門：データから本番運用まで 🚀🤖 完全ガイド（第二版）',
    ),
    course(
      'emoji-course',
      '👩‍💻 Deploying models 🧪🧪🧪 with 🐳 Docker and ☸️ Kubernetes, the long way round',
    ),
  ],
  total: {
    done: 6,
    skipped: 2,
    total: 80,
    percent: 10,
    minutesDone: 1200,
    minutesTotal: 12000,
    minutesLogged: 1440,
  },
  pace: {
    minutesPerWeek: 250,
    modulesPerWeek: 1.5,
    windowDays: 28,
    requestedWindowDays: 28,
    historyDays: 60,
    modulesDone: 6,
    calibration: {
      factor: 1,
      modules: 2,
      reason: 'only 2 done modules in the last 28 days have logged minutes; 3 are needed',
      measured: null,
    },
  },
  eta: { date: null, basis: null, reason: 'only 2 modules done; 3 are needed' },
  streak: {
    days: { current: 12, longest: 40 },
    weeks: { current: 10, longest: 52 },
    goalWeeks: { current: 3, longest: 20 },
  },
  goal: {
    minutesPerWeek: 5040,
    deadline: '2027-01-01',
    thisWeekMinutes: 4999,
    onTrack: false,
    neededMinutesPerWeek: 10000,
    behindMinutes: 99999,
    basis: 'pace',
    reason: null,
  },
  weeks: Array.from({ length: 12 }, (_, i) => ({
    start: `2026-${String(8 + Math.floor(i / 4)).padStart(2, '0')}-${String(1 + (i % 4) * 7).padStart(2, '0')}`,
    end: '2026-12-31',
    minutes: i % 3 === 0 ? 0 : i * 400,
  })),
  studiedMinutes: 123456,
  weekStart: 'monday',
  focus: { limit: 1, active: ['cjk-course'], unloaded: [] },
  hopping: { startedUnfinished: 0, courses: [], warning: null },
};

describe('status text', () => {
  it('fits a 40- or 60-column terminal: prose wraps, bars give way, only links and commands may not', async () => {
    await loadTextWidths(data.courses.map((c) => c.title));
    const plainData: StatusJson = {
      ...data,
      courses: data.courses.map((c) => ({ ...c, title: 'Introduction to Machine Learning' })),
    };
    try {
      for (const width of [40, 60]) {
        setLineWidth(width);
        for (const variant of [plainData, { ...plainData, goal: null }]) {
          const text = renderStatus(variant, now, 20);
          const long = text.split('\n').filter((l) => stringWidth(l) > width);
          expect([width, long]).toEqual([width, []]);
        }
      }
      // The bars give way, all alike, to keep the counts beside them; then they go under.
      setLineWidth(60);
      const sixty = renderStatus(plainData, now, 20);
      expect(sixty).toMatch(/^ {4}[█▓▒░]{5} {2}4\/40 \(3 done/m);
      expect(sixty).toMatch(/^Total {2}[█▓▒░]{5} {2}8\/80 \(6 done/m);
      setLineWidth(40);
      const narrow = renderStatus(plainData, now, 20);
      expect(narrow).toMatch(/^ {4}[█▓▒░]{5}\n {4}4\/40 \(3 done/m);
      expect(renderStatus({ ...plainData, goal: null }, now, 20)).toContain(
        'Goal: none set; set one with:\n  roadmap goal --hours-per-week 5',
      );
    } finally {
      setLineWidth(80);
    }
  });

  it('fits in 80 columns with CJK and emoji titles, measured by display width', async () => {
    await loadTextWidths(data.courses.map((c) => c.title));
    const text = renderStatus(data, now, 20);
    for (const line of text.split('\n'))
      expect([stringWidth(line), line]).toEqual([Math.min(stringWidth(line), 80), line]);
    expect(text).toContain('機械学習');
    expect(text).toContain('…');
  });

  it("says when the ETA in the summary line is at the goal pace, not the learner's", () => {
    const atGoal = { ...data, eta: { date: '2027-01-19', basis: 'goal' as const, reason: null } };
    expect(summaryLine(atGoal)).toMatch(/ · ETA 2027-01-19 at goal pace$/);
    const atPace = { ...data, eta: { date: '2027-01-19', basis: 'pace' as const, reason: null } };
    expect(summaryLine(atPace)).toMatch(/ · ETA 2027-01-19$/);
  });

  it('leaves out the estimates line once nothing is left to estimate', () => {
    expect(renderStatus(data, now, 20)).toContain('Estimates:');
    const finished = {
      ...data,
      eta: { date: null, basis: null, reason: 'all courses are finished' },
    };
    expect(renderStatus(finished, now, 20)).not.toContain('Estimates:');
  });

  it('gives the pace a week, or under a week of history what was done so far', () => {
    expect(paceText(data.pace)).toBe('4.2 h and 1.5 modules a week, over the last 28 days');
    const early = { ...data.pace, minutesPerWeek: 840, modulesPerWeek: 14, windowDays: 1 };
    expect(paceText(early)).toBe('2 h and 2 modules in 1 day so far; a weekly figure needs 7 days');
    expect(renderStatus({ ...data, pace: early }, now, 20)).toContain(
      'Pace: 2 h and 2 modules in 1 day so far; a weekly figure needs 7 days',
    );
    expect(renderStatusMarkdown({ ...data, pace: early }, now)).toContain(
      '- Pace: 2 h and 2 modules in 1 day so far',
    );
    // Nothing studied yet: no pace line, in Markdown as in text.
    const none = { ...data.pace, minutesPerWeek: 0, modulesPerWeek: 0, windowDays: 0 };
    expect(renderStatusMarkdown({ ...data, pace: none }, now)).not.toContain('- Pace:');
    expect(renderStatus({ ...data, pace: none }, now, 20)).not.toContain('Pace:');
    expect(paceText({ ...early, windowDays: 7, minutesPerWeek: 120, modulesPerWeek: 2 })).toBe(
      '2 h and 2 modules a week, over the last 7 days',
    );
  });

  it('draws every week, an empty one as a baseline mark, with values in one column', () => {
    const chart = renderStatus(data, now, 20)
      .split('\n')
      .filter((l) => /^ {2}[A-Z][a-z]{2} \d{2} {2}/.test(l));
    expect(chart).toHaveLength(12);
    expect(chart[0]).toMatch(/^ {2}Aug 01 {2}·/);
    const valueColumns = chart.map((l) => stringWidth(l.slice(0, l.search(/\d+(\.\d)? h/))));
    expect(new Set(valueColumns).size).toBe(1);
  });

  it('writes the same report as Markdown, with table cells escaped', () => {
    const md = renderStatusMarkdown({ ...data, courses: [course('pipe', 'A | B')] }, now);
    // Skipped modules count toward the course, as in the text report, which says so.
    expect(md).toContain(
      '| 1 | A \\| B (`pipe`) | 4/40 (3 done, 1 skipped) | 10% | 10 h of 100 h | 12 h | 2027-04-01 (goal pace) |',
    );
    const none = { ...course('none', 'None'), skipped: 0 };
    expect(renderStatusMarkdown({ ...data, courses: [none] }, now)).toContain('| 3/40 | 10% |');
    expect(md).not.toContain('\u001b[');
  });

  it('escapes Markdown in titles, reasons and projects, so they show as written', () => {
    const titled = course('md', 'a\\|b `tick` *stars* _x_ <script>x</script> [link](y)');
    const parked = {
      ...course('parked', 'Parked'),
      state: 'parked' as const,
      reason: '**busy** at <work>',
      project: null,
    };
    const md = renderStatusMarkdown({ ...data, courses: [titled, parked] }, now);
    expect(md).toContain(
      '| 1 | a\\\\\\|b \\`tick\\` \\*stars\\* \\_x\\_ \\<script\\>x\\</script\\> \\[link\\](y) (`md`) |',
    );
    expect(md).toContain('- `parked` parked since 2026-09-02: \\*\\*busy\\*\\* at \\<work\\>');
    // A table row still has its seven cells: no pipe but the separators is unescaped.
    const row = md.split('\n').find((l) => l.includes('(`md`)'))!;
    expect(row.replace(/\\\\/g, '').split(/(?<!\\)\|/)).toHaveLength(9);
  });

  it('counts streaks of one in the singular in Markdown too', () => {
    const one = { current: 1, longest: 1 };
    const md = renderStatusMarkdown(
      { ...data, streak: { days: one, weeks: one, goalWeeks: one } },
      now,
    );
    expect(md).toContain('- Streaks: 1 day (best 1), 1 week (best 1), goal met 1 week (best 1)');
    expect(renderStatusMarkdown(data, now)).toContain('- Streaks: 12 days (best 40), 10 weeks');
  });

  it('says which day the chart’s weeks start on, as the text report does', () => {
    expect(renderStatusMarkdown(data, now)).toContain(
      `## Study hours per week (weeks start on ${data.weekStart === 'sunday' ? 'Sunday' : 'Monday'})`,
    );
    expect(renderStatusMarkdown({ ...data, weekStart: 'sunday' }, now)).toContain(
      '## Study hours per week (weeks start on Sunday)',
    );
  });
});

describe('the summary line', () => {
  it('says "done or skipped" when some were skipped, and "done" when none were', async () => {
    const { summaryLine } = await import('../../src/ui/render-status.js');
    expect(summaryLine(data)).toMatch(/^8\/80 done or skipped · /);
    expect(summaryLine({ ...data, total: { ...data.total, skipped: 0 } })).toMatch(
      /^6\/80 done · /,
    );
  });
});

describe('status with the focus rules', () => {
  const parked = {
    ...course('pipe', 'A | B'),
    state: 'parked' as const,
    reason: 'exam | week',
    stateSince: '2026-10-01T10:00:00.000Z',
    project: {
      title: 'Drift alerts',
      goal: null,
      stage: 'started' as const,
      repo: 'https://example.org/r',
      shippedRef: null,
      shippedAt: null,
      waived: false,
      waiveReason: null,
      estimateMinutes: null,
      estimateSource: null,
      ideaId: null,
      stages: [],
      minutesLogged: 0,
    },
  };
  const withFocus: StatusJson = {
    ...data,
    courses: [parked],
    focus: { limit: 1, active: [], unloaded: [] },
    hopping: { startedUnfinished: 1, courses: ['pipe'], warning: null },
  };

  it('shows each course’s state, reason and project in text, within 80 columns', () => {
    const text = renderStatus(withFocus, now, 20);
    expect(text).toContain('In focus: nothing; every course left to study is parked.');
    expect(text).toContain('parked 1 month ago: exam | week');
    expect(text).toContain('project: “Drift alerts” · started · https://example.org/r');
    const worked = { ...parked, project: { ...parked.project!, minutesLogged: 210 } };
    expect(renderStatus({ ...withFocus, courses: [worked] }, now, 20)).toContain(
      'project: “Drift alerts” · started · https://example.org/r · 3.5 h logged',
    );
    expect(text).toContain('Started and not finished: 1 (pipe)');
    for (const line of text.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
  });

  it('adds them to the Markdown report, escaped', () => {
    const md = renderStatusMarkdown(withFocus, now);
    expect(md).toContain('- In focus: nothing');
    expect(md).toContain('- `pipe` parked since 2026-10-01: exam \\| week');
    expect(md).toContain('- Project for `pipe`: “Drift alerts”, started (https://example.org/r)');
    expect(md).toContain('- Started and not finished: 1 (`pipe`)');
  });

  it('gives the Markdown report the time logged, per course and project, and the idle nudge', () => {
    const worked = { ...parked, project: { ...parked.project!, minutesLogged: 210 } };
    const idle = {
      ...course('slow', 'Slow'),
      idle: {
        courseId: 'slow',
        days: 9,
        lastActivityAt: '2026-10-24T10:00:00.000Z',
        last: { kind: 'done' as const, moduleId: 'slow/1', at: '2026-10-24T10:00:00.000Z' },
      },
    };
    const md = renderStatusMarkdown({ ...withFocus, courses: [worked, idle] }, now, {
      titleOf: (id) => (id === 'slow/1' ? 'The *first* one' : undefined),
      stepOf: () => 'study “Two” (slow/2, about 1 h); `roadmap next` has the link.',
    });
    expect(md).toContain('| 12 h |');
    expect(md).toContain(
      '- Project for `pipe`: “Drift alerts”, started (https://example.org/r), 3.5 h logged',
    );
    expect(md).toContain(
      '- No activity in slow for 9 days. Last: done “The \\*first\\* one” (slow/1) on 2026-10-24. One step now: study “Two” (slow/2, about 1 h); \\`roadmap next\\` has the link.',
    );
  });
});

describe('wrapWidth', () => {
  it.each([
    ['short text', 20, ['short text']],
    [
      '    indented and long enough to wrap',
      20,
      ['    indented and', '    long enough to', '    wrap'],
    ],
    ['a verylongwordthatdoesnotfit b', 10, ['a', '    verylongwordthatdoesnotfit', '    b']],
    ['a step (about 5 h)', 16, ['a step (about', '    5 h)']],
    ['for 12 days, 3 weeks', 16, ['for 12 days,', '    3 weeks']],
    ['in 2026 hours later', 12, ['in 2026', '    hours', '    later']],
    ['Course A · module 2 of 99', 22, ['Course A · module', '    2 of 99']],
    ['Course A · module 2 of 99', 12, ['Course A', '    · module', '    2 of 99']],
    ['3 of them are done', 12, ['3 of them', '    are done']],
    ['idea 2026-03-02 → started 2026-03-02', 24, ['idea 2026-03-02', '    → started 2026-03-02']],
    ['a title  started', 10, ['a title', '    started']],
  ])('%j at %i columns', (text, width, lines) => {
    expect(wrapWidth(text, width)).toEqual(lines);
  });
});

describe('weekLabel', () => {
  it("labels every day of a year as date-fns' 'MMM dd' does", () => {
    for (
      let day = new Date(2026, 0, 1, 12);
      day.getFullYear() === 2026;
      day.setDate(day.getDate() + 1)
    )
      expect(weekLabel(format(day, 'yyyy-MM-dd'))).toBe(format(day, 'MMM dd'));
  });
});

describe('status text on a long roadmap', () => {
  const as = (id: string, state: 'finished' | 'planned' | 'active', started = true) => ({
    ...course(id, `Course ${id}`),
    state,
    startedAt: started ? '2026-09-02T10:00:00.000Z' : null,
    eta: { date: '2027-04-01', basis: 'pace' as const, reason: null },
  });
  const courses = [
    ...Array.from({ length: 5 }, (_, i) => as(`f${i}`, 'finished')),
    as('act', 'active'),
    as('f5', 'finished'),
    ...Array.from({ length: 3 }, (_, i) => as(`p${i}`, 'planned', false)),
    as('started', 'planned'),
    ...Array.from({ length: 9 }, (_, i) => as(`q${i}`, 'planned', false)),
  ];
  const long: StatusJson = { ...data, courses, focus: { limit: 1, active: ['act'], unloaded: [] } };

  it('folds runs of finished courses, and of planned ones after the next, into a line each', () => {
    const plain = renderStatus(long, now, 20).replace(/\x1b\[[0-9;]*m/g, '');
    const lines = plain.split('\n');
    expect(lines).toContain('1–5. 5 finished courses ✓ f0, f1, f2, f3, f4');
    // A lone finished course and a run of three planned ones are too short to fold.
    expect(plain).toMatch(/^ 7\. f5 {7}Course f5 ✓$/m);
    expect(plain).toMatch(/^10\. p2 {7}Course p2 {2}planned$/m);
    // The first of the nine planned ones is what comes next, so it stays.
    expect(plain).toMatch(/^12\. q0 {7}Course q0 {2}planned$/m);
    const folded = lines.indexOf(lines.find((l) => l.startsWith('13–20.'))!);
    expect(lines.slice(folded, folded + 2)).toEqual([
      '13–20. 8 planned courses, not started: q1 … q8 · 800 h · the last ETA 2027-04-01',
      '      at your pace',
    ]);
    expect(plain).toContain('(`roadmap status --all` lists every course in full)');
    expect(plain).not.toMatch(/Course (f0|q1)/);
  });

  it('lists every course with --all', () => {
    const plain = renderStatus(long, now, 20, undefined, { all: true });
    for (const c of courses) expect(plain).toContain(`Course ${c.id}`);
    expect(plain).not.toContain('--all');
  });
});

describe('next text in a narrow terminal', () => {
  it('wraps the module and course titles, and leaves the link whole', () => {
    const data: NextJson = {
      kind: 'module',
      reason: null,
      course: { id: 'mlep-intro', title: 'Introduction to Machine Learning in Production' },
      module: {
        id: 'mlep-intro/week-2',
        title: 'Select and Train a Model, with an error analysis of its baseline',
        url: 'https://www.coursera.org/learn/introduction-to-machine-learning-in-production',
        minutes: 300,
        minutesBasis: 'assumed',
        minutesLogged: 0,
        part: null,
        optional: false,
      },
      position: { index: 2, total: 3 },
      optionalLeft: 0,
      project: null,
      idle: null,
      hint: null,
    };
    const labels = { basisOf: () => 'assumed estimate', titleOf: () => undefined };
    try {
      setLineWidth(40);
      const lines = renderNext(data, labels).split('\n');
      expect(lines.filter((l) => stringWidth(l) > 40)).toEqual([`  ${data.module!.url}`]);
      expect(lines.slice(2, 4)).toEqual([
        '  Introduction to Machine Learning in',
        '  Production · module 2 of 3',
      ]);
    } finally {
      setLineWidth(80);
    }
  });
});
