import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readExport } from '../../src/store/export-document.js';
import { importExport } from '../../src/store/import-state.js';
import { resolveStorePaths } from '../../src/store/paths.js';
import { run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

// conf fails to write config.json, as on a full disk, once `failing` is set.
let failing = false;
vi.mock('conf', async (original) => {
  const real = (await original<{ default: new (...args: unknown[]) => object }>()).default;
  return {
    default: class extends real {
      set store(value: Record<string, unknown>) {
        if (failing) throw new Error('EIO: i/o error, fsync');
        Reflect.set(real.prototype, 'store', value, this);
      }
    },
  };
});

describe('an import whose state could not be written', () => {
  it('puts the old log back, in a config folder whose path holds "config-" too', async () => {
    const dir = join(tempDir(), 'config-dir');
    mkdirSync(dir);
    run(dir, ['add', 'hf-course']);
    run(dir, ['done']);
    const logBefore = readFileSync(join(dir, 'activity.jsonl'), 'utf8');
    const other = tempDir();
    run(other, ['add', 'mlep-intro']);
    const file = join(tempDir(), 'export.json');
    run(other, ['export', file]);
    const { value } = readExport(JSON.parse(readFileSync(file, 'utf8')), new Date());
    failing = true;
    try {
      await expect(
        importExport(resolveStorePaths(dir, {}), value!, 'replace', new Date()),
      ).rejects.toThrow(/Could not write .*config\.json: EIO.*Nothing was imported\.$/);
    } finally {
      failing = false;
    }
    expect(readFileSync(join(dir, 'activity.jsonl'), 'utf8')).toBe(logBefore);
    expect(run(dir, ['doctor']).code).toBe(0);
  });
});
