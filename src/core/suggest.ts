import { distance } from 'fastest-levenshtein';
import { compareText } from './compare.js';

/**
 * "Did you mean" candidates: the closest ids by edit distance, within a budget that grows with the
 * input's length, so a typo in a long id still finds it and junk finds nothing. An input that is
 * the start of an id or of one of its path segments (`hf`, `chapter1`), or a suffix of one at a
 * `/` boundary, also counts as close.
 */
export function suggestIds(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.trim().toLowerCase();
  if (needle === '') return [];
  const budget = Math.max(2, Math.floor(needle.length / 3));
  const scored = new Map<string, number>();
  for (const id of new Set(candidates)) {
    const lower = id.toLowerCase();
    const partial =
      lower.startsWith(needle) ||
      lower.split('/').some((segment) => segment.startsWith(needle)) ||
      lower.endsWith(`/${needle}`) ||
      needle.endsWith(`/${lower}`);
    // Compare with the id and with its path after the course (`chapter3/2`), so a typo in a
    // suffix the person typed is measured against the same suffix.
    const tail = lower.slice(lower.indexOf('/') + 1);
    const score = partial
      ? 0.5
      : Math.min(within(needle, lower, budget), within(needle, tail, budget));
    if (score <= budget) scored.set(id, score);
  }
  return [...scored]
    .sort((a, b) => a[1] - b[1] || a[0].length - b[0].length || compareText(a[0], b[0]))
    .slice(0, limit)
    .map(([id]) => id);
}

/**
 * The edit distance, or Infinity when the lengths alone put it over `budget` (it is at least
 * their difference): a paste of thousands of characters is then no 50,000 full comparisons.
 */
function within(a: string, b: string, budget: number): number {
  return Math.abs(a.length - b.length) > budget ? Number.POSITIVE_INFINITY : distance(a, b);
}

export function didYouMean(suggestions: string[]): string | undefined {
  if (suggestions.length === 0) return undefined;
  return `Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?`;
}

/**
 * Like `suggestIds`, for command words. Commands are few and their names plain words, so a word
 * that shares a name's first five letters is taken as meant for it too: `complete` is three edits
 * from `completion`, over the budget for ids, but plainly that command.
 */
export function suggestCommands(input: string, names: string[]): string[] {
  const typed = input.trim().toLowerCase();
  const close = suggestIds(input, names);
  if (close.length === 0) {
    return names
      .filter((name) => name.length >= 5 && typed.startsWith(name.slice(0, 5)))
      .slice(0, 3);
  }
  // `lst` is one edit from `list` and two from `get` and `set`: only the closest are meant.
  const cost = (name: string) => (name.startsWith(typed) ? 0 : distance(typed, name));
  const best = Math.min(...close.map(cost));
  return close.filter((name) => cost(name) === best);
}
