import { describe, expect, it } from 'vitest';
import type { OpenJson } from '../../src/commands/open-page.js';
import { json, run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

// CI=true, as on a CI runner: whatever else the machine has, no browser is ever started.
const ci = { CI: 'true', BROWSER: '' };
const WEEK_1 = 'https://www.coursera.org/learn/introduction-to-machine-learning-in-production';

describe('roadmap open in CI', () => {
  it('prints the address on stdout and the reason on stderr, exit 0', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course']);
    const result = run(dir, ['open'], ci);
    expect(result).toEqual({
      code: 0,
      stdout: `${WEEK_1}\n`,
      stderr:
        'Not opened in a browser: CI is set, so nobody is at a browser to see it. Open the address above yourself.\n',
    });
    expect(json<OpenJson>(run(dir, ['open', 'chapter3/2', '--json'], ci))).toEqual({
      url: 'https://huggingface.co/learn/llm-course/chapter3/2',
      opened: false,
      reason: 'ci',
    });
  });

  it('next --open shows the next module, then says why it was not opened', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    const result = run(dir, ['next', '--open'], ci);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(WEEK_1);
    expect(result.stderr).toContain('Not opened in a browser: CI is set');
  });
});
