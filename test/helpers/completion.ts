import { spawnSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BIN, FIXED_NOW } from './run-bin.js';
import { tempDir } from './temp.js';

/** Where a shell is installed, as `command -v` sees it; null when it isn't. */
export function shellPath(name: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

export function hasShell(name: string): boolean {
  return shellPath(name) !== null;
}

// By its full path, so a test may hand the script a PATH without roadmap, or without bash.
const BASH = shellPath('bash') ?? 'bash';

/** A PATH on which `roadmap` is the built bin, as the scripts call it by name. */
export function pathWithRoadmap(): string {
  const bin = tempDir('roadmap-path-');
  symlinkSync(BIN, join(bin, 'roadmap'));
  return [bin, dirname(process.execPath), process.env.PATH].join(':');
}

/**
 * The words bash hands a completion function for a command line typed up to the cursor: split
 * at blanks, with each run of `=` or `:` (both in bash's default COMP_WORDBREAKS) a word of its
 * own. A line ending in a blank completes an empty word. No quoting: tests type plain words.
 */
export function bashWords(line: string): string[] {
  const words = line.split(' ').flatMap((w) => w.split(/([=:]+)/).filter((p) => p !== ''));
  if (line.endsWith(' ')) words.push('');
  return words;
}

/**
 * Sources `roadmap completion bash` in a bare, non-interactive bash (no rc files, no
 * bash-completion package), sets COMP_WORDS and COMP_CWORD as bash would for `line`, calls the
 * completion function, and returns COMPREPLY along with anything bash printed on stderr.
 */
export function completeInBash(
  configDir: string,
  line: string,
  env: NodeJS.ProcessEnv = {},
): { reply: string[]; stderr: string } {
  const script = join(tempDir('roadmap-script-'), 'roadmap.bash');
  const generated = spawnSync(process.execPath, [BIN, 'completion', 'bash'], { encoding: 'utf8' });
  if (generated.status !== 0) throw new Error(generated.stderr);
  writeFileSync(script, generated.stdout);
  const driver = [
    'source "$1"',
    'shift',
    'COMP_WORDS=("$@")',
    'COMP_CWORD=$(($# - 1))',
    '_roadmap_completion',
    `printf "%s\\n" "\${COMPREPLY[@]}"`,
  ].join('\n');
  const result = spawnSync(
    BASH,
    ['--norc', '--noprofile', '-c', driver, 'bash', script, ...bashWords(line)],
    {
      env: {
        ...process.env,
        PATH: pathWithRoadmap(),
        ROADMAP_CONFIG_DIR: configDir,
        ROADMAP_NOW: FIXED_NOW,
        ...env,
      },
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  if (result.status !== 0) throw new Error(`bash exited ${result.status}: ${result.stderr}`);
  const reply = result.stdout.split('\n').slice(0, -1);
  return { reply: reply.length === 1 && reply[0] === '' ? [] : reply, stderr: result.stderr };
}
