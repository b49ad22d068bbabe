import { describe, expect, it } from 'vitest';
import { loadBundledCatalog } from '../../src/catalog/load.js';
import {
  resolveCourse,
  resolveCourseArgs,
  resolveModule,
  roadmapIndex,
} from '../../src/core/resolve.js';
import { suggestCommands, suggestIds } from '../../src/core/suggest.js';
import { UsageError } from '../../src/errors.js';
import { smallCatalog, stateWith } from '../helpers/catalog.js';

const bundled = loadBundledCatalog();

function usageError(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('resolving course and track ids', () => {
  it('expands a track into its courses, in order, without repeats', () => {
    expect(resolveCourseArgs(bundled, ['mlep'])).toEqual([
      'mlep-intro',
      'mlep-data',
      'mlep-modeling',
      'mlep-deploy',
    ]);
    expect(resolveCourseArgs(bundled, ['hf-course', 'mlep', 'mlep-data'])).toEqual([
      'hf-course',
      'mlep-intro',
      'mlep-data',
      'mlep-modeling',
      'mlep-deploy',
    ]);
  });

  it.each([
    ['mlep-modleing', 'mlep-modeling'],
    ['mlpe', 'mlep'],
    ['made-with', 'made-with-ml'],
    ['hf-cours', 'hf-course'],
  ])('suggests %s → %s', (input, suggestion) => {
    expect(usageError(() => resolveCourseArgs(bundled, [input])).hint).toContain(
      `\`${suggestion}\``,
    );
  });

  it('suggests a course from the start of its id', () => {
    expect(usageError(() => resolveCourseArgs(bundled, ['hf'])).hint).toBe(
      'Did you mean `hf-course`?',
    );
  });

  it('takes ids in any case', () => {
    expect(resolveCourseArgs(bundled, ['HF-Course'])).toEqual(['hf-course']);
    expect(resolveModule(bundled, stateWith(['mlep-intro']), 'MLEP-INTRO/WEEK-1').module.id).toBe(
      'mlep-intro/week-1',
    );
  });

  it('explains that a track is not a course where one course is needed', () => {
    const error = usageError(() => resolveCourse(bundled, 'mlep'));
    expect(error.message).toBe('`mlep` is a track of 4 courses; this command takes one course.');
    expect(error.hint).toBe('Its courses: mlep-intro, mlep-data, mlep-modeling, mlep-deploy.');
  });

  it('suggests nothing for junk', () => {
    expect(usageError(() => resolveCourseArgs(bundled, ['zzzzzzzz'])).hint).toBe(
      'Run `roadmap catalog` to list the courses.',
    );
  });

  it('names the course of a module id', () => {
    expect(usageError(() => resolveCourseArgs(bundled, ['hf-course/chapter3/2'])).hint).toContain(
      '`hf-course`',
    );
  });
});

describe('resolving module arguments', () => {
  const catalog = smallCatalog();
  const state = stateWith(['a', 'b']);

  it('takes a full id', () => {
    expect(resolveModule(catalog, state, 'b/m2').module.id).toBe('b/m2');
  });

  it('takes a suffix unique on the roadmap, at a / boundary', () => {
    expect(
      resolveModule(bundled, stateWith(['hf-course', 'mlep-intro']), 'chapter3/2').module.id,
    ).toBe('hf-course/chapter3/2');
    expect(resolveModule(bundled, stateWith(['mlep-intro', 'hf-course']), 'week-2').module.id).toBe(
      'mlep-intro/week-2',
    );
    // "3/2" would also end "chapter3/2" as text, but only whole path segments count.
    expect(() => resolveModule(bundled, stateWith(['hf-course']), 'r3/2')).toThrow(UsageError);
  });

  it('lists the matches of an ambiguous suffix', () => {
    expect(usageError(() => resolveModule(catalog, state, 'm1')).message).toBe(
      '`m1` matches 2 modules on your roadmap: a/m1, b/m1.',
    );
  });

  it('points to `add` for a module whose course is not on the roadmap', () => {
    expect(usageError(() => resolveModule(catalog, state, 'd/m1')).hint).toBe(
      'Add it first: roadmap add d',
    );
  });

  it('says a course or a track given where a module goes is one', () => {
    const roadmap = stateWith(['mlep-intro', 'hf-course']);
    expect(usageError(() => resolveModule(bundled, roadmap, 'MLEP-intro'))).toMatchObject({
      message: '`MLEP-intro` is a course, not a module.',
      hint: 'Name one of its modules (`roadmap show mlep-intro` lists them), or none, for the next one where the command allows it.',
    });
    expect(usageError(() => resolveModule(bundled, roadmap, 'mlep')).message).toBe(
      '`mlep` is a track of courses, not a module.',
    );
  });

  it('suggests close ids for an unknown module', () => {
    expect(usageError(() => resolveModule(catalog, state, 'a/m4')).hint).toContain('`a/m1`');
  });

  it('suggests each id once, and path segments by their start', () => {
    const hint = usageError(() =>
      resolveModule(bundled, stateWith(['hf-course']), 'hf-course/chapter99/1'),
    ).hint!;
    expect(new Set(hint.match(/`[^`]+`/g)).size).toBe(hint.match(/`[^`]+`/g)!.length);
    expect(
      usageError(() => resolveModule(bundled, stateWith(['hf-course']), 'chapter1')).hint,
    ).toContain('`hf-course/chapter1/');
  });

  it('suggests courses on the roadmap for a course that is not on it', () => {
    expect(usageError(() => roadmapIndex(stateWith(['mlep-intro']), 'mlep-intr')).hint).toBe(
      'Did you mean `mlep-intro`?',
    );
  });

  it('ranks a closer typo first', () => {
    expect(suggestIds('mlep-modleing', bundled.courseById.keys())[0]).toBe('mlep-modeling');
  });

  it('skips ids whose length alone puts them out of reach, so a long paste is answered at once', () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `big-${Math.floor(i / 50)}/unit${i % 50}`);
    // Thousands of characters against 50,000 ids: each comparison skipped by length.
    expect(suggestIds('a'.repeat(100_000), ids)).toEqual([]);
    expect(suggestIds(`${'big-7/unit3'.repeat(20)}`, ids)).toEqual([]);
    // Within reach, as before.
    expect(suggestIds('big-7/unti3', ids)[0]).toBe('big-7/unit3');
  });
});

describe('suggestCommands', () => {
  const names = ['status', 'study', 'completion', 'config', 'done', 'export'];

  it('suggests a command that shares the first five letters, beyond the edit budget', () => {
    expect(suggestCommands('complete', names)).toEqual(['completion']);
    expect(suggestCommands('Completing', names)).toEqual(['completion']);
  });

  it('still prefers close typos, and finds nothing for junk', () => {
    expect(suggestCommands('stauts', names)).toEqual(['status']);
    expect(suggestCommands('xyzzy', names)).toEqual([]);
    // Five letters are asked of the name too: `doneness` is not `done`.
    expect(suggestCommands('doneness', names)).toEqual([]);
  });
});
