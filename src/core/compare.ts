/**
 * Orders strings by UTF-16 code unit. Stored times are ISO strings of one shape and ids are plain
 * ASCII, so this is their natural order; `localeCompare` would load ICU's collator, which costs
 * more than the rest of `status` on a small roadmap, and could order differently by locale.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
