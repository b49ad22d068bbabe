import type { Catalog } from './types.js';

/** One semantic problem in a catalog; `path` points at the offending value, e.g. `courses[3].modules[0].url`. */
export interface LintProblem {
  path: string;
  message: string;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9._/-]*$/;
// https, a host, and no whitespace or control characters anywhere.
const HTTPS_URL =
  /^https:\/\/[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?([/?#][^\s\u0000-\u001f\u007f-\u009f]*)?$/i;

/**
 * Checks the rules data/catalog.schema.json cannot express (uniqueness, references, cycles) and repeats the
 * cheap shape rules, because a catalog may reach us without having been validated against the schema.
 * Reports every problem, so a catalog author can fix them all in one pass.
 */
export function lintCatalog(catalog: Catalog): LintProblem[] {
  const problems: LintProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });

  const checkId = (path: string, id: unknown) => {
    if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
      report(path, `id ${JSON.stringify(id)} does not match ${ID_PATTERN.source}`);
    }
  };
  const checkTitle = (path: string, title: unknown) => {
    if (typeof title !== 'string' || title.trim() === '') report(path, 'title is empty');
  };
  const checkUrl = (path: string, url: unknown) => {
    // A pattern, not `new URL`, on the common path: a 50,000-module catalog is checked on every
    // run that loads it, and parsing each URL would cost a tenth of a second.
    if (typeof url === 'string' && HTTPS_URL.test(url)) return;
    let protocol: string;
    try {
      protocol = new URL(String(url)).protocol;
    } catch {
      report(path, `url ${JSON.stringify(url)} is not a valid URL`);
      return;
    }
    // Links are opened in a browser: plain http can be tampered with, and javascript:/data: could run code.
    report(
      path,
      protocol === 'https:'
        ? `url ${JSON.stringify(url)} is not a valid URL`
        : `url ${JSON.stringify(url)} must use https (found ${protocol})`,
    );
  };

  // Progress is keyed by module id alone, so module ids must be unique across the catalog, not per course.
  const courseIndex = new Map<string, number>();
  const moduleIds = new Map<string, string>();

  catalog.courses.forEach((course, ci) => {
    const at = `courses[${ci}]`;
    checkId(`${at}.id`, course.id);
    const first = courseIndex.get(course.id);
    if (first !== undefined)
      report(`${at}.id`, `duplicate course id "${course.id}" (first at courses[${first}])`);
    else courseIndex.set(course.id, ci);
    checkTitle(`${at}.title`, course.title);
    checkUrl(`${at}.url`, course.url);

    course.modules.forEach((mod, mi) => {
      const mat = `${at}.modules[${mi}]`;
      checkId(`${mat}.id`, mod.id);
      const seen = moduleIds.get(mod.id);
      if (seen !== undefined)
        report(`${mat}.id`, `duplicate module id "${mod.id}" (first at ${seen})`);
      else moduleIds.set(mod.id, mat);
      checkTitle(`${mat}.title`, mod.title);
      checkUrl(`${mat}.url`, mod.url);
      if (!Number.isInteger(mod.minutes) || mod.minutes <= 0) {
        report(`${mat}.minutes`, `minutes must be a positive integer (found ${mod.minutes})`);
      }
    });
  });

  // Resolution needs every course id, hence a second pass.
  catalog.courses.forEach((course, ci) => {
    (course.prerequisites ?? []).forEach((pre, pi) => {
      if (!courseIndex.has(pre)) {
        report(
          `courses[${ci}].prerequisites[${pi}]`,
          `prerequisite "${pre}" is not a course in this catalog`,
        );
      }
    });
  });

  for (const cycle of findCycles(catalog, courseIndex)) {
    // A cycle holds at least one course (a self-reference), and every course on it is in the index.
    const ci = courseIndex.get(cycle[0]!);
    report(
      `courses[${ci}].prerequisites`,
      `prerequisite cycle: ${[...cycle, cycle[0]].join(' -> ')}`,
    );
  }
  return problems;
}

/** Depth-first search: every back edge closes a cycle, so each tangle of courses is reported at least once. */
function findCycles(catalog: Catalog, courseIndex: Map<string, number>): string[][] {
  const prereqs = new Map(catalog.courses.map((c) => [c.id, c.prerequisites ?? []]));
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];

  const visit = (id: string) => {
    state.set(id, 'active');
    stack.push(id);
    for (const next of prereqs.get(id) ?? []) {
      if (!courseIndex.has(next)) continue; // already reported as unresolved
      if (state.get(next) === 'active') cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const course of catalog.courses) if (!state.has(course.id)) visit(course.id);
  return cycles;
}
