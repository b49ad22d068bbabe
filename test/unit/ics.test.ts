import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, type IcsEvent } from '../../src/core/ics.js';

const now = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));
const utf8 = new TextDecoder('utf-8', { fatal: true });

function event(overrides: Partial<IcsEvent> = {}): IcsEvent {
  return { uid: 'course/m1@roadmap', start: '2025-03-10', summary: 'Study', ...overrides };
}

/**
 * Splits the encoded bytes on CRLF and decodes every physical line on its own, so a fold inside
 * a multi-byte character fails here rather than being hidden by decoding the whole file.
 */
function physicalLines(ics: string): { text: string; octets: number }[] {
  const bytes = Buffer.from(ics, 'utf8');
  expect(bytes.subarray(-2).toString('latin1')).toBe('\r\n');
  const lines: { text: string; octets: number }[] = [];
  let from = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0d) {
      expect(bytes[i + 1], `bare CR at byte ${i}`).toBe(0x0a);
      const line = bytes.subarray(from, i);
      lines.push({ text: utf8.decode(line), octets: line.length });
      from = i + 2;
      i++;
    } else if (bytes[i] === 0x0a) {
      throw new Error(`bare LF at byte ${i}`);
    }
  }
  expect(from).toBe(bytes.length);
  return lines;
}

/** Logical content lines: RFC 5545 unfolding of every CRLF followed by one space. */
function contentLines(ics: string): string[] {
  physicalLines(ics);
  return ics.replaceAll('\r\n ', '').split('\r\n').slice(0, -1);
}

function property(ics: string, name: string): string[] {
  return contentLines(ics)
    .filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`))
    .map((line) => line.slice(line.indexOf(':') + 1));
}

function parseEvents(ics: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

describe('buildIcs', () => {
  it('writes the exact bytes of a calendar', () => {
    const ics = buildIcs(
      [
        event({
          end: '2025-03-12',
          description: 'Week 1',
          url: 'https://example.com/course',
        }),
      ],
      { now, calendarName: 'Roadmap' },
    );
    expect(ics).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//mlops-roadmap//roadmap//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Roadmap',
        'BEGIN:VEVENT',
        'UID:course/m1@roadmap',
        'DTSTAMP:20250102T030405Z',
        'DTSTART;VALUE=DATE:20250310',
        'DTEND;VALUE=DATE:20250313',
        'SUMMARY:Study',
        'DESCRIPTION:Week 1',
        'URL:https://example.com/course',
        'TRANSP:TRANSPARENT',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('writes an empty calendar without a name when none is given', () => {
    expect(buildIcs([], { now })).toBe(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mlops-roadmap//roadmap//EN\r\n' +
        'CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n',
    );
  });

  it('leaves out optional properties that are not given', () => {
    const lines = contentLines(buildIcs([event()], { now }));
    for (const name of ['X-WR-CALNAME', 'DESCRIPTION', 'URL']) {
      expect(lines.some((line) => line.startsWith(`${name}:`))).toBe(false);
    }
  });

  it('is deterministic and keeps the input order', () => {
    const events = [event({ uid: 'b' }), event({ uid: 'a', summary: 'é, 😀; 漢字 '.repeat(20) })];
    const first = buildIcs(events, { now, calendarName: 'R' });
    expect(buildIcs(events, { now: new Date(now.getTime()), calendarName: 'R' })).toBe(first);
    expect(property(first, 'UID')).toEqual(['b', 'a']);
  });

  it.each([
    ['midnight UTC', Date.UTC(2024, 1, 29, 0, 0, 0), '20240229T000000Z'],
    ['end of a year', Date.UTC(2024, 11, 31, 23, 59, 59, 999), '20241231T235959Z'],
    ['an early year', Date.UTC(999, 0, 1, 1, 2, 3), '09990101T010203Z'],
  ])('writes DTSTAMP in UTC: %s', (_label, time, expected) => {
    expect(property(buildIcs([event()], { now: new Date(time) }), 'DTSTAMP')).toEqual([expected]);
  });

  it('rejects an invalid `now`', () => {
    expect(() => buildIcs([event()], { now: new Date(Number.NaN) })).toThrow(Error);
  });

  describe('dates', () => {
    it.each([
      ['a single day', '2025-03-10', undefined, '20250310', '20250311'],
      ['an explicit single day', '2025-03-10', '2025-03-10', '20250310', '20250311'],
      ['a range', '2025-03-10', '2025-03-16', '20250310', '20250317'],
      ['a month end', '2025-04-30', undefined, '20250430', '20250501'],
      ['a year end', '2024-12-31', undefined, '20241231', '20250101'],
      ['a range across a year end', '2024-12-30', '2025-01-02', '20241230', '20250103'],
      ['Feb 28 in a common year', '2023-02-28', undefined, '20230228', '20230301'],
      ['Feb 28 in a leap year', '2024-02-28', undefined, '20240228', '20240229'],
      ['Feb 29 in a leap year', '2024-02-29', undefined, '20240229', '20240301'],
      ['Feb 28 in 1900 (not leap)', '1900-02-28', undefined, '19000228', '19000301'],
      ['Feb 28 in 2000 (leap)', '2000-02-28', undefined, '20000228', '20000229'],
      ['a daylight-saving change (EU)', '2025-03-30', undefined, '20250330', '20250331'],
      ['a daylight-saving change (US)', '2025-11-02', undefined, '20251102', '20251103'],
    ])('%s', (_label, start, end, dtstart, dtend) => {
      const ics = buildIcs([event({ start, end })], { now });
      expect(property(ics, 'DTSTART')).toEqual([dtstart]);
      expect(property(ics, 'DTEND')).toEqual([dtend]);
      expect(contentLines(ics)).toContain(`DTSTART;VALUE=DATE:${dtstart}`);
      expect(contentLines(ics)).toContain(`DTEND;VALUE=DATE:${dtend}`);
    });

    it.each([
      ['Feb 29 in a common year', { start: '2023-02-29' }],
      ['Feb 30', { start: '2024-02-30' }],
      ['April 31', { start: '2025-04-31' }],
      ['month 13', { start: '2025-13-01' }],
      ['month 0', { start: '2025-00-10' }],
      ['day 0', { start: '2025-01-00' }],
      ['year 0', { start: '0000-01-01' }],
      ['an unpadded month', { start: '2025-1-01' }],
      ['a compact date', { start: '20250101' }],
      ['a date-time', { start: '2025-01-01T00:00' }],
      ['surrounding spaces', { start: ' 2025-01-01' }],
      ['a signed year', { start: '+2025-01-01' }],
      ['an empty string', { start: '' }],
      ['letters', { start: 'yyyy-MM-dd' }],
      ['an invalid end', { end: '2025-02-30' }],
      ['an end before the start', { start: '2025-03-10', end: '2025-03-09' }],
      ['an end with no next day in four digits', { start: '9999-12-31' }],
    ])('throws on %s', (_label, overrides) => {
      expect(() => buildIcs([event(overrides)], { now })).toThrow(Error);
    });
  });

  describe('TEXT escaping and sanitising', () => {
    it.each([
      ['plain text', 'Linear algebra', 'Linear algebra'],
      ['a comma', 'Tea, coffee', 'Tea\\, coffee'],
      ['a semicolon', 'a;b', 'a\\;b'],
      ['a backslash', 'C:\\path\\n', 'C:\\\\path\\\\n'],
      ['a colon (not escaped)', 'Part 1: intro', 'Part 1: intro'],
      ['a double quote (not escaped)', 'the "best" part', 'the "best" part'],
      ['LF', 'one\ntwo', 'one\\ntwo'],
      ['CRLF', 'one\r\ntwo', 'one\\ntwo'],
      ['CR', 'one\rtwo', 'one\\ntwo'],
      ['blank lines', 'a\r\n\r\nb\n\nc', 'a\\n\\nb\\n\\nc'],
      ['C0 controls', 'a\u0000b\u0007c\u001b[31md\te\u000bf\u000cg', 'abc[31mdefg'],
      ['DEL and C1 controls', 'a\u007fb\u0080c\u0085d\u009fe', 'abcde'],
      ['bidi overrides', 'a\u202ab\u202bc\u202cd\u202de\u202ef', 'abcdef'],
      ['bidi isolates', 'a\u2066b\u2067c\u2068d\u2069e', 'abcde'],
      ['a lone surrogate', 'a\ud800b\udc00c', 'a\ufffdb\ufffdc'],
      [
        'an attempt to inject a property',
        'x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil',
        'x\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:evil',
      ],
      ['everything at once', '\u202eA\\B;C,D\r\nE\u0000', 'A\\\\B\\;C\\,D\\nE'],
      ['non-ASCII kept', 'Café — 機械学習 😀', 'Café — 機械学習 😀'],
    ])('%s', (_label, input, expected) => {
      const ics = buildIcs([event({ summary: input, description: input })], {
        now,
        calendarName: input,
      });
      expect(property(ics, 'SUMMARY')).toEqual([expected]);
      expect(property(ics, 'DESCRIPTION')).toEqual([expected]);
      expect(property(ics, 'X-WR-CALNAME')).toEqual([expected]);
      expect(contentLines(ics).filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    });

    it.each([
      ['a plain id', 'ml/intro@roadmap', 'ml/intro@roadmap'],
      ['newlines removed', 'a\r\nb\nc\rd', 'abcd'],
      ['controls and bidi removed', 'a\u0000\u202eb\u2066c\u0085', 'abc'],
      ['TEXT specials escaped', 'a,b;c\\d', 'a\\,b\\;c\\\\d'],
    ])('sanitises the UID: %s', (_label, uid, expected) => {
      expect(property(buildIcs([event({ uid })], { now }), 'UID')).toEqual([expected]);
    });

    it.each([
      ['empty', ''],
      ['only unsafe characters', '\r\n\u0000\u202e'],
    ])('throws on a UID that is %s', (_label, uid) => {
      expect(() => buildIcs([event({ uid })], { now })).toThrow(Error);
    });

    it('throws on duplicate UIDs, including ones that only differ in stripped characters', () => {
      expect(() => buildIcs([event({ uid: 'a' }), event({ uid: 'a' })], { now })).toThrow(Error);
      expect(() => buildIcs([event({ uid: 'a' }), event({ uid: 'a\u202e' })], { now })).toThrow(
        Error,
      );
    });
  });

  describe('URL', () => {
    it.each([
      ['https', 'https://example.com/a?b=1,2;c', 'https://example.com/a?b=1,2;c'],
      ['http', 'http://example.com/', 'http://example.com/'],
      ['upper-case scheme', 'HTTPS://Example.com/x', 'https://example.com/x'],
      ['spaces encoded', 'https://example.com/a b', 'https://example.com/a%20b'],
      [
        'non-ASCII host and path',
        'https://bücher.example/ü',
        'https://xn--bcher-kva.example/%C3%BC',
      ],
      [
        'line breaks dropped by the URL parser',
        'https://example.com/\r\nSUMMARY:evil',
        'https://example.com/SUMMARY:evil',
      ],
      ['javascript', 'javascript:alert(1)', null],
      ['data', 'data:text/html,<b>x</b>', null],
      ['mailto', 'mailto:me@example.com', null],
      ['ftp', 'ftp://example.com/file', null],
      ['file', 'file:///etc/passwd', null],
      ['relative', '/course/m1', null],
      ['not a URL', 'not a url', null],
      ['empty', '', null],
    ])('%s', (_label, url, expected) => {
      const ics = buildIcs([event({ url })], { now });
      expect(property(ics, 'URL')).toEqual(expected === null ? [] : [expected]);
      expect(property(ics, 'SUMMARY')).toEqual(['Study']);
    });
  });

  describe('line folding', () => {
    const ascii75 = `SUMMARY:${'x'.repeat(75 - 'SUMMARY:'.length)}`;

    it.each([
      ['a line of exactly 75 octets (not folded)', ascii75.slice('SUMMARY:'.length), 1],
      ['a line of 76 octets', `${ascii75.slice('SUMMARY:'.length)}y`, 2],
      ['long ASCII', 'abcdefghij'.repeat(30), 5],
      ['emoji', '😀'.repeat(60), 4],
      ['ZWJ emoji sequences', '👩‍👩‍👧‍👦'.repeat(12), 5],
      ['flags', '🇯🇵🇫🇷'.repeat(20), 5],
      ['CJK', '機械学習の基礎'.repeat(12), 4],
      ['combining sequences', 'e\u0301a\u0308o\u0302'.repeat(30), 4],
      ['Hangul jamo', '\u1100\u1161\u11a8'.repeat(30), 4],
      ['two-octet characters', 'é'.repeat(80), 3],
      ['escapes and mixed widths', 'a,b;c\\d\n😀é漢'.repeat(10), 3],
    ])('%s', (_label, summary, expectedPhysical) => {
      const ics = buildIcs([event({ summary })], { now });
      const lines = physicalLines(ics);
      for (const [i, line] of lines.entries()) {
        expect(line.octets, `line ${i}: ${line.text}`).toBeLessThanOrEqual(75);
        // Continuation lines start with exactly one space; the unfolded content never does.
        if (line.text.startsWith(' ')) expect(line.text[1]).not.toBe(' ');
      }
      const start = lines.findIndex((line) => line.text.startsWith('SUMMARY:'));
      const end = lines.findIndex((line, i) => i > start && !line.text.startsWith(' '));
      const folded = lines.slice(start, end);
      expect(folded).toHaveLength(expectedPhysical);
      // Greedy: every line but the last is full, or the next character would not have fitted.
      for (let i = 0; i < folded.length - 1; i++) {
        const next = [...folded[i + 1]!.text.slice(1)][0]!;
        expect(folded[i]!.octets + Buffer.byteLength(next)).toBeGreaterThan(75);
      }
      const escaped = summary.replace(/[\\;,]/g, '\\$&').replaceAll('\n', '\\n');
      expect(property(ics, 'SUMMARY')).toEqual([escaped]);
      expect(ics).not.toContain('\ufffd');
      expect(parseEvents(ics)[0]!.summary).toBe(summary);
    });

    it('folds DESCRIPTION, UID, X-WR-CALNAME and URL too', () => {
      const long = 'Ω'.repeat(100);
      const url = `https://example.com/${'p'.repeat(150)}`;
      const ics = buildIcs([event({ uid: long, description: long, url })], {
        now,
        calendarName: long,
      });
      for (const line of physicalLines(ics)) expect(line.octets).toBeLessThanOrEqual(75);
      for (const name of ['UID', 'DESCRIPTION', 'X-WR-CALNAME']) {
        expect(property(ics, name)).toEqual([long]);
      }
      expect(property(ics, 'URL')).toEqual([url]);
    });
  });

  describe('parsed by ical.js', () => {
    const events: IcsEvent[] = [
      {
        uid: 'ml-basics/m1@roadmap',
        start: '2024-12-31',
        summary: 'Linear algebra, part 1; vectors\nand matrices',
        description: 'Line one\r\nLine two, with a comma; and a semicolon\\ and a backslash',
        url: 'https://example.com/la?x=1,2',
      },
      {
        uid: 'ml-basics/m2@roadmap',
        start: '2024-02-28',
        end: '2024-02-29',
        summary: '機械学習 😀 e\u0301 '.repeat(8),
      },
      {
        uid: 'ml-basics/m3@roadmap',
        start: '2023-02-27',
        end: '2023-02-28',
        summary: '\u202eHostile\u0000 title\r\nEND:VCALENDAR',
        url: 'javascript:alert(1)',
      },
    ];
    const ics = buildIcs(events, { now, calendarName: 'My roadmap, 2025' });
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const parsed = parseEvents(ics);

    it('reads the calendar properties', () => {
      expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
      expect(calendar.getFirstPropertyValue('prodid')).toBe('-//mlops-roadmap//roadmap//EN');
      expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
      expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
      // ical.js doesn't know this extension's value type, so it hands back the escaped TEXT as is.
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('My roadmap\\, 2025');
    });

    it('reads every event with its UID and text round-tripped', () => {
      expect(parsed).toHaveLength(3);
      expect(parsed.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
      expect(parsed[0]!.summary).toBe('Linear algebra, part 1; vectors\nand matrices');
      expect(parsed[0]!.description).toBe(
        'Line one\nLine two, with a comma; and a semicolon\\ and a backslash',
      );
      expect(parsed[1]!.summary).toBe(events[1]!.summary);
      expect(parsed[2]!.summary).toBe('Hostile title\nEND:VCALENDAR');
    });

    it.each([
      [0, '2024-12-31', '2025-01-01'],
      [1, '2024-02-28', '2024-03-01'],
      [2, '2023-02-27', '2023-03-01'],
    ])('reads event %i as all-day from %s to %s (exclusive)', (index, start, end) => {
      const e = parsed[index]!;
      expect(e.startDate.isDate).toBe(true);
      expect(e.endDate.isDate).toBe(true);
      expect(e.startDate.toString()).toBe(start);
      expect(e.endDate.toString()).toBe(end);
    });

    it('reads DTSTAMP, TRANSP and URL', () => {
      const vevents = calendar.getAllSubcomponents('vevent');
      for (const vevent of vevents) {
        const stamp = vevent.getFirstPropertyValue('dtstamp') as ICAL.Time;
        expect(stamp.toString()).toBe('2025-01-02T03:04:05Z');
        expect(vevent.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
      }
      expect(vevents.map((v) => v.getFirstPropertyValue('url'))).toEqual([
        'https://example.com/la?x=1,2',
        null,
        null,
      ]);
    });
  });
});
