import { distance } from 'fastest-levenshtein';

/**
 * "Did you mean" candidates: the closest ids by edit distance, within a budget that grows with the
 * input's length, so a typo in a long id still finds it and junk finds nothing.
 */
export function suggestIds(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.toLowerCase();
  const budget = Math.max(2, Math.floor(needle.length / 3));
  const scored: { id: string; score: number }[] = [];
  for (const id of candidates) {
    const score = distance(needle, id.toLowerCase());
    // A missing or extra path prefix ("chapter3/2" vs "hf-course/chapter3/2") is a suffix match.
    const suffixHit = id.endsWith(`/${needle}`) || needle.endsWith(`/${id}`);
    if (score <= budget || suffixHit) scored.push({ id, score: suffixHit ? 0 : score });
  }
  scored.sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
  return scored.slice(0, limit).map((s) => s.id);
}

export function didYouMean(suggestions: string[]): string | undefined {
  if (suggestions.length === 0) return undefined;
  return `Did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?`;
}
