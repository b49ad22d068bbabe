import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, runAsync } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

describe('concurrent writers', () => {
  it('ten `roadmap done` started at the same moment all exit 0 and are all recorded', async () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const modules = Array.from({ length: 10 }, (_, i) => `hf-course/chapter${i + 1}/1`);
    const results = await Promise.all(modules.map((m) => runAsync(dir, ['done', m])));
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const state = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(Object.keys(state.progress).sort()).toEqual([...modules].sort());
    const log = readFileSync(join(dir, 'activity.jsonl'), 'utf8').trim().split('\n');
    expect(log).toHaveLength(11);
    expect(state.log).toEqual({
      bytes: Buffer.byteLength(readFileSync(join(dir, 'activity.jsonl'))),
      entries: 11,
    });
    console.log(`${Object.keys(state.progress).length}/10 concurrent writes kept`);
  });
});
