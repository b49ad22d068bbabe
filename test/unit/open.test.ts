import { describe, expect, it } from 'vitest';
import { indexCatalogs } from '../../src/catalog/catalog-index.js';
import { main } from '../../src/cli.js';
import type { OpenJson } from '../../src/commands/open-page.js';
import { type NoBrowserReason, webUrl, whyNoBrowser } from '../../src/core/open-url.js';
import { course } from '../helpers/catalog.js';
import { tempDir } from '../helpers/temp.js';

describe('whether a browser can open here', () => {
  const desktop = { DISPLAY: ':0' };
  it.each<[string, NodeJS.ProcessEnv, NodeJS.Platform, NoBrowserReason | null]>([
    ['Linux with X', desktop, 'linux', null],
    ['Linux with Wayland', { WAYLAND_DISPLAY: 'wayland-0' }, 'linux', null],
    ['Linux without a display', {}, 'linux', 'no-display'],
    [
      'Linux with empty display variables',
      { DISPLAY: '', WAYLAND_DISPLAY: '' },
      'linux',
      'no-display',
    ],
    ['FreeBSD without a display', {}, 'freebsd', 'no-display'],
    ['WSL without a display', { WSL_DISTRO_NAME: 'Ubuntu' }, 'linux', null],
    ['macOS', {}, 'darwin', null],
    ['Windows', {}, 'win32', null],
    ['SSH_CONNECTION', { ...desktop, SSH_CONNECTION: '10.0.0.1 5 10.0.0.2 22' }, 'linux', 'ssh'],
    ['SSH_TTY', { SSH_TTY: '/dev/pts/0' }, 'darwin', 'ssh'],
    ['an empty SSH_TTY', { ...desktop, SSH_TTY: '' }, 'linux', null],
    ['CI', { ...desktop, CI: 'true' }, 'linux', 'ci'],
    ['CI=1 on macOS', { CI: '1' }, 'darwin', 'ci'],
    ['an empty CI', { ...desktop, CI: '' }, 'linux', null],
    ['BROWSER=none', { ...desktop, BROWSER: 'none' }, 'darwin', 'browser-none'],
    [
      'BROWSER=none wins over CI and SSH',
      { BROWSER: 'none', CI: 'true', SSH_TTY: 'x' },
      'linux',
      'browser-none',
    ],
    ['another BROWSER', { ...desktop, BROWSER: 'firefox' }, 'linux', null],
    ['CI wins over SSH', { CI: 'true', SSH_TTY: '/dev/pts/0' }, 'linux', 'ci'],
  ])('%s', (_, env, platform, expected) => {
    expect(whyNoBrowser(env, platform)).toBe(expected);
  });
});

describe('which addresses are opened', () => {
  it.each([
    [
      'https://huggingface.co/learn/llm-course/chapter1/1',
      'https://huggingface.co/learn/llm-course/chapter1/1',
    ],
    ['http://example.org', 'http://example.org/'],
    [' HTTPS://Example.org/a b ', 'https://example.org/a%20b'],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['ftp://example.org/x', null],
    ['vscode://file/x', null],
    ['/relative/path', null],
    ['', null],
  ])('%s → %s', (text, expected) => {
    expect(webUrl(text)).toBe(expected);
  });
});

describe('roadmap open', () => {
  const catalog = indexCatalogs([
    {
      formatVersion: 1,
      id: 'test',
      courses: [course('a', 2), course('odd', 1, {}, [{ url: 'file:///etc/passwd' }])],
    },
  ]);

  async function cli(
    argv: string[],
    options: {
      env?: NodeJS.ProcessEnv;
      opener?: (url: string) => Promise<void>;
      courses?: string[];
    } = {},
  ) {
    const dir = tempDir();
    const opened: string[] = [];
    const world = (args: string[]) => {
      let stdout = '';
      let stderr = '';
      return {
        out: () => ({ stdout, stderr }),
        run: () =>
          main({
            argv: args,
            env: {
              ROADMAP_CONFIG_DIR: dir,
              ROADMAP_NOW: '2026-03-02T09:00:00Z',
              NO_COLOR: '1',
              ...options.env,
            },
            stdout: { write: (t: string) => (stdout += t) },
            stderr: { write: (t: string) => (stderr += t) },
            isInteractive: false,
            overrides: {
              catalog,
              openUrl:
                options.opener ??
                (async (url) => {
                  opened.push(url);
                }),
            },
          }),
      };
    };
    const courses = options.courses ?? ['a', 'odd'];
    if (courses.length > 0) await world(['add', ...courses]).run();
    const w = world(argv);
    const code = await w.run();
    return { code, ...w.out(), opened };
  }

  // A display, so that whether a browser can open is decided by the variables each test adds.
  const desktop = { DISPLAY: ':0' };

  it('opens the next module, or the one named, through the context', async () => {
    const next = await cli(['open'], { env: desktop });
    expect(next).toMatchObject({ code: 0, stdout: '', opened: ['https://example.org/a/1'] });
    expect(next.stderr).toBe('Opened a module 1 (a/m1) in your browser.\n');
    const named = await cli(['open', 'm2'], { env: desktop });
    expect(named.opened).toEqual(['https://example.org/a/2']);
  });

  it('prints the address and says why when no browser can open, and opens nothing', async () => {
    const result = await cli(['open'], { env: { ...desktop, CI: 'true' } });
    expect(result).toMatchObject({ code: 0, stdout: 'https://example.org/a/1\n', opened: [] });
    expect(result.stderr).toContain('Not opened in a browser: CI is set');
  });

  it('--json prints {url, opened, reason}', async () => {
    const parse = (r: { stdout: string }) => JSON.parse(r.stdout) as OpenJson;
    expect(parse(await cli(['open', '--json'], { env: desktop }))).toEqual({
      url: 'https://example.org/a/1',
      opened: true,
      reason: null,
    });
    expect(
      parse(await cli(['open', '--json'], { env: { ...desktop, SSH_TTY: '/dev/pts/1' } })),
    ).toEqual({
      url: 'https://example.org/a/1',
      opened: false,
      reason: 'ssh',
    });
  });

  it('a browser that fails to start prints the address and the error, exit 0', async () => {
    const result = await cli(['open', '--json'], {
      env: desktop,
      opener: async () => {
        throw new Error('spawn xdg-open ENOENT');
      },
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ opened: false, reason: 'failed' });
    const text = await cli(['open'], {
      env: desktop,
      opener: async () => {
        throw new Error('spawn xdg-open ENOENT');
      },
    });
    expect(text.stdout).toBe('https://example.org/a/1\n');
    expect(text.stderr).toContain('no browser could be started (spawn xdg-open ENOENT)');
    // As Node reports a missing opener: said in words.
    const missing = await cli(['open'], {
      env: desktop,
      opener: async () => {
        throw Object.assign(new Error('spawn xdg-open ENOENT'), { code: 'ENOENT' });
      },
    });
    expect(missing.stderr).toContain('no browser could be started (xdg-open is not installed)');
  });

  it('refuses an address that is not http or https, exit 1', async () => {
    const result = await cli(['open', 'odd/m1'], { env: desktop });
    expect(result.code).toBe(1);
    expect(result.opened).toEqual([]);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      'Not opening `file:///etc/passwd`: roadmap opens only http and https addresses.',
    );
  });

  it('next --open shows the next module and opens it; with nothing next, opens nothing', async () => {
    const result = await cli(['next', '--open'], { env: desktop });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('https://example.org/a/1');
    expect(result.stderr).toContain('Opened it in your browser.');
    expect(result.opened).toEqual(['https://example.org/a/1']);
    const off = await cli(['next', '--open'], { env: { ...desktop, BROWSER: 'none' } });
    expect(off.stderr).toContain('Not opened in a browser: BROWSER is set to none.');
    expect(off.opened).toEqual([]);
    expect((await cli(['next', '--open', '--json'], { env: desktop })).code).toBe(2);
    expect((await cli(['next', '--open', '--short'], { env: desktop })).code).toBe(2);
  });

  it('an unknown module is a usage error, and an empty roadmap has nothing to open', async () => {
    const unknown = await cli(['open', 'nosuch'], { env: desktop });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown module `nosuch`');
    const empty = await cli(['open'], { env: desktop, courses: [] });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('Your roadmap is empty, so there is nothing to open.');
    expect(empty.opened).toEqual([]);
  });
});
