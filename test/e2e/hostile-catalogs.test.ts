import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

const FIXTURES = new URL('../fixtures/catalogs/', import.meta.url).pathname;
const PROTO = join(FIXTURES, 'invalid/proto-keys.json');

/** Runs roadmap in this process, so that the test can look at this process's prototypes after. */
async function inProcess(dir: string, argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main({
    argv,
    env: { ROADMAP_CONFIG_DIR: dir, ROADMAP_NOW: '2026-03-02T09:00:00Z', NO_COLOR: '1', ...env },
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isInteractive: false,
  });
  return { code, stdout, stderr };
}

const prototypes = () =>
  [Object.prototype, Array.prototype, Function.prototype].map((p) =>
    Object.getOwnPropertyNames(p).sort().join(','),
  );

/** A catalog with `__proto__`, `constructor` and `prototype` keys, as JSON text. */
const pollutingCatalog = () => readFileSync(PROTO, 'utf8');

describe('catalogs holding __proto__, constructor or prototype keys', () => {
  it('are refused everywhere they can come in, and change no prototype', async () => {
    const before = prototypes();
    const dir = tempDir();
    await inProcess(dir, ['add', 'hf-course']);
    const state = readFileSync(join(dir, 'config.json'));

    const validate = await inProcess(dir, ['catalog', 'validate', PROTO]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain('(top level): forbidden property "__proto__"');
    expect(validate.stderr).toContain('courses[0]: forbidden property "constructor"');
    expect(validate.stderr).toContain('courses[0].modules[0]: forbidden property "prototype"');

    const imported = await inProcess(dir, ['catalog', 'import', PROTO]);
    expect(imported.code).toBe(1);
    expect(existsSync(join(dir, 'catalogs'))).toBe(false);

    // Named in ROADMAP_CATALOG: left out with a warning.
    const env = await inProcess(dir, ['catalog', '--json'], { ROADMAP_CATALOG: PROTO });
    expect(env.code).toBe(0);
    expect(env.stderr).toContain('forbidden property "__proto__"');
    expect(env.stdout).not.toContain('sneaky');

    // Put in the catalogs folder by hand (no index): left out with a warning.
    mkdirSync(join(dir, 'catalogs'));
    writeFileSync(join(dir, 'catalogs', 'polluting.json'), pollutingCatalog());
    const folder = await inProcess(dir, ['next']);
    expect(folder.code).toBe(0);
    expect(folder.stderr).toMatch(/warning: catalog .*polluting\.json was not loaded/);

    // Inside an export document: the whole import is refused.
    const doc = join(dir, 'export.json');
    writeFileSync(
      doc,
      `{"format":"roadmap-export","version":1,"exportedAt":"2026-03-01T00:00:00.000Z","catalogs":[${pollutingCatalog()}]}`,
    );
    const restored = await inProcess(dir, ['import', doc]);
    expect(restored.code).toBe(1);
    expect(restored.stderr).toContain('the key "__proto__" is not allowed');
    expect(readFileSync(join(dir, 'config.json'))).toEqual(state);

    expect(prototypes()).toEqual(before);
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
  });

  it('course and module ids that name Object.prototype members are refused', () => {
    const dir = tempDir();
    const file = join(dir, 'ids.json');
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        id: 'ids',
        courses: [
          {
            id: 'constructor',
            title: 'T',
            provider: 'P',
            url: 'https://example.com',
            modules: [
              {
                id: 'prototype',
                title: 'M',
                url: 'https://example.com/m',
                minutes: 5,
                minutesBasis: 'stated',
              },
            ],
          },
        ],
      }),
    );
    const result = run(dir, ['catalog', 'import', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('courses[0].id: "constructor" can\'t be an id');
    expect(result.stderr).toContain('courses[0].modules[0].id: "prototype" can\'t be an id');
  });
});

describe('links in user catalogs', () => {
  const withUrls = (dir: string, urls: string[], override?: string) => {
    const file = join(dir, 'links.json');
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        id: 'links',
        courses: [
          {
            id: 'links',
            title: 'Links',
            provider: 'P',
            url: 'https://example.com/links',
            modules: urls.map((url, i) => ({
              id: `links/${i}`,
              title: `Link ${i}`,
              url,
              minutes: 5,
              minutesBasis: 'stated',
            })),
          },
        ],
        ...(override && { overrides: [{ id: 'hf-course/chapter1/1', url: override }] }),
      }),
    );
    return file;
  };
  const HOSTILE = [
    ['javascript:alert(document.cookie)', 'must use https (found javascript:)'],
    ['file:///etc/passwd', 'must use https (found file:)'],
    ['data:text/html,<script>alert(1)</script>', 'must use https (found data:)'],
    ['vbscript:msgbox(1)', 'must use https (found vbscript:)'],
    ['ftp://example.com/file', 'must use https (found ftp:)'],
    ['mailto:someone@example.com', 'must use https (found mailto:)'],
    ['http://example.com/plain', 'must use https (found http:)'],
  ] as const;

  it('are refused unless https, each with its place, by import and validate alike', () => {
    const dir = tempDir();
    const file = withUrls(
      dir,
      HOSTILE.map(([url]) => url),
      'javascript:void(0)',
    );
    for (const command of ['import', 'validate']) {
      const result = run(dir, ['catalog', command, file]);
      expect(result.code).toBe(1);
      HOSTILE.forEach(([, message], i) => {
        expect(result.stderr).toContain(`courses[0].modules[${i}].url: ${message}`);
      });
      expect(result.stderr).toContain('overrides[0].url: must use https (found javascript:)');
    }
    expect(existsSync(join(dir, 'catalogs'))).toBe(false);
  });

  it('in ROADMAP_CATALOG or an export document keep the catalog out', () => {
    const dir = tempDir();
    const file = withUrls(dir, ['javascript:alert(1)']);
    const next = run(dir, ['catalog', '--json'], { ROADMAP_CATALOG: file });
    expect(next.code).toBe(0);
    expect(next.stderr).toContain('courses[0].modules[0].url: must use https (found javascript:)');
    expect(JSON.parse(next.stdout).some((r: { id: string }) => r.id === 'links')).toBe(false);

    const doc = join(dir, 'export.json');
    writeFileSync(
      doc,
      JSON.stringify({
        format: 'roadmap-export',
        version: 1,
        exportedAt: '2026-03-01T00:00:00.000Z',
        catalogs: [JSON.parse(readFileSync(file, 'utf8'))],
      }),
    );
    const imported = run(dir, ['import', doc]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(
      'catalogs[0].courses[0].modules[0].url: must use https (found javascript:)',
    );
    expect(existsSync(join(dir, 'catalogs'))).toBe(false);
  });
});

describe('a catalog file over 256 MB', () => {
  const huge = (dir: string) => {
    const file = join(dir, 'huge.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 256 * 1024 * 1024 + 1); // sparse: no disk space, no memory
    closeSync(fd);
    return file;
  };

  it('is refused before it is read, by import, validate and ROADMAP_CATALOG', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const before = readFileSync(join(dir, 'config.json'));
    const file = huge(dir);
    for (const command of ['import', 'validate']) {
      const result = run(dir, ['catalog', command, file]);
      expect(result.code, command).toBe(1);
      expect(result.stderr).toContain('is larger than 256 MB, so it was not read.');
    }
    const env = run(dir, ['next'], { ROADMAP_CATALOG: file });
    expect(env.code).toBe(0);
    expect(env.stderr).toContain(
      `warning: catalog ${file} was not loaded: it is larger than 256 MB, so it was not read.`,
    );
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);
    expect(existsSync(join(dir, 'catalogs'))).toBe(false);
  });

  it('in the catalogs folder is left out with a warning, unread', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'catalogs'));
    huge(join(dir, 'catalogs'));
    const result = run(dir, ['catalog', 'list', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)[1]).toMatchObject({
      id: 'huge',
      status: 'skipped',
      problem: 'it is larger than 256 MB',
    });
  });
});
