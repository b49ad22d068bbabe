import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXED_NOW, run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;
const hasPython = spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;

/** Runs argv[1:] with stdin on a terminal it then closes; prints how it ended, then its stderr. */
const CLOSE_TERMINAL = `
import os, pty, select, sys, time
err_master, err_slave = pty.openpty()
pid, fd = pty.fork()
if pid == 0:
    os.dup2(err_slave, 2)
    os.execvp('node', ['node'] + sys.argv[1:])
os.close(err_slave)
err = b''
deadline = time.time() + 10
while b'?' not in err and time.time() < deadline:
    if select.select([err_master], [], [], 0.1)[0]:
        err += os.read(err_master, 65536)
time.sleep(0.3)
os.close(fd)
status = None
reading = True
deadline = time.time() + 10
while status is None and time.time() < deadline:
    if reading and select.select([err_master], [], [], 0.05)[0]:
        try:
            err += os.read(err_master, 65536)
        except OSError:
            reading = False
    else:
        time.sleep(0.05)
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        status = os.waitstatus_to_exitcode(st)
if status is None:
    os.kill(pid, 9)
print('exit', status)
print(err.decode(errors='replace'))
`;

interface PtyRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  screen: string;
}

/**
 * Runs roadmap on a real pseudo-terminal (util-linux `script`), waits for `prompt` to appear,
 * then types `keys` (or, for 'SIGHUP', hangs up on the command).
 */
function onPty(
  dir: string,
  args: string[],
  prompt: string,
  keys: string[] | 'SIGHUP',
): Promise<PtyRun> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: {
        ...process.env,
        ROADMAP_CONFIG_DIR: dir,
        ROADMAP_NOW: FIXED_NOW,
        TERM: 'xterm',
        NO_COLOR: '1',
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let screen = '';
    let typed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out; screen:\n${screen}`));
    }, 20_000);
    child.stdout.on('data', async (data) => {
      screen += data;
      if (typed || !screen.includes(prompt)) return;
      typed = true;
      if (keys === 'SIGHUP') {
        spawnSync('pkill', ['-HUP', '-f', `${BIN} ${args.join(' ')}`]);
        return;
      }
      for (const key of keys) {
        child.stdin.write(key);
        await new Promise((r) => setTimeout(r, 60));
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, screen });
    });
  });
}

/**
 * What `commands` print on a real terminal `columns` wide (util-linux `script`), line by line,
 * without colour; stderr too, unless `quiet`.
 */
function atWidth(dir: string, columns: number, commands: string[], quiet = false): string[] {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ROADMAP_CONFIG_DIR: dir,
    ROADMAP_NOW: FIXED_NOW,
    TERM: 'xterm',
    NO_COLOR: '1',
  };
  const line = commands
    .map((c) => `'${process.execPath}' '${BIN}' ${c}${quiet ? ' 2>/dev/null' : ''}`)
    .join('; ');
  const result = spawnSync('script', ['-qfec', `stty cols ${columns}; ${line}`, '/dev/null'], {
    env,
    encoding: 'utf8',
  });
  return result.stdout.split(/\r?\n/);
}

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const ESC = '\u001b';
const SPACE = ' ';
const ENTER = '\r';

describe.skipIf(!hasScript)('prompts on a real terminal', () => {
  it('`add` with no ids: choose with space and enter', async () => {
    const dir = tempDir();
    const result = await onPty(dir, ['add'], 'Which courses', [SPACE, ENTER]);
    expect(result.code).toBe(0);
    expect(
      JSON.parse(run(dir, ['status', '--json']).stdout).courses.map((c: { id: string }) => c.id),
    ).toEqual(['mlep-intro']);
  });

  it.each([
    ['Ctrl+C', CTRL_C],
    ['Ctrl+D', CTRL_D],
    ['Esc', ESC],
  ])('%s in the `add` checklist exits 130 and writes nothing', async (_, key) => {
    const dir = tempDir();
    const result = await onPty(dir, ['add'], 'Which courses', [key]);
    expect(result.code).toBe(130);
    expect(result.screen).toContain('Cancelled; nothing was changed.');
    expect(result.screen).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('Ctrl+D cancels after a tick in the checklist, or a letter typed in a confirmation', async () => {
    const dir = tempDir();
    const ticked = await onPty(dir, ['add'], 'Which courses', [SPACE, CTRL_D]);
    expect(ticked.code).toBe(130);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
    run(dir, ['add', 'hf-course', 'mlep-data']);
    const before = readFileSync(join(dir, 'config.json'), 'utf8');
    const typed = await onPty(dir, ['remove', 'mlep-data'], 'Remove mlep-data', ['y', CTRL_D]);
    expect(typed.code).toBe(130);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
  });

  it('letters typed in the `add` checklist select nothing: there are no one-letter shortcuts', async () => {
    const dir = tempDir();
    const result = await onPty(dir, ['add'], 'Which courses', [...'made', 'i', ENTER]);
    expect(result.code).toBe(0);
    expect(result.screen).toContain('Nothing selected; nothing changed.');
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('TERM=dumb counts as no terminal: no prompt, exit 2 and what to pass', () => {
    const dir = tempDir();
    const result = spawnSync(
      'script',
      ['-qfec', `'${process.execPath}' '${BIN}' add`, '/dev/null'],
      {
        env: { ...process.env, ROADMAP_CONFIG_DIR: dir, ROADMAP_NOW: FIXED_NOW, TERM: 'dumb' },
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('roadmap add');
    expect(result.stdout).toContain(
      '(TERM=dumb counts as none: a prompt needs to move the cursor)',
    );
    expect(result.stdout).not.toContain('Which courses');
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('a hang-up mid-prompt leaves the state untouched', async () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const before = readFileSync(join(dir, 'config.json'));
    const result = await onPty(dir, ['remove', 'hf-course'], 'Remove hf-course', 'SIGHUP');
    expect(result.code === 0 && result.signal === null).toBe(false);
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);
  });

  it.skipIf(!hasPython)(
    'a terminal closed mid-prompt ends the command as a hang-up, without a crash',
    () => {
      const dir = tempDir();
      run(dir, ['add', 'hf-course']);
      const before = readFileSync(join(dir, 'config.json'));
      // stdin on one terminal, which is closed while the prompt waits; stderr on another, read.
      const result = spawnSync('python3', ['-c', CLOSE_TERMINAL, BIN, 'remove', 'hf-course'], {
        env: { ...process.env, ROADMAP_CONFIG_DIR: dir, ROADMAP_NOW: FIXED_NOW, TERM: 'xterm' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      const [status, ...stderr] = result.stdout.split('\n');
      expect(stderr.join('\n')).toContain('Remove hf-course');
      expect(stderr.join('\n')).not.toMatch(/Assertion failed|Error|\n\s+at /);
      // Killed by SIGHUP, as a hang-up ends a program: not an abort (-6).
      expect(status).toBe('exit -1');
      expect(readFileSync(join(dir, 'config.json'))).toEqual(before);
    },
  );

  it('messages on stderr are coloured as stderr allows, whatever stdout is', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep']);
    const log = join(dir, 'messages.log');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ROADMAP_CONFIG_DIR: dir,
      ROADMAP_NOW: FIXED_NOW,
      TERM: 'xterm',
    };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    // stdout on a terminal, stderr to a file: the file gets no colour codes.
    const command = `'${process.execPath}' '${BIN}' done 2>'${log}'`;
    const result = spawnSync('script', ['-qfec', command, '/dev/null'], { env, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('\u001b['); // stdout, a terminal, is coloured
    const messages = readFileSync(log, 'utf8');
    expect(messages).toContain('✓ Done: Overview of the ML Lifecycle and Deployment');
    expect(messages).not.toContain('\u001b');
  });

  it('output fits a terminal narrower than 80 columns', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep']);
    for (const week of [1, 2, 3]) run(dir, ['done', `mlep-intro/week-${week}`, '--minutes', '300']);
    // `log` and `show` keep ids and links whole, so they are left out here.
    const lines = atWidth(dir, 60, ['next', 'status']);
    expect(lines.some((l) => l.includes('Build something of your own'))).toBe(true);
    expect(lines.some((l) => l.includes('Study hours, last 12 weeks'))).toBe(true);
    // A command on a line of its own stays whole, to be copied; everything else fits.
    const wide = lines.filter((l) => [...l].length > 60 && !l.startsWith('  roadmap '));
    expect(wide).toEqual([]);
    expect(lines).toContain('Or pick one by id:');
  });

  it('at 40 columns too: bare roadmap, status and a project with a long title', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep']);
    run(dir, [
      'done',
      'mlep-intro/week-1',
      '--minutes',
      '300',
      '--note',
      'a first pass over it all',
    ]);
    const title = 'Drift alerts for my bike-share demand model, with a really long title';
    run(dir, ['project', 'mlep-intro', title]);
    run(dir, ['project', 'mlep-intro', '--repo', 'r']);
    run(dir, ['project', 'mlep-intro', '--shipped', 's']);
    const lines = atWidth(
      dir,
      40,
      ['', 'status', 'project mlep-intro', 'show mlep-intro', 'project'],
      true,
    );
    expect(lines.some((l) => l.startsWith('Drift alerts for my'))).toBe(true);
    // The project list wraps under the title, a stage and its date together.
    expect(lines.some((l) => l.startsWith('mlep-intro  Drift alerts for my'))).toBe(true);
    expect(lines.filter((l) => /^ {12}→ (started|shipped) \d{4}-\d\d-\d\d$/.test(l))).toHaveLength(
      2,
    );
    expect(lines.some((l) => l.includes('across 4 courses'))).toBe(true);
    // Links, commands on lines of their own, and show's module rows (an id whole, a title of 16
    // columns at least) may be wider; everything else fits.
    const wide = lines.filter(
      (l) =>
        [...l].length > 40 &&
        !l.includes('https://') &&
        !l.startsWith('  roadmap ') &&
        !/^ {2}[✓·–] mlep-intro\//.test(l),
    );
    expect(wide).toEqual([]);
  });

  it('log at 40 columns: lines under an entry start near the left, not a word a line', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep', 'hf-course']);
    run(dir, ['done', '--minutes', '30', '--note', 'a note long enough to wrap at forty columns']);
    run(dir, ['done', 'hf-course/chapter1/1', '--switch', '--reason', 'work task']);
    const lines = atWidth(dir, 40, ['log'], true);
    expect(lines).toContain('    focus: mlep-intro parked (for');
    expect(lines).toContain('    note: a note long enough to wrap at');
    // Entry rows keep their ids whole; the lines under them fit.
    const under = lines.filter((l) => l.startsWith('    '));
    expect(under.length).toBeGreaterThan(3);
    expect(under.filter((l) => [...l].length > 40)).toEqual([]);
  });

  it('`remove` asks: Ctrl+C exits 130 and no keeps the course, both writing nothing; yes removes it', async () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const before = readFileSync(join(dir, 'config.json'));
    expect((await onPty(dir, ['remove', 'hf-course'], 'Remove hf-course', [CTRL_C])).code).toBe(
      130,
    );
    const no = await onPty(dir, ['remove', 'hf-course'], 'Remove hf-course', ['n', ENTER]);
    expect(no.code).toBe(1);
    expect(no.screen).toContain('Nothing removed.');
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);
    expect((await onPty(dir, ['remove', 'hf-course'], 'Remove hf-course', ['y', ENTER])).code).toBe(
      0,
    );
    expect(JSON.parse(run(dir, ['status', '--json']).stdout).courses).toEqual([]);
  });

  it('a switch asks: no writes nothing and exits 1; yes switches', async () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course']);
    const before = readFileSync(join(dir, 'config.json'));
    const args = ['done', 'hf-course/chapter1/1'];
    const no = await onPty(dir, args, 'Switch to it?', ['n', ENTER]);
    expect(no.code).toBe(1);
    expect(no.screen).toContain('Nothing changed; mlep-intro stays in focus.');
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);
    const yes = await onPty(dir, args, 'Switch to it?', ['y', ENTER]);
    expect(yes.code).toBe(0);
    expect(yes.screen).toContain('Parked mlep-intro to make room for hf-course');
    expect(JSON.parse(run(dir, ['status', '--json']).stdout).focus.active).toEqual(['hf-course']);
  });

  it('`project <course>` offers the catalog’s ideas: enter picks one; Ctrl+C writes nothing', async () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    const before = readFileSync(join(dir, 'config.json'));
    const cancelled = await onPty(dir, ['project', 'mlep-intro'], 'pick an idea', [CTRL_C]);
    expect(cancelled.code).toBe(130);
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);
    const picked = await onPty(dir, ['project', 'mlep-intro'], 'pick an idea', [ENTER]);
    expect(picked.code).toBe(0);
    const shown = JSON.parse(run(dir, ['project', 'mlep-intro', '--json']).stdout);
    expect(shown.current).toMatchObject({ ideaId: shown.ideas[0].id, stage: 'idea' });
  });
});

describe('without a terminal', () => {
  it.each([
    [['add'], 2],
    [['remove', 'hf-course'], 2],
    [['done', 'mlep-intro/week-1'], 2],
    // Nothing to ask: the ideas are listed instead.
    [['project', 'hf-course'], 0],
  ])('roadmap %j never waits on an open, silent stdin', async (args, expected) => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course', 'mlep-intro']);
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ROADMAP_CONFIG_DIR: dir, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(-1);
      }, 15_000);
      child.on('close', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(expected);
  });
});

describe('stdin that is a terminal', () => {
  it.skipIf(!hasScript)(
    'import -, catalog import - and catalog validate - refuse it at once instead of waiting',
    () => {
      const dir = tempDir();
      for (const args of [
        ['import', '-'],
        ['catalog', 'import', '-'],
        ['catalog', 'validate', '-'],
      ]) {
        const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
        const result = spawnSync('script', ['-qec', command, '/dev/null'], {
          env: { ...process.env, ROADMAP_CONFIG_DIR: dir, NO_COLOR: '1' },
          encoding: 'utf8',
          timeout: 15_000,
        });
        expect([result.status, result.stdout], args.join(' ')).toEqual([
          2,
          expect.stringContaining('stdin is your terminal'),
        ]);
      }
      expect(existsSync(join(dir, 'catalogs'))).toBe(false);
    },
  );
});
