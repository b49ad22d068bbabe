import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, FIXED_NOW, json, run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

const STACK = /\n\s+at .+:\d+:\d+/;

describe('a damaged config file', () => {
  it.each([
    ['empty', ''],
    ['truncated JSON', '{"schemaVersion":1,"roadmap":[{"courseId":"hf-co'],
    ['binary garbage', '\u0000\u00ff\u0001PK\u0003\u0004garbage'],
    [
      'the wrong shape',
      '{"schemaVersion":1,"roadmap":"hf-course","progress":[],"settings":{},"log":{"bytes":0,"entries":0}}',
    ],
    ['a JSON array', '[1,2,3]'],
    ...['"banana"', '-1', '2.5', 'true', 'null', '{}'].map((version) => [
      `schemaVersion ${version}`,
      readFileSync(join(import.meta.dirname, '..', 'fixtures', 'state', 'v3.json'), 'utf8').replace(
        /"schemaVersion": ?3/,
        `"schemaVersion": ${version}`,
      ),
    ]),
  ])('%s: commands stop with exit 1, name the file, and leave its bytes alone', (_, content) => {
    const dir = tempDir();
    const file = join(dir, 'config.json');
    writeFileSync(file, content);
    for (const args of [['next'], ['status', '--json'], ['done', 'x'], ['add', 'mlep']]) {
      const result = run(dir, args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toContain('roadmap doctor');
      expect(result.stderr).not.toMatch(STACK);
    }
    expect(readFileSync(file, 'utf8')).toBe(content);
    // These still work.
    expect(run(dir, ['--help']).code).toBe(0);
    expect(run(dir, ['--version']).code).toBe(0);
    expect(run(dir, ['config', 'path'])).toMatchObject({ code: 0, stdout: `${file}\n` });
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(`✗ ${file}:`);
    expect(doctor.stderr).toContain('roadmap doctor --repair');
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('a future schema version is refused, kept, and not "repaired"', () => {
    const dir = tempDir();
    const file = join(dir, 'config.json');
    const content = JSON.stringify({
      schemaVersion: 99,
      roadmap: [],
      progress: {},
      settings: {},
      log: { bytes: 0, entries: 0 },
    });
    writeFileSync(file, content);
    const result = run(dir, ['status']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('written by a newer version of roadmap (schema version 99)');
    expect(run(dir, ['doctor', '--repair']).code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it("a directory in the file's place gives exit 1 and a message", () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'config.json'));
    const result = run(dir, ['status']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('it is a directory');
  });

  // A pipe held open() until something wrote to it: a shell prompt's `next --short` hung.
  it.skipIf(process.platform === 'win32')(
    'a pipe or a device in place of config.json, the log or a catalog: a message, never a hang',
    () => {
      const dir = tempDir();
      spawnSync('mkfifo', [join(dir, 'config.json')]);
      for (const args of [['next'], ['status'], ['add', 'mlep'], ['doctor']]) {
        const result = run(dir, args);
        expect(result.code).toBe(1);
        expect(result.stderr + result.stdout).toContain(
          'it is not a regular file (a pipe, a device or a socket)',
        );
      }
      // A shell prompt's line: one line on stdout, nothing on stderr, which the prompt would show.
      expect(run(dir, ['next', '--short'])).toMatchObject({
        code: 1,
        stdout: 'roadmap: error (roadmap next says why)\n',
        stderr: '',
      });
      expect(run(dir, ['__complete', '2', '--', 'roadmap', 'done', 'x']).code).toBe(0);
      rmSync(join(dir, 'config.json'));
      symlinkSync('/dev/zero', join(dir, 'config.json'));
      const zero = run(dir, ['status']);
      expect(zero.code).toBe(1);
      expect(zero.stderr).toContain('move that one out of the way');
      rmSync(join(dir, 'config.json'));

      expect(run(dir, ['add', 'mlep']).code).toBe(0);
      mkdirSync(join(dir, 'catalogs'));
      spawnSync('mkfifo', [join(dir, 'catalogs', 'odd.json')]);
      const listed = run(dir, ['catalog', 'list']);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(/odd +not loaded: it is not a regular file/);
      rmSync(join(dir, 'catalogs', 'odd.json'));
      // A ROADMAP_CATALOG file, and a catalog's index, which `doctor` reads too.
      const pipe = join(dir, 'pipe.json');
      spawnSync('mkfifo', [pipe]);
      for (const file of [pipe, '/dev/zero']) {
        const viaEnv = run(dir, ['next'], { ROADMAP_CATALOG: file });
        expect(viaEnv.code).toBe(0);
        expect(viaEnv.stderr).toContain(`catalog ${file} was not loaded: it is not a regular file`);
        const short = run(dir, ['next', '--short'], { ROADMAP_CATALOG: file });
        expect(short).toMatchObject({ code: 0, stderr: '' });
        expect(short.stdout).toMatch(/^mlep-intro · .+\n$/);
      }
      const catalog = join(dir, 'mine.json');
      writeFileSync(
        catalog,
        JSON.stringify({
          formatVersion: 1,
          id: 'mine',
          courses: [
            {
              id: 'mine-course',
              title: 'Mine',
              provider: 'Me',
              url: 'https://example.com',
              modules: [
                {
                  id: 'mine-course/one',
                  title: 'One',
                  url: 'https://example.com/1',
                  minutes: 30,
                  minutesBasis: 'assumed',
                },
              ],
            },
          ],
        }),
      );
      expect(run(dir, ['catalog', 'import', catalog]).code).toBe(0);
      rmSync(join(dir, 'catalogs', 'mine.index'));
      spawnSync('mkfifo', [join(dir, 'catalogs', 'mine.index')]);
      expect(run(dir, ['doctor']).stdout).toContain('it has no index');
      expect(run(dir, ['doctor', '--repair']).code).toBe(0);
      rmSync(join(dir, 'activity.jsonl'));
      spawnSync('mkfifo', [join(dir, 'activity.jsonl')]);
      for (const args of [['log'], ['undo'], ['doctor'], ['study', '--minutes', '5']]) {
        const result = run(dir, args);
        expect(result.code).toBe(1);
        expect(result.stderr + result.stdout).toContain('not a regular file');
      }
    },
  );

  it('doctor --repair rebuilds from a log whole up to the damaged file, losing no entry', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    run(dir, ['done', 'mlep-intro/week-1', '--minutes', '200', '--note', 'first note']);
    run(dir, ['study', 'mlep-intro/week-2', '--minutes', '45']);
    const file = join(dir, 'config.json');
    // A one-letter slip in a hand edit: salvage would drop the module, minutes, note and all.
    const damaged = readFileSync(file, 'utf8').replace(
      'mlep-intro/week-1 done',
      'mlep-intro/week-1 Done',
    );
    writeFileSync(file, damaged);
    expect(run(dir, ['status']).code).toBe(1);
    expect(run(dir, ['doctor']).stderr).toContain(
      'or rebuilds it from the activity log when the log holds all it recorded',
    );
    const repair = JSON.parse(run(dir, ['doctor', '--repair', '--json']).stdout);
    expect(repair).toMatchObject({ method: 'replayed', replayed: 3, dropped: [] });
    expect(readFileSync(repair.movedTo, 'utf8')).toBe(damaged);
    const show = JSON.parse(run(dir, ['show', 'mlep-intro', '--json']).stdout);
    expect(show.modules.slice(0, 2)).toMatchObject([
      { status: 'done', minutesLogged: 200, notes: [{ text: 'first note' }] },
      { status: 'todo', minutesLogged: 45 },
    ]);
    expect(run(dir, ['doctor']).code).toBe(0);
    // In words, the repair says where hand edits went.
    const again = readFileSync(file, 'utf8').replace(
      'mlep-intro/week-1 done',
      'mlep-intro/week-1 Done',
    );
    writeFileSync(file, again);
    expect(run(dir, ['doctor', '--repair']).stdout).toContain(
      'Edits made to the old file by hand are not in it; the copy above keeps them.',
    );
  });

  it('doctor --repair without a log to rebuild from salvages every entry that still validates', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course', 'made-with-ml']);
    run(dir, ['done', 'chapter1/1']);
    run(dir, ['done', 'chapter1/2']);
    rmSync(join(dir, 'activity.jsonl'));
    const file = join(dir, 'config.json');
    const state = JSON.parse(readFileSync(file, 'utf8'));
    state.progress['hf-course'] = state.progress['hf-course'].map((line: string) =>
      line.startsWith('hf-course/chapter1/2 ') ? line.replace(' done ', ' half-done ') : line,
    );
    state.roadmap.push({ courseId: 42 });
    const damaged = JSON.stringify(state);
    writeFileSync(file, damaged);
    expect(run(dir, ['status']).code).toBe(1);

    const repair = run(dir, ['doctor', '--repair']);
    expect(repair.code).toBe(0);
    expect(repair.stdout).toMatch(
      /Moved the old config.json to .*config\.json\.corrupt-20260302T090000Z/,
    );
    // Two roadmap entries, one module and hf-course's state (it came into focus by itself).
    expect(repair.stdout).toContain('kept 4 entries, dropped 2');
    expect(repair.stdout).toContain('dropped roadmap[2]');
    expect(repair.stdout).toContain('dropped progress["hf-course/chapter1/2"]');
    const aside = readdirSync(dir).find((f) => f.startsWith('config.json.corrupt-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(damaged);

    const status = JSON.parse(run(dir, ['status', '--json']).stdout);
    expect(status.courses.map((c: { id: string }) => c.id)).toEqual(['hf-course', 'made-with-ml']);
    expect(status.total.done).toBe(1);
    expect(run(dir, ['doctor']).code).toBe(0);
    // Undo never reaches back across a repair onto the repaired state.
    const undo = run(dir, ['undo']);
    expect(undo.code).toBe(1);
    expect(undo.stderr).toMatch(
      /Nothing to undo: the last change left is a repair \(\d{4}-\d\d-\d\d\), which undo doesn't reverse\./,
    );
  });

  it('doctor --repair keeps a done module whose note is damaged, and the good study sessions', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    run(dir, ['done', 'chapter1/1', '--note', 'tokenizers click now']);
    run(dir, ['study', 'chapter1/2', '--minutes', '30']);
    run(dir, ['study', 'chapter1/2', '--minutes', '20']);
    // With no log to rebuild from, it salvages.
    rmSync(join(dir, 'activity.jsonl'));
    const file = join(dir, 'config.json');
    const state = JSON.parse(readFileSync(file, 'utf8'));
    // A hand edit that broke one note's date and one session's minutes.
    state.progress['hf-course'] = state.progress['hf-course'].map((line: string) =>
      line.replace(/"at":"[^"]+"/, '"at":"last week"'),
    );
    state.journal['hf-course/chapter1/2'].sessions[1].minutes = 'twenty';
    writeFileSync(file, JSON.stringify(state));
    expect(run(dir, ['status']).code).toBe(1);

    const repair = run(dir, ['doctor', '--repair', '--json']);
    expect(repair.code).toBe(0);
    expect(JSON.parse(repair.stdout)).toMatchObject({
      method: 'salvaged',
      dropped: [
        'progress["hf-course/chapter1/1"].notes[0]',
        'journal["hf-course/chapter1/2"].sessions[1]',
      ],
    });
    const show = JSON.parse(run(dir, ['show', 'hf-course', '--json']).stdout);
    const modules = ['hf-course/chapter1/1', 'hf-course/chapter1/2'].map((id) =>
      show.modules.find((m: { id: string }) => m.id === id),
    );
    expect(modules.map((m: { status: string }) => m.status)).toEqual(['done', 'todo']);
    expect(modules.map((m: { minutesLogged: number | null }) => m.minutesLogged)).toEqual([
      null,
      30,
    ]);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('a deleted activity log stops changes without making a new empty one', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep']);
    const log = join(dir, 'activity.jsonl');
    rmSync(log);
    const before = readFileSync(join(dir, 'config.json'));
    const skip = run(dir, ['skip']);
    expect(skip.code).toBe(1);
    expect(skip.stderr).toContain(`The activity log ${log} is missing`);
    expect(skip.stderr).not.toMatch(STACK);
    expect(existsSync(log)).toBe(false);
    expect(readFileSync(join(dir, 'config.json'))).toEqual(before);
    const doctor = run(dir, ['doctor']);
    expect(doctor.stdout).toContain('activity.jsonl is missing');
    // Nothing is there to set aside; the hint doesn't promise a copy.
    expect(doctor.stderr).toContain('it starts a new activity log from your roadmap');
    expect(doctor.stderr).not.toContain('aside');
    expect(run(dir, ['doctor', '--repair']).code).toBe(0);
    expect(run(dir, ['skip']).code).toBe(0);
  });

  it('doctor --repair --json prints what it did as JSON, and only that, on stdout', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    run(dir, ['done', 'chapter1/1']);
    const valid = run(dir, ['doctor', '--repair', '--json']);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toEqual({
      configPath: join(dir, 'config.json'),
      method: null,
      movedTo: null,
      kept: 0,
      dropped: [],
      replayed: 0,
      removedTempFiles: [],
      removedLock: null,
      logMovedTo: null,
      importTakenBack: null,
      catalogsReindexed: [],
      catalogsSetAside: [],
    });
    writeFileSync(join(dir, 'config.json'), '{oops');
    const repaired = run(dir, ['doctor', '--repair', '--json']);
    expect(repaired.code).toBe(0);
    expect(JSON.parse(repaired.stdout)).toMatchObject({
      method: 'replayed',
      movedTo: join(dir, 'config.json.corrupt-20260302T090000Z'),
      replayed: 2,
    });
    expect(repaired.stderr).toContain('`roadmap undo` does not reach back past a repair.');
    expect(JSON.parse(run(dir, ['status', '--json']).stdout).total.done).toBe(1);
  });

  it('doctor --repair on unparseable JSON rebuilds the state from the activity log', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course', 'mlep-intro']);
    run(dir, ['done', 'chapter1/1', '--note', 'kept']);
    run(dir, ['skip', 'chapter1/2']);
    run(dir, ['move', 'mlep-intro', '--to', '1']);
    run(dir, ['config', 'set', 'bar-width', '30']);
    run(dir, ['done', 'chapter1/3']);
    run(dir, ['undo']);
    const before = run(dir, ['status', '--json']).stdout;
    const show = run(dir, ['show', 'hf-course', '--json']).stdout;
    writeFileSync(join(dir, 'config.json'), '{oops');
    const repair = run(dir, ['doctor', '--repair']);
    expect(repair.code).toBe(0);
    expect(repair.stdout).toContain('Rebuilt');
    expect(repair.stdout).toContain('from the activity log (7 entries)');
    expect(run(dir, ['status', '--json']).stdout).toBe(before);
    expect(run(dir, ['show', 'hf-course', '--json']).stdout).toBe(show);
    expect(run(dir, ['config', 'get', 'bar-width']).stdout).toBe('30\n');
    const aside = readdirSync(dir).find((f) => f.startsWith('config.json.corrupt-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{oops');
  });

  it('doctor --repair on unparseable JSON with no log starts fresh and keeps the old bytes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), '{oops');
    const repair = run(dir, ['doctor', '--repair']);
    expect(repair.code).toBe(0);
    expect(repair.stdout).toContain('Started a fresh');
    expect(run(dir, ['status', '--json']).code).toBe(0);
    const aside = readdirSync(dir).find((f) => f.startsWith('config.json.corrupt-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{oops');
  });
});

describe('a config.json saved with a byte-order mark', () => {
  it('is read as the valid file it is, and written back without the mark', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    const file = join(dir, 'config.json');
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}`);
    expect(run(dir, ['doctor']).stdout).toContain('config.json is valid');
    expect(run(dir, ['done']).code).toBe(0);
    expect(readFileSync(file)[0]).toBe('{'.charCodeAt(0));
  });
});

describe("config.json's permissions", () => {
  it('stay as the learner set them across a change', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    const file = join(dir, 'config.json');
    // Made private: the next change must not make the notes in it readable by anyone.
    chmodSync(file, 0o600);
    expect(run(dir, ['done']).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('a config directory that cannot be written', () => {
  const asNobody =
    spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'true']).status ===
    0;

  it.skipIf(!asNobody)('is named by doctor, since every change fails there', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    // Files readable by anyone, the folder writable by no one but its owner (root).
    chmodSync(dir, 0o755);
    for (const file of readdirSync(dir)) chmodSync(join(dir, file), 0o644);
    const doctor = spawnSync(
      'setpriv',
      ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, 'doctor'],
      { env: { ...process.env, ROADMAP_CONFIG_DIR: dir, NO_COLOR: '1' }, encoding: 'utf8' },
    );
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toContain(
      `${dir} can't be written (permission denied), so every change fails, though reading works`,
    );
  });
});

describe('the corrupt-state matrix', () => {
  const nobody =
    spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'true']).status ===
    0;

  /** Each case: set up a dir, then the command that must fail cleanly, and the file to keep. */
  const cases: [string, (dir: string) => { args: string[]; file: string; asNobody?: boolean }][] = [
    ['an empty file', (dir) => write(dir, '')],
    ['truncated JSON', (dir) => write(dir, '{"schemaVersion":1,"roadmap":[')],
    ['binary garbage', (dir) => write(dir, '\u0000\u0001\u00ffgarbage')],
    ['valid JSON of the wrong shape', (dir) => write(dir, '{"roadmap":{"a":1}}')],
    [
      'a future schema version',
      (dir) =>
        write(
          dir,
          JSON.stringify({
            schemaVersion: 7,
            roadmap: [],
            progress: {},
            settings: {},
            log: { bytes: 0, entries: 0 },
          }),
        ),
    ],
    [
      "a directory in the file's place",
      (dir) => {
        mkdirSync(join(dir, 'config.json'));
        return { args: ['status'], file: join(dir, 'config.json') };
      },
    ],
    [
      'a config path whose parent is a file',
      (dir) => {
        writeFileSync(join(dir, 'parent'), 'a file');
        return {
          args: ['--config-dir', join(dir, 'parent'), 'add', 'hf-course'],
          file: join(dir, 'parent'),
        };
      },
    ],
    [
      "a config directory that can't be written",
      (dir) => {
        run(dir, ['add', 'hf-course']);
        chmodSync(dir, 0o755);
        return { args: ['done', 'chapter1/1'], file: join(dir, 'config.json'), asNobody: true };
      },
    ],
  ];

  function write(dir: string, content: string) {
    writeFileSync(join(dir, 'config.json'), content);
    return { args: ['next'], file: join(dir, 'config.json') };
  }

  it('every case exits 1 with a message naming the file and what to do, and keeps its bytes', () => {
    let passed = 0;
    let skipped = 0;
    const failures: string[] = [];
    for (const [name, setup] of cases) {
      const dir = tempDir();
      const { args, file, asNobody } = setup(dir);
      if (asNobody && !nobody) {
        skipped += 1;
        continue;
      }
      const snapshot = () => (statSync(file).isFile() ? readFileSync(file).toString('hex') : 'dir');
      const before = snapshot();
      const env = { ...process.env, ROADMAP_CONFIG_DIR: dir, NO_COLOR: '1' };
      const result = asNobody
        ? spawnSync(
            'setpriv',
            ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, ...args],
            { env, encoding: 'utf8' },
          )
        : spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
      const problems = [
        result.status !== 1 && `exit ${result.status}`,
        !result.stderr.includes(dirname(file) === dir ? dir : file) &&
          'message does not name the file',
        !/roadmap |--config-dir|Update roadmap/.test(result.stderr) &&
          'message does not say what to do',
        STACK.test(result.stderr) && 'stack trace',
        snapshot() !== before && 'file changed',
      ].filter(Boolean);
      if (asNobody) {
        // Read commands still work on a directory that can't be written.
        const read = spawnSync(
          'setpriv',
          [
            '--reuid=nobody',
            '--regid=nogroup',
            '--clear-groups',
            process.execPath,
            BIN,
            'status',
            '--json',
          ],
          { env, encoding: 'utf8' },
        );
        if (read.status !== 0)
          problems.push(`status as nobody exited ${read.status}: ${read.stderr}`);
      }
      if (problems.length === 0) passed += 1;
      else failures.push(`${name}: ${problems.join(', ')}\n${result.stderr}`);
    }
    console.log(
      `${passed}/${cases.length} corrupt-state cases passed${skipped ? `, ${skipped} skipped (no unprivileged user)` : ''}`,
    );
    expect(failures).toEqual([]);
  });
});

describe('a damaged activity log', () => {
  it('a directory in its place: changes say so, doctor names it, --repair sets it aside', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const logPath = join(dir, 'activity.jsonl');
    rmSync(logPath);
    mkdirSync(logPath);
    const done = run(dir, ['done', 'chapter1/1']);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain(`The activity log ${logPath} is a directory, not a file.`);
    expect(done.stderr).not.toMatch(STACK);
    const doctor = run(dir, ['doctor', '--json']);
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).not.toMatch(STACK);
    expect(JSON.parse(doctor.stdout).problems).toContain(`${logPath} is a directory, not a file`);
    expect(run(dir, ['doctor', '--repair']).code).toBe(0);
    expect(run(dir, ['done', 'chapter1/1']).code).toBe(0);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('a log that can not be read (its permissions) is not repaired away: nothing changes', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    run(dir, ['done', 'chapter1/1']);
    const files = () => readdirSync(dir).sort();
    const before = [files(), readFileSync(join(dir, 'activity.jsonl'), 'utf8')];
    const hook = fileURLToPath(new URL('../fixtures/hooks/log-unreadable.cjs', import.meta.url));
    const repair = spawnSync(process.execPath, ['-r', hook, BIN, 'doctor', '--repair'], {
      env: { ...process.env, ROADMAP_CONFIG_DIR: dir, ROADMAP_NOW: FIXED_NOW, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    expect(repair.status).toBe(1);
    expect(repair.stderr).toContain("activity.jsonl can't be repaired here: permission denied.");
    expect(repair.stderr).toContain('Fix its permissions');
    expect([files(), readFileSync(join(dir, 'activity.jsonl'), 'utf8')]).toEqual(before);
  });

  it.each([
    ['a byte-order mark', (text: string) => `\uFEFF${text}`],
    ['Windows line ends', (text: string) => text.replaceAll('\n', '\r\n')],
  ])('saved again with %s: doctor says so, and --repair keeps every entry', (_, resave) => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    run(dir, ['done', 'chapter1/1']);
    run(dir, ['note', 'hf-course/chapter1/1', 'hi']);
    run(dir, ['done', 'chapter1/2']);
    const logPath = join(dir, 'activity.jsonl');
    const before = json<unknown[]>(run(dir, ['log', '--json']));
    writeFileSync(logPath, resave(readFileSync(logPath, 'utf8')));
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('was saved again with a byte-order mark or Windows line ends');
    const repair = run(dir, ['doctor', '--repair']);
    expect(repair.code).toBe(0);
    expect(repair.stdout).toContain('after the 4 entries it could read');
    expect(repair.stdout).not.toContain('dropped');
    const after = json<{ type: string }[]>(run(dir, ['log', '--json']));
    expect(after.filter((e) => e.type !== 'repair')).toEqual(before);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it.each([
    ['a garbage line', (text: string) => text.replace(/\n(.)/, '\nGARBAGE$1')],
    ['a log cut short', (text: string) => text.slice(0, 40)],
    ['a deleted log', () => null],
  ])('%s: doctor reports it, and --repair starts a new log from the state', (_, damage) => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    run(dir, ['done', 'chapter1/1']);
    run(dir, ['done', 'chapter1/2']);
    const logPath = join(dir, 'activity.jsonl');
    const damaged = damage(readFileSync(logPath, 'utf8'));
    if (damaged === null) rmSync(logPath);
    else writeFileSync(logPath, damaged);
    const status = run(dir, ['status', '--json']).stdout;
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(logPath);
    expect(doctor.stderr).toContain('roadmap doctor --repair');
    const repair = run(dir, ['doctor', '--repair']);
    expect(repair.code).toBe(0);
    expect(repair.stdout).toContain('Started a new activity log');
    expect(run(dir, ['doctor']).code).toBe(0);
    expect(run(dir, ['status', '--json']).stdout).toBe(status);
    expect(run(dir, ['undo']).code).toBe(1);
    expect(run(dir, ['done', 'chapter1/3']).code).toBe(0);
    expect(run(dir, ['undo']).code).toBe(0);
  });
});

describe('history that must not be lost', () => {
  /** Three changes, so the log holds add, done, project. */
  function history(dir: string) {
    run(dir, ['add', 'mlep-intro']);
    run(dir, ['done', 'mlep-intro/week-1']);
    run(dir, ['project', 'mlep-intro', 'My proj', '--estimate', '10']);
    return join(dir, 'activity.jsonl');
  }

  /**
   * History, then config.json as it was before the project entry, written before the log last
   * was: a change that appended its entry and died before writing its state.
   */
  function interruptedProject(dir: string) {
    const logPath = history(dir);
    const configPath = join(dir, 'config.json');
    const state = JSON.parse(readFileSync(configPath, 'utf8'));
    const lines = readFileSync(logPath, 'utf8').split('\n');
    state.log = { bytes: Buffer.byteLength(`${lines.slice(0, 2).join('\n')}\n`), entries: 2 };
    delete state.projects['mlep-intro'];
    writeFileSync(configPath, JSON.stringify(state));
    const { mtime } = statSync(logPath);
    utimesSync(configPath, new Date(mtime.getTime() - 5000), new Date(mtime.getTime() - 5000));
    return { logPath, lines };
  }

  it('a deleted config.json beside a log: every command refuses, and --repair rebuilds it', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const log = readFileSync(logPath);
    rmSync(join(dir, 'config.json'));
    for (const args of [['add', 'made-with-ml'], ['next'], ['status', '--json']]) {
      const refused = run(dir, args);
      expect(refused.code, args.join(' ')).toBe(1);
      expect(refused.stderr).toContain(
        `${join(dir, 'config.json')} is missing, but the activity log`,
      );
      expect(refused.stderr).toContain('roadmap doctor --repair');
      expect(refused.stderr).not.toMatch(STACK);
    }
    expect(readFileSync(logPath)).toEqual(log);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
    const doctor = run(dir, ['doctor', '--json']);
    expect(doctor.code).toBe(1);
    expect(JSON.parse(doctor.stdout).config).toBe('lost');
    expect(doctor.stderr).toContain('it rebuilds your roadmap from the activity log');
    const repair = run(dir, ['doctor', '--repair', '--json']);
    expect(repair.code).toBe(0);
    expect(JSON.parse(repair.stdout)).toMatchObject({
      method: 'replayed',
      replayed: 3,
      movedTo: null,
    });
    expect(run(dir, ['project', '--json']).stdout).toContain('My proj');
    expect(JSON.parse(run(dir, ['status', '--json']).stdout).total.done).toBe(1);
  });

  it('an unparseable config.json and a damaged log line: the log is kept, every readable entry replayed', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const lines = readFileSync(logPath, 'utf8').split('\n');
    lines[1] = '{garbage';
    const damaged = lines.join('\n');
    writeFileSync(logPath, damaged);
    writeFileSync(join(dir, 'config.json'), '{oops');
    const repair = run(dir, ['doctor', '--repair', '--json']);
    expect(repair.code).toBe(0);
    const report = JSON.parse(repair.stdout);
    expect(report).toMatchObject({
      method: 'replayed',
      replayed: 2,
      dropped: ['activity.jsonl line 2'],
    });
    // The project came after the damaged line; it used to be cut off with it.
    expect(run(dir, ['project', '--json']).stdout).toContain('My proj');
    expect(readFileSync(report.logMovedTo, 'utf8')).toBe(damaged);
    expect(run(dir, ['doctor']).code).toBe(0);
    expect(run(dir, ['log', '--json']).stdout).toContain('"project');
  });

  it('an older copy of config.json put back: changes refuse to cut the newer history, and --repair rebuilds it', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    const older = readFileSync(join(dir, 'config.json'));
    run(dir, ['done', 'mlep-intro/week-1', '--note', 'important note']);
    run(dir, ['project', 'mlep-intro', 'My proj', '--estimate', '10']);
    writeFileSync(join(dir, 'config.json'), older);
    const logPath = join(dir, 'activity.jsonl');
    const log = readFileSync(logPath);
    const refused = run(dir, ['study', 'mlep-intro/week-2', '--minutes', '5']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('holds 2 entries more than');
    expect(refused.stderr).toContain('roadmap doctor --repair');
    expect(readFileSync(logPath)).toEqual(log);
    expect(readFileSync(join(dir, 'config.json'))).toEqual(older);
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('holds 2 entries more than');
    expect(doctor.stderr).toContain('sets config.json aside (kept) and rebuilds');
    const repair = run(dir, ['doctor', '--repair', '--json']);
    expect(repair.code).toBe(0);
    const report = JSON.parse(repair.stdout);
    expect(report).toMatchObject({ method: 'replayed', replayed: 3 });
    expect(readFileSync(report.movedTo)).toEqual(older);
    expect(JSON.parse(run(dir, ['status', '--json']).stdout).total.done).toBe(1);
    expect(run(dir, ['log']).stdout).toContain('important note');
    expect(run(dir, ['project', '--json']).stdout).toContain('My proj');
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('lines that are not entries appended to the log are no history: --repair keeps the state', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const configPath = join(dir, 'config.json');
    const config = readFileSync(configPath);
    const before = run(dir, ['status', '--json']).stdout;
    // Something else wrote to the file: not entries config.json hasn't caught up with.
    writeFileSync(logPath, 'hello world\n\u001b[31mmore\n', { flag: 'a' });
    const withGarbage = readFileSync(logPath);
    const refused = run(dir, ['done', 'mlep-intro/week-2']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `ends with 2 lines that aren't roadmap's (the first: "hello world"), past what ${configPath} records: something else wrote to it. Nothing was changed.`,
    );
    expect(refused.stderr).toContain('your roadmap is unchanged');
    expect(readFileSync(logPath)).toEqual(withGarbage);
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toContain('sets the activity log aside (kept) and starts a new one');
    const repair = run(dir, ['doctor', '--repair', '--json']);
    expect(repair.code).toBe(0);
    const report = JSON.parse(repair.stdout);
    expect(report).toMatchObject({
      method: 'log',
      movedTo: expect.any(String),
      dropped: ["activity.jsonl: 2 lines that aren't roadmap's, past the committed part"],
    });
    // config.json was never set aside or rebuilt; the log with the lines is kept whole.
    expect(readdirSync(dir).filter((f) => f.startsWith('config.json.corrupt'))).toEqual([]);
    expect(JSON.parse(readFileSync(configPath, 'utf8')).roadmap).toEqual(
      JSON.parse(config.toString()).roadmap,
    );
    expect(readFileSync(report.logMovedTo)).toEqual(withGarbage);
    expect(run(dir, ['status', '--json']).stdout).toBe(before);
    expect(run(dir, ['done', 'mlep-intro/week-2']).code).toBe(0);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('a log with new entries and a line that is not one: --repair rebuilds from the entries', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    const older = readFileSync(join(dir, 'config.json'));
    run(dir, ['done', 'mlep-intro/week-1']);
    writeFileSync(join(dir, 'config.json'), older);
    writeFileSync(join(dir, 'activity.jsonl'), 'stray\n', { flag: 'a' });
    const refused = run(dir, ['done', 'mlep-intro/week-2']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `holds 1 entry more than ${join(dir, 'config.json')} records, and 1 line that isn't roadmap's (the first: "stray")`,
    );
    const repair = JSON.parse(run(dir, ['doctor', '--repair', '--json']).stdout);
    expect(repair).toMatchObject({ method: 'replayed', replayed: 2 });
    expect(JSON.parse(run(dir, ['status', '--json']).stdout).total.done).toBe(1);
  });

  it('a config.json whose log mark ends partway through a line: changes refuse, nothing is cut', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const configPath = join(dir, 'config.json');
    const state = JSON.parse(readFileSync(configPath, 'utf8'));
    state.log.bytes -= 10;
    writeFileSync(configPath, JSON.stringify(state));
    const log = readFileSync(logPath);
    const refused = run(dir, ['done', 'mlep-intro/week-2']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('ends partway through a line');
    expect(refused.stderr).toContain('Run `roadmap doctor` for details');
    expect(refused.stderr).not.toContain('rebuilds your roadmap from the log');
    expect(readFileSync(logPath)).toEqual(log);
  });

  it('one interrupted change past the mark is still cut by the next change, as before', () => {
    const dir = tempDir();
    const { logPath, lines } = interruptedProject(dir);
    // Not a problem, but doctor says so before the next change does.
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain(
      `! The last change, project idea mlep-intro (2026-03-02 09:00), was interrupted before it was saved, so it was not recorded. The next change keeps its log entry in ${join(dir, 'activity.interrupted.jsonl')}; run it again if you meant it.`,
    );
    expect(JSON.parse(run(dir, ['doctor', '--json']).stdout).interrupted).toEqual({
      kind: 'change',
      at: '2026-03-02T09:00:00.000Z',
      entries: 1,
    });
    const next = run(dir, ['done', 'mlep-intro/week-2']);
    expect(next.code).toBe(0);
    // Cut, but kept and told: the person may think the project was recorded.
    const kept = join(dir, 'activity.interrupted.jsonl');
    expect(next.stderr).toContain(
      `warning: an earlier change, project idea mlep-intro (2026-03-02 09:00), was interrupted before it was saved, so it was not recorded; its log entry is kept in ${kept}. Run it again if you meant it.`,
    );
    expect(readFileSync(kept, 'utf8')).toBe(`${lines[2]}\n`);
    expect(readFileSync(logPath, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
    expect(run(dir, ['project', '--json']).stdout).not.toContain('My proj');
    expect(run(dir, ['doctor']).code).toBe(0);
    expect(run(dir, ['doctor']).stdout).not.toContain('was interrupted');
    expect(JSON.parse(run(dir, ['doctor', '--json']).stdout).interrupted).toBeNull();
  });

  it('an interrupted entry that cannot be kept stops the change, which writes nothing', () => {
    const dir = tempDir();
    const { logPath } = interruptedProject(dir);
    // Where its copy goes, something that can't take it.
    mkdirSync(join(dir, 'activity.interrupted.jsonl'));
    const log = readFileSync(logPath);
    const refused = run(dir, ['done', 'mlep-intro/week-2']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("its entry can't be kept in");
    expect(refused.stderr).not.toMatch(STACK);
    expect(readFileSync(logPath)).toEqual(log);
  });

  it('a copy of config.json one change old put back: the change is history, not cut', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    run(dir, ['done', 'mlep-intro/week-1']);
    const configPath = join(dir, 'config.json');
    const older = readFileSync(configPath);
    run(dir, ['done', 'mlep-intro/week-2', '--minutes', '30', '--note', 'must keep']);
    // Put back after the change: config.json is now the newer file of the two.
    writeFileSync(configPath, older);
    const logPath = join(dir, 'activity.jsonl');
    const { mtime } = statSync(logPath);
    utimesSync(configPath, new Date(mtime.getTime() + 5000), new Date(mtime.getTime() + 5000));
    const log = readFileSync(logPath);
    const refused = run(dir, ['study', 'mlep-intro/week-3', '--minutes', '5']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('holds 1 entry more than');
    expect(readFileSync(logPath)).toEqual(log);
    expect(run(dir, ['doctor']).stdout).toContain('holds 1 entry more than');
    const report = JSON.parse(run(dir, ['doctor', '--repair', '--json']).stdout);
    expect(report).toMatchObject({ method: 'replayed', replayed: 3 });
    expect(run(dir, ['log']).stdout).toContain('must keep');
  });

  it('a lost config.json and an unfinished last log line: the log is set aside, not cut', () => {
    const dir = tempDir();
    const logPath = history(dir);
    // The project entry, cut short as a crash would leave it.
    const text = readFileSync(logPath, 'utf8');
    const cut = text.slice(0, text.length - 20);
    writeFileSync(logPath, cut);
    rmSync(join(dir, 'config.json'));
    const repair = run(dir, ['doctor', '--repair', '--json']);
    expect(repair.code).toBe(0);
    const report = JSON.parse(repair.stdout);
    expect(report).toMatchObject({
      method: 'replayed',
      replayed: 2,
      dropped: ['activity.jsonl line 3 (unfinished)'],
    });
    expect(readFileSync(report.logMovedTo, 'utf8')).toBe(cut);
    expect(run(dir, ['doctor']).code).toBe(0);
    expect(JSON.parse(run(dir, ['status', '--json']).stdout).total.done).toBe(1);
  });

  it('a lost config.json and a log holding only an unfinished line: a fresh start keeps a copy', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const fragment = readFileSync(logPath, 'utf8').slice(0, 40);
    writeFileSync(logPath, fragment);
    rmSync(join(dir, 'config.json'));
    const repair = run(dir, ['doctor', '--repair', '--json']);
    expect(repair.code).toBe(0);
    const report = JSON.parse(repair.stdout);
    expect(report).toMatchObject({
      method: 'fresh',
      dropped: ['activity.jsonl line 1 (unfinished)'],
    });
    expect(readFileSync(report.logMovedTo, 'utf8')).toBe(fragment);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('a blank line in the log is no damage: a rebuild keeps every line after it whole', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const lines = readFileSync(logPath, 'utf8').split('\n');
    lines.splice(1, 0, '');
    const text = lines.join('\n');
    writeFileSync(logPath, text);
    writeFileSync(join(dir, 'config.json'), '{oops');
    const repair = run(dir, ['doctor', '--repair', '--json']);
    expect(JSON.parse(repair.stdout)).toMatchObject({
      method: 'replayed',
      replayed: 3,
      logMovedTo: null,
    });
    expect(readFileSync(logPath, 'utf8').startsWith(text)).toBe(true);
    expect(run(dir, ['doctor']).code).toBe(0);
    expect(run(dir, ['project', '--json']).stdout).toContain('My proj');
  });

  it('a damaged line in the log: --repair carries the readable entries into the new log', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const lines = readFileSync(logPath, 'utf8').split('\n');
    lines[1] = '{garbage';
    writeFileSync(logPath, lines.join('\n'));
    expect(run(dir, ['doctor']).stdout).toContain('line 2 is damaged');
    const repair = run(dir, ['doctor', '--repair']);
    expect(repair.code).toBe(0);
    expect(repair.stdout).toContain('after the 2 entries it could read');
    expect(repair.stdout).toContain('dropped activity.jsonl line 2');
    const types = (JSON.parse(run(dir, ['log', '--json']).stdout) as Array<{ type: string }>).map(
      (e) => e.type,
    );
    expect(types).toEqual(['project', 'add']);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('a line edited to a longer one: --repair keeps every whole line after it', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const lines = readFileSync(logPath, 'utf8').split('\n');
    lines[1] = `GARBAGE${lines[1]}`;
    writeFileSync(logPath, lines.join('\n'));
    const done = run(dir, ['done', 'mlep-intro/week-2']);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('a line before it was edited');
    expect(run(dir, ['doctor']).stdout).toContain(
      'a line was edited to another length (line 2 is damaged)',
    );
    const repair = JSON.parse(run(dir, ['doctor', '--repair', '--json']).stdout);
    // The project entry, now past where the recorded length falls, is whole and kept.
    expect(repair).toMatchObject({ method: 'log', kept: 2, dropped: ['activity.jsonl line 2'] });
    const types = (JSON.parse(run(dir, ['log', '--json']).stdout) as Array<{ type: string }>).map(
      (e) => e.type,
    );
    expect(types).toEqual(['project', 'add']);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('a line made longer by just the length of the lines after it: every line is kept', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const lines = readFileSync(logPath, 'utf8').split('\n');
    // Valid JSON still, and the recorded length now ends at the end of the second line.
    lines[0] = `{${' '.repeat(Buffer.byteLength(lines[2]!) + 1)}${lines[0]!.slice(1)}`;
    writeFileSync(logPath, lines.join('\n'));
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(
      'its first 3 lines no longer end where config.json records: a line was edited to another length (every line still reads)',
    );
    const repair = JSON.parse(run(dir, ['doctor', '--repair', '--json']).stdout);
    expect(repair).toMatchObject({ method: 'log', kept: 3, dropped: [] });
    const types = (JSON.parse(run(dir, ['log', '--json']).stdout) as Array<{ type: string }>).map(
      (e) => e.type,
    );
    expect(types).toEqual(['project', 'done', 'add']);
  });

  it('log and undo on a log whose recorded length ends partway through a line say why', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const lines = readFileSync(logPath, 'utf8').split('\n');
    lines[1] = `${lines[1]!.slice(0, -1)},"x":"an edit"}`;
    writeFileSync(logPath, lines.join('\n'));
    for (const args of [['log'], ['undo']]) {
      const result = run(dir, args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("doesn't end a line where config.json records its length");
      expect(result.stderr).not.toContain('damaged line');
    }
  });

  it('a longer edited line and an interrupted change past it: the change is named, not kept', () => {
    const dir = tempDir();
    const { logPath, lines } = interruptedProject(dir);
    lines[0] = `${lines[0]!.slice(0, -1)},"x":"an edit"}`;
    writeFileSync(logPath, lines.join('\n'));
    const repair = JSON.parse(run(dir, ['doctor', '--repair', '--json']).stdout);
    expect(repair).toMatchObject({
      method: 'log',
      kept: 2,
      dropped: ['activity.jsonl: 1 line past the committed part'],
    });
    expect(run(dir, ['project', '--json']).stdout).not.toContain('My proj');
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('a log line that is JSON but no entry is damage: named, never replayed or carried over', () => {
    for (const bogus of ['{}', 'null', '[]']) {
      const dir = tempDir();
      const logPath = history(dir);
      const lines = readFileSync(logPath, 'utf8').split('\n');
      lines[1] = bogus;
      writeFileSync(logPath, lines.join('\n'));
      rmSync(join(dir, 'config.json'));
      expect(run(dir, ['doctor']).stdout).toContain('line 2 is damaged');
      const repair = run(dir, ['doctor', '--repair', '--json']);
      expect(repair.code, repair.stderr).toBe(0);
      expect(repair.stderr).not.toMatch(STACK);
      expect(JSON.parse(repair.stdout)).toMatchObject({
        method: 'replayed',
        replayed: 2,
        dropped: ['activity.jsonl line 2'],
      });
      expect(run(dir, ['log']).code).toBe(0);
      expect(run(dir, ['doctor']).code).toBe(0);
    }
  });

  it('a same-length edit that leaves JSON but no entry is found by doctor and repaired', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const lines = readFileSync(logPath, 'utf8').split('\n');
    lines[1] = `{"x":"${'a'.repeat(Buffer.byteLength(lines[1]!) - 8)}"}`;
    writeFileSync(logPath, lines.join('\n'));
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('line 2 is damaged');
    const repair = JSON.parse(run(dir, ['doctor', '--repair', '--json']).stdout);
    expect(repair).toMatchObject({ method: 'log', kept: 2, dropped: ['activity.jsonl line 2'] });
    expect(repair.logMovedTo).toBe(repair.movedTo);
    expect(run(dir, ['log']).code).toBe(0);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it("log and undo on a log shorter than recorded say so, not a line that isn't there", () => {
    const dir = tempDir();
    const logPath = history(dir);
    const lines = readFileSync(logPath, 'utf8').split('\n');
    lines[1] = 'GARBAGE';
    writeFileSync(logPath, lines.join('\n'));
    for (const args of [['log'], ['undo']]) {
      const result = run(dir, args);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('is shorter (');
      expect(result.stderr).not.toContain('damaged line');
    }
  });

  it('--repair of a log cut short names the entry it cut, and those gone from its end', () => {
    const dir = tempDir();
    const logPath = history(dir);
    const text = readFileSync(logPath, 'utf8');
    // Partway into the third entry: it, and nothing after it, is lost.
    writeFileSync(logPath, text.slice(0, text.length - 50));
    const cut = JSON.parse(run(dir, ['doctor', '--repair', '--json']).stdout);
    expect(cut).toMatchObject({ method: 'log', kept: 2 });
    expect(cut.dropped).toEqual(['activity.jsonl line 3 (cut short)']);
    // Emptied: every entry the file records is gone, and the repair says how many.
    writeFileSync(logPath, '');
    const emptied = JSON.parse(run(dir, ['doctor', '--repair', '--json']).stdout);
    expect(emptied.dropped).toEqual([
      'activity.jsonl: 3 entries that config.json records, gone from its end',
    ]);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('log and undo with the log deleted say so, without a stack trace', () => {
    const dir = tempDir();
    const logPath = history(dir);
    rmSync(logPath);
    for (const args of [['log'], ['undo']]) {
      const result = run(dir, args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(`The activity log ${logPath} is missing`);
      expect(result.stderr).not.toContain('unexpected error');
      expect(result.stderr).not.toMatch(STACK);
    }
  });
});

describe('a file where the config directory goes', () => {
  it('a change says so once, without a warning about catalogs, and creates nothing', () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const source = tempDir();
    run(source, ['add', 'hf-course']);
    const exported = join(source, 'export.json');
    run(source, ['export', exported]);
    const catalog = join(
      dirname(new URL(import.meta.url).pathname),
      '../fixtures/catalogs/valid/minimal.json',
    );
    for (const dir of [file, join(file, 'sub')]) {
      for (const args of [
        ['add', 'hf-course'],
        ['import', exported],
        ['catalog', 'import', catalog],
        ['doctor', '--repair'],
      ]) {
        const result = spawnSync(process.execPath, [BIN, '--config-dir', dir, ...args], {
          encoding: 'utf8',
        });
        expect(result.status, args.join(' ')).toBe(1);
        expect(result.stderr).toContain(
          `The config directory ${dir} can't be made: a file is in its place, or in a folder's place above it.`,
        );
        expect(result.stderr).not.toMatch(STACK);
        expect(result.stderr).not.toContain('warning');
      }
    }
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});

describe('keys roadmap does not know in config.json', () => {
  it('are kept through a change, and doctor names them, with the setting meant', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const file = join(dir, 'config.json');
    const state = JSON.parse(readFileSync(file, 'utf8'));
    state.settings['goal-minutes-per-weak'] = 600;
    state.myNotes = 'keep me';
    writeFileSync(file, JSON.stringify(state, null, '\t'));
    expect(run(dir, ['done', 'chapter1/1']).code).toBe(0);
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    expect(kept.myNotes).toBe('keep me');
    expect(kept.settings['goal-minutes-per-weak']).toBe(600);
    const doctor = run(dir, ['doctor', '--json']);
    // Not damage: nothing to repair.
    expect(doctor.code).toBe(0);
    expect(JSON.parse(doctor.stdout).configNotes).toEqual([
      'config.json has a key roadmap doesn\'t use: "myNotes" (kept as it is; it does nothing)',
      'config.json has a setting roadmap doesn\'t know: "goal-minutes-per-weak" (did you mean goal-minutes-per-week?); it does nothing. `roadmap config unset goal-minutes-per-weak` removes it.',
    ]);
    expect(run(dir, ['doctor']).stdout).toContain('(did\n  you mean goal-minutes-per-week?)');
    expect(run(dir, ['config', 'unset', 'goal-minutes-per-weak']).stderr).toBe(
      "Removed goal-minutes-per-weak, a setting roadmap doesn't know, from your settings.\n",
    );
    expect(JSON.parse(run(dir, ['doctor', '--json']).stdout).configNotes).toHaveLength(1);
  });
});

describe('leftover temp files', () => {
  it('block nothing; doctor lists them and --repair removes them', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const temp = join(dir, 'config.json.tmp-17950000001a2b3c');
    writeFileSync(temp, '{"half": ');
    expect(run(dir, ['done', 'chapter1/1']).code).toBe(0);
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(`leftover temp file from an interrupted write: ${temp}`);
    const repair = run(dir, ['doctor', '--repair']);
    expect(repair.code).toBe(0);
    expect(repair.stderr).toContain(`Removed leftover temp file ${temp}.`);
    expect(readdirSync(dir).some((f) => f.includes('.tmp-'))).toBe(false);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it('a lock folder a killed command began blocks nothing; doctor lists it, --repair removes it', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    // Killed between making its lock folder and putting it in place: its process has ended.
    const ended = spawnSync(process.execPath, ['-e', '0']).pid;
    const begun = join(dir, `config.lock.new-${ended}-k1ll3d`);
    mkdirSync(begun);
    writeFileSync(join(begun, 'owner'), JSON.stringify({ pid: ended, host: hostname() }));
    expect(run(dir, ['done', 'chapter1/1']).code).toBe(0);
    const doctor = run(dir, ['doctor', '--json']);
    expect(doctor.code).toBe(1);
    expect(JSON.parse(doctor.stdout).tempFiles).toEqual([begun]);
    expect(run(dir, ['doctor']).stdout).toContain(
      `a lock folder an interrupted roadmap command began and never used (it blocks nothing): ${begun}`,
    );
    const repair = run(dir, ['doctor', '--repair', '--json']);
    expect(repair.code).toBe(0);
    expect(JSON.parse(repair.stdout).removedTempFiles).toEqual([begun]);
    expect(existsSync(begun)).toBe(false);
    expect(run(dir, ['doctor']).code).toBe(0);
  });

  it("a folder with a temp file's name is not roadmap's: doctor and --repair leave it", () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const folder = join(dir, 'config.json.tmp-x');
    mkdirSync(folder);
    writeFileSync(join(folder, 'mine.txt'), 'kept');
    expect(run(dir, ['doctor']).code).toBe(0);
    const repair = run(dir, ['doctor', '--repair']);
    expect(repair.code).toBe(0);
    expect(repair.stderr).not.toMatch(STACK);
    expect(readFileSync(join(folder, 'mine.txt'), 'utf8')).toBe('kept');
  });
});

describe('doctor --repair with nothing to repair', () => {
  it('changes nothing and needs no lock, so a held lock or a read-only folder is no failure', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const config = readFileSync(join(dir, 'config.json'), 'utf8');
    // Another command's lock, held: a repair with work to do would wait for it.
    mkdirSync(join(dir, 'config.lock'));
    const start = Date.now();
    const repair = run(dir, ['doctor', '--repair']);
    expect([repair.code, repair.stdout]).toEqual([0, expect.stringContaining('left as it is')]);
    expect(Date.now() - start).toBeLessThan(5_000);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(config);
    expect(existsSync(join(dir, 'config.lock'))).toBe(true);
  });
});

describe('a file where the lock directory goes', () => {
  it('changes fail at once and say how to fix it; doctor --repair removes it', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    writeFileSync(join(dir, 'config.lock'), 'stray');
    const start = Date.now();
    const done = run(dir, ['done', 'chapter1/1']);
    expect(Date.now() - start).toBeLessThan(5000);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('config.lock is a file');
    expect(done.stderr).toContain('roadmap doctor --repair');
    const doctor = run(dir, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(
      `a file is where a lock directory goes, so no change can be made: ${join(dir, 'config.lock')}`,
    );
    expect(run(dir, ['doctor', '--repair']).code).toBe(0);
    expect(run(dir, ['done', 'chapter1/1']).code).toBe(0);
    expect(run(dir, ['doctor']).code).toBe(0);
  });
});
