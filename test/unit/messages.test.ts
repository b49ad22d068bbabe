import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { tempDir } from '../helpers/temp.js';

/**
 * Every important message says what happened, to which file or argument, and what to run next.
 * The snapshots keep them from drifting; the config directory shows as <dir>.
 */
async function stderrOf(
  argv: string[],
  setup?: (dir: string) => void | Promise<void>,
): Promise<string> {
  const dir = tempDir();
  await setup?.(dir);
  let stderr = '';
  const code = await main({
    argv,
    env: { ROADMAP_CONFIG_DIR: dir, ROADMAP_NOW: '2026-03-02T09:00:00Z', NO_COLOR: '1' },
    stdout: { write: () => true },
    stderr: { write: (t: string) => (stderr += t) },
    isInteractive: false,
  });
  return `exit ${code}\n${stderr.replaceAll(dir, '<dir>')}`;
}

const withCourses =
  (...ids: string[]) =>
  async (dir: string) => {
    await main({
      argv: ['add', ...ids],
      env: { ROADMAP_CONFIG_DIR: dir, ROADMAP_NOW: '2026-03-02T09:00:00Z', NO_COLOR: '1' },
      stdout: { write: () => true },
      stderr: { write: () => true },
      isInteractive: false,
    });
  };

describe('messages', () => {
  it.each([
    ['an unknown course', ['add', 'mlep-modleing']],
    ['a track where a course is needed', ['show', 'mlep']],
    ['add without ids or a terminal', ['add']],
    ['an unknown command', ['stauts']],
    ['an unknown option', ['next', '--jsno']],
    ['a missing argument', ['show']],
    ['too many arguments', ['undo', 'now']],
    ['a bad --minutes', ['done', '--minutes', '1e9']],
    ['a future --at', ['done', '--at', '2027-01-01']],
    ['a blank --note', ['done', '--note', ' ']],
    ['an empty roadmap', ['done']],
    ['nothing to undo', ['undo']],
    ['an unknown setting', ['config', 'set', 'skip-optionl', 'true']],
    ['a note that starts with a dash', ['note', 'mlep-intro/week-1', '- redo the lab']],
  ])('%s', async (_, argv) => {
    expect(await stderrOf(argv)).toMatchSnapshot();
  });

  it.each([
    ['an ambiguous suffix', ['done', 'week-1'], ['mlep']],
    [
      'a module whose course is not on the roadmap',
      ['done', 'hf-course/chapter3/2'],
      ['mlep-intro'],
    ],
    ['an unknown module', ['done', 'mlep-intro/week-9'], ['mlep-intro']],
    ['remove without --yes or a terminal', ['remove', 'hf-course'], ['hf-course']],
    ['a course not on the roadmap', ['move', 'hf-cours', '--to', '1'], ['hf-course']],
  ])('%s', async (_, argv, courses) => {
    expect(await stderrOf(argv, withCourses(...courses))).toMatchSnapshot();
  });

  it.each([
    ['a damaged config file', '{"roadmap": ['],
    ['a config file from a newer version', '{"schemaVersion": 9}'],
  ])('%s', async (_, content) => {
    expect(
      await stderrOf(['status'], (dir) => writeFileSync(join(dir, 'config.json'), content)),
    ).toMatchSnapshot();
  });
});
