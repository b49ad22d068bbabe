import { describe, expect, it } from 'vitest';
import {
  addCourses,
  moveCourse,
  orderByPrerequisites,
  removeCourse,
} from '../../src/core/roadmap-changes.js';
import { UsageError } from '../../src/errors.js';
import { smallCatalog, stateWith, T0 } from '../helpers/catalog.js';

const catalog = smallCatalog();
const ids = (s: { roadmap: { courseId: string }[] }) => s.roadmap.map((r) => r.courseId);

describe('ordering by prerequisites', () => {
  it.each([
    [
      ['c', 'b', 'a'],
      ['a', 'b', 'c'],
    ],
    [
      ['d', 'c', 'a', 'b'],
      ['d', 'a', 'b', 'c'],
    ],
    [
      ['b', 'd'],
      ['b', 'd'],
    ],
  ])('%j → %j', (input, expected) => {
    expect(orderByPrerequisites(catalog, input)).toEqual(expected);
  });
});

describe('addCourses', () => {
  it('appends a batch in prerequisite order and logs it', () => {
    const change = addCourses(catalog, stateWith(['d']), ['c', 'a', 'b'], T0);
    expect(ids(change.state)).toEqual(['d', 'a', 'b', 'c']);
    expect(change.entry).toMatchObject({
      type: 'add',
      courseIds: ['a', 'b', 'c'],
      before: { roadmap: stateWith(['d']).roadmap },
    });
    expect(change.state.roadmap[1]!.addedAt).toBe(T0.toISOString());
  });

  it('puts a new course before a course on the roadmap that requires it', () => {
    expect(ids(addCourses(catalog, stateWith(['d', 'b', 'c']), ['a'], T0).state)).toEqual([
      'd',
      'a',
      'b',
      'c',
    ]);
  });

  it('warns about a prerequisite that is neither on the roadmap nor being added', () => {
    const change = addCourses(catalog, stateWith([]), ['c'], T0);
    expect(change.info.missingPrerequisites).toEqual([{ courseId: 'c', prerequisite: 'b' }]);
    expect(ids(change.state)).toEqual(['c']);
  });

  it('reports courses already on the roadmap and leaves them alone', () => {
    const before = stateWith(['a']);
    const change = addCourses(catalog, before, ['a'], T0);
    expect(change.entry).toBeNull();
    expect(change.state).toBe(before);
    expect(change.info.alreadyOnRoadmap).toEqual(['a']);
  });
});

describe('removeCourse and moveCourse', () => {
  it('removes a course, keeping its progress', () => {
    const change = removeCourse(stateWith(['a', 'b'], { 'a/m1': {} }), 'a', T0);
    expect(ids(change.state)).toEqual(['b']);
    expect(change.state.progress.get('a/m1')).toBeDefined();
    expect(() => removeCourse(stateWith(['b']), 'a', T0)).toThrow(UsageError);
  });

  it.each([
    [{ before: 'a' }, ['c', 'a', 'b']],
    [{ after: 'a' }, ['a', 'c', 'b']],
    [{ to: 1 }, ['c', 'a', 'b']],
    [{ to: 3 }, ['a', 'b', 'c']],
  ] as const)('moves c %j', (target, expected) => {
    const change = moveCourse(stateWith(['a', 'b', 'c']), 'c', target, T0);
    expect(ids(change.state)).toEqual(expected);
  });

  it('changes nothing when the course is already there', () => {
    expect(moveCourse(stateWith(['a', 'b']), 'b', { after: 'a' }, T0).entry).toBeNull();
  });

  it.each([[{ to: 0 }], [{ to: 4 }], [{ before: 'c' }], [{ before: 'zz' }]] as const)(
    'refuses %j',
    (target) => {
      expect(() => moveCourse(stateWith(['a', 'b', 'c']), 'c', target, T0)).toThrow(UsageError);
    },
  );
});
