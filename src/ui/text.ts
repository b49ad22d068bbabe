import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import stringWidth from 'string-width';

/** Pads to a display width (emoji and CJK take two columns), truncating with an ellipsis. */
export function fitWidth(text: string, width: number): string {
  let out = text;
  if (stringWidth(out) > width) {
    while (out.length > 0 && stringWidth(`${out}…`) > width) out = [...out].slice(0, -1).join('');
    out = `${out}…`;
  }
  return out + ' '.repeat(Math.max(0, width - stringWidth(out)));
}

export function padStartWidth(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

export function displayWidth(text: string): number {
  return stringWidth(text);
}

export function hours(minutes: number): string {
  const h = minutes / 60;
  return `${Number.isInteger(h) ? h : h.toFixed(1)} h`;
}

export function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "3 days ago"; null stays "—". */
export function ago(iso: string | null, now: Date): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  if (Math.abs(now.getTime() - date.getTime()) < 60_000) return 'just now';
  return formatDistanceStrict(date, now, { addSuffix: true });
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
