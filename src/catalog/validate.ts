import { suggestIds } from '../core/suggest.js';
import {
  idRule,
  type LintProblem,
  lintCatalog,
  minutesRule,
  positiveIntegerRule,
  quote,
  type Rule,
  textRule,
  typeName,
  urlRule,
} from './lint.js';
import { CATALOG_FORMAT_VERSION, type Catalog, MINUTES_BASES } from './types.js';

export interface Validation {
  /** The catalog, once it has no problems at all; null otherwise. */
  catalog: Catalog | null;
  problems: LintProblem[];
}

/** The path reported for the catalog itself. */
const TOP = '(top level)';

/**
 * Where the walk is, as a stack of keys and indexes: a path string is built only for a problem, since
 * a large catalog has hundreds of thousands of values and, usually, no problems.
 */
class Walk {
  readonly at: (string | number)[] = [];
  readonly problems: LintProblem[] = [];
  /**
   * Whether `for...in` lists only own keys of a plain object, as it does unless something enumerable
   * was added to Object.prototype; checking each key with Object.hasOwn would double the walk's cost.
   */
  readonly plainObjectsOwnAll = !hasEnumerableKey(Object.prototype);

  report(message: string): void {
    let path = '';
    for (const step of this.at)
      path += typeof step === 'number' ? `[${step}]` : path === '' ? step : `.${step}`;
    this.problems.push({ path: path === '' ? TOP : path, message });
  }

  /** Reports at a key of the value the walk is on. */
  reportAt(key: string, message: string): void {
    this.at.push(key);
    this.report(message);
    this.at.pop();
  }
}

function hasEnumerableKey(value: object): boolean {
  for (const _ in value) return true;
  return false;
}

/** Checks a value where the walk is, and everything inside it. */
type Check = (value: unknown, walk: Walk) => void;
interface Field {
  check: Check;
  required: boolean;
}

// JSON.parse keeps these as own properties, and code that later copies or merges the catalog by
// assignment would reach an object's prototype through them; no catalog field has these names.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const rule =
  (r: Rule): Check =>
  (value, walk) => {
    const message = r(value);
    if (message !== undefined) walk.report(message);
  };

const boolean = rule((value) =>
  typeof value === 'boolean' ? undefined : `must be a boolean (found ${typeName(value)})`,
);

const minutesBasis = rule((value) =>
  typeof value === 'string' && (MINUTES_BASES as readonly string[]).includes(value)
    ? undefined
    : `must be one of ${MINUTES_BASES.map((b) => `"${b}"`).join(', ')} (found ${
        typeof value === 'string' ? quote(value) : typeName(value)
      })`,
);

const id = rule(idRule);
const text = rule(textRule);
const url = rule(urlRule);
const positiveInteger = rule(positiveIntegerRule);
const minutes = rule(minutesRule);

function arrayOf(item: Check, nonEmpty = false): Check {
  return (value, walk) => {
    if (!Array.isArray(value)) {
      walk.report(`must be an array (found ${typeName(value)})`);
      return;
    }
    if (nonEmpty && value.length === 0) walk.report('must not be empty');
    for (let i = 0; i < value.length; i++) {
      walk.at.push(i);
      item(value[i], walk);
      walk.at.pop();
    }
  };
}

const required = (check: Check): Field => ({ check, required: true });
const optional = (check: Check): Field => ({ check, required: false });

/**
 * An object with exactly these fields: missing ones are reported first, then the others in the order
 * the file has them. A Map, not an object literal, holds the fields, so that a key such as
 * `constructor` finds nothing on Object.prototype.
 */
function objectOf(
  fields: Record<string, Field>,
  whole?: (value: Record<string, unknown>, walk: Walk) => void,
): Check {
  const known = new Map(Object.entries(fields));
  const required = Object.keys(fields).filter((key) => fields[key]!.required);
  return (value, walk) => {
    if (!isObject(value)) {
      walk.report(`must be an object (found ${typeName(value)})`);
      return;
    }
    const start = walk.problems.length;
    const proto = Object.getPrototypeOf(value);
    const ownOnly = walk.plainObjectsOwnAll && (proto === Object.prototype || proto === null);
    let requiredSeen = 0;
    for (const key in value) {
      if (!ownOnly && !Object.hasOwn(value, key)) continue;
      const field = known.get(key);
      if (field === undefined) {
        if (FORBIDDEN_KEYS.has(key)) walk.report(`forbidden property ${quote(key)}`);
        else {
          const near = suggestIds(key, known.keys(), 1)[0];
          walk.report(`unknown property ${quote(key)}${near ? ` (did you mean "${near}"?)` : ''}`);
        }
        continue;
      }
      if (field.required) requiredSeen += 1;
      walk.at.push(key);
      field.check(value[key], walk);
      walk.at.pop();
    }
    // Counting spares a lookup per required field; a missing one goes first, before what is inside.
    if (requiredSeen < required.length) {
      const found = walk.problems.splice(start);
      for (const key of required) if (!Object.hasOwn(value, key)) walk.reportAt(key, 'is required');
      for (const problem of found) walk.problems.push(problem);
    }
    whole?.(value, walk);
  };
}

const moduleShape = objectOf({
  id: required(id),
  title: required(text),
  url: required(url),
  minutes: required(minutes),
  minutesBasis: required(minutesBasis),
  part: optional(text),
  optional: optional(boolean),
  replaces: optional(arrayOf(id)),
});

const projectIdeaShape = objectOf({
  id: required(id),
  title: required(text),
  deliverable: required(text),
  uses: required(arrayOf(text, true)),
  modules: required(arrayOf(id, true)),
  minutes: required(minutes),
  minutesBasis: required(minutesBasis),
});

const courseShape = objectOf({
  id: required(id),
  title: required(text),
  provider: required(text),
  url: required(url),
  track: optional(id),
  prerequisites: optional(arrayOf(id)),
  tags: optional(arrayOf(text)),
  caveats: optional(arrayOf(text)),
  projectIdeas: optional(arrayOf(projectIdeaShape)),
  modules: required(arrayOf(moduleShape)),
});

const OVERRIDDEN = ['url', 'title', 'minutes', 'hidden'];
const overrideShape = objectOf(
  {
    id: required(id),
    url: optional(url),
    title: optional(text),
    minutes: optional(minutes),
    hidden: optional(boolean),
  },
  (value, walk) => {
    if (!OVERRIDDEN.some((key) => Object.hasOwn(value, key)))
      walk.report(`must set at least one of ${OVERRIDDEN.join(', ')}`);
  },
);

const catalogShape = objectOf({
  // Where an editor finds the schema (data/catalog.schema.json): roadmap doesn't read it.
  $schema: optional(text),
  formatVersion: required(positiveInteger),
  id: required(id),
  courses: required(arrayOf(courseShape)),
  overrides: optional(arrayOf(overrideShape)),
});

/**
 * Checks a parsed catalog file completely: its structure by hand (the runtime bundle carries no
 * schema validator), then the rules of lintCatalog. Every problem is reported at once, each with its
 * path. Nothing in `data` is changed or copied.
 */
export function validateCatalog(data: unknown): Validation {
  const version = isObject(data) && Object.hasOwn(data, 'formatVersion') && data.formatVersion;
  if (
    typeof version === 'number' &&
    Number.isInteger(version) &&
    version > CATALOG_FORMAT_VERSION
  ) {
    // Fields of a newer format would all look unknown; one problem says what is really wrong.
    return {
      catalog: null,
      problems: [
        {
          path: 'formatVersion',
          message: `format version ${version} is newer than this roadmap understands (up to ${CATALOG_FORMAT_VERSION}); update roadmap to read it`,
        },
      ],
    };
  }

  const walk = new Walk();
  catalogShape(data, walk);
  const { problems } = walk;
  // lintCatalog looks at every value before using it, so a partly broken catalog is safe to lint.
  if (isObject(data)) {
    for (const problem of lintCatalog(data as unknown as Catalog, { shapeChecked: true }))
      problems.push(problem);
  }
  return { catalog: problems.length === 0 ? (data as unknown as Catalog) : null, problems };
}

/** The problems as `path: message` lines, in order. */
export function formatProblems(problems: readonly LintProblem[]): string[] {
  return problems.map((problem) => `${problem.path}: ${problem.message}`);
}
