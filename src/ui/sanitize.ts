/**
 * The one sanitiser at the render boundary. Text from files and argv may hold terminal escape
 * sequences, C1 controls or bidi overrides that would rewrite the screen or reorder what the user
 * reads; they are shown escaped instead.
 */
// C0 controls, DEL, C1 controls, the line and paragraph separators (which some terminals and
// shells' prompts take for a line break), and the bidi marks, embeddings, overrides and isolates.
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(char: string): string {
  const code = char.codePointAt(0)!;
  if (char === '\n') return '\\n';
  if (char === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

export function clean(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** Multi-line text (notes): keeps line breaks, escapes everything else. */
export function cleanLines(text: string): string {
  return text.split('\n').map(clean).join('\n');
}

// JSON.stringify escapes C0 already; DEL, C1 and bidi characters pass through raw, so escape them
// as \uXXXX. The JSON still decodes to the same strings.
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function toSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    UNSAFE_IN_JSON,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A value as one shell word, for a command a message suggests: bare when it is plain, else in
 * single quotes, so a suggested command can be pasted as it is.
 */
export function shellWord(value: string): string {
  if (/^[\w./:@%+=,-]+$/.test(value)) return clean(value);
  return clean(`'${value.replaceAll("'", "'\\''")}'`);
}

/**
 * Options as a suggested command repeats them (` --key value`, a flag bare), in the order of
 * `keys`: a value that starts with a dash goes after `=`, where it can't read as an option. Null
 * when a value holds what a pasted command can't carry as it is (a newline, a control character).
 */
export function optionWords<K extends string>(
  options: Partial<Record<K, string | boolean>>,
  keys: readonly K[],
): string | null {
  let words = '';
  for (const key of keys) {
    const value = options[key];
    if (value === undefined || value === false) continue;
    if (value === true) words += ` --${key}`;
    else if (clean(value) !== value) return null;
    else
      words += value.startsWith('-')
        ? ` --${key}=${shellWord(value)}`
        : ` --${key} ${shellWord(value)}`;
  }
  return words;
}
