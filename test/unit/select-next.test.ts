import { describe, expect, it } from 'vitest';
import { selectNextModule } from '../../src/core/select-next.js';
import type { ProjectStage, State } from '../../src/core/types.js';
import { smallCatalog, stateWith } from '../helpers/catalog.js';

const catalog = smallCatalog();

/** A course is finished with its project, so these states settle it. */
function withProject(state: State, courseId: string, stage: ProjectStage): State {
  const at = '2026-03-01T12:00:00.000Z';
  state.projects[courseId] = { title: 'Mine', stage, stages: [{ at, stage }] };
  return state;
}

describe('selectNextModule', () => {
  it.each([
    ['an empty roadmap', stateWith([]), {}, null, 'empty'],
    ['a fresh roadmap', stateWith(['a', 'b']), {}, 'a/m1', null],
    ['done passes', stateWith(['a'], { 'a/m1': {} }), {}, 'a/m2', null],
    ['skipped passes', stateWith(['a'], { 'a/m1': { status: 'skipped' } }), {}, 'a/m2', null],
    ['optional is offered in its place', stateWith(['a'], { 'a/m1': {} }), {}, 'a/m2', null],
    [
      'skip-optional passes it',
      stateWith(['a'], { 'a/m1': {} }),
      { skipOptional: true },
      'a/m3',
      null,
    ],
    [
      'a gap earlier in the course comes first',
      stateWith(['a'], { 'a/m2': {}, 'a/m3': {} }),
      {},
      'a/m1',
      null,
    ],
    [
      'the next unfinished course, in roadmap order',
      withProject(stateWith(['b', 'a'], { 'b/m1': {}, 'b/m2': {} }), 'b', 'shipped'),
      {},
      'a/m1',
      null,
    ],
    [
      'a course whose modules are done offers its project, not the next course',
      stateWith(['b', 'a'], { 'b/m1': {}, 'b/m2': {} }),
      {},
      null,
      null,
    ],
    [
      'courses missing from the catalog are passed over',
      stateWith(['gone', 'd']),
      {},
      'd/m1',
      null,
    ],
    [
      'everything done',
      withProject(stateWith(['d'], { 'd/m1': {} }), 'd', 'waived'),
      {},
      null,
      'finished',
    ],
  ] as const)('%s', (_, state, options, moduleId, reason) => {
    const next = selectNextModule(catalog, state, options);
    expect(next.module?.id ?? null).toBe(moduleId);
    expect(next.reason).toBe(reason);
  });

  it('reports the position within the course', () => {
    const next = selectNextModule(catalog, stateWith(['a'], { 'a/m1': {} }));
    expect(next.position).toEqual({ index: 2, total: 3 });
    expect(next.course?.id).toBe('a');
  });
});
