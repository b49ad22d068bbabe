import { suggestIds } from '../core/suggest.js';
import type { Catalog } from './types.js';

/** One problem in a catalog; `path` points at the offending value, e.g. `courses[3].modules[0].url`. */
export interface LintProblem {
  path: string;
  message: string;
}

export interface LintOptions {
  /**
   * The value rules (ids, texts, URLs, minutes) already ran, as validateCatalog runs them, so only
   * the rules relating one part of the catalog to another are left.
   */
  shapeChecked?: boolean;
}

/** A rule for one value: the message if the value breaks it. validate.ts applies the same rules. */
export type Rule = (value: unknown) => string | undefined;

// data/catalog.schema.json repeats both patterns ($defs.id, $defs.url); a test keeps them equal.
export const ID_PATTERN = /^[a-z0-9][a-z0-9._/-]*$/u;
// https, a host, and no whitespace or control characters anywhere.
export const HTTPS_URL =
  /^https:\/\/[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d{1,5})?([/?#][^\s\u0000-\u001f\u007f-\u009f]*)?$/u;

/** JSON's name for the type of a value. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const escapeUnits = (c: string) =>
  Array.from(
    { length: c.length },
    (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`,
  ).join('');

/**
 * Quotes a catalog value for a message. Catalogs come from users and messages go to a terminal, so
 * control and format characters (escape sequences, bidi overrides) are escaped and long values cut.
 */
export function quote(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(short).replace(UNPRINTABLE, escapeUnits);
}

/** An id as it appears in a chain (`a -> b`): bare when it is a well-formed id. */
const name = (id: string) => (ID_PATTERN.test(id) ? id : quote(id));

const mustBe = (what: string, value: unknown) => `must be ${what} (found ${typeName(value)})`;

export const idRule: Rule = (value) => {
  if (typeof value !== 'string') return mustBe('a string', value);
  if (ID_PATTERN.test(value)) return undefined;
  const lower = value.toLowerCase();
  const hint = ID_PATTERN.test(lower)
    ? `; use lower case: ${quote(lower)}`
    : ' (lower-case letters, digits, ".", "_", "/" and "-", starting with a letter or digit)';
  return `does not match ${ID_PATTERN.source}${hint}`;
};

const NOT_SPACE = /\S/u;

/** Non-empty text; whitespace alone counts as empty (the schema's `\S` pattern). */
export const textRule: Rule = (value) => {
  if (typeof value !== 'string') return mustBe('a string', value);
  // Most text starts with a printable ASCII character, which settles it without the pattern.
  const first = value.charCodeAt(0);
  if ((first > 0x20 && first < 0x7f) || NOT_SPACE.test(value)) return undefined;
  return 'must not be empty';
};

export const positiveIntegerRule: Rule = (value) => {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return undefined;
  return `must be a positive integer (found ${typeof value === 'number' ? value : typeName(value)})`;
};

/**
 * A module's, project idea's or override's minutes: 1,000 hours at most, as `project --estimate`
 * takes (MAX_ESTIMATE_HOURS); data/catalog.schema.json says the same.
 */
const MAX_CATALOG_MINUTES = 60_000;

export const minutesRule: Rule = (value) => {
  const problem = positiveIntegerRule(value);
  if (problem !== undefined) return problem;
  return (value as number) > MAX_CATALOG_MINUTES
    ? `must be at most ${MAX_CATALOG_MINUTES} minutes, 1,000 hours (found ${value})`
    : undefined;
};

export const urlRule: Rule = (url) => {
  if (typeof url !== 'string') return mustBe('a string', url);
  // A pattern, not `new URL`, on the common path: a 50,000-module catalog is checked on every
  // run that loads it, and parsing each URL would cost a tenth of a second.
  if (HTTPS_URL.test(url)) return undefined;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return 'must be an https URL (not a valid URL)';
  }
  // Links are opened in a browser: plain http can be tampered with, and javascript:/data: could run code.
  if (protocol !== 'https:') {
    return `must use https (found ${protocol.length > 24 ? 'another scheme' : protocol})`;
  }
  return 'must be an https URL with a plain host name and no spaces or control characters';
};

type Fields = Record<string, unknown>;
// The catalog may not have been validated, so every value is looked at before it is used.
const record = (value: unknown): Fields | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : undefined;
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * Where the modules are: a `ModuleOrder` is a module's position among all modules, and the lists give
 * its course and its index in that course. Numbers rather than an object per module, as a large
 * catalog has tens of thousands.
 */
type ModuleOrder = number;
interface ModulePlaces {
  course: number[];
  index: number[];
}
const modulePath = (places: ModulePlaces, at: ModuleOrder) =>
  `courses[${places.course[at]}].modules[${places.index[at]}]`;

/** The module that replaces an id, and the path of the `replaces` entry that says so. */
interface Replacer {
  id: string;
  path: string;
}

/**
 * Checks the rules data/catalog.schema.json cannot express (uniqueness, references, cycles) and,
 * unless told the shape was checked, repeats the cheap value rules, because a catalog may reach us
 * without having been validated. Reports every problem, so a catalog author can fix them all in one pass.
 */
export function lintCatalog(catalog: Catalog, options: LintOptions = {}): LintProblem[] {
  const problems: LintProblem[] = [];
  const report = (path: string, message: string) => {
    problems.push({ path, message });
  };
  const shape = !options.shapeChecked;
  const check = (path: string, rule: Rule, value: unknown) => {
    const message = rule(value);
    if (message !== undefined) report(path, message);
  };

  // Progress is keyed by module id alone, so module ids must be unique across the catalog, not per course.
  const courseIndex = new Map<string, number>();
  const modules = new Map<string, ModuleOrder>();
  const places: ModulePlaces = { course: [], index: [] };
  const replacedBy = new Map<string, Replacer>();
  const courses = list(catalog.courses);

  courses.forEach((rawCourse, ci) => {
    const course = record(rawCourse);
    if (!course) return;
    const at = `courses[${ci}]`;
    const id = text(course.id);
    if (shape) check(`${at}.id`, idRule, course.id);
    if (id !== undefined) {
      const first = courseIndex.get(id);
      if (first !== undefined)
        report(`${at}.id`, `duplicate course id ${quote(id)} (first at courses[${first}])`);
      else courseIndex.set(id, ci);
    }
    if (shape) {
      check(`${at}.title`, textRule, course.title);
      check(`${at}.url`, urlRule, course.url);
    }

    list(course.modules).forEach((rawModule, mi) => {
      const mod = record(rawModule);
      if (!mod) return;
      const modId = text(mod.id);
      if (shape) {
        const mat = `${at}.modules[${mi}]`;
        check(`${mat}.id`, idRule, mod.id);
        check(`${mat}.title`, textRule, mod.title);
        check(`${mat}.url`, urlRule, mod.url);
        check(`${mat}.minutes`, minutesRule, mod.minutes);
      }
      if (modId === undefined) return;
      const seen = modules.get(modId);
      if (seen !== undefined)
        report(
          `${at}.modules[${mi}].id`,
          `duplicate module id ${quote(modId)} (first at ${modulePath(places, seen)})`,
        );
      else {
        modules.set(modId, places.course.length);
        places.course.push(ci);
        places.index.push(mi);
      }

      if (mod.replaces === undefined) return;
      list(mod.replaces).forEach((old, ri) => {
        const path = `${at}.modules[${mi}].replaces[${ri}]`;
        if (shape) check(path, idRule, old);
        if (typeof old !== 'string') return;
        // Progress under `old` would count for two modules, or depend on which one is read first.
        const earlier = replacedBy.get(old);
        if (earlier)
          report(
            path,
            `${quote(old)} is already replaced by ${quote(earlier.id)} (${earlier.path})`,
          );
        else replacedBy.set(old, { id: modId, path });
      });
    });
  });

  // Resolution needs every course and module id, hence a second pass.
  courses.forEach((rawCourse, ci) => {
    const course = record(rawCourse);
    if (!course) return;
    const at = `courses[${ci}]`;
    list(course.prerequisites).forEach((pre, pi) => {
      if (typeof pre === 'string' && !courseIndex.has(pre)) {
        // Not the course itself: that would be a cycle.
        const near = suggestIds(
          pre,
          [...courseIndex.keys()].filter((id) => id !== course.id),
          1,
        )[0];
        report(
          `${at}.prerequisites[${pi}]`,
          `prerequisite ${quote(pre)} is not a course in this catalog${near === undefined ? '' : ` (did you mean ${quote(near)}?)`}`,
        );
      }
    });

    const ideaIds = new Map<string, number>();
    list(course.projectIdeas).forEach((rawIdea, ii) => {
      const idea = record(rawIdea);
      if (!idea) return;
      const iat = `${at}.projectIdeas[${ii}]`;
      if (shape) {
        check(`${iat}.id`, idRule, idea.id);
        check(`${iat}.title`, textRule, idea.title);
        check(`${iat}.deliverable`, textRule, idea.deliverable);
        check(`${iat}.minutes`, minutesRule, idea.minutes);
      }
      const ideaId = text(idea.id);
      if (ideaId !== undefined) {
        const first = ideaIds.get(ideaId);
        if (first !== undefined)
          report(
            `${iat}.id`,
            `duplicate project idea id ${quote(ideaId)} (first at ${at}.projectIdeas[${first}])`,
          );
        else ideaIds.set(ideaId, ii);
      }
      list(idea.modules).forEach((ref, ri) => {
        if (typeof ref !== 'string') return;
        const found = modules.get(ref);
        if (found !== undefined && places.course[found] === ci) return;
        const path = `${iat}.modules[${ri}]`;
        const successor = replacedBy.get(ref);
        const successorAt = successor === undefined ? undefined : modules.get(successor.id);
        if (found !== undefined) {
          report(
            path,
            `${quote(ref)} is a module of another course (${modulePath(places, found)})`,
          );
        } else if (successorAt !== undefined && places.course[successorAt] === ci) {
          report(
            path,
            `${quote(ref)} was replaced by ${quote(successor!.id)}; name that module instead`,
          );
        } else {
          report(path, `${quote(ref)} is not a module of this course`);
        }
      });
    });
  });

  const overrideIds = new Map<string, number>();
  list(catalog.overrides).forEach((rawOverride, oi) => {
    const override = record(rawOverride);
    if (!override) return;
    const at = `overrides[${oi}]`;
    if (shape) {
      check(`${at}.id`, idRule, override.id);
      if (override.url !== undefined) check(`${at}.url`, urlRule, override.url);
      if (override.title !== undefined) check(`${at}.title`, textRule, override.title);
      if (override.minutes !== undefined)
        check(`${at}.minutes`, positiveIntegerRule, override.minutes);
    }
    const id = text(override.id);
    if (id === undefined) return;
    const first = overrideIds.get(id);
    if (first !== undefined)
      report(`${at}.id`, `duplicate override id ${quote(id)} (first at overrides[${first}])`);
    else overrideIds.set(id, oi);
    // The target is looked up across catalogs, where this one's own entry would shadow it.
    const own = courseIndex.has(id) ? 'course' : modules.has(id) ? 'module' : undefined;
    if (own)
      report(
        `${at}.id`,
        `${quote(id)} is a ${own} in this catalog; overrides are for other catalogs' courses and modules`,
      );
  });

  const cycles = replacesCycles(replacedBy, modules);
  const onCycle = new Set(cycles.flat());
  for (const [old, by] of replacedBy) {
    const live = modules.get(old);
    // A cycle is reported once as a whole rather than link by link.
    if (live !== undefined && !onCycle.has(old))
      report(
        by.path,
        `${quote(old)} is still a module (${modulePath(places, live)}), so it cannot be replaced`,
      );
  }
  for (const cycle of cycles) {
    // Every id on a cycle replaces another, so it is a module's id.
    const first = modules.get(cycle[0]!)!;
    report(
      `${modulePath(places, first)}.replaces`,
      `replaces cycle: ${[...cycle, cycle[0]!].map(name).join(' -> ')}`,
    );
  }

  const prerequisites = new Map<string, readonly unknown[]>();
  for (const rawCourse of courses) {
    const course = record(rawCourse);
    const id = text(course?.id);
    // A duplicate id (reported above) keeps the prerequisites of both: overwritten, a cycle
    // through the first would show only once the duplicate is fixed.
    if (course && id !== undefined)
      prerequisites.set(id, [...(prerequisites.get(id) ?? []), ...list(course.prerequisites)]);
  }
  for (const cycle of prerequisiteCycles(prerequisites, courseIndex)) {
    // A cycle holds at least one course (a self-reference), and every course on it is in the index.
    const ci = courseIndex.get(cycle[0]!);
    report(
      `courses[${ci}].prerequisites`,
      `prerequisite cycle: ${[...cycle, cycle[0]!].map(name).join(' -> ')}`,
    );
  }
  return problems;
}

/**
 * Follows each chain of renames (a replaced b, b replaced c) and returns its cycles, each as
 * `[a, b]` for "a replaces b replaces a", starting at the module that comes first in the catalog.
 * Every id has one replacer at most, so each chain is walked once, and a walk that meets itself
 * has closed a cycle.
 */
function replacesCycles(
  replacedBy: Map<string, Replacer>,
  modules: Map<string, ModuleOrder>,
): string[][] {
  const walkOf = new Map<string, number>();
  const cycles: string[][] = [];
  let walk = 0;
  for (const start of replacedBy.keys()) {
    // Only a module's id can be on a cycle, since every id on one replaces the next.
    if (walkOf.has(start) || !modules.has(start)) continue;
    walk += 1;
    const chain: string[] = [];
    let id: string | undefined = start;
    while (id !== undefined && !walkOf.has(id)) {
      walkOf.set(id, walk);
      chain.push(id);
      id = replacedBy.get(id)?.id;
    }
    if (id === undefined || walkOf.get(id) !== walk) continue;
    // The chain runs from the replaced id to its replacer; "a replaces b" reads the other way.
    const cycle = chain.slice(chain.indexOf(id)).reverse();
    let k = 0;
    cycle.forEach((member, i) => {
      if (modules.get(member)! < modules.get(cycle[k]!)!) k = i;
    });
    cycles.push([...cycle.slice(k), ...cycle.slice(0, k)]);
  }
  return cycles;
}

/**
 * Depth-first search: every back edge closes a cycle, so each tangle of courses is reported at least
 * once. It keeps its own stack, since a user's catalog may chain more courses than the call stack holds.
 */
function prerequisiteCycles(
  prerequisites: Map<string, readonly unknown[]>,
  courseIndex: Map<string, number>,
): string[][] {
  const state = new Map<string, 'active' | 'done'>();
  const depth = new Map<string, number>();
  const stack: { id: string; next: readonly unknown[]; i: number }[] = [];
  const cycles: string[][] = [];

  const enter = (id: string) => {
    state.set(id, 'active');
    depth.set(id, stack.length);
    stack.push({ id, next: prerequisites.get(id) ?? [], i: 0 });
  };
  for (const root of prerequisites.keys()) {
    if (state.has(root)) continue;
    enter(root);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.i === top.next.length) {
        stack.pop();
        state.set(top.id, 'done');
        continue;
      }
      const next = top.next[top.i++];
      if (typeof next !== 'string' || !courseIndex.has(next)) continue; // reported as unresolved
      const seen = state.get(next);
      if (seen === 'active') cycles.push(stack.slice(depth.get(next)).map((frame) => frame.id));
      else if (seen === undefined) enter(next);
    }
  }
  return cycles;
}
