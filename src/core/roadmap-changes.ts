import type { CatalogIndex } from '../catalog/catalog-index.js';
import { UsageError } from '../errors.js';
import { courseStatus, storedState, withTransition } from './focus.js';
import { roadmapIndex } from './resolve.js';
import type { Change, RoadmapEntry, State } from './types.js';

export type { Change } from './types.js';

/**
 * Orders a batch so each course comes after those of its prerequisites in the batch, keeping
 * the given order otherwise (a stable topological sort; cycles keep the given order).
 */
export function orderByPrerequisites(catalog: CatalogIndex, ids: string[]): string[] {
  const inBatch = new Set(ids);
  const placed = new Set<string>();
  const result: string[] = [];
  const visit = (id: string, path: Set<string>) => {
    if (placed.has(id) || path.has(id)) return;
    path.add(id);
    for (const pre of catalog.courseById.get(id)?.prerequisites ?? []) {
      if (inBatch.has(pre)) visit(pre, path);
    }
    path.delete(id);
    placed.add(id);
    result.push(id);
  };
  for (const id of ids) visit(id, new Set());
  return result;
}

export interface AddInfo {
  added: string[];
  alreadyOnRoadmap: string[];
  /** A prerequisite that is neither on the roadmap nor being added, per course. */
  missingPrerequisites: { courseId: string; prerequisite: string }[];
}

/**
 * Adds courses to the roadmap. Each new course goes after its prerequisites, and before any
 * course already on the roadmap that requires it, so the roadmap reads in a sensible order.
 */
export function addCourses(
  catalog: CatalogIndex,
  state: State,
  courseIds: string[],
  now: Date,
): Change<AddInfo> {
  const onRoadmap = new Set(state.roadmap.map((r) => r.courseId));
  const alreadyOnRoadmap = courseIds.filter((id) => onRoadmap.has(id));
  const batch = orderByPrerequisites(
    catalog,
    courseIds.filter((id) => !onRoadmap.has(id)),
  );
  const addedAt = now.toISOString();
  const roadmap: RoadmapEntry[] = [...state.roadmap];
  const missingPrerequisites: AddInfo['missingPrerequisites'] = [];
  for (const courseId of batch) {
    const prerequisites = catalog.courseById.get(courseId)?.prerequisites ?? [];
    for (const pre of prerequisites) {
      if (!onRoadmap.has(pre) && !batch.includes(pre)) {
        missingPrerequisites.push({ courseId, prerequisite: pre });
      }
    }
    const after = Math.max(
      -1,
      ...prerequisites.map((p) => roadmap.findIndex((r) => r.courseId === p)),
    );
    const dependent = roadmap.findIndex((r) =>
      catalog.courseById.get(r.courseId)?.prerequisites?.includes(courseId),
    );
    // Append, unless a course already on the roadmap needs this one first.
    const at = dependent > after ? dependent : roadmap.length;
    roadmap.splice(at, 0, { courseId, addedAt });
  }
  const info = { added: batch, alreadyOnRoadmap, missingPrerequisites };
  if (batch.length === 0) return { state, entry: null, info };
  return {
    state: { ...state, roadmap },
    entry: {
      at: addedAt,
      type: 'add',
      courseId: batch[0],
      courseIds: batch,
      before: { roadmap: state.roadmap },
    },
    info,
  };
}

/**
 * Takes a course off the roadmap. Its progress stays, so adding it again restores it. An active
 * course is parked on the way out, so it comes back parked rather than crowding the focus.
 */
export function removeCourse(
  state: State,
  courseId: string,
  now: Date,
  catalog?: CatalogIndex,
): Change {
  const index = roadmapIndex(state, courseId, catalog, false);
  const id = state.roadmap[index]!.courseId;
  const roadmap = state.roadmap.filter((_, i) => i !== index);
  const active = (catalog ? courseStatus(catalog, state, id) : storedState(state, id)) === 'active';
  const next = active ? withTransition(state, id, 'parked', now, { cause: 'removed' }) : state;
  return {
    state: { ...next, roadmap },
    entry: {
      at: now.toISOString(),
      type: 'remove',
      courseId: id,
      before: {
        roadmap: state.roadmap,
        ...(active && {
          courses: { [id]: Object.hasOwn(state.courses, id) ? state.courses[id]! : null },
        }),
      },
    },
    info: {},
  };
}

/** `typed`: the position as given, for messages (a 23-digit one reads back as 1.2e+22). */
export type MoveTarget = { before: string } | { after: string } | { to: number; typed?: string };

export interface MoveInfo {
  from: number;
  to: number;
}

/** Reorders the roadmap. Positions are 1-based, as shown by `roadmap status`. */
export function moveCourse(
  state: State,
  courseId: string,
  target: MoveTarget,
  now: Date,
  catalog?: CatalogIndex,
): Change<MoveInfo> {
  const from = roadmapIndex(state, courseId, catalog);
  const rest = state.roadmap.filter((_, i) => i !== from);
  let to: number;
  if ('to' in target) {
    if (!Number.isInteger(target.to) || target.to < 1 || target.to > state.roadmap.length) {
      throw new UsageError(
        `--to takes a position from 1 to ${state.roadmap.length}, not \`${target.typed ?? target.to}\`.`,
      );
    }
    to = target.to - 1;
  } else {
    const anchorAt = roadmapIndex(
      state,
      'before' in target ? target.before : target.after,
      catalog,
    );
    if (anchorAt === from) throw new UsageError('A course cannot be moved relative to itself.');
    const anchorId = state.roadmap[anchorAt]!.courseId;
    const anchorIndex = rest.findIndex((r) => r.courseId === anchorId);
    to = 'before' in target ? anchorIndex : anchorIndex + 1;
  }
  const info = { from: from + 1, to: to + 1 };
  if (to === from) return { state, entry: null, info };
  const roadmap = [...rest];
  roadmap.splice(to, 0, state.roadmap[from]!);
  return {
    state: { ...state, roadmap },
    entry: {
      at: now.toISOString(),
      type: 'move',
      courseId: state.roadmap[from]!.courseId,
      before: { roadmap: state.roadmap },
    },
    info,
  };
}
