import type { CatalogIndex } from '../catalog/catalog-index.js';
import { Failure } from '../errors.js';
import {
  type ActivationPlan,
  activate,
  type CourseStatus,
  checkCourseMove,
  courseStatus,
  withTransition,
} from './focus.js';
import { projectOf } from './projects.js';
import { roadmapIndex } from './resolve.js';
import type { Change, CourseState, State } from './types.js';

export type CourseAction = 'park' | 'resume' | 'drop';

export const ACTION_STATE: Record<CourseAction, CourseState> = {
  park: 'parked',
  resume: 'active',
  drop: 'dropped',
};

export interface CourseChangeInfo {
  courseId: string;
  from: CourseStatus;
  /** For `resume`: whether another course was parked to make room. */
  plan: ActivationPlan | null;
}

/**
 * `park`, `resume` and `drop`. Expects a state the focus rules have settled (withFocus), so a
 * course that became active by itself can be parked like any other. Progress is never touched.
 */
export function changeCourseState(
  catalog: CatalogIndex,
  state: State,
  courseArg: string,
  action: CourseAction,
  now: Date,
  reason?: string,
): Change<CourseChangeInfo> {
  const courseId = state.roadmap[roadmapIndex(state, courseArg, catalog)]!.courseId;
  const from = courseStatus(catalog, state, courseId);
  const to = ACTION_STATE[action];
  const check = checkCourseMove(from, to);
  if (check === 'same') return { state, entry: null, info: { courseId, from, plan: null } };
  if (check === 'refused') throw refusal(state, courseId, from, action);
  let next: State;
  let plan: ActivationPlan | null = null;
  if (action === 'resume') {
    ({ state: next, plan } = activate(catalog, state, courseId, now, {
      ...(reason !== undefined && { reason }),
    }));
  } else {
    next = withTransition(state, courseId, to, now, { ...(reason !== undefined && { reason }) });
  }
  const touched = plan?.kind === 'switch' ? [courseId, plan.parks] : [courseId];
  return {
    state: next,
    entry: {
      at: now.toISOString(),
      type: 'course',
      courseId,
      state: to,
      ...(reason !== undefined && { reason }),
      before: {
        courses: Object.fromEntries(
          touched.map((id) => [id, Object.hasOwn(state.courses, id) ? state.courses[id]! : null]),
        ),
      },
    },
    info: { courseId, from, plan },
  };
}

function refusal(
  state: State,
  courseId: string,
  from: CourseStatus,
  action: CourseAction,
): Failure {
  if (from === 'finished') {
    const stage = projectOf(state, courseId)?.stage;
    return new Failure(
      `${courseId} is finished: its modules are done and its project ${stage === 'waived' ? 'was waived' : 'has shipped'}; nothing to ${action}.`,
      'To reopen it, put a module back with `roadmap reset <module>`, or revert the last step with `roadmap undo`.',
    );
  }
  if (from === 'planned') {
    return new Failure(
      `${courseId} hasn't started, so there is nothing to park.`,
      `It waits its turn on your roadmap. To take it off your path: roadmap drop ${courseId}`,
    );
  }
  return new Failure(
    `${courseId} is dropped, so it is already out of focus.`,
    `To take it up again: roadmap resume ${courseId}`,
  );
}
