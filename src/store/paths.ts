import { homedir, userInfo } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import envPaths from 'env-paths';
import { Failure } from '../errors.js';

export interface StorePaths {
  dir: string;
  /** The conf store: roadmap, progress, settings. */
  config: string;
  /** Which version of the config file roadmap last wrote (see isAsWritten). */
  checked: string;
  /** Append-only activity log, one JSON object per line. */
  log: string;
  /** Entries of changes interrupted before their state was written, kept when a change cuts them. */
  interrupted: string;
  /** Held while a command changes state. */
  lock: string;
  /** Imported catalogs, one `<catalog id>.json` each. */
  catalogs: string;
  /** Copies of the state taken before an import, one timestamped file each. */
  backups: string;
  /** Which version of each catalog `status` last told you about (see catalog-seen.ts). */
  seen: string;
}

/**
 * Precedence: --config-dir, then ROADMAP_CONFIG_DIR, then conf's own location for project
 * "roadmap" with no suffix (on Linux, $XDG_CONFIG_HOME/roadmap or ~/.config/roadmap).
 */
export function resolveStorePaths(flag: string | undefined, env: NodeJS.ProcessEnv): StorePaths {
  const chosen = flag || env.ROADMAP_CONFIG_DIR;
  const dir = chosen ? resolve(expandHome(chosen, env)) : defaultDir(env);
  return {
    dir,
    config: join(dir, 'config.json'),
    checked: join(dir, 'config.checked'),
    log: join(dir, 'activity.jsonl'),
    interrupted: join(dir, 'activity.interrupted.jsonl'),
    lock: join(dir, 'config.lock'),
    catalogs: join(dir, 'catalogs'),
    backups: join(dir, 'backups'),
    seen: join(dir, 'catalogs-seen'),
  };
}

/**
 * conf's own location. env-paths takes XDG_CONFIG_HOME as it is, but the XDG spec says a relative
 * one is invalid and to be ignored: taken, it would put the roadmap wherever the command runs.
 */
function defaultDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CONFIG_HOME;
  const usesXdg = process.platform !== 'darwin' && process.platform !== 'win32';
  if (usesXdg && xdg && isAbsolute(xdg)) return join(xdg, 'roadmap');
  const home = homeDir();
  // As env-paths names it, but with the home directory as homeDir gives it.
  if (usesXdg) return join(home, '.config', 'roadmap');
  if (process.platform === 'darwin') return join(home, 'Library', 'Preferences', 'roadmap');
  return envPaths('roadmap', { suffix: '' }).config;
}

/**
 * The home directory, always absolute. An empty or relative HOME (cron, some sudo and container
 * set-ups) would put the roadmap in whatever directory the command runs in, and another roadmap
 * in the next: then the account's home stands in, as when HOME is unset.
 */
function homeDir(): string {
  const home = homedir();
  if (isAbsolute(home)) return home;
  let account = '';
  try {
    account = userInfo().homedir;
  } catch {
    // No account entry: said below.
  }
  if (isAbsolute(account)) return account;
  throw new Failure(
    `HOME is ${home === '' ? 'empty' : `relative (${home})`}, so roadmap can't tell where your roadmap lives.`,
    "Set HOME to your home directory, or name the roadmap's directory: ROADMAP_CONFIG_DIR=/path/to/roadmap",
  );
}

/**
 * A leading `~` or `~/` as the home directory. The shell expands it in a word of its own, but
 * not in `--config-dir=~/notes` or a quoted "~/notes", which would otherwise make a folder
 * named `~` in the current one.
 */
export function expandHome(path: string, env: NodeJS.ProcessEnv): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  const home = env.HOME && isAbsolute(env.HOME) ? env.HOME : homeDir();
  return join(home, path.slice(1));
}
