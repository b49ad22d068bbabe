import { lightFormat } from 'date-fns/lightFormat';
import { parseISO } from 'date-fns/parseISO';
import { UsageError } from '../errors.js';

export const MAX_MINUTES = 1440;
export const MAX_NOTE_LENGTH = 2000;

/** `--minutes`: a whole number of minutes from 1 to 1440 (one day). */
export function parseMinutes(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > MAX_MINUTES) {
    throw new UsageError(
      `--minutes takes a whole number from 1 to ${MAX_MINUTES}, not \`${raw}\`.`,
      'For example: --minutes 90',
    );
  }
  return value;
}

/**
 * Blank to a reader: spaces of any kind, and invisible format characters such as a zero-width
 * space, which `trim` leaves (a no-break space it takes).
 */
const isBlank = (text: string): boolean => text.replace(/\p{Cf}/gu, '').trim() === '';

/** 2000 as "2,000", as help and the README write it, without loading ICU for toLocaleString. */
export const withCommas = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `--note` (or another note argument, named by `what`): not blank, at most 2,000 characters. */
export function parseNote(raw: string, what = '--note'): string {
  const text = raw.trim();
  const example =
    what === '--note' ? '--note "redo the lab"' : 'roadmap note chapter3/2 "redo the lab"';
  if (isBlank(text))
    throw new UsageError(`${capitalize(what)} is blank.`, `For example: ${example}`);
  if ([...text].length > MAX_NOTE_LENGTH) {
    throw new UsageError(
      `${capitalize(what)} is longer than ${withCommas(MAX_NOTE_LENGTH)} characters.`,
    );
  }
  return text;
}

const capitalize = (text: string) =>
  text.startsWith('-') ? text : text[0]!.toUpperCase() + text.slice(1);

const EARLIEST = new Date(2000, 0, 1);
/**
 * A date, or a date and time of day: hours, minutes and seconds, the later ones optional, with or
 * without colons, and a fraction of a second (any number of digits, after . or ,), as
 * `date -Ins` and Python's isoformat() write them; then Z or an offset, or nothing (local).
 */
const AT_FORMAT =
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}(:?\d{2}(:?\d{2}([.,]\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** A local date or date-time's fields: one with no zone or offset. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?)?$/;

/**
 * Whether the clocks skipped a local date-time that parsed to `date`: a time (02:30 on a
 * spring-forward night), a whole day (Samoa's 30 December 2011), or neither (null). Such a time
 * parses to a later one, which nobody typed.
 */
function skippedLocal(text: string, date: Date): 'time' | 'day' | null {
  const local = LOCAL.exec(text);
  if (!local) return null;
  const [year, month, day, hours, minutes] = local.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  // 24:00 is the next midnight, as ISO 8601 has it (parseISO agrees).
  const next = hours === 24 ? localMidnight(year, month - 1, day + 1) : null;
  const [y, m, d, h, i] = next
    ? [next.getFullYear(), next.getMonth(), next.getDate(), 0, 0]
    : [year, month - 1, day, hours, minutes];
  const sameDay = date.getFullYear() === y && date.getMonth() === m && date.getDate() === d;
  if (sameDay && date.getHours() === h && date.getMinutes() === i) return null;
  return sameDay ? 'time' : 'day';
}

/** Local midnight of a day; years 0 to 99 too, which new Date(y, m, d) reads as 19xx. */
function localMidnight(year: number, month: number, day: number): Date {
  const date = new Date(2000, 0, 1);
  date.setFullYear(year, month, day);
  return date;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Why a date (or date-time) of the right shape names no day ("February 2026 has 28 days") or no
 * time of day, or null. Input in the right format that still doesn't parse deserves better than
 * "takes an ISO date".
 */
export function noSuchDay(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12) return `${match[0]} is not a date: there is no month ${month}`;
  if (day < 1) return `${match[0]} is not a date: days start at 1`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return `${match[0]} is not a date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  // The date is real: the time of day may not be.
  const time = /^[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text.trim().slice(10));
  if (!time) return null;
  const [hours, minutes, seconds] = time.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
  ];
  const midnight = hours === 24 && minutes === 0 && seconds === 0;
  if ((hours > 23 && !midnight) || minutes > 59 || seconds > 59)
    return `${text.trim()} has no such time of day: hours run 00–23 (or 24:00), minutes and seconds 00–59`;
  return null;
}

/**
 * `--at`: an ISO 8601 date or date-time. A bare date means the start of that local day: midnight,
 * or the first time after it where the clocks skipped midnight (date-fns parseISO).
 * It may not be in the future (unless `future`) or before 2000 (unless `before2000`), nor a local
 * time the clocks skipped. `option` names the option in messages (`--since` reads dates so too).
 */
export function parseAt(
  raw: string,
  now: Date,
  option = '--at',
  { before2000 = false, future = false }: { before2000?: boolean; future?: boolean } = {},
): Date {
  const text = raw.trim();
  // parseISO also takes `2026`, `2026-03` and week dates; a study date needs a day.
  const date = AT_FORMAT.test(text) ? parseISO(text) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    const why = noSuchDay(text);
    if (why !== null) throw new UsageError(`${option} ${why}.`);
    throw new UsageError(
      `${option} takes an ISO date such as 2026-03-01 or 2026-03-01T18:30, not \`${raw}\`.`,
    );
  }
  // Like GNU date, refuse a local time the clocks skipped rather than record a later one. A bare
  // date names a day, not a time: where its midnight was skipped, it starts at the first time
  // that exists (01:00), which is what parseISO gives.
  // parseISO takes any two-digit hour in an offset: `+25:00` or `-99:00` would file the entry
  // days away. Real offsets run from -12:00 to +14:00.
  const offset = /([+-])(\d{2}):?(\d{2})?$/.exec(text.slice(10));
  const offsetMinutes = offset ? Number(offset[2]) * 60 + Number(offset[3] ?? 0) : 0;
  if (offset && offsetMinutes > (offset[1] === '+' ? 14 : 12) * 60) {
    throw new UsageError(
      `${option} ${raw} has the offset ${offset[0]}, which no time zone uses: offsets run from -12:00 to +14:00.`,
    );
  }
  const skipped = skippedLocal(text, date);
  // T24:00 names the next day's start, as a bare date of that day does.
  const bare = !/[T ]/.test(text) || /[T ]24(:?00(:?00([.,]0+)?)?)?$/.test(text);
  if (skipped === 'day' || (skipped === 'time' && !bare)) {
    throw new UsageError(
      `${option} ${raw} doesn't exist in your time zone: the clocks skipped that ${skipped}.`,
      `Did you mean ${option} ${lightFormat(date, bare ? 'yyyy-MM-dd' : "yyyy-MM-dd'T'HH:mm")}?`,
    );
  }
  const today = `For example, today: ${option} ${lightFormat(now, 'yyyy-MM-dd')}`;
  if (date < EARLIEST && !before2000)
    throw new UsageError(`${option} ${raw} is before 2000.`, today);
  if (date > now && !future) throw new UsageError(`${option} ${raw} is in the future.`, today);
  return date;
}

/** Free text given to an option (`--reason`, `--goal`, a title): not blank, and not too long. */
export function parseText(raw: string, what: string, max = MAX_NOTE_LENGTH): string {
  const text = raw.trim();
  if (isBlank(text)) throw new UsageError(`${what} is blank.`);
  if ([...text].length > max)
    throw new UsageError(`${what} is longer than ${withCommas(max)} characters.`);
  return text;
}

export const MAX_ESTIMATE_HOURS = 1000;

/** `--estimate`: hours, whole or decimal (1.5), more than 0 and at most 1,000; kept in minutes. */
export function parseEstimateHours(raw: string): number {
  const text = raw.trim();
  const hours = Number(text);
  const minutes = Math.round(hours * 60);
  if (!/^\d+(\.\d+)?$/.test(text) || minutes < 1 || hours > MAX_ESTIMATE_HOURS) {
    throw new UsageError(
      `--estimate takes hours, more than 0 and at most ${MAX_ESTIMATE_HOURS}, not \`${raw}\`.`,
      'For example: --estimate 12 or --estimate 1.5',
    );
  }
  return minutes;
}
