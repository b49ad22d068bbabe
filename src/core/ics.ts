import { addDays } from 'date-fns/addDays';
import { isValid } from 'date-fns/isValid';
import { lightFormat } from 'date-fns/lightFormat';
import { parse } from 'date-fns/parse';

/** One all-day event in an iCalendar (RFC 5545) file. */
export interface IcsEvent {
  /** Stable across regenerations, e.g. `<module id>@roadmap`, so re-importing updates events instead of duplicating them. */
  uid: string;
  /** First day, local calendar date 'yyyy-MM-dd'. */
  start: string;
  /** Last day (inclusive), 'yyyy-MM-dd'; DTEND is written as the day after (RFC 5545 all-day events have an exclusive end). Defaults to start. */
  end?: string;
  summary: string;
  description?: string;
  /** Only http(s) URLs are written; anything else is left out. */
  url?: string;
}

/** Options for {@link buildIcs}. */
export interface IcsOptions {
  /** Written as every event's DTSTAMP; passed in so the output doesn't depend on the clock. */
  now: Date;
  /** Shown by calendar apps as the name of the imported calendar (X-WR-CALNAME). */
  calendarName?: string;
}

export const ICS_PRODID = '-//mlops-roadmap//roadmap//EN';
const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

/**
 * Serialises all-day events as an iCalendar file: CRLF line endings, lines folded at 75 UTF-8
 * octets, TEXT values escaped. The same input always gives the same bytes.
 *
 * Throws on programming errors: an invalid date, an end before the start, an empty or duplicate UID.
 */
export function buildIcs(events: readonly IcsEvent[], options: IcsOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  if (options.calendarName !== undefined) {
    lines.push(`X-WR-CALNAME:${escapeText(options.calendarName)}`);
  }

  const stamp = formatUtcStamp(options.now);
  const seen = new Set<string>();
  for (const event of events) {
    const uid = escapeText(cleanText(event.uid).replaceAll('\n', ''));
    if (uid === '') throw new Error(`ics: event UID is empty: ${JSON.stringify(event.uid)}`);
    // Calendar apps treat a repeated UID as the same event, so one would silently replace the other.
    if (seen.has(uid)) throw new Error(`ics: duplicate event UID: ${JSON.stringify(event.uid)}`);
    seen.add(uid);

    const start = parseDay(event.start);
    const last = event.end === undefined ? start : parseDay(event.end);
    if (last.getTime() < start.getTime()) {
      throw new Error(
        `ics: event ${event.uid} ends (${event.end}) before it starts (${event.start})`,
      );
    }

    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${formatDay(start)}`,
      `DTEND;VALUE=DATE:${formatDay(addDays(last, 1))}`,
      `SUMMARY:${escapeText(event.summary)}`,
    );
    if (event.description !== undefined) {
      lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    }
    const url = event.url === undefined ? null : safeUrl(event.url);
    if (url !== null) lines.push(`URL:${url}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');

  return lines.map((line) => foldLine(line) + CRLF).join('');
}

function parseDay(value: string): Date {
  // date-fns `parse` tolerates short or signed years, so the shape is checked first, and the
  // round trip rejects anything it normalised.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1))
    : new Date(Number.NaN);
  if (!isValid(date) || lightFormat(date, 'yyyy-MM-dd') !== value) {
    throw new Error(`ics: not a valid yyyy-MM-dd date: ${JSON.stringify(value)}`);
  }
  return date;
}

function formatDay(date: Date): string {
  const text = lightFormat(date, 'yyyyMMdd');
  // The day after 9999-12-31 has no four-digit year, and DATE values need one.
  if (!/^\d{8}$/.test(text)) throw new Error(`ics: date out of range: ${text}`);
  return text;
}

function formatUtcStamp(date: Date): string {
  if (!isValid(date)) throw new Error('ics: options.now is an invalid Date');
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new Error(`ics: options.now is out of range: ${year}`);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `${pad(year, 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  );
}

// C0 controls other than LF, DEL and C1 controls could end a content line early or confuse a
// parser; bidi overrides and isolates could make a title display as something it isn't.
const UNSAFE_CHARS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// An unpaired surrogate has no UTF-8 encoding; naming the replacement here keeps the byte
// counting in foldLine honest instead of leaving it to the encoder.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Normalises newlines to LF and removes characters that must never reach the file. */
function cleanText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '').replace(LONE_SURROGATE, '\ufffd');
}

/** RFC 5545 3.3.11 TEXT escaping, applied after cleaning. */
function escapeText(value: string): string {
  return cleanText(value).replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** The normalised URL when it is http(s), otherwise null. */
function safeUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // The WHATWG serialisation is ASCII with controls and spaces percent-encoded, so it can't break
  // the line or need folding-aware handling beyond plain octets.
  return url.href;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * RFC 5545 3.1 folding: no physical line longer than 75 octets, continuation lines starting with
 * one space (which counts toward the 75). Breaks fall between code points, never inside one.
 */
function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}
