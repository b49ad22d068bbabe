import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// The named export: ajv's default export is CommonJS and not constructable under `module: NodeNext`.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { HTTPS_URL, ID_PATTERN, lintCatalog, urlRule } from '../../src/catalog/lint.js';
import { type Catalog, type CatalogCourse, MINUTES_BASES } from '../../src/catalog/types.js';
import { formatProblems, validateCatalog } from '../../src/catalog/validate.js';

const repoFile = (rel: string) => fileURLToPath(new URL(`../../${rel}`, import.meta.url));
const readText = (rel: string) => readFileSync(repoFile(rel), 'utf8');
const FIXTURES = 'test/fixtures/catalogs';
const fixture = (file: string): unknown => JSON.parse(readText(`${FIXTURES}/${file}`));

interface Schema {
  $defs: Record<string, { pattern?: string; enum?: string[] }>;
}
const schema = JSON.parse(readText('data/catalog.schema.json')) as Schema;
const matchesSchema = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

const lines = (data: unknown) => formatProblems(validateCatalog(data).problems);

interface Case {
  file: string;
  /**
   * What ajv with data/catalog.schema.json says. The schema sees shape only: duplicates, references,
   * cycles and replaced ids are lint rules, so those fixtures are valid to it.
   */
  schema: 'valid' | 'invalid';
  lines: string[];
}

const cases: Case[] = [
  { file: 'valid/minimal.json', schema: 'valid', lines: [] },
  { file: 'valid/overrides-only.json', schema: 'valid', lines: [] },
  { file: 'valid/project-ideas.json', schema: 'valid', lines: [] },
  // tooling/environment was tooling/install, then tooling/setup: the chain is listed whole.
  { file: 'valid/replaces-chain.json', schema: 'valid', lines: [] },
  {
    file: 'invalid/url-schemes.json',
    schema: 'invalid',
    lines: [
      'courses[0].url: must be an https URL (not a valid URL)',
      'courses[0].modules[0].url: must use https (found javascript:)',
      'courses[0].modules[1].url: must use https (found file:)',
      'courses[0].modules[2].url: must use https (found data:)',
      'courses[0].modules[3].url: must use https (found http:)',
      'courses[0].modules[4].url: must be an https URL (not a valid URL)',
      'courses[0].modules[5].url: must be an https URL with a plain host name and no spaces or control characters',
      'overrides[0].url: must use https (found http:)',
    ],
  },
  {
    file: 'invalid/missing-fields.json',
    schema: 'invalid',
    lines: [
      'id: is required',
      'courses[0].provider: is required',
      'courses[0].projectIdeas[0].deliverable: is required',
      'courses[0].projectIdeas[0].minutesBasis: is required',
      'courses[0].modules[0].url: is required',
      'courses[0].modules[0].minutesBasis: is required',
      'courses[1].modules: is required',
      'overrides[0]: must set at least one of url, title, minutes, hidden',
      'overrides[1].id: is required',
    ],
  },
  {
    file: 'invalid/unknown-properties.json',
    schema: 'invalid',
    lines: [
      '(top level): unknown property "name"',
      'courses[0]: unknown property "hours"',
      'courses[0].projectIdeas[0]: unknown property "difficulty"',
      'courses[0].modules[0]: unknown property "duration"',
      'courses[0].modules[0]: unknown property "Minutes" (did you mean "minutes"?)',
      'overrides[0]: unknown property "reason"',
    ],
  },
  {
    // Its new fields would each be unknown to version 1; one problem says what is really wrong.
    file: 'invalid/newer-version.json',
    schema: 'invalid',
    lines: [
      'formatVersion: format version 2 is newer than this roadmap understands (up to 1); update roadmap to read it',
    ],
  },
  {
    file: 'invalid/proto-keys.json',
    schema: 'invalid',
    lines: [
      '(top level): forbidden property "__proto__"',
      'courses[0]: forbidden property "constructor"',
      'courses[0].modules[0]: forbidden property "prototype"',
      'courses[0].modules[0]: forbidden property "__proto__"',
    ],
  },
  {
    file: 'invalid/wrong-types.json',
    schema: 'invalid',
    lines: [
      'formatVersion: must be a positive integer (found string)',
      'id: must be a string (found number)',
      'courses[0].title: must be a string (found number)',
      'courses[0].provider: must be a string (found array)',
      'courses[0].url: must be a string (found null)',
      'courses[0].track: does not match ^[a-z0-9][a-z0-9._/-]*$ (lower-case letters, digits, ".", "_", "/" and "-", starting with a letter or digit)',
      'courses[0].prerequisites: must be an array (found string)',
      'courses[0].tags[1]: must be a string (found number)',
      'courses[0].tags[2]: must not be empty',
      'courses[0].projectIdeas: must be an array (found object)',
      'courses[0].modules[0].minutes: must be a positive integer (found string)',
      'courses[0].modules[0].minutesBasis: must be one of "stated", "derived", "assumed" (found "guessed")',
      'courses[0].modules[0].optional: must be a boolean (found string)',
      'courses[0].modules[0].part: must not be empty',
      'courses[0].modules[0].replaces: must be an array (found string)',
      'courses[0].modules[1]: must be an object (found string)',
      'courses[0].modules[2]: must be an object (found null)',
      'courses[1]: must be an object (found array)',
      'courses[2].modules: must be an array (found object)',
      'overrides: must be an array (found object)',
    ],
  },
  {
    file: 'invalid/zero-minutes.json',
    schema: 'invalid',
    lines: [
      'formatVersion: must be a positive integer (found 0)',
      'courses[0].projectIdeas[0].minutes: must be a positive integer (found 0)',
      'courses[0].modules[0].minutes: must be a positive integer (found 0)',
      'courses[0].modules[1].minutes: must be a positive integer (found -5)',
      'courses[0].modules[2].minutes: must be a positive integer (found 1.5)',
      'courses[0].modules[3].minutes: must be at most 60000 minutes, 1,000 hours (found 1000000000)',
      'overrides[0].minutes: must be a positive integer (found 0)',
    ],
  },
  {
    file: 'invalid/empty-values.json',
    schema: 'invalid',
    lines: [
      'id: does not match ^[a-z0-9][a-z0-9._/-]*$ (lower-case letters, digits, ".", "_", "/" and "-", starting with a letter or digit)',
      'courses[0].id: does not match ^[a-z0-9][a-z0-9._/-]*$ (lower-case letters, digits, ".", "_", "/" and "-", starting with a letter or digit)',
      'courses[0].title: must not be empty',
      'courses[0].provider: must not be empty',
      'courses[0].projectIdeas[0].deliverable: must not be empty',
      'courses[0].projectIdeas[0].uses: must not be empty',
      'courses[0].projectIdeas[0].modules: must not be empty',
      'overrides[0].title: must not be empty',
    ],
  },
  {
    file: 'invalid/not-an-object.json',
    schema: 'invalid',
    lines: ['(top level): must be an object (found array)'],
  },
  {
    // Shape and lint problems together: a broken shape does not hide the rest.
    file: 'invalid/mixed.json',
    schema: 'invalid',
    lines: [
      'courses[0].url: must use https (found http:)',
      'courses[0].modules[0]: unknown property "level"',
      'courses[0].modules[1].id: duplicate module id "mixed/one" (first at courses[0].modules[0])',
      'courses[0].prerequisites[0]: prerequisite "elsewhere" is not a course in this catalog',
    ],
  },
  {
    file: 'invalid/duplicate-ids.json',
    schema: 'valid', // lint only
    lines: [
      'courses[1].modules[1].id: duplicate module id "first/two" (first at courses[0].modules[1])',
      'courses[2].id: duplicate course id "first" (first at courses[0])',
      'courses[0].projectIdeas[1].id: duplicate project idea id "build-it" (first at courses[0].projectIdeas[0])',
      'overrides[1].id: duplicate override id "hf-course" (first at overrides[0])',
    ],
  },
  {
    file: 'invalid/replaces-cycle.json',
    schema: 'valid', // lint only
    lines: [
      'courses[0].modules[0].replaces: replaces cycle: loops/a -> loops/b -> loops/c -> loops/a',
      'courses[0].modules[3].replaces: replaces cycle: loops/self -> loops/self',
    ],
  },
  {
    file: 'invalid/replaces-conflicts.json',
    schema: 'valid', // lint only
    lines: [
      'courses[0].modules[2].replaces[0]: "conflicts/old" is already replaced by "conflicts/new" (courses[0].modules[0].replaces[0])',
      'courses[0].modules[3].replaces[1]: "conflicts/gone" is already replaced by "conflicts/again" (courses[0].modules[3].replaces[0])',
      'courses[0].modules[0].replaces[1]: "conflicts/current" is still a module (courses[0].modules[1]), so it cannot be replaced',
    ],
  },
  {
    file: 'invalid/references.json',
    schema: 'valid', // lint only
    lines: [
      'courses[0].prerequisites[1]: prerequisite "missing" is not a course in this catalog',
      'courses[0].projectIdeas[0].modules[1]: "beta/one" is a module of another course (courses[1].modules[0])',
      'courses[0].projectIdeas[0].modules[2]: "alpha/old" was replaced by "alpha/one"; name that module instead',
      'courses[0].projectIdeas[0].modules[3]: "nowhere/one" is not a module of this course',
      'overrides[0].id: "alpha" is a course in this catalog; overrides are for other catalogs\' courses and modules',
      'overrides[1].id: "beta/one" is a module in this catalog; overrides are for other catalogs\' courses and modules',
      'courses[0].prerequisites: prerequisite cycle: alpha -> beta -> alpha',
      'courses[2].prerequisites: prerequisite cycle: gamma -> gamma',
    ],
  },
];

describe('validateCatalog: fixtures', () => {
  it('has an expectation for every fixture file', () => {
    const files = ['valid', 'invalid'].flatMap((dir) =>
      readdirSync(repoFile(`${FIXTURES}/${dir}`)).map((name) => `${dir}/${name}`),
    );
    expect(cases.map((c) => c.file).sort()).toEqual(files.sort());
  });

  it.each(cases)('$file', ({ file, lines: expected }) => {
    const data = fixture(file);
    const { catalog, problems } = validateCatalog(data);
    expect(formatProblems(problems)).toEqual(expected);
    expect(catalog).toBe(expected.length === 0 ? data : null);
  });

  it.each(cases)('the schema calls $file $schema', ({ file, schema: verdict }) => {
    const data = fixture(file);
    expect(matchesSchema(data), JSON.stringify(matchesSchema.errors, null, 2)).toBe(
      verdict === 'valid',
    );
  });

  it.each(cases.filter((c) => c.schema === 'valid'))(
    'lintCatalog alone finds the same in $file',
    ({ file, lines: expected }) => {
      expect(formatProblems(lintCatalog(fixture(file) as Catalog))).toEqual(expected);
    },
  );
});

describe('validateCatalog: the bundled catalog', () => {
  it('has no problems', () => {
    const data = JSON.parse(readText('data/catalog.json')) as unknown;
    const { catalog, problems } = validateCatalog(data);
    expect(formatProblems(problems)).toEqual([]);
    expect(catalog).toBe(data);
  });
});

describe('validateCatalog: hostile input', () => {
  it('reports __proto__, constructor and prototype keys and changes no prototype', () => {
    const data = fixture('invalid/proto-keys.json') as Record<string, unknown>;
    // JSON.parse makes `__proto__` an own property; the catalog's prototype is still Object's.
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    const before = JSON.stringify(data);

    expect(lines(data)).toContain('(top level): forbidden property "__proto__"');

    const course = (data.courses as Record<string, unknown>[])[0]!;
    const module = (course.modules as Record<string, unknown>[])[0]!;
    for (const value of [data, course, module])
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(JSON.stringify(data)).toBe(before);
  });

  it('escapes control and bidi characters in property names, and cuts long ones', () => {
    const data = {
      formatVersion: 1,
      id: 'x',
      courses: [],
      '\u001b[2J\u202ehidden': 1,
      ['k'.repeat(100)]: 2,
    };
    expect(lines(data)).toEqual([
      '(top level): unknown property "\\u001b[2J\\u202ehidden"',
      `(top level): unknown property "${'k'.repeat(60)}…"`,
    ]);
  });

  it('counts only own properties, not inherited ones', () => {
    const inherited = Object.create({ id: 'inherited', extra: true }) as Record<string, unknown>;
    Object.assign(inherited, { formatVersion: 1, courses: [] });
    expect(lines(inherited)).toEqual(['id: is required']);
  });

  it.each([
    [null, 'null'],
    ['catalog', 'string'],
    [42, 'number'],
    [undefined, 'undefined'],
  ])('refuses %j as a catalog', (data, type) => {
    expect(lines(data)).toEqual([`(top level): must be an object (found ${type})`]);
  });
});

describe('validateCatalog: urls', () => {
  const withUrl = (url: string) => ({
    formatVersion: 1,
    id: 'x',
    courses: [{ id: 'c', title: 'C', provider: 'P', url, modules: [] }],
  });
  it.each([
    ['https://example.com', true],
    ['https://example.com/a/b?c=d#e', true],
    ['https://sub.example.co.uk:8443/path', true],
    ['https://madewithml.com/courses/mlops/testing/#data', true],
    ['http://example.com', false],
    ['HTTPS://example.com', false],
    ['https://', false],
    ['https://-example.com', false],
    ['https://example.com/a b', false],
    ['https://example.com/\u0085', false],
    ['https://user@example.com', false],
    ['ftp://example.com', false],
    ['//example.com', false],
    ['', false],
  ])('%j is accepted: %s, by the validator and the schema alike', (url, ok) => {
    expect(urlRule(url) === undefined).toBe(ok);
    expect(matchesSchema(withUrl(url))).toBe(ok);
  });
});

describe('validateCatalog: text', () => {
  const withTitle = (title: string) => ({
    formatVersion: 1,
    id: 'x',
    courses: [{ id: 'c', title, provider: 'P', url: 'https://example.com', modules: [] }],
  });
  it.each([
    ['Intro', true],
    [' leading space', true],
    ['\u00e9t\u00e9', true],
    ['', false],
    ['   ', false],
    ['\t\n', false],
    ['\u00a0', false],
    ['\u3000\ufeff', false],
  ])('%j is accepted: %s, by the validator and the schema alike', (title, ok) => {
    expect(lines(withTitle(title))).toEqual(ok ? [] : ['courses[0].title: must not be empty']);
    expect(matchesSchema(withTitle(title))).toBe(ok);
  });
});

describe('validateCatalog: the schema and the code agree', () => {
  it('on the id and url patterns, text and the minutes bases', () => {
    expect(new RegExp(schema.$defs.id!.pattern!, 'u').source).toBe(ID_PATTERN.source);
    expect(new RegExp(schema.$defs.url!.pattern!, 'u').source).toBe(HTTPS_URL.source);
    expect(schema.$defs.text!.pattern).toBe('\\S');
    expect(schema.$defs.minutesBasis!.enum).toEqual([...MINUTES_BASES]);
  });
});

describe('formatProblems', () => {
  it('gives one `path: message` line per problem, in order', () => {
    expect(
      formatProblems([
        { path: 'courses[3].modules[0].url', message: 'must use https (found http:)' },
        { path: 'id', message: 'is required' },
      ]),
    ).toEqual(['courses[3].modules[0].url: must use https (found http:)', 'id: is required']);
  });
});

/** A valid catalog of `modules` modules, `perCourse` to a course, using every optional field somewhere. */
function bigCatalog(modules: number, perCourse = 100): Catalog {
  const courses: CatalogCourse[] = [];
  for (let c = 0; c * perCourse < modules; c++) {
    const id = `course-${c}`;
    courses.push({
      id,
      title: `Course ${c}`,
      provider: 'Example School',
      url: `https://example.com/${id}`,
      track: 'big',
      prerequisites: c > 0 ? [`course-${c - 1}`] : [],
      tags: ['generated'],
      projectIdeas: [
        {
          id: 'project',
          title: 'Project',
          deliverable: 'A thing that works',
          uses: ['pandas'],
          modules: [`${id}/m0`],
          minutes: 600,
          minutesBasis: 'assumed',
        },
      ],
      modules: Array.from({ length: Math.min(perCourse, modules - c * perCourse) }, (_, m) => ({
        id: `${id}/m${m}`,
        title: `Module ${m}`,
        url: `https://example.com/${id}/${m}`,
        minutes: 30,
        minutesBasis: 'stated' as const,
        part: `Part ${m % 5}`,
        ...(m % 10 === 0 ? { replaces: [`${id}/old-${m}`] } : {}),
      })),
    });
  }
  return { formatVersion: 1, id: 'big', courses, overrides: [{ id: 'hf-course', hidden: true }] };
}

describe('validateCatalog: size', () => {
  it('validates a 50,000-module catalog and finds nothing wrong', () => {
    const data = JSON.parse(JSON.stringify(bigCatalog(50_000))) as unknown;
    const { catalog, problems } = validateCatalog(data);
    expect(problems).toEqual([]);
    expect(catalog?.courses.flatMap((c) => c.modules)).toHaveLength(50_000);
  });

  it('reports a problem in every one of 50,000 modules, a missing top-level field first', () => {
    const catalog = bigCatalog(50_000) as Partial<Catalog>;
    delete catalog.id;
    for (const course of catalog.courses!) for (const m of course.modules) m.minutes = 0;
    const { problems } = validateCatalog(catalog);
    expect(problems).toHaveLength(50_001);
    expect(formatProblems(problems.slice(0, 2))).toEqual([
      'id: is required',
      'courses[0].modules[0].minutes: must be a positive integer (found 0)',
    ]);
  });

  it('follows a prerequisite chain longer than the call stack could', () => {
    const catalog = bigCatalog(30_000, 1);
    catalog.courses[0]!.prerequisites = [`course-${catalog.courses.length - 1}`];
    const { problems } = validateCatalog(catalog);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('courses[0].prerequisites');
    expect(problems[0]!.message).toMatch(/^prerequisite cycle: course-0 -> course-29999 -> /);
  });

  it('finds a prerequisite cycle through a course whose id is given twice', () => {
    const course = (id: string, module: string, prerequisites: string[] = []) => ({
      id,
      title: id,
      provider: 'p',
      url: 'https://example.com',
      prerequisites,
      modules: [
        {
          id: module,
          title: 't',
          url: 'https://example.com/m',
          minutes: 5,
          minutesBasis: 'assumed',
        },
      ],
    });
    const catalog = {
      formatVersion: 1,
      id: 'x',
      courses: [course('a', 'a/m', ['b']), course('b', 'b/m', ['a']), course('a', 'a/other')],
    };
    // Both at once: fixing the duplicate would otherwise only then reveal the cycle.
    expect(lines(catalog)).toEqual([
      'courses[2].id: duplicate course id "a" (first at courses[0])',
      'courses[0].prerequisites: prerequisite cycle: a -> b -> a',
    ]);
  });

  it('follows a long chain of renames round to a cycle', () => {
    const catalog = bigCatalog(20_000);
    const all = catalog.courses.flatMap((c) => c.modules);
    all.forEach((m, i) => {
      m.replaces = [all[(i + 1) % all.length]!.id];
    });
    const { problems } = validateCatalog(catalog);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('courses[0].modules[0].replaces');
    expect(problems[0]!.message).toMatch(/^replaces cycle: course-0\/m0 -> course-0\/m1 -> /);
  });
});

describe('validateCatalog: help with the usual slips', () => {
  const base = () => ({
    formatVersion: 1,
    id: 'mine',
    courses: [
      {
        id: 'first',
        title: 'First',
        provider: 'Me',
        url: 'https://example.org',
        modules: [
          {
            id: 'first/1',
            title: 'One',
            url: 'https://example.org/1',
            minutes: 30,
            minutesBasis: 'assumed',
          },
        ],
      },
    ] as Array<Record<string, unknown>>,
  });

  it("takes an editor's $schema key, as the schema does", () => {
    const data = { $schema: '../data/catalog.schema.json', ...base() };
    expect(lines(data)).toEqual([]);
    expect(matchesSchema(data)).toBe(true);
    expect(lines({ ...data, $schema: 3 })).toEqual(['$schema: must be a string (found number)']);
  });

  it('suggests a known field, a lower-case id and a course for a mistyped prerequisite', () => {
    const data = base();
    const module = (data.courses[0]!.modules as Array<Record<string, unknown>>)[0]!;
    module.minutesbasis = module.minutesBasis;
    delete module.minutesBasis;
    data.courses.push({ ...data.courses[0]!, id: 'Second', modules: [] });
    data.courses.push({ ...data.courses[0]!, id: 'third', prerequisites: ['frist'], modules: [] });
    // Never the course itself, which would be a cycle.
    data.courses.push({
      ...data.courses[0]!,
      id: 'fourth',
      prerequisites: ['fourths'],
      modules: [],
    });
    expect(lines(data)).toEqual([
      'courses[0].modules[0].minutesBasis: is required',
      'courses[0].modules[0]: unknown property "minutesbasis" (did you mean "minutesBasis"?)',
      'courses[1].id: does not match ^[a-z0-9][a-z0-9._/-]*$; use lower case: "second"',
      'courses[2].prerequisites[0]: prerequisite "frist" is not a course in this catalog (did you mean "first"?)',
      'courses[3].prerequisites[0]: prerequisite "fourths" is not a course in this catalog',
    ]);
  });
});
