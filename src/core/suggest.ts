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
    const score = partial ? 0.5 : Math.min(distance(needle, lower), distance(needle, tail));
    if (score <= budget) scored.set(id, score);
  }
  return [...scored]
    .sort((a, b) => a[1] - b[1] || a[0].length - b[0].length || compareText(a[0], b[0]))
    .slice(0, limit)
    .map(([id]) => id);
}

export function didYouMean(suggestions: string[]): string | undefined {
  if (suggestions.length === 0) return undefined;
  return `Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?`;
}
