import { existsSync, readdirSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { expandHome, resolveStorePaths } from '../../src/store/paths.js';
import { tempDir } from '../helpers/temp.js';

describe('a leading ~ in a path option', () => {
  it('is the home directory, as the shell would have made it', () => {
    const env = { HOME: '/home/ada' };
    expect(expandHome('~', env)).toBe('/home/ada');
    expect(expandHome('~/notes/rm', env)).toBe('/home/ada/notes/rm');
    // Only the shell's own forms: another user's home, or a ~ inside a name, stay as written.
    expect(expandHome('~bob/rm', env)).toBe('~bob/rm');
    expect(expandHome('a/~/rm', env)).toBe('a/~/rm');
    expect(expandHome('~rm', env)).toBe('~rm');
    expect(resolveStorePaths('~/rm', env).config).toBe('/home/ada/rm/config.json');
    expect(resolveStorePaths(undefined, { ...env, ROADMAP_CONFIG_DIR: '~/x' }).dir).toBe(
      '/home/ada/x',
    );
  });

  it('--config-dir=~/dir and plan --ics=~/file write under home, not in a folder named ~', async () => {
    const home = tempDir();
    const cwd = process.cwd();
    const world = (argv: string[]) => ({
      argv,
      env: { HOME: home, ROADMAP_NOW: '2026-03-02T09:00:00Z', NO_COLOR: '1' },
      stdout: { write: () => true },
      stderr: { write: () => true },
      isInteractive: false,
    });
    expect(await main(world(['--config-dir=~/rm', 'add', 'mlep']))).toBe(0);
    expect(await main(world(['--config-dir=~/rm', 'goal', '--hours-per-week', '5']))).toBe(0);
    expect(await main(world(['--config-dir=~/rm', 'plan', '--ics=~/plan.ics']))).toBe(0);
    expect(existsSync(join(home, 'rm', 'config.json'))).toBe(true);
    expect(existsSync(join(home, 'plan.ics'))).toBe(true);
    expect(readdirSync(cwd)).not.toContain('~');
  });
});

describe('the default config directory', () => {
  const xdgPlatform = process.platform !== 'darwin' && process.platform !== 'win32';

  it.skipIf(!xdgPlatform)('ignores a relative XDG_CONFIG_HOME, as the XDG spec says', () => {
    const saved = process.env.XDG_CONFIG_HOME;
    const env = () => ({ ...process.env, ROADMAP_CONFIG_DIR: undefined });
    try {
      // Only paths are worked out here; nothing is read or written.
      process.env.XDG_CONFIG_HOME = 'relative/config';
      expect(resolveStorePaths(undefined, env()).dir).toBe(join(homedir(), '.config', 'roadmap'));
      process.env.XDG_CONFIG_HOME = '/elsewhere/config';
      expect(resolveStorePaths(undefined, env()).dir).toBe('/elsewhere/config/roadmap');
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  });

  // cron, some sudo and container set-ups: the roadmap would land in whatever directory a
  // command runs in, and seem to vanish in the next.
  it.skipIf(!xdgPlatform)("an empty or relative HOME gives the account's home instead", () => {
    const saved = { HOME: process.env.HOME, XDG: process.env.XDG_CONFIG_HOME };
    const account = userInfo().homedir;
    try {
      delete process.env.XDG_CONFIG_HOME;
      for (const home of ['', 'relative/home']) {
        process.env.HOME = home;
        expect(resolveStorePaths(undefined, {}).dir).toBe(join(account, '.config', 'roadmap'));
        expect(resolveStorePaths('~/rm', { HOME: home }).dir).toBe(join(account, 'rm'));
      }
    } finally {
      process.env.HOME = saved.HOME;
      if (saved.XDG === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved.XDG;
    }
  });
});
