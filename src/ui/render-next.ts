import chalk from 'chalk';
import type { NextResult } from '../core/select-next.js';
import { clean } from './sanitize.js';
import { duration } from './text.js';

/** `next --json`: a stable, documented shape. */
export interface NextJson {
  kind: 'module' | null;
  reason: 'empty' | 'finished' | null;
  course: { id: string; title: string } | null;
  module: {
    id: string;
    title: string;
    url: string;
    minutes: number;
    part: string | null;
    optional: boolean;
  } | null;
  position: { index: number; total: number } | null;
  /** Optional modules left when `next` passes over them (skip-optional); 0 otherwise. */
  optionalLeft: number;
}

export function nextJson(next: NextResult): NextJson {
  if (next.kind === null) {
    return {
      kind: null,
      reason: next.reason,
      course: null,
      module: null,
      position: null,
      optionalLeft: next.optionalLeft,
    };
  }
  const { course, module, position } = next;
  return {
    kind: 'module',
    reason: null,
    course: { id: course.id, title: course.title },
    module: {
      id: module.id,
      title: module.title,
      url: module.url,
      minutes: module.minutes,
      part: module.part ?? null,
      optional: module.optional === true,
    },
    position,
    optionalLeft: 0,
  };
}

export function renderNext(data: NextJson, basisOf: (moduleId: string) => string): string {
  if (data.kind === null) {
    if (data.reason === 'empty') return 'Your roadmap is empty.';
    if (data.optionalLeft > 0) {
      return `Nothing left but ${data.optionalLeft} optional module${data.optionalLeft === 1 ? '' : 's'}, which skip-optional passes over.`;
    }
    return chalk.green('Your roadmap is finished: every module is done or skipped.');
  }
  const { course, module, position } = data as Required<{
    [K in keyof NextJson]: NonNullable<NextJson[K]>;
  }>;
  const optional = module.optional ? chalk.yellow(' (optional)') : '';
  const lines = [
    `${chalk.bold(clean(module.title))}${optional}`,
    `  ${clean(course.title)} · module ${position.index} of ${position.total}`,
  ];
  if (module.part) lines.push(`  Part: ${clean(module.part)}`);
  lines.push(`  About ${duration(module.minutes)} (${basisOf(module.id)})`);
  lines.push(`  ${chalk.cyan(clean(module.url))}`);
  lines.push(chalk.dim(`  id: ${clean(module.id)}`));
  return lines.join('\n');
}

/** One line for shell prompts: course, module, minutes. Empty roadmap: nothing. */
export function renderNextShort(data: NextJson): string | null {
  if (data.kind === null) return data.reason === 'empty' ? null : 'roadmap finished';
  return `${clean(data.course!.id)} · ${clean(data.module!.title)} · ${duration(data.module!.minutes)}`;
}
