import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { eastAsianWidth } from 'get-east-asian-width';
import { daysSince, localDate } from '../core/calendar.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Characters that can be part of a grapheme cluster with their neighbours (marks, joiners,
 * variation selectors, skin tones, flags' letters, Hangul jamo, and the few letters that attach
 * like marks), or that take no column. Text without any of them is one cluster per code point,
 * and each takes the columns its East Asian Width gives, or two for an emoji shown as one: the
 * widths string-width gives too (test/unit/text-width.test.ts checks every code point).
 */
const CLUSTERING =
  /[\p{M}\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Regional_Indicator}\p{Emoji_Modifier}\p{Grapheme_Extend}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u0d4e\u0e33\u0eb3\u{111c2}\u{111c3}\u{113d1}\u{1193f}\u{11941}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}\u{16d63}\u{16d67}-\u{16d6a}]/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;

/**
 * Text of characters none of which form clusters, in the blocks titles mostly use (Latin,
 * Greek, Cyrillic, punctuation, arrows, box drawing, CJK, kana, Hangul syllables, fullwidth forms,
 * emoji), checked first: CLUSTERING, built from Unicode properties, takes about half a
 * millisecond to compile, and most pages need only this. A test holds it to CLUSTERING.
 */
const COMMON =
  /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u2070-\u20cf\u2100-\u23ff\u2460-\u27bf\u2900-\u2bff\u3000-\u3029\u3030-\u3096\u309b-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60\u{1f300}-\u{1f3fa}\u{1f400}-\u{1f64f}\u{1f680}-\u{1f6ff}\u{1f900}-\u{1f9ff}]*$/u;

/** Whether measuring the text takes string-width (see CLUSTERING). */
export const needsStringWidth = (text: string): boolean =>
  !PRINTABLE_ASCII.test(text) && !COMMON.test(text) && CLUSTERING.test(text);

let stringWidth: ((text: string) => number) | undefined;

/**
 * string-width builds large Unicode tables when it loads (about 20 ms), so it is loaded only
 * when text that is about to be aligned holds characters that form clusters (see CLUSTERING):
 * emoji, CJK and accented letters are measured without it.
 */
export async function loadTextWidths(texts: Iterable<string>): Promise<void> {
  if (stringWidth) return;
  for (const text of texts) {
    if (needsStringWidth(text)) {
      stringWidth = (await import('string-width')).default;
      return;
    }
  }
}

/**
 * loadTextWidths for every text in `data` (titles, notes, reasons, ids): what a page shows comes
 * from the data it renders, so none of it is left out by listing fields one by one.
 */
export function loadTextWidthsFor(data: unknown): Promise<void> {
  return loadTextWidths([JSON.stringify(data) ?? '']);
}

/**
 * Columns the text takes on a terminal: emoji and CJK take two. Text with characters that form
 * clusters needs string-width loaded (see loadTextWidths); without it, such text counts one
 * column per code point, which only misaligns.
 */
export function displayWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (COMMON.test(text) || !CLUSTERING.test(text)) return codePointWidths(text);
  return stringWidth ? stringWidth(text) : [...text].length;
}

function codePointWidths(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x7f) width += 1;
    else width += EMOJI_PRESENTATION.test(char) ? 2 : eastAsianWidth(code);
  }
  return width;
}

/** Pads to a display width. Never cuts: ids have to stay whole to be typed back. */
export function padWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function hours(minutes: number): string {
  if (minutes > 0 && minutes < 3) return '<0.1 h';
  const h = Math.round(minutes / 6) / 10;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
}

export function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/**
 * A weekly goal as it was set: in tenths of an hour when that is exact (5 h, 2.5 h), otherwise to
 * the minute (4 h 59 min), so that a goal is never shown as one it isn't.
 */
export function goalHours(minutes: number): string {
  return minutes % 6 === 0 ? hours(minutes) : duration(minutes);
}

/**
 * Time toward a goal, in the goal's own units (see goalHours), and never rounded across it: short
 * of the goal, it is not rounded up to it ("4 h of 4 h" with 3 minutes to go); then it is given
 * to the minute.
 */
export function towardGoal(minutes: number, goal: number): string {
  if (goal % 6 !== 0) return duration(minutes);
  return minutes < goal && Math.round(minutes / 6) * 6 >= goal ? duration(minutes) : hours(minutes);
}

/** Cuts text to a display width, ending with … when cut. For titles, never for ids. */
export function fitWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const piece of characters(text)) {
    if (displayWidth(`${out}${piece}`) > width - 1) break;
    out += piece;
  }
  return `${out}…`;
}

let segmenter: Intl.Segmenter | undefined;

/**
 * The text's characters as a reader sees them: code points, or, where some join into one
 * (a flag, an emoji with its skin tone or selector, a letter and its accent), grapheme clusters,
 * so that a cut never splits one (🇯🇵 into 🇯, ☺️ into ☺).
 */
function characters(text: string): Iterable<string> {
  if (!needsStringWidth(text)) return text;
  segmenter ??= new Intl.Segmenter();
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** A unit after a number ("5 h", "39 min)"): the two are kept on one line. */
const UNIT = /^(h|min|days?|weeks?)\b/;

/** A date ("started 2026-03-02"): kept on one line with the word before it. */
const DATE = /^\d{4}-\d{2}-\d{2}\b/;

const ticks = (word: string) => word.split('`').length - 1;

/** An option that takes a value ("--idea", "(--idea"): kept on one line with it. */
const OPTION = /^[(`]?--[a-z][a-z-]*$/;

/**
 * The text's words, with each number joined to the unit after it ("2 of 99" too), each date to
 * the word before it, each option to its value (`--idea label-audit`), and a command in backticks
 * (`roadmap goal --deadline`) kept as one word, so that no line ends inside it.
 */
function wrapWords(text: string): string[] {
  const words: string[] = [];
  let inCommand = false;
  for (const word of text.split(' ')) {
    const last = words.at(-1);
    const joined =
      inCommand ||
      (/\d$/.test(last ?? '') && UNIT.test(word)) ||
      (OPTION.test(last ?? '') && word !== '' && !word.startsWith('-')) ||
      // "module 2 of 99" never ends a line at "2 of"; a "·" or "→" starts the part it introduces.
      (/\d$/.test(last ?? '') && word === 'of') ||
      (/(^| )\d+ of$/.test(last ?? '') && /^\d/.test(word)) ||
      (last !== undefined && last !== '' && DATE.test(word)) ||
      last === '·' ||
      last === '→';
    if (last !== undefined && joined) words[words.length - 1] += ` ${word}`;
    else words.push(word);
    if (ticks(word) % 2 === 1) inCommand = !inCommand;
  }
  return words;
}

/**
 * Breaks plain (uncoloured) text into lines of at most `width` columns at spaces, never between
 * a number and its unit; lines after the first start with `indent`. A single word longer than a
 * line stays whole.
 */
let columns = 80;

/**
 * How wide output lines may be: 80 columns, or a narrower terminal's width (wider ones keep 80,
 * for lines that read well). Set once at start-up, from the terminal that shows the output.
 */
export const lineWidth = (): number => columns;

export function setLineWidth(terminalColumns: number | undefined): void {
  // A terminal that reports 0 reports nothing. Narrower than 40, lines are kept at 40: the
  // narrowest layout, not the widest, is the nearest fit.
  if (terminalColumns !== undefined && terminalColumns > 0)
    columns = Math.min(80, Math.max(40, terminalColumns));
}

/**
 * "Pick one: roadmap project x --idea y" on one line when it fits, or with the command on a line
 * of its own: a command is never broken, so that it can be copied whole.
 */
export function commandLines(text: string, width = lineWidth()): string[] {
  const at = text.indexOf(': roadmap ');
  if (displayWidth(text) <= width || at < 0) return [text];
  const indent = /^ */.exec(text)![0];
  return [text.slice(0, at + 1), `${indent}  ${text.slice(at + 2)}`];
}

/** The width on screen of text that may hold colour codes (chalk's), which take none. */
const visibleWidth = (text: string): number =>
  displayWidth(text.includes('\u001b') ? text.replace(/\u001b\[[\d;]*m/g, '') : text);

export function wrapWidth(text: string, width = lineWidth(), indent = '    '): string[] {
  const lead = /^ */.exec(text)![0];
  const lines: string[] = [];
  let line = lead;
  for (const word of wrapWords(text.slice(lead.length))) {
    const candidate = line.trim() === '' ? `${line}${word}` : `${line} ${word}`;
    if (line.trim() !== '' && visibleWidth(candidate) > width) {
      // Columns apart by two spaces leave one at the end of the line they break.
      lines.push(line.trimEnd());
      line = `${indent}${word}`;
    } else line = candidate;
  }
  lines.push(line);
  return lines;
}

/**
 * "3 days ago"; null stays "—". Days as the calendar counts them once a whole day has passed, as
 * the idle nudge counts them (daysSince): last worked on the 17th, the 22nd is "5 days ago" at
 * any hour. Within a day, and from 30 days on, the whole units that have passed.
 */
export function ago(iso: string | null, now: Date): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  if (Math.abs(now.getTime() - date.getTime()) < 60_000) return 'just now';
  const days = daysSince(date, now);
  if (days > 0 && days < 30) return days === 1 ? '1 day ago' : `${days} days ago`;
  const elapsed = now.getTime() - date.getTime();
  // Not yet a day by the clock, though 24 hours or more may have passed (the night the clocks go
  // back): hours, as the idle nudge counts no day either.
  if (days === 0 && elapsed > 0) {
    const unit = elapsed >= 3_600_000 ? 'hour' : 'minute';
    return formatDistanceStrict(date, now, { addSuffix: true, roundingMethod: 'floor', unit });
  }
  // From 30 calendar days on, months and years of them: by elapsed time, the 30th day would
  // still read "29 days ago" until the hour came round.
  if (days >= 365) return `${plural(Math.floor(days / 365), 'year')} ago`;
  if (days >= 30) return `${plural(Math.floor(days / 30), 'month')} ago`;
  return formatDistanceStrict(date, now, { addSuffix: true, roundingMethod: 'floor' });
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The local calendar day of a stored time ('yyyy-mm-dd'), as the log shows it: a note written at
 * 05:00 in Tokyo is dated that day, not the day before as its UTC text reads. Text that isn't a
 * date is shown as it is.
 */
export function localDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(0, 10) : localDate(date);
}
