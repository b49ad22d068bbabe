/**
 * Where a text stops being JSON, said the same way on every Node version. JSON.parse's messages
 * differ between versions, and Node 20's often give no position at all ("Unexpected token '}',
 * "…" is not valid JSON"), which leaves a person searching a 6 MB catalog for one comma. This
 * is called only after JSON.parse has failed, so it has to find the first error, not to parse.
 */

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]); // " \ / b f n r t

/**
 * The offset of the first character that makes `text` not JSON (RFC 8259): text.length when it
 * ends too early, -1 when it is JSON after all. Containers are kept on a stack rather than by
 * recursion, so a file of 100,000 `[` doesn't overflow the call stack.
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;

  const literal = (word: string): number => {
    for (let k = 0; k < word.length; k++, i++) {
      if (i >= n) return n;
      if (text.charCodeAt(i) !== word.charCodeAt(k)) return i;
    }
    return -1;
  };
  const string = (): number => {
    i++; // the opening quote
    for (;;) {
      if (i >= n) return n;
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return -1;
      }
      if (c < 0x20) return i;
      if (c !== 0x5c) {
        i++;
        continue;
      }
      i++;
      if (i >= n) return n;
      const escaped = text.charCodeAt(i);
      if (escaped === 0x75 /* u */) {
        for (let k = 0; k < 4; k++) {
          i++;
          if (i >= n) return n;
          if (!isHex(text.charCodeAt(i))) return i;
        }
        i++;
      } else if (ESCAPES.has(escaped)) i++;
      else return i;
    }
  };
  const digits = (): number => {
    if (i >= n) return n;
    if (!isDigit(text.charCodeAt(i))) return i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    return -1;
  };
  const number = (): number => {
    if (text.charCodeAt(i) === 0x2d /* - */) i++;
    if (i >= n) return n;
    if (text.charCodeAt(i) === 0x30 /* 0 */) i++;
    else {
      const bad = digits();
      if (bad >= 0) return bad;
    }
    if (text.charCodeAt(i) === 0x2e /* . */) {
      i++;
      const bad = digits();
      if (bad >= 0) return bad;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      return digits();
    }
    return -1;
  };
  const scalar = (): number => {
    const c = text.charCodeAt(i);
    if (c === 0x22) return string();
    if (c === 0x74) return literal('true');
    if (c === 0x66) return literal('false');
    if (c === 0x6e) return literal('null');
    if (c === 0x2d || isDigit(c)) return number();
    return i;
  };

  // What may come next: a value (or, right after `[`, the `]`), a key (or, right after `{`,
  // the `}`), the colon after a key, or a comma or the container's end after a value.
  type Expect = 'value' | 'value or ]' | 'key' | 'key or }' | 'colon' | 'after value';
  const open: number[] = [];
  let expect: Expect = 'value';
  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (expect === 'after value' && open.length === 0) return i < n ? i : -1;
    if (i >= n) return n;
    const c = text.charCodeAt(i);
    if (expect === 'value' || expect === 'value or ]') {
      if (expect === 'value or ]' && c === 0x5d) {
        i++;
        open.pop();
        expect = 'after value';
      } else if (c === 0x5b || c === 0x7b) {
        open.push(c);
        i++;
        expect = c === 0x5b ? 'value or ]' : 'key or }';
      } else {
        const bad = scalar();
        if (bad >= 0) return bad;
        expect = 'after value';
      }
    } else if (expect === 'key' || expect === 'key or }') {
      if (expect === 'key or }' && c === 0x7d) {
        i++;
        open.pop();
        expect = 'after value';
      } else {
        if (c !== 0x22) return i;
        const bad = string();
        if (bad >= 0) return bad;
        expect = 'colon';
      }
    } else if (expect === 'colon') {
      if (c !== 0x3a) return i;
      i++;
      expect = 'value';
    } else {
      const inArray = open[open.length - 1] === 0x5b;
      if (c === 0x2c) {
        i++;
        expect = inArray ? 'value' : 'key';
      } else if (c === (inArray ? 0x5d : 0x7d)) {
        i++;
        open.pop();
      } else return i;
    }
  }
}

/** Line and column (both from 1, the column in characters) of an offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: [...text.slice(lineStart, offset)].length + 1 };
}

function describeCharacter(text: string, offset: number): string {
  const c = text.charCodeAt(offset);
  if (c === 0x0a || c === 0x0d) return 'line break';
  if (c === 0x09) return 'tab';
  if (c < 0x20 || c === 0x7f)
    return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c === 0xfeff) return 'byte order mark';
  const character = String.fromCodePoint(text.codePointAt(offset)!);
  return character === '`' ? 'backquote (`)' : `\`${character}\``;
}

/**
 * Why `text` is not JSON and where, for an error message: "unexpected `}` at line 4, column 17".
 * `error` is what JSON.parse threw; its own message is used only if this finds no error.
 */
export function jsonSyntaxProblem(text: string, error: unknown): string {
  if (text.trim() === '') return 'it is empty';
  const offset = jsonErrorOffset(text);
  if (offset < 0) return error instanceof Error ? error.message : String(error);
  const { line, column } = lineAndColumn(text, offset);
  const where = `line ${line}, column ${column}`;
  if (offset >= text.length) return `unexpected end at ${where}`;
  return `unexpected ${describeCharacter(text, offset)} at ${where}${likelyCause(text, offset)}`;
}

/** What people usually mean by the character JSON stopped at, with what to do: '' if nothing. */
function likelyCause(text: string, offset: number): string {
  const c = text[offset];
  if (c === '}' || c === ']') {
    let before = offset - 1;
    while (before >= 0 && isSpace(text.charCodeAt(before))) before--;
    if (text[before] === ',') {
      const comma = lineAndColumn(text, before);
      return `: a comma after the last item (line ${comma.line}, column ${comma.column}), which JSON allows none of; remove it`;
    }
  }
  if (c === '/' && (text[offset + 1] === '/' || text[offset + 1] === '*'))
    return ': JSON has no comments; remove it';
  if (c === "'") return ': JSON strings and keys take double quotes (")';
  return '';
}
