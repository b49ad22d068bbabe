import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyState } from '../../src/core/types.js';
import { appendToLog, cutLog } from '../../src/store/log-file.js';
import { resolveStorePaths } from '../../src/store/paths.js';
import { commitState } from '../../src/store/store.js';
import { tempDir } from '../helpers/temp.js';

describe('a state that could not be written', () => {
  it('takes its entries back off the log, and says nothing was changed', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    const first = '{"id":"a","at":"2026-03-01T10:00:00.000Z","type":"add"}\n';
    const mark = appendToLog(paths.log, 0, first);
    const bytes = appendToLog(
      paths.log,
      mark,
      '{"id":"b","at":"2026-03-01T11:00:00.000Z","type":"done"}\n',
    );
    // config.json can't be replaced: a folder stands in its place.
    mkdirSync(paths.config);
    const state = { ...emptyState(), log: { bytes, entries: 2 } };
    await expect(commitState(paths, state, () => cutLog(paths.log, mark))).rejects.toThrow(
      /^Could not write .*config\.json: .*\. Nothing was changed\.$/,
    );
    expect(readFileSync(paths.log, 'utf8')).toBe(first);
    expect(statSync(paths.config).isDirectory()).toBe(true);
  });

  it('written, is never taken back', async () => {
    const paths = resolveStorePaths(tempDir(), {});
    const line = '{"id":"a","at":"2026-03-01T10:00:00.000Z","type":"add"}\n';
    const bytes = appendToLog(paths.log, 0, line);
    writeFileSync(paths.config, '{}');
    let undone = false;
    await commitState(paths, { ...emptyState(), log: { bytes, entries: 1 } }, () => {
      undone = true;
    });
    expect(undone).toBe(false);
    expect(JSON.parse(readFileSync(paths.config, 'utf8')).log.bytes).toBe(bytes);
  });
});
