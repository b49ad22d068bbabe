import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/catalog/load.js';
import { jsonErrorOffset, jsonSyntaxProblem, lineAndColumn } from '../../src/json-syntax.js';

/** Every text one edit away from `doc`: a character left out, put in, or replaced. */
function oneEditAway(doc: string): Set<string> {
  const inserts = ['{', '}', '[', ']', ',', ':', '"', '\\', 'a', '0', '1', '-', '.', 'e', 'E'];
  inserts.push('+', ' ', '\n', '\t', '\u0001', 't', 'u', 'f', 'n', '/');
  const texts = new Set([doc]);
  for (let i = 0; i <= doc.length; i++) {
    texts.add(doc.slice(0, i) + doc.slice(i + 1));
    texts.add(doc.slice(0, i));
    for (const c of inserts) {
      texts.add(doc.slice(0, i) + c + doc.slice(i));
      texts.add(doc.slice(0, i) + c + doc.slice(i + 1));
    }
  }
  return texts;
}

function parseError(text: string): Error | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return error as Error;
  }
}

const problem = (text: string) => jsonSyntaxProblem(text, parseError(text));

describe('finding where a text stops being JSON', () => {
  it.each([
    '{"a": [1, -2.5e+3, true, false, null, "x\\n\\u00e9\\/"], "b": {}, "c": []}',
    ' {"k" : {"n": [[], {}]}} ',
    '-0.1E-2',
    '"s"',
  ])('agrees with JSON.parse on every text one edit away from %s', (doc) => {
    let failures = 0;
    for (const text of oneEditAway(doc)) {
      const error = parseError(text);
      const offset = jsonErrorOffset(text);
      expect({ text, valid: offset < 0 }).toEqual({ text, valid: error === null });
      // Where JSON.parse names a position, it names the same one.
      const position = error && /at position (\d+)/.exec(error.message);
      if (position) expect({ text, offset }).toEqual({ text, offset: Number(position[1]) });
      if (error) failures++;
    }
    expect(failures).toBeGreaterThan(100);
  });

  it('says what it found and where, by line and column', () => {
    const catalog = '{\n  "id": "x",\n  "courses": [\n    {"id": "a",}\n  ]\n}\n';
    expect(problem(catalog)).toBe(
      'unexpected `}` at line 4, column 16: a comma after the last item (line 4, column 15), which JSON allows none of; remove it',
    );
    expect(problem('[1,\n 2,\n]')).toBe(
      'unexpected `]` at line 3, column 1: a comma after the last item (line 2, column 3), which JSON allows none of; remove it',
    );
    expect(problem('{\n  // mine\n  "a": 1}')).toBe(
      'unexpected `/` at line 2, column 3: JSON has no comments; remove it',
    );
    expect(problem("{'a': 1}")).toBe(
      'unexpected `\'` at line 1, column 2: JSON strings and keys take double quotes (")',
    );
    // Node 20 says only "Unexpected token '}', … is not valid JSON" for this one.
    expect(problem('{"done": tru}')).toBe('unexpected `}` at line 1, column 13');
    expect(problem('{"a": 1')).toBe('unexpected end at line 1, column 8');
    expect(problem('{"a": 1}\n{"b": 2}')).toBe('unexpected `{` at line 2, column 1');
    expect(problem('{"a": "one\ntwo"}')).toBe('unexpected line break at line 1, column 11');
    expect(problem('{"a":\t"\t"}')).toBe('unexpected tab at line 1, column 8');
    expect(problem('{"a": `x`}')).toBe('unexpected backquote (`) at line 1, column 7');
    expect(problem('\ufeff{}')).toBe('unexpected byte order mark at line 1, column 1');
    expect(problem('{"a": "\\x"}')).toBe('unexpected `x` at line 1, column 9');
    expect(problem(' \n ')).toBe('it is empty');
  });

  it('counts columns in characters, and lines across \\r\\n', () => {
    expect(problem('{"é😀": x}')).toBe('unexpected `x` at line 1, column 8');
    expect(lineAndColumn('{\r\n"a":}', 7)).toEqual({ line: 2, column: 5 });
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });

  it('survives nesting too deep for a recursive parser', () => {
    const deep = '['.repeat(200_000);
    expect(problem(deep)).toBe('unexpected end at line 1, column 200001');
    expect(jsonErrorOffset(`${deep}${']'.repeat(200_000)}`)).toBe(-1);
  });

  it('falls back to what JSON.parse said if it finds nothing wrong', () => {
    expect(jsonSyntaxProblem('{}', new SyntaxError('something else'))).toBe('something else');
  });

  it('is what a catalog that is not JSON is refused with', () => {
    expect(() => parseCatalog('{"courses": [,]}', 'x.json')).toThrow(
      'The catalog x.json is not valid JSON: unexpected `,` at line 1, column 14',
    );
  });
});
