import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogRevision } from '../../src/catalog/revision.js';
import type { Catalog } from '../../src/catalog/types.js';
import { BIN, run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

const HOOK = fileURLToPath(new URL('../fixtures/hooks/loaded-modules.cjs', import.meta.url));
const CONFIG_IO = fileURLToPath(new URL('../fixtures/hooks/config-io.cjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Runs the bin with stdout and stderr on pipes, and reports what it loaded. */
function loaded(args: string[], configDir: string, env: NodeJS.ProcessEnv = {}) {
  const file = join(tempDir(), 'loaded.json');
  const result = spawnSync(process.execPath, ['-r', HOOK, BIN, ...args], {
    env: {
      ...process.env,
      ROADMAP_CONFIG_DIR: configDir,
      LOADED_MODULES_FILE: file,
      NO_COLOR: '',
      ...env,
    },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(readFileSync(file, 'utf8')) as { builtins: string[]; files: string[] };
}

const HEAVY_BUILTINS = ['child_process', 'crypto', 'tty', 'net', 'stream', 'readline'];

describe('start-up stays light', () => {
  it('read commands load none of the heavy built-ins or side bundles', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    for (const args of [
      ['next'],
      ['next', '--short'],
      ['status'],
      ['show', 'hf-course'],
      ['--help'],
      ['__complete', '2', '--', 'roadmap', 'done', 'hf-course/chapter1/'],
    ]) {
      const { builtins, files } = loaded(args, dir);
      for (const name of HEAVY_BUILTINS)
        expect(builtins, `${args.join(' ')} loads ${name}`).not.toContain(name);
      expect(
        files.filter((f) => f.includes('/vendor/')),
        args.join(' '),
      ).toEqual([]);
    }
  });

  it('a write loads conf and the lock, but not the prompts or node:crypto', () => {
    const dir = tempDir();
    const { builtins, files } = loaded(['add', 'hf-course'], dir);
    const vendor = files
      .filter((f) => f.includes('/vendor/'))
      .map((f) => f.slice(f.lastIndexOf('/') + 1));
    expect(vendor.sort()).toEqual(['conf.cjs', 'proper-lockfile.cjs']);
    expect(builtins).not.toContain('crypto');
    // conf and the lock use one assert function each; node:assert itself would set up stderr.
    expect(builtins).not.toContain('assert');
    expect(builtins).not.toContain('tty');
  });

  it('a write has conf write config.json once, without reading it as text', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const file = join(tempDir(), 'io.json');
    const result = spawnSync(
      process.execPath,
      ['-r', CONFIG_IO, BIN, 'done', 'hf-course/chapter1/1'],
      {
        env: { ...process.env, ROADMAP_CONFIG_DIR: dir, CONFIG_IO_FILE: file },
        encoding: 'utf8',
      },
    );
    expect(result.status, result.stderr).toBe(0);
    // roadmap reads the file as bytes; conf, given nothing to read, must neither read it nor
    // write it a second time (its constructor writes when what it read differs from defaults).
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ textReads: 0, writes: 1 });
  });

  it('help pages come from the build without loading the bundle, as commander prints them', () => {
    const pages = JSON.parse(readFileSync(join(DIST, 'help.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(Object.keys(pages)).toEqual(expect.arrayContaining(['', 'status', 'done', 'config']));
    const dir = tempDir();
    const printed = (args: string[], bin = BIN) =>
      spawnSync(process.execPath, [bin, ...args], {
        env: { ...process.env, ROADMAP_CONFIG_DIR: dir },
        encoding: 'utf8',
      }).stdout;
    for (const [topic, page] of Object.entries(pages)) {
      const asked = topic === '' ? ['--help'] : [topic, '--help'];
      // The bundle run directly, without the shim: commander itself.
      expect(printed(asked, join(DIST, 'cli.cjs')), topic).toBe(page);
    }
    expect(printed(['-h'])).toBe(pages['']);
    expect(printed(['help'])).toBe(pages['']);
    expect(printed(['help', 'status'])).toBe(pages.status);
    expect(printed(['status', '-h'])).toBe(pages.status);
    const { files } = loaded(['status', '--help'], dir);
    expect(files.filter((f) => f.includes('/dist/'))).toEqual([join(DIST, 'help.json')]);
    // Anything more, or a topic there is no page for, goes to commander.
    expect(
      loaded(['status', '--help', '--json'], dir).files.some((f) => f.endsWith('cli.cjs')),
    ).toBe(true);
    const unknown = spawnSync(process.execPath, [BIN, 'help', 'nosuch'], { encoding: 'utf8' });
    expect([unknown.status, unknown.stderr]).toEqual([
      2,
      expect.stringContaining('Unknown command `nosuch`'),
    ]);
  });

  it('a terminal narrower than the pages gets help wrapped to its width by commander', () => {
    if (spawnSync('script', ['--version'], { stdio: 'ignore' }).status !== 0) return;
    const screen = (cols: number) =>
      spawnSync(
        'script',
        ['-qec', `stty cols ${cols}; '${process.execPath}' '${BIN}' --help`, '/dev/null'],
        {
          encoding: 'utf8',
          env: { ...process.env, TERM: 'xterm' },
        },
      ).stdout.replace(/\r/g, '');
    const pages = JSON.parse(readFileSync(join(DIST, 'help.json'), 'utf8')) as Record<
      string,
      string
    >;
    // Commander wraps descriptions to the terminal, the command list too (minWidthToWrap).
    for (const cols of [60, 70]) {
      const narrow = screen(cols);
      expect(narrow).not.toBe(pages['']);
      expect(narrow.split('\n')[2]).toMatch(/^A personal learning roadmap for machine-learning/);
      for (const line of narrow.split('\n')) expect(line.length, line).toBeLessThanOrEqual(cols);
    }
    expect(screen(160)).toBe(pages['']);
  });

  it('open loads the opener only when a browser can show the page', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const { builtins, files } = loaded(['open'], dir, { CI: 'true' });
    expect(files.filter((f) => f.includes('/vendor/'))).toEqual([]);
    expect(builtins).not.toContain('child_process');
  });

  it('--version is answered before the bundle loads', () => {
    const { files } = loaded(['--version'], tempDir());
    expect(files.some((f) => f.endsWith('cli.cjs'))).toBe(false);
  });

  it('colour still works with the bundled colour detection left out', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    expect(run(dir, ['status'], { FORCE_COLOR: '1', NO_COLOR: '' }).stdout).toContain('\u001b[');
    expect(run(dir, ['status'], { NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });
});

describe('side bundles', () => {
  const require = createRequire(import.meta.url);

  it("conf's bundle leaves ajv out, and fails loudly if a schema is ever passed", () => {
    const Conf = require(join(DIST, 'vendor/conf.cjs'));
    const cwd = tempDir();
    expect(() => new Conf({ cwd, projectSuffix: '', schema: { a: { type: 'string' } } })).toThrow(
      'conf schema and migration options are not available in roadmap',
    );
    const conf = new Conf({ cwd, projectSuffix: '', accessPropertiesByDotNotation: false });
    conf.store = { 'a.b': 1 };
    expect(JSON.parse(readFileSync(join(cwd, 'config.json'), 'utf8'))).toEqual({ 'a.b': 1 });
  });

  it('the assert conf and the lock get checks what node:assert would, and only that', () => {
    const source = readFileSync(new URL('../../scripts/stubs/assert.cjs', import.meta.url), 'utf8');
    const assert = require(new URL('../../scripts/stubs/assert.cjs', import.meta.url).pathname);
    expect(source).toContain('isDeepStrictEqual');
    expect(() => assert.deepEqual({ a: [1] }, { a: [1] })).not.toThrow();
    expect(() => assert.deepEqual({}, { a: 1 })).toThrow(
      expect.objectContaining({ code: 'ERR_ASSERTION' }),
    );
    expect(() => assert.equal(typeof (() => 0), 'function', 'x')).not.toThrow();
    expect(() => assert.equal(typeof 1, 'function', 'a callback must be provided')).toThrow(
      'a callback must be provided',
    );
    expect(assert.ok).toBeUndefined();
  });

  it("the build works out the bundled catalog's revision; another file has it worked out again", () => {
    const text = readFileSync(join(DIST, '../data/catalog.json'), 'utf8');
    const revision = catalogRevision(JSON.parse(text) as Catalog);
    expect(readFileSync(join(DIST, 'cli.cjs'), 'utf8')).toContain(`revision:"${revision}"`);
    const seen = (bin: string) => {
      const dir = tempDir();
      const result = spawnSync(process.execPath, [bin, 'add', 'hf-course'], {
        env: { ...process.env, ROADMAP_CONFIG_DIR: dir },
        encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(0);
      return readdirSync(join(dir, 'catalogs-seen'));
    };
    expect(seen(BIN)).toEqual([`bundled@${revision}.json`]);
    // An install whose catalog isn't the one built with: a module renamed, the file's length
    // unchanged.
    const copy = tempDir();
    for (const part of ['bin', 'dist', 'data', 'package.json'])
      cpSync(join(DIST, '..', part), join(copy, part), { recursive: true });
    const edited = text.replace('"hf-course/chapter1/1"', '"hf-course/chapter1/Z"');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(join(copy, 'data/catalog.json'), edited);
    const editedRevision = catalogRevision(JSON.parse(edited) as Catalog);
    expect(editedRevision).not.toBe(revision);
    expect(seen(join(copy, 'bin/roadmap.js'))).toEqual([`bundled@${editedRevision}.json`]);
  });

  it("open's bundle exports the opener the main bundle imports", () => {
    const opener = require(join(DIST, 'vendor/open.cjs'));
    expect(typeof opener).toBe('function');
    expect(opener.default).toBe(opener);
  });

  it('the store constructs conf without schema, migrations or encryption', () => {
    const source = readFileSync(new URL('../../src/store/store.ts', import.meta.url), 'utf8');
    const options = source.slice(source.indexOf('new Conf'), source.indexOf('conf.store ='));
    for (const key of [
      'schema',
      'migrations',
      'ajvOptions',
      'rootSchema',
      'encryptionKey',
      'projectVersion',
    ]) {
      expect(options).not.toContain(key);
    }
  });
});

describe('the Node 20 code cache', () => {
  const hasCompileCache =
    typeof (createRequire(import.meta.url)('node:module') as { enableCompileCache?: unknown })
      .enableCompileCache === 'function';

  it.skipIf(hasCompileCache)('is written on the first run and accepted on the next', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'roadmap-cache-test-'));
    try {
      const env = { ...process.env, TMPDIR: tmp, ROADMAP_CONFIG_DIR: join(tmp, 'config') };
      for (let i = 0; i < 2; i++)
        expect(spawnSync(process.execPath, [BIN, 'next'], { env }).status).toBe(0);
      const dir = readdirSync(tmp).find((d) => d.startsWith('roadmap-code-cache-'))!;
      const files = readdirSync(join(tmp, dir));
      expect(files.some((f) => f.startsWith('cli.cjs-'))).toBe(true);
      const stamp = (f: string) => readFileSync(join(tmp, dir, f)).length;
      const before = files.map(stamp);
      expect(spawnSync(process.execPath, [BIN, 'next'], { env }).status).toBe(0);
      // Accepted caches are not rewritten.
      expect(readdirSync(join(tmp, dir)).map(stamp)).toEqual(before);
      expect(existsSync(join(tmp, 'config'))).toBe(false);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it.skipIf(hasCompileCache)(
    'keeps a cache per command, prunes only its own stale ones, and saves none for a failed run',
    () => {
      const tmp = mkdtempSync(join(tmpdir(), 'roadmap-cache-test-'));
      try {
        const env = { ...process.env, TMPDIR: tmp, ROADMAP_CONFIG_DIR: join(tmp, 'config') };
        const dir = join(tmp, `roadmap-code-cache-${process.getuid?.() ?? 'user'}`);
        const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env });
        run('next');
        // cli.cjs-<install>-next-v…: the install's part comes from the bundle's path.
        const place = readdirSync(dir)
          .find((f) => f.startsWith('cli.cjs-'))!
          .split('-')[1];
        const stale = `cli.cjs-${place}-status-v0.0.0-x64-1-1.bin`;
        const otherInstall = 'cli.cjs-elsewhere-status-v0.0.0-x64-1-1.bin';
        writeFileSync(join(dir, stale), 'stale');
        writeFileSync(join(dir, otherInstall), 'another install');
        // `--help --no-color` goes to commander; a plain `--help` is printed by the shim.
        const commands = [
          ['status'],
          ['--help', '--no-color'],
          ['nope'],
          ['add', 'hf-course'],
          // Output for scripts runs other code than the text: a cache of its own each.
          ['status', '--format', 'json'],
          ['next', '--json'],
          ['next', '--short'],
        ];
        for (const args of commands) run(...args);
        const files = readdirSync(dir);
        for (const key of [
          'next',
          'status',
          'flag-help',
          'add',
          'status.json',
          'next.json',
          'next.short',
        ])
          expect(files.filter((f) => f.startsWith(`cli.cjs-${place}-${key}-v`))).toHaveLength(1);
        expect(files).not.toContain(stale);
        expect(files).toContain(otherInstall);
        expect(files.some((f) => f.includes('-nope-'))).toBe(false);
        // Side bundles (here the lock's) keep one cache for every command.
        expect(files.filter((f) => f.startsWith('proper-lockfile.cjs-'))).toEqual([
          expect.stringMatching(/^proper-lockfile\.cjs-[a-z0-9]+-shared-v/),
        ]);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  );
});

describe('the compile cache directory', () => {
  const hasCompileCache =
    typeof (createRequire(import.meta.url)('node:module') as { enableCompileCache?: unknown })
      .enableCompileCache === 'function';
  const name = `${hasCompileCache ? 'roadmap-compile-cache' : 'roadmap-code-cache'}-${process.getuid?.() ?? 'user'}`;

  // Another user could plant cached code there, which V8 would run as ours.
  it.skipIf(process.platform === 'win32')(
    'is used only when it is ours alone: not writable by others, and not a symlink',
    () => {
      const tmp = mkdtempSync(join(tmpdir(), 'roadmap-cache-test-'));
      try {
        const env = { ...process.env, TMPDIR: tmp, ROADMAP_CONFIG_DIR: join(tmp, 'config') };
        const run = () => spawnSync(process.execPath, [BIN, 'next'], { env }).status;
        const shared = join(tmp, name);
        mkdirSync(shared);
        chmodSync(shared, 0o777);
        expect(run()).toBe(0);
        expect(run()).toBe(0);
        expect(readdirSync(shared)).toEqual([]);

        rmSync(shared, { recursive: true });
        const elsewhere = join(tmp, 'elsewhere');
        mkdirSync(elsewhere, { mode: 0o700 });
        symlinkSync(elsewhere, shared);
        expect(run()).toBe(0);
        expect(readdirSync(elsewhere)).toEqual([]);

        // A relative TMPDIR would put one wherever the command runs: none is made.
        const cwd = join(tmp, 'cwd');
        mkdirSync(cwd);
        expect(
          spawnSync(process.execPath, [BIN, 'next'], { env: { ...env, TMPDIR: '.' }, cwd }).status,
        ).toBe(0);
        expect(readdirSync(cwd)).toEqual([]);

        // Its own directory, made fresh, is private, and used.
        rmSync(shared);
        expect(run()).toBe(0);
        expect(statSync(shared).mode & 0o077).toBe(0);
        expect(readdirSync(shared).length).toBeGreaterThan(0);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  );
});

describe('the benchmark', () => {
  it('runs end to end on a tiny fixture', () => {
    const result = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('../../bench/run.mjs', import.meta.url)), '--quick'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('| roadmap next |');
    expect(result.stdout).toContain('| roadmap done');
    expect(result.stdout).toMatch(/\| roadmap --version \| \d+\.\d+×/);
    expect(result.stdout).toMatch(/\| node: commander alone printing a help \| \d+\.\d+×/);
    expect(result.stdout).toMatch(
      /\| node: JSON\.parse of config\.json alone \(scale\) \| \d+\.\d+×/,
    );
    expect(result.stdout).toMatch(
      /\| roadmap log: time above bare node, 10 → 100 log entries \| -?\d+\.\d+×/,
    );
    // About 150 runs of roadmap and node, even at 3 pairs a figure: longer than the default.
  }, 150_000);
});
