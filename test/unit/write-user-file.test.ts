import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeUserFile } from '../../src/commands/output.js';
import { tempDir } from '../helpers/temp.js';

// A write that fails part-way, as on a full disk: the first chunk lands, then ENOSPC.
let failWrites = false;
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    writeFileSync: (target: fs.PathOrFileDescriptor, data: string, ...rest: unknown[]) => {
      if (failWrites && typeof target === 'number') {
        real.writeSync(target, data.slice(0, 10));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
        });
      }
      return (real.writeFileSync as (...args: unknown[]) => void)(target, data, ...rest);
    },
  };
});

describe('a file the person named', () => {
  it('is replaced whole or not at all: a failed write leaves the earlier file as it was', () => {
    const dir = tempDir();
    const file = join(dir, 'backup.json');
    writeUserFile(file, '{"first": true}\n', 'print it');
    fs.chmodSync(file, 0o600);
    failWrites = true;
    try {
      expect(() => writeUserFile(file, '{"second": true}\n', 'print it')).toThrow(
        /Could not write .*backup\.json: the disk is full\. Nothing was written\./,
      );
      expect(() => writeUserFile(join(dir, 'new.json'), '{}\n', 'print it')).toThrow(
        'the disk is full',
      );
    } finally {
      failWrites = false;
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('{"first": true}\n');
    // No file cut short under the new name, and no temporary file left beside them.
    expect(fs.readdirSync(dir)).toEqual(['backup.json']);
    writeUserFile(file, '{"second": true}\n', 'print it');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"second": true}\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('written through a link replaces the file it leads to, and keeps the link', () => {
    const dir = tempDir();
    const file = join(dir, 'real.json');
    fs.writeFileSync(file, 'old');
    fs.symlinkSync(file, join(dir, 'link.json'));
    writeUserFile(join(dir, 'link.json'), 'new', 'print it');
    expect(fs.lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
  });

  it('says what is wrong with the folder, not with the temporary file it never made', () => {
    const dir = tempDir();
    expect(() => writeUserFile(join(dir, 'none', 'x.ics'), '', 'print it')).toThrow(
      `Could not write ${join(dir, 'none', 'x.ics')}: the folder ${join(dir, 'none')} doesn't exist. Nothing was written.`,
    );
    fs.writeFileSync(join(dir, 'file'), '');
    expect(() => writeUserFile(join(dir, 'file', 'x.ics'), '', 'print it')).toThrow(
      `a part of ${join(dir, 'file')} is a file, not a folder`,
    );
    expect(fs.readdirSync(dir)).toEqual(['file']);
  });
});
