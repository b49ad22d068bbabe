import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appendToLog } from '../../src/store/log-file.js';
import { tempDir } from '../helpers/temp.js';

// A full disk: part of the entry lands, then the write fails; or the flush fails after it.
let fail: 'write' | 'fsync' | null = null;
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    writeSync: (fd: number, buffer: Buffer, offset: number, length: number, position: number) => {
      if (fail === 'write') {
        real.writeSync(fd, buffer, offset, 5, position);
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }
      return real.writeSync(fd, buffer, offset, length, position);
    },
    fsyncSync: (fd: number) => {
      if (fail === 'fsync') throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      return real.fsyncSync(fd);
    },
  };
});

describe('a failed write to the activity log', () => {
  it.each([
    ['write', 'the disk is full', 'Free some space'],
    ['fsync', 'EIO', 'Check the disk'],
  ] as const)('(%s) says nothing was changed, and leaves the log at its mark', (how, why, hint) => {
    const file = join(tempDir(), 'activity.jsonl');
    const first = '{"id":"a"}\n';
    const mark = appendToLog(file, 0, first);
    fail = how;
    try {
      expect(() => appendToLog(file, mark, '{"id":"b"}\n')).toThrow(
        `Could not write to the activity log ${file} (${why}). Nothing was changed.`,
      );
      expect(() => appendToLog(file, mark, '{"id":"b"}\n')).toThrow(
        expect.objectContaining({ hint: expect.stringContaining(hint) }),
      );
    } finally {
      fail = null;
    }
    expect(fs.readFileSync(file, 'utf8')).toBe(first);
  });
});
