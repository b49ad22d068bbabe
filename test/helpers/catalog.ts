import { indexCatalogs } from '../../src/catalog/catalog-index.js';
import type { CatalogCourse, CatalogModule } from '../../src/catalog/types.js';
import { ProgressMap } from '../../src/core/progress-map.js';
import { emptyState, type ProgressEntry, type State } from '../../src/core/types.js';

function modules(
  courseId: string,
  count: number,
  extra: Partial<CatalogModule>[] = [],
): CatalogModule[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${courseId}/m${i + 1}`,
    title: `${courseId} module ${i + 1}`,
    url: `https://example.org/${courseId}/${i + 1}`,
    minutes: 60,
    minutesBasis: 'assumed' as const,
    ...extra[i],
  }));
}

export function course(
  id: string,
  count: number,
  more: Partial<CatalogCourse> = {},
  extra: Partial<CatalogModule>[] = [],
): CatalogCourse {
  return {
    id,
    title: `Course ${id}`,
    provider: 'Provider',
    url: `https://example.org/${id}`,
    modules: modules(id, count, extra),
    ...more,
  };
}

/** a (3 modules, the 2nd optional) → b (2) → c (2), all on track "t"; d (1) stands alone. */
export function smallCatalog() {
  return indexCatalogs([
    {
      formatVersion: 1,
      id: 'test',
      courses: [
        course('a', 3, { track: 't' }, [{}, { optional: true }]),
        course('b', 2, { track: 't', prerequisites: ['a'] }),
        course('c', 2, { track: 't', prerequisites: ['b'] }),
        course('d', 1, { provider: 'Other' }),
      ],
    },
  ]);
}

export const T0 = new Date('2026-03-02T09:00:00.000Z');

export function stateWith(
  courseIds: string[],
  progress: Record<string, Partial<ProgressEntry>> = {},
): State {
  const state = emptyState();
  state.roadmap = courseIds.map((courseId) => ({ courseId, addedAt: '2026-03-01T00:00:00.000Z' }));
  state.progress = ProgressMap.fromEntries(
    Object.entries(progress).map(([id, entry]) => [
      id,
      { status: 'done', at: '2026-03-01T12:00:00.000Z', notes: [], ...entry },
    ]),
  );
  return state;
}
