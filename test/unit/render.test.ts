import chalk, { chalkStderr } from 'chalk';
import { describe, expect, it } from 'vitest';
import { colorLevel, configureColor } from '../../src/ui/color.js';
import { renderCatalog } from '../../src/ui/render-course.js';
import { clean, toSafeJson } from '../../src/ui/sanitize.js';
import {
  ago,
  commandLines,
  goalHours,
  lineWidth,
  loadTextWidths,
  padWidth,
  setLineWidth,
  towardGoal,
  wrapWidth,
} from '../../src/ui/text.js';

describe('the sanitiser', () => {
  it.each([
    ['plain text', 'plain text'],
    ['\u001b[31mred\u001b[0m', '\\x1b[31mred\\x1b[0m'],
    ['osc \u001b]8;;https://evil\u0007link', 'osc \\x1b]8;;https://evil\\x07link'],
    ['c1 \u009b31m', 'c1 \\x9b31m'],
    ['del \u007f', 'del \\x7f'],
    ['bidi \u202eevil\u202c', 'bidi \\u{202e}evil\\u{202c}'],
    ['a line\u2028separator', 'a line\\u{2028}separator'],
    ['isolate \u2066x\u2069', 'isolate \\u{2066}x\\u{2069}'],
    ['line\nbreak', 'line\\nbreak'],
    ['emoji 🎉 and 漢字', 'emoji 🎉 and 漢字'],
  ])('%j', (input, expected) => {
    expect(clean(input)).toBe(expected);
  });

  it('JSON output carries no raw C1 or bidi characters yet decodes to the same data', () => {
    const value = { title: 'a\u009bb\u202ec\u001bd\u007f\u2028e' };
    const text = toSafeJson(value);
    expect(text).not.toMatch(/[\u001b\u007f-\u009f\u2028\u202a-\u202e]/);
    expect(text).toContain('\\u009b');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('colour precedence', () => {
  const tty = { noColorFlag: false, isTTY: true };
  it.each([
    ['--no-color beats FORCE_COLOR', { ...tty, noColorFlag: true, env: { FORCE_COLOR: '3' } }, 0],
    ['FORCE_COLOR=0 disables', { ...tty, env: { FORCE_COLOR: '0' } }, 0],
    ['FORCE_COLOR beats NO_COLOR', { ...tty, env: { FORCE_COLOR: '2', NO_COLOR: '1' } }, 2],
    ['FORCE_COLOR on a pipe', { ...tty, isTTY: false, env: { FORCE_COLOR: '1' } }, 1],
    ['NO_COLOR disables', { ...tty, env: { NO_COLOR: '1' } }, 0],
    ['an empty NO_COLOR is ignored', { ...tty, env: { NO_COLOR: '' } }, 1],
    ['TERM=dumb disables', { ...tty, env: { TERM: 'dumb' } }, 0],
    ['a pipe gets none', { ...tty, isTTY: false, env: {} }, 0],
    ['a 256-colour terminal', { ...tty, env: { TERM: 'xterm-256color' } }, 2],
    ['a truecolor terminal', { ...tty, env: { COLORTERM: 'truecolor' } }, 3],
  ])('%s', (_, inputs, level) => {
    expect(colorLevel(inputs)).toBe(level);
  });

  it('--no-color reaches the prompts, which colour through styleText and read the environment', () => {
    const env: NodeJS.ProcessEnv = { FORCE_COLOR: '3' };
    const saved = { stdout: chalk.level, stderr: chalkStderr.level };
    try {
      configureColor(true, env);
      expect(env).toEqual({ NO_COLOR: '1' });
      const untouched: NodeJS.ProcessEnv = { FORCE_COLOR: '3' };
      configureColor(false, untouched);
      expect(untouched).toEqual({ FORCE_COLOR: '3' });
    } finally {
      chalk.level = saved.stdout;
      chalkStderr.level = saved.stderr;
    }
  });
});

describe('padWidth', () => {
  it('pads by display width, not length, and never cuts', async () => {
    // CJK and emoji are measured without string-width.
    expect(padWidth('漢字', 6)).toBe('漢字  ');
    expect(padWidth('🤗 x', 5)).toBe('🤗 x ');
    // A combining accent needs it: before it is loaded, each code point counts a column.
    expect(padWidth('cafe\u0301', 6)).toBe('cafe\u0301 ');
    await loadTextWidths(['cafe\u0301']);
    expect(padWidth('cafe\u0301', 6)).toBe('cafe\u0301  ');
    expect(padWidth('🤗 x', 5)).toBe('🤗 x ');
    expect(padWidth('abcdef', 4)).toBe('abcdef');
  });
});

describe('show', () => {
  it('wraps caveats at 80 columns under their first word, losing no word', async () => {
    const { main } = await import('../../src/cli.js');
    const { tempDir } = await import('../helpers/temp.js');
    const catalog = (await import('../../data/catalog.json', { with: { type: 'json' } })).default;
    const course = catalog.courses.find((c: { id: string }) => c.id === 'hf-course')!;
    let stdout = '';
    const code = await main({
      argv: ['show', 'hf-course'],
      env: { ROADMAP_CONFIG_DIR: tempDir(), ROADMAP_NOW: '2026-03-02T09:00:00Z', NO_COLOR: '1' },
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      isInteractive: false,
    });
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const first = lines.findIndex((l) => l.startsWith('! '));
    const block = lines.slice(first, lines.indexOf('', first));
    expect(course.caveats.some((c: string) => c.length > 80)).toBe(true);
    for (const line of block) {
      expect(line.length).toBeLessThanOrEqual(80);
      expect(line).toMatch(/^(! | {2})\S/);
    }
    const caveats = block
      .join('\n')
      .split(/\n(?=! )/)
      .map((c) => c.slice(2).replaceAll('\n  ', ' '));
    expect(caveats).toEqual(course.caveats);
  });
});

describe('catalog', () => {
  it('counts one module in the singular', () => {
    const row = {
      id: 'tiny',
      title: 'Tiny',
      provider: 'Me',
      url: 'https://example.com',
      minutes: 30,
      onRoadmap: false,
      track: null,
      source: 'bundled',
    };
    const text = renderCatalog([
      { ...row, moduleCount: 1 },
      { ...row, id: 'two', moduleCount: 2 },
    ]);
    expect(text).toContain('Me · 1 module · ');
    expect(text).toContain('Me · 2 modules · ');
  });

  it('keeps details within the line, a part never split', () => {
    const text = renderCatalog([
      {
        id: 'mlep-modeling',
        title: 'Machine Learning Modeling Pipelines in Production',
        provider: 'DeepLearning.AI',
        url: 'https://example.com',
        minutes: 1500,
        moduleCount: 5,
        onRoadmap: true,
        track: 'mlep',
        source: 'bundled',
      },
    ]);
    expect(text.split('\n')).toEqual([
      'mlep-modeling  Machine Learning Modeling Pipelines in Production',
      '               DeepLearning.AI · 5 modules · 25 h · track mlep',
      '               ✓ on your roadmap',
    ]);
  });
});

describe('wrapping', () => {
  it('keeps an option with its value, a number with its unit, and a command in backticks', () => {
    const text =
      'Pick the idea about ten words long (about 10 h, assumed; --idea label-consistency-audit) or `roadmap project mlep-intro "<title>"` now';
    const lines = wrapWidth(text, 40, '  ');
    expect(lines.every((l) => l.length <= 40 || !l.includes(' ', 3))).toBe(true);
    expect(lines.some((l) => l.includes('--idea label-consistency-audit)'))).toBe(true);
    expect(lines.some((l) => l.includes('10 h,'))).toBe(true);
    expect(lines.some((l) => l.includes('`roadmap project mlep-intro "<title>"`'))).toBe(true);
    // A dash after an option is no value of it.
    expect(wrapWidth('a --minutes --note b', 12, '')).toEqual(['a --minutes', '--note b']);
  });
});

describe('ago', () => {
  it('counts calendar days once a day has passed, as the idle nudge does and the dates read', () => {
    const now = new Date('2026-03-20T09:00:00Z');
    // The 6th to the 20th is 14 days, at whatever hour: 13 days and 13 hours of them passed.
    expect(ago('2026-03-06T20:00:00Z', now)).toBe('14 days ago');
    expect(ago('2026-03-18T23:00:00Z', now)).toBe('2 days ago');
    expect(ago('2026-03-19T08:00:00Z', now)).toBe('1 day ago');
    // Within a day, the hours passed: yesterday 23:00 is not a day ago at 09:00.
    expect(ago('2026-03-19T23:00:00Z', now)).toBe('10 hours ago');
    expect(ago('2026-01-10T09:00:00Z', now)).toBe('2 months ago');
    // The 30th calendar day is a month, at whatever hour: not "29 days ago" again.
    expect(ago('2026-02-19T20:00:00Z', now)).toBe('29 days ago');
    expect(ago('2026-02-18T20:00:00Z', now)).toBe('1 month ago');
    expect(ago('2025-03-20T20:00:00Z', now)).toBe('1 year ago');
    expect(ago('2024-03-01T09:00:00Z', now)).toBe('2 years ago');
    expect(ago('2026-03-20T08:59:30Z', now)).toBe('just now');
    expect(ago(null, now)).toBe('—');
  });
});

describe('line width', () => {
  it('follows a narrower terminal down to 40, never a wider one, and keeps a command whole', () => {
    try {
      setLineWidth(120);
      expect(lineWidth()).toBe(80);
      // Narrower than 40 keeps the narrowest layout, not the widest.
      setLineWidth(20);
      expect(lineWidth()).toBe(40);
      setLineWidth(120);
      setLineWidth(0);
      expect(lineWidth()).toBe(80);
      setLineWidth(60);
      expect(lineWidth()).toBe(60);
      expect(wrapWidth('word '.repeat(20).trim()).every((l) => l.length <= 60)).toBe(true);
      const hint =
        'Or pick one by id: roadmap project mlep-intro --idea scoped-project-with-baseline';
      expect(commandLines(hint)).toEqual([
        'Or pick one by id:',
        '  roadmap project mlep-intro --idea scoped-project-with-baseline',
      ]);
      // Under an indented lead-in, the command goes two columns further in.
      expect(commandLines(`  ${hint}`)).toEqual([
        '  Or pick one by id:',
        '    roadmap project mlep-intro --idea scoped-project-with-baseline',
      ]);
      expect(commandLines('Short: roadmap next')).toEqual(['Short: roadmap next']);
    } finally {
      setLineWidth(80);
    }
  });
});

describe('goalHours and towardGoal', () => {
  it('shows a goal as set, and time short of it never rounded up to it', () => {
    expect(goalHours(300)).toBe('5 h');
    expect(goalHours(150)).toBe('2.5 h');
    expect(goalHours(299)).toBe('4 h 59 min');
    expect(towardGoal(237, 240)).toBe('3 h 57 min');
    expect(towardGoal(234, 240)).toBe('3.9 h');
    expect(towardGoal(240, 240)).toBe('4 h');
    expect(towardGoal(242, 240)).toBe('4 h');
    expect(towardGoal(297, 299)).toBe('4 h 57 min');
    // A goal shown to the minute is met to the minute, not rounded below it.
    expect(towardGoal(302, 302)).toBe('5 h 2 min');
    expect(towardGoal(310, 302)).toBe('5 h 10 min');
    expect(towardGoal(0, 240)).toBe('0 h');
  });
});
