import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogJsonEntry } from '../../src/commands/log.js';
import type { NextJson } from '../../src/ui/render-next.js';
import type { StatusJson } from '../../src/ui/render-status.js';
import { BIN, FIXED_NOW, json, run } from '../helpers/run-bin.js';
import { checkConsistency } from '../helpers/state-check.js';
import { tempDir } from '../helpers/temp.js';

/** The config directory's two files, byte for byte. */
function files(dir: string): [Buffer, Buffer] {
  return [readFileSync(join(dir, 'config.json')), readFileSync(join(dir, 'activity.jsonl'))];
}

const status = (dir: string, env = {}) => json<StatusJson>(run(dir, ['status', '--json'], env));
const course = (dir: string, id: string) => status(dir).courses.find((c) => c.id === id)!;
const next = (dir: string, env = {}) => json<NextJson>(run(dir, ['next', '--json'], env));

/** Runs a command a message suggests, pasted into a shell as it is. */
function paste(dir: string, command: string) {
  const result = spawnSync('sh', ['-c', `roadmap() { "$NODE" "$BIN" "$@"; }\n${command}`], {
    env: {
      ...process.env,
      NODE: process.execPath,
      BIN,
      ROADMAP_CONFIG_DIR: dir,
      ROADMAP_NOW: FIXED_NOW,
      NO_COLOR: '1',
    },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a refused switch suggests the command to run', () => {
  it('with the minutes, note and date given, so that pasted it records the same study', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course']);
    // Quotes and a dollar sign, then a note that starts with a dash, which must follow `=`.
    const notes = ['it\'s "good"; $HOME stays', '-v2 of the lab'];
    for (const [command, note] of [
      ['study', notes[0]!],
      ['done', notes[1]!],
    ] as const) {
      const refused = run(dir, [
        command,
        'hf-course/chapter1/1',
        '--minutes',
        '20',
        `--note=${note}`,
        '--at',
        '2026-03-01',
      ]);
      expect(refused.code).toBe(2);
      // The command stands on a line of its own, to be copied whole.
      const suggested = refused.stderr.match(/run it again with --switch:\n {2}(roadmap .*)/)![1]!;
      expect(suggested).toContain('--minutes 20');
      expect(paste(dir, suggested).code).toBe(0);
      run(dir, ['undo']);
    }
    // The undo entries come first; each pasted command recorded what was asked.
    const log = json<{ type: string; minutes?: number; note?: string; at: string }[]>(
      run(dir, ['log', '--json']),
    );
    const studied = log.filter((e) => e.type === 'study' || e.type === 'done');
    expect(studied.map((e) => [e.type, e.minutes, e.note, e.at])).toEqual([
      ['done', 20, notes[1], '2026-03-01T00:00:00.000Z'],
      ['study', 20, notes[0], '2026-03-01T00:00:00.000Z'],
    ]);
    // A newline can't be pasted back as it was: no command is offered that would change it.
    const multiline = run(dir, [
      'study',
      'hf-course/chapter1/1',
      '--minutes',
      '5',
      '--note',
      'a\nb',
    ]);
    expect(multiline.stderr).toContain(
      'run the same command again with --switch added (and --reason "why").',
    );
    expect(multiline.stderr).not.toContain('roadmap study hf-course/chapter1/1 --minutes');
  });

  it('study without --minutes shows an example for the module named', () => {
    const refused = run(tempDir(), ['study', 'hf-course/chapter1/1']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'For example: roadmap study hf-course/chapter1/1 --minutes 45',
    );
    // What else was given is repeated, so the example can be pasted as it is.
    const noted = run(tempDir(), ['study', '--note', 'read it twice']);
    expect(noted.stderr).toContain(
      "For example: roadmap study --minutes 45 --note 'read it twice'\n",
    );
  });
});

describe('finishing what you start, end to end', () => {
  it('add two, study, refuse a silent switch, switch, resume, finish, ship, undo', () => {
    const dir = tempDir();
    // 1. Two courses: the first comes into focus by itself, the other waits.
    const add = run(dir, ['add', 'mlep-intro', 'hf-course']);
    expect(add.stderr).toContain('mlep-intro is now in focus');
    expect(status(dir).focus).toEqual({ limit: 1, active: ['mlep-intro'], unloaded: [] });
    expect(course(dir, 'hf-course')).toMatchObject({ state: 'planned', project: null });

    // 2. Study the first.
    expect(run(dir, ['done', 'mlep-intro/week-1']).code).toBe(0);

    // 3. Studying the second without --switch and without a terminal: refused, nothing written.
    const before = files(dir);
    const refused = run(dir, ['done', 'hf-course/chapter1/1']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('hf-course, which is planned, not in focus');
    expect(refused.stderr).toContain('--switch');
    expect(refused.stderr).toContain('roadmap config set focus-limit 2');
    expect(files(dir)).toEqual(before);

    // 4. Switch with a reason: the first is parked, its progress kept.
    const switched = run(dir, [
      'done',
      'hf-course/chapter1/1',
      '--switch',
      '--reason',
      'transformers for work',
    ]);
    expect(switched.code).toBe(0);
    expect(switched.stderr).toContain('Parked mlep-intro to make room for hf-course');
    expect(switched.stderr).toContain('You started hf-course while mlep-intro is parked');
    expect(course(dir, 'mlep-intro')).toMatchObject({
      state: 'parked',
      reason: 'transformers for work',
      parkedFor: 'hf-course',
      done: 1,
    });
    // The reason is the switch's: said with the course it made room for.
    expect(run(dir, ['status']).stdout).toContain(
      'parked just now (for hf-course): transformers for work',
    );
    expect(status(dir).hopping).toMatchObject({ startedUnfinished: 1, courses: ['mlep-intro'] });
    const [entry] = json<Record<string, unknown>[]>(run(dir, ['log', '--json', '--limit', '1']));
    expect(entry).toMatchObject({
      type: 'done',
      moduleId: 'hf-course/chapter1/1',
      reason: 'transformers for work',
      transitions: [
        {
          courseId: 'mlep-intro',
          state: 'parked',
          cause: 'switch',
          switchedTo: 'hf-course',
          reason: 'transformers for work',
        },
        { courseId: 'hf-course', state: 'active', cause: 'study', reason: 'transformers for work' },
      ],
    });

    // 5. Resume the first: the second is parked to keep within the limit.
    const resumed = run(dir, ['resume', 'mlep-intro']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('Parked hf-course to make room for mlep-intro');
    expect(resumed.stderr).toContain('mlep-intro is in focus again.');
    expect(status(dir).focus.active).toEqual(['mlep-intro']);
    expect(course(dir, 'hf-course').state).toBe('parked');

    // 6. Finish its modules: the project is the next step.
    run(dir, ['done']);
    const last = run(dir, ['done']);
    expect(last.stderr).toContain('That was the last module of Introduction to Machine Learning');
    const step = next(dir);
    expect(step).toMatchObject({
      kind: 'project',
      course: { id: 'mlep-intro' },
      module: null,
      project: { step: 'choose', current: null },
    });
    expect(run(dir, ['next']).stdout).toContain('Build something of your own');
    expect(course(dir, 'mlep-intro').state).toBe('active');
    run(dir, ['project', 'mlep-intro', 'Drift monitor', '--goal', 'alerts on drift']);
    expect(next(dir).project).toMatchObject({ step: 'start', current: { stage: 'idea' } });
    run(dir, ['project', 'mlep-intro', '--repo', 'https://example.org/me/drift']);
    expect(next(dir).project).toMatchObject({ step: 'ship', current: { stage: 'started' } });

    // 7. Ship it: the course is finished. hf-course was parked to make room for it, so it
    // comes back into focus, rather than a course not started.
    const ship = run(dir, ['project', 'mlep-intro', '--shipped', 'https://example.org/v1']);
    expect(ship.code).toBe(0);
    expect(ship.stderr).toContain('is finished. Well done.');
    expect(ship.stderr).toContain(
      'hf-course is back in focus: it was parked to make room for mlep-intro.',
    );
    expect(ship.stderr).not.toContain('You started');
    expect(course(dir, 'mlep-intro')).toMatchObject({
      state: 'finished',
      project: {
        title: 'Drift monitor',
        goal: 'alerts on drift',
        stage: 'shipped',
        repo: 'https://example.org/me/drift',
        shippedRef: 'https://example.org/v1',
        shippedAt: '2026-03-02T09:00:00.000Z',
        waived: false,
        waiveReason: null,
        estimateMinutes: null,
      },
    });
    expect(next(dir)).toMatchObject({ kind: 'module', course: { id: 'hf-course' } });
    expect(status(dir).hopping.warning).toBeNull();
    expect(run(dir, ['log', '--limit', '1']).stdout).toContain(
      'focus: hf-course active (focus rule)',
    );

    // 8. Undo: unfinished again, and the project back at started.
    const undo = run(dir, ['undo']);
    expect(undo.stderr).toContain('Undid: project shipped mlep-intro');
    expect(course(dir, 'mlep-intro')).toMatchObject({
      state: 'active',
      project: { stage: 'started' },
    });
    expect(course(dir, 'hf-course').state).toBe('parked');
    expect(next(dir)).toMatchObject({ kind: 'project', project: { step: 'ship' } });
    expect(checkConsistency(dir)).toBeNull();
  });

  it('minutes on a done module of a parked course need no switch, with study as with done', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course']);
    run(dir, ['done', 'mlep-intro/week-1']);
    expect(run(dir, ['park', 'mlep-intro']).code).toBe(0);
    for (const args of [
      ['study', 'mlep-intro/week-1', '--minutes', '20'],
      ['done', 'mlep-intro/week-1', '--minutes', '20'],
    ]) {
      const result = run(dir, args);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).not.toContain('switch');
      expect(course(dir, 'mlep-intro').state).toBe('parked');
    }
    // Minutes on a module not done yet are study: that still needs the switch.
    expect(run(dir, ['study', 'mlep-intro/week-2', '--minutes', '20']).code).toBe(2);
  });

  it('undo reverts a switch together with the study that caused it', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course']);
    run(dir, ['study', 'mlep-intro/week-1', '--minutes', '30']);
    const before = status(dir);
    const switched = run(dir, ['study', 'hf-course/chapter1/1', '--minutes', '20', '--switch']);
    expect(switched.code).toBe(0);
    expect(switched.stderr).toContain('`roadmap undo` reverts this and the switch together');
    expect(status(dir).focus.active).toEqual(['hf-course']);
    const undo = run(dir, ['undo']);
    expect(undo.stderr).toContain(
      'Undid: study hf-course/chapter1/1 (2026-03-02 09:00), 20 min, and with it mlep-intro is active again, hf-course is planned again.',
    );
    expect(status(dir)).toEqual(before);
    // The log shows the states the undo put back, as it shows any entry's.
    const [entry] = JSON.parse(run(dir, ['log', '--json', '--limit', '1']).stdout);
    expect(entry).toMatchObject({
      type: 'undo',
      transitions: [
        { courseId: 'mlep-intro', state: 'active' },
        { courseId: 'hf-course', state: 'planned' },
      ],
    });
    expect(run(dir, ['log', '--limit', '1']).stdout).toContain(
      'focus: mlep-intro active, hf-course planned\n',
    );
  });

  it('a finished course reset with room in the focus: active from now, idle counted from now', () => {
    const dir = tempDir();
    const at = (day: string) => ({ ROADMAP_NOW: `2026-03-${day}T20:00:00Z`, TZ: 'UTC' });
    run(dir, ['add', 'mlep-intro'], at('01'));
    run(dir, ['project', 'mlep-intro', '--waive', '--reason', 'no time'], at('01'));
    for (const day of ['03', '04', '05']) run(dir, ['done', '--minutes', '300'], at(day));
    expect(run(dir, ['reset', 'mlep-intro/week-3'], at('25')).code).toBe(0);
    const after = json<StatusJson>(run(dir, ['status', '--json'], at('25')));
    expect(after.courses[0]).toMatchObject({
      state: 'active',
      stateSince: '2026-03-25T20:00:00.000Z',
    });
    // Finished from 5 to 25 March: no time in focus, so no idle nudge and no broken streak.
    expect(after.courses[0]!.idle).toBeNull();
    expect(after.streak.days).toEqual({ current: 3, longest: 3 });
    expect(after.pace.windowDays).toBe(4);
    expect(run(dir, ['log', '--limit', '1'], at('25')).stdout).toContain(
      'focus: mlep-intro reopened\n',
    );
  });

  it('undoing an add names no state for the course it takes off the roadmap', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    expect(run(dir, ['undo']).stderr).toBe(
      'Undid: add mlep-intro (2026-03-02 09:00). Nothing further back can be undone.\n',
    );
    const [entry] = JSON.parse(run(dir, ['log', '--json', '--limit', '1']).stdout);
    expect(entry.type).toBe('undo');
    expect(entry.transitions).toBeUndefined();
  });

  it('asks for nothing and needs no --switch while the focus limit has room', () => {
    const dir = tempDir();
    const day = (n: number) => ({ ROADMAP_NOW: `2026-03-0${n}T09:00:00Z` });
    run(dir, ['add', 'mlep-intro', 'hf-course'], day(1));
    run(dir, ['done', 'mlep-intro/week-1'], day(1));
    expect(run(dir, ['config', 'set', 'focus-limit', '2']).code).toBe(0);
    const started = run(dir, ['skip', 'hf-course/chapter0/1']);
    expect(started.code).toBe(0);
    expect(started.stderr).toContain('hf-course is now in focus');
    expect(status(dir).focus).toEqual({
      limit: 2,
      active: ['mlep-intro', 'hf-course'],
      unloaded: [],
    });
    // Lowering the limit parks the course worked on least recently; undo brings it back.
    run(dir, ['done', 'hf-course/chapter1/1'], day(3));
    const lowered = run(dir, ['config', 'set', 'focus-limit', '1'], day(4));
    expect(lowered.stderr).toContain('Parked mlep-intro: focus-limit allows 1 active course');
    expect(status(dir).focus.active).toEqual(['hf-course']);
    run(dir, ['undo'], day(4));
    expect(status(dir).focus).toEqual({
      limit: 2,
      active: ['mlep-intro', 'hf-course'],
      unloaded: [],
    });
  });

  it('park, resume and drop, with reasons that status shows; dropped courses leave the totals', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'made-with-ml']);
    run(dir, ['done', 'mlep-intro/week-1']);
    const park = run(dir, ['park', 'mlep-intro', '--reason', 'exam week']);
    expect(park.stderr).toContain('Parked mlep-intro (exam week); its progress is kept');
    // Nothing active, and made-with-ml is planned: it comes into focus by itself.
    expect(park.stderr).toContain('made-with-ml is now in focus');
    // The focus rules brought it in, so the learner is not told they started it.
    expect(park.stderr).not.toContain('You started');
    expect(course(dir, 'mlep-intro')).toMatchObject({ state: 'parked', reason: 'exam week' });
    expect(run(dir, ['park', 'mlep-intro']).stderr).toContain('already parked; nothing changed');

    const drop = run(dir, ['drop', 'mlep-intro', '--reason', 'retired on Coursera']);
    expect(drop.code).toBe(0);
    const dropped = status(dir);
    expect(dropped.courses.map((c) => [c.id, c.state, c.reason])).toEqual([
      ['mlep-intro', 'dropped', 'retired on Coursera'],
      ['made-with-ml', 'active', null],
    ]);
    expect(dropped.total).toMatchObject({ done: 0, total: 26 });
    expect(dropped.hopping.startedUnfinished).toBe(1);
    const text = run(dir, ['status']).stdout;
    expect(text).toContain('dropped just now: retired on Coursera · not counted in the totals');
    expect(text).toContain('(without dropped)');

    // Refused moves exit 1 and change nothing.
    const before = files(dir);
    const refused = run(dir, ['park', 'mlep-intro']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('mlep-intro is dropped, so it is already out of focus');
    expect(refused.stderr).toContain('roadmap resume mlep-intro');
    expect(files(dir)).toEqual(before);
    const unknown = run(dir, ['resume', 'mlep-intr']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean `mlep-intro`');

    const resume = run(dir, ['resume', 'mlep-intro']);
    expect(resume.stderr).toContain('Parked made-with-ml to make room for mlep-intro');
    expect(course(dir, 'mlep-intro').state).toBe('active');
    expect(checkConsistency(dir)).toBeNull();
  });

  it('a course a lower focus-limit parked comes back when the limit is raised, and says why', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'mlep-data', 'hf-course']);
    run(dir, ['config', 'set', 'focus-limit', '2']);
    run(dir, ['done', 'mlep-intro/week-1', '--minutes', '30']);
    run(dir, ['done', 'mlep-data/week-1', '--minutes', '30']);
    const lowered = run(dir, ['config', 'set', 'focus-limit', '1']);
    expect(lowered.stderr).toContain('Parked mlep-data: focus-limit allows 1 active course.');
    const raised = run(dir, ['config', 'set', 'focus-limit', '2']);
    expect(raised.stderr).toContain('mlep-data is back in focus: the focus limit had parked it.');
    expect(course(dir, 'mlep-data').state).toBe('active');
    // Undone, it is parked again.
    run(dir, ['undo']);
    expect(course(dir, 'mlep-data').state).toBe('parked');
    expect(checkConsistency(dir)).toBeNull();
  });

  it('next names the step of each other course in focus, with the command that opens it', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'mlep-data']);
    expect(run(dir, ['next']).stderr).not.toContain('Also in focus');
    run(dir, ['config', 'set', 'focus-limit', '2']);
    run(dir, ['done', 'mlep-data/week-1']);
    const both = run(dir, ['next']);
    expect(both.stdout).toContain('mlep-intro/week-1');
    expect(both.stderr).toContain(
      'Also in focus, mlep-data: “Feature Engineering, Transformation and Selection”:\n  roadmap open mlep-data/week-2\n',
    );
    for (const week of [2, 3, 4]) run(dir, ['done', `mlep-data/week-${week}`]);
    expect(run(dir, ['next']).stderr).toContain(
      'Also in focus, mlep-data: its project: roadmap project mlep-data',
    );
    // Data for scripts stays as it was: the first course's step.
    expect(json<NextJson>(run(dir, ['next', '--json'])).course?.id).toBe('mlep-intro');
  });

  it('--reason with no switch to give it to is refused before anything is written', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    const before = readFileSync(join(dir, 'config.json'), 'utf8');
    for (const command of ['skip', 'done']) {
      const result = run(dir, [command, '--reason', 'know it from uni']);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        '--reason says why you switch courses, and mlep-intro needs no switch: nothing was changed.',
      );
      expect(result.stderr).toContain("make it a note: --note 'know it from uni'");
    }
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
    // A note given too: the hint adds the reason to it, rather than a second --note.
    expect(run(dir, ['done', '--note', 'lab', '--reason', 'bored']).stderr).toContain(
      "add it to your note: --note 'lab (bored)'",
    );
    // One that starts with a dash goes after `=`, where it can't read as an option.
    expect(run(dir, ['skip', '--reason=-v2 was easier']).stderr).toContain(
      "make it a note: --note='-v2 was easier'",
    );
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(before);
    // Time on a project is held to the same rule.
    for (const week of [1, 2, 3]) run(dir, ['done', `mlep-intro/week-${week}`]);
    run(dir, ['project', 'mlep-intro', 'Label audit']);
    const stamped = readFileSync(join(dir, 'config.json'), 'utf8');
    const time = run(dir, ['project', 'mlep-intro', '--minutes', '30', '--reason', 'why']);
    expect(time.code).toBe(2);
    expect(time.stderr).toContain(
      '--reason says why you switch courses, and mlep-intro needs no switch',
    );
    expect(time.stderr).toContain("give it as the session's note: --note why");
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).toBe(stamped);
    // With a switch to give it to, it is kept.
    run(dir, ['add', 'hf-course']);
    const switched = run(dir, [
      'done',
      'hf-course/chapter1/1',
      '--switch',
      '--reason',
      'needed now',
    ]);
    expect(switched.code).toBe(0);
    expect(course(dir, 'mlep-intro')).toMatchObject({ state: 'parked' });
  });

  it('resume of a course never in focus says it is in focus, not in focus again', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course']);
    const resumed = run(dir, ['resume', 'hf-course']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('✓ hf-course is in focus.');
    expect(resumed.stderr).not.toContain('again');
    // Dropped while planned, it still never was.
    run(dir, ['add', 'made-with-ml']);
    run(dir, ['drop', 'made-with-ml', '--reason', 'later']);
    const taken = run(dir, ['resume', 'made-with-ml']);
    expect(taken.stderr).toContain('✓ made-with-ml is in focus.');
    expect(taken.stderr).not.toContain('again');
  });

  it('after a park or drop, says what to do next: study, resume the parked one, or add more', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'made-with-ml']);
    // made-with-ml comes into focus by itself.
    expect(run(dir, ['park', 'mlep-intro']).stderr).toContain('See what to study: `roadmap next`');
    expect(run(dir, ['park', 'made-with-ml']).stderr).toContain(
      'No course is in focus now; `roadmap status` lists the parked ones to resume.',
    );
    expect(run(dir, ['drop', 'mlep-intro']).stderr).toContain(
      'No course is in focus now; `roadmap resume made-with-ml` brings back the parked one.',
    );
    expect(run(dir, ['drop', 'made-with-ml']).stderr).toContain(
      'Nothing is left to study: every course on your roadmap is finished or dropped.',
    );
  });

  it('waiving a project needs a reason, and finishes the course like shipping', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'mlep-data']);
    for (let i = 0; i < 3; i++) run(dir, ['done']);
    const before = files(dir);
    const noReason = run(dir, ['project', 'mlep-intro', '--waive']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('needs a reason');
    expect(files(dir)).toEqual(before);
    const waive = run(dir, ['project', 'mlep-intro', '--waive', '--reason', 'built one at work']);
    expect(waive.code).toBe(0);
    expect(waive.stderr).toContain('mlep-data is now in focus');
    expect(course(dir, 'mlep-intro')).toMatchObject({
      state: 'finished',
      reason: 'built one at work',
      project: { stage: 'waived', waived: true, waiveReason: 'built one at work', title: null },
    });
    expect(run(dir, ['status']).stdout).toContain('project: waived: built one at work');
    // `show` says where the course stands, and its project, as `status` does.
    expect(
      json<{ state: string; project: { stage: string } }>(
        run(dir, ['show', 'mlep-intro', '--json']),
      ),
    ).toMatchObject({
      state: 'finished',
      project: { stage: 'waived' },
    });
    expect(run(dir, ['show', 'mlep-intro']).stdout).toContain(
      '3 done, 0 skipped, 0 to do · finished\nProject: waived: built one at work\n',
    );
    // Shipped or waived is final for `park`, `resume` and `drop`.
    expect(run(dir, ['drop', 'mlep-intro']).code).toBe(1);
    const list = json<Record<string, unknown>[]>(run(dir, ['project', '--json']));
    expect(list).toEqual([
      expect.objectContaining({
        courseId: 'mlep-intro',
        stage: 'waived',
        stages: expect.any(Array),
      }),
    ]);
  });

  it('a project change with --json prints the project as it then stands', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    const titled = json<{ course: { id: string }; current: { title: string; stage: string } }>(
      run(dir, ['project', 'mlep-intro', 'Drift watcher', '--json']),
    );
    expect(titled).toMatchObject({
      course: { id: 'mlep-intro' },
      current: { title: 'Drift watcher', stage: 'idea' },
    });
    const started = json<{ current: { stage: string; repo: string } }>(
      run(dir, ['project', 'mlep-intro', '--repo', 'github.com/me/drift', '--json']),
    );
    expect(started.current).toMatchObject({ stage: 'started', repo: 'github.com/me/drift' });
    // Nothing to change: still the project, on stdout.
    const same = run(dir, ['project', 'mlep-intro', '--repo', 'github.com/me/drift', '--json']);
    expect(json<{ current: { stage: string } }>(same).current.stage).toBe('started');
    expect(same.stderr).toContain('nothing changed');
  });

  it('a project without a title or a terminal shows the ideas, or names what to pass', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    const before = files(dir);
    // Nothing to choose in: the ideas are shown, as --json lists them, with how to pick one.
    const result = run(dir, ['project', 'mlep-intro']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'No project yet for mlep-intro. Ideas from the catalog:\n    · ',
    );
    expect(result.stdout).toContain('--idea label-consistency-audit)');
    expect(result.stderr).toContain(
      'Pick one by id: roadmap project mlep-intro --idea scoped-project-with-baseline\n',
    );
    expect(result.stderr).toContain('roadmap project mlep-intro "<title>" --estimate HOURS');
    expect(files(dir)).toEqual(before);
    const shipped = run(dir, ['project', 'mlep-intro', '--shipped', 'abc']);
    expect(shipped.code).toBe(2);
    expect(shipped.stderr).toContain('needs a title first');
    expect(run(dir, ['project', 'mlep-intro', 'X', '--estimate', 'lots']).code).toBe(2);
    expect(run(dir, ['project', 'mlep-intro', 'X', '--reason', 'why']).code).toBe(2);
    expect(run(dir, ['project', 'hf-course', 'X']).stderr).toContain('not on your roadmap');
    expect(files(dir)).toEqual(before);
  });
});

describe('adding a course behind the one in focus', () => {
  it('says it waits its turn, rather than sending you to next for it', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const added = run(dir, ['add', 'made-with-ml']);
    expect(added.stderr).toContain(
      'It waits behind hf-course, in focus now: `roadmap next` shows what to study.',
    );
    expect(added.stderr).not.toContain('See what to study first');
  });
});

describe('the log names the courses an entry finished', () => {
  it('a waiver, and an undo of the reset that reopened the course, say "finished"', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'mlep-data']);
    for (const week of [1, 2, 3]) run(dir, ['done', `mlep-intro/week-${week}`]);
    expect(run(dir, ['project', 'mlep-intro', '--waive', '--reason', 'no time']).code).toBe(0);
    const [waived] = json<LogJsonEntry[]>(run(dir, ['log', '--json']));
    expect(waived).toMatchObject({ type: 'project', finished: ['mlep-intro'] });
    run(dir, ['reset', 'mlep-intro/week-3']);
    expect(run(dir, ['undo']).stderr).toContain('mlep-intro is finished again');
    const [undo, reset] = json<LogJsonEntry[]>(run(dir, ['log', '--json']));
    // Stored as active, the course is finished: the log says so, not "active" beside mlep-data.
    expect(undo).toMatchObject({ type: 'undo', finished: ['mlep-intro'] });
    expect(undo!.transitions).toBeUndefined();
    expect(reset!.finished).toBeUndefined();
    const text = run(dir, ['log', '--limit', '1']).stdout;
    expect(text).toContain('finished: mlep-intro');
    expect(text).not.toContain('focus: mlep-intro active');
  });
});

describe('finishing with nothing left in focus', () => {
  it('shipping the last active course says which parked one to bring back', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course']);
    run(dir, ['config', 'set', 'focus-limit', '2']);
    run(dir, ['resume', 'hf-course']);
    // Parked by hand, it doesn't come back by itself (one parked by a switch would).
    run(dir, ['park', 'hf-course']);
    for (const week of [1, 2, 3]) run(dir, ['done', `mlep-intro/week-${week}`]);
    run(dir, ['project', 'mlep-intro', 'Mine']);
    const shipped = run(dir, ['project', 'mlep-intro', '--shipped', 'v1']);
    expect(shipped.code).toBe(0);
    expect(shipped.stderr).toContain(
      'is finished. Well done.\nNo course is in focus: every course left to study is parked.\nBring one back: roadmap resume hf-course\n',
    );
  });
});

describe('a course removed and added again', () => {
  it('comes back parked with its progress, and add says how to bring it into focus', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep']);
    run(dir, ['done', 'mlep-intro/week-1']);
    run(dir, ['remove', 'mlep-intro', '--yes']);
    const added = run(dir, ['add', 'mlep-intro']);
    expect(added.stderr).toContain(
      'mlep-intro is back parked, with its progress: `roadmap resume mlep-intro` brings it into focus.',
    );
    expect(course(dir, 'mlep-intro')).toMatchObject({ state: 'parked' });
  });

  it('comes back into focus when nothing else is in it, and was never parked by hand', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    run(dir, ['done', 'mlep-intro/week-1']);
    expect(run(dir, ['remove', 'mlep-intro', '--yes']).stderr).toContain(
      '`roadmap add mlep-intro` brings it back with its progress.',
    );
    const added = run(dir, ['add', 'mlep-intro']);
    expect(added.stderr).toBe(
      '✓ Added mlep-intro to your roadmap.\nmlep-intro is back in focus, as it was when you removed it.\nSee what to study first: `roadmap next`\n',
    );
    expect(course(dir, 'mlep-intro')).toMatchObject({ state: 'active' });
    expect(run(dir, ['next', '--short']).stdout).toMatch(/^mlep-intro · /);
  });

  it('says nothing of progress it has none of', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course']);
    run(dir, ['remove', 'mlep-intro', '--yes']);
    const added = run(dir, ['add', 'mlep-intro']);
    expect(added.stderr).toContain(
      'mlep-intro is back parked: `roadmap resume mlep-intro` brings it into focus.',
    );
  });
});

describe('the project list', () => {
  it("shows a waiver's reason, and asks no project of a dropped course", () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course', 'made-with-ml']);
    run(dir, ['project', 'mlep-intro', '--waive', '--reason', 'built one at work']);
    run(dir, ['drop', 'hf-course']);
    const list = run(dir, ['project']);
    expect(list.stdout).toMatch(/^mlep-intro {2}\(no title\) {2}waived: built one at work\n/);
    expect(list.stderr).toBe('No project yet for made-with-ml.\n');
  });
});

describe('idle nudges under ROADMAP_NOW', () => {
  const day = (n: number) => ({ ROADMAP_NOW: `2026-03-${String(n).padStart(2, '0')}T09:00:00Z` });

  it('count a week across the change to summer time as a week, as "last worked" does', () => {
    const dir = tempDir();
    const berlin = (now: string) => ({ TZ: 'Europe/Berlin', ROADMAP_NOW: now });
    run(dir, ['add', 'mlep-intro'], berlin('2026-03-20T08:00:00Z'));
    run(dir, ['done', '--minutes', '60'], berlin('2026-03-25T20:00:00Z'));
    // 21:00 on 25 March to 21:30 on 1 April on the clock: 6 days and 23.5 hours have passed.
    const at = berlin('2026-04-01T19:30:00Z');
    expect(next(dir, at).idle).toMatchObject({ courseId: 'mlep-intro', days: 7 });
    expect(run(dir, ['status'], at).stdout).toContain('last worked 7 days ago');
    // Days as the calendar counts them: on 1 April at any hour, and not on 31 March at 23:30.
    expect(next(dir, berlin('2026-04-01T06:00:00Z')).idle).toMatchObject({ days: 7 });
    expect(next(dir, berlin('2026-03-31T21:30:00Z')).idle).toBeNull();
  });

  it('count the first day once the clock reads the same time, however long the night was', () => {
    const check = (tz: string, added: string, then: string, now: string, days: number | null) => {
      const dir = tempDir();
      const env = (when: string) => ({ TZ: tz, ROADMAP_NOW: when });
      run(dir, ['add', 'mlep-intro'], env(added));
      run(dir, ['config', 'set', 'idle-days', '1'], env(added));
      run(dir, ['study', '--minutes', '10'], env(then));
      const idle = next(dir, env(now)).idle;
      if (days === null) expect(idle).toBeNull();
      else expect(idle).toMatchObject({ days });
      return run(dir, ['status'], env(now)).stdout;
    };
    // 22:00 to 22:30 the next day across the spring change: 23.5 hours, and a day by the clock.
    expect(
      check(
        'America/New_York',
        '2026-03-07T12:00:00Z',
        '2026-03-07T22:00:00-05:00',
        '2026-03-08T22:30:00-04:00',
        1,
      ),
    ).toContain('last worked 1 day ago');
    // 22:00 to 21:30 the next day across the autumn change: 24.5 hours, and not yet a day.
    expect(
      check(
        'Europe/Berlin',
        '2026-10-24T12:00:00Z',
        '2026-10-24T22:00:00+02:00',
        '2026-10-25T21:30:00+01:00',
        null,
      ),
    ).toContain('last worked 24 hours ago');
  });

  it('count days as the dates beside them read: the 29th to the 8th is 10 days', () => {
    const dir = tempDir();
    const berlin = (now: string) => ({ TZ: 'Europe/Berlin', ROADMAP_NOW: now });
    run(dir, ['add', 'mlep-intro'], berlin('2026-03-20T08:00:00Z'));
    run(dir, ['done', '--minutes', '60'], berlin('2026-03-29T18:00:00Z'));
    const at = berlin('2026-04-08T17:00:00Z');
    expect(next(dir, at).idle).toMatchObject({ days: 10 });
    expect(run(dir, ['next'], at).stdout.replace(/\n +/g, ' ')).toContain(
      'No activity in mlep-intro for 10 days. Last: done',
    );
    expect(run(dir, ['status'], at).stdout).toContain('last worked 10 days ago');
  });

  it('appear after idle-days without study, with the last thing done and the step to take', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro'], day(1));
    run(dir, ['done', 'mlep-intro/week-1'], day(2));
    expect(next(dir, day(8)).idle).toBeNull();
    expect(next(dir, day(9)).idle).toEqual({
      courseId: 'mlep-intro',
      days: 7,
      lastActivityAt: '2026-03-02T09:00:00.000Z',
      last: { kind: 'done', moduleId: 'mlep-intro/week-1', at: '2026-03-02T09:00:00.000Z' },
    });
    const text = run(dir, ['next'], day(12)).stdout;
    // Wrapped at 80 columns, as status wraps it.
    expect(text.replace(/\n +/g, ' ')).toContain(
      'No activity in mlep-intro for 10 days. Last: done “Overview of the ML Lifecycle and Deployment” (mlep-intro/week-1) on 2026-03-02.',
    );
    for (const line of text.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    // The step to take now is the module itself, on the line after the nudge.
    expect(text).toContain('on 2026-03-02.\nOne step now: Select and Train a Model\n');
    const report = run(dir, ['status'], day(12)).stdout;
    expect(report).toContain('No activity in mlep-intro for 10 days');
    expect(report.replace(/\n +/g, ' ')).toContain(
      'One step now: study “Select and Train a Model” (mlep-intro/week-2, about 5 h); `roadmap open mlep-intro/week-2` opens it.',
    );
    expect(
      json<StatusJson>(run(dir, ['status', '--json'], day(12))).courses[0]!.idle,
    ).toMatchObject({
      days: 10,
    });
    // A study session resets it; so does the setting.
    run(dir, ['study', '--minutes', '25'], day(12));
    expect(next(dir, day(13)).idle).toBeNull();
    run(dir, ['config', 'set', 'idle-days', '0'], day(13));
    expect(next(dir, day(30)).idle).toBeNull();
    run(dir, ['config', 'set', 'idle-days', '3'], day(13));
    expect(next(dir, day(16)).idle).toMatchObject({ days: 4, last: { kind: 'study' } });
  });

  it('with room for two courses, name a step for the idle one that next does not show', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'mlep-data'], day(1));
    run(dir, ['config', 'set', 'focus-limit', '2'], day(1));
    run(dir, ['done', 'mlep-data/week-1', '--minutes', '30'], day(2));
    run(dir, ['done', '--minutes', '30'], day(5));
    run(dir, ['study', 'mlep-intro/week-3', '--minutes', '30'], day(10));
    const report = run(dir, ['status'], day(10)).stdout.replace(/\n +/g, ' ');
    expect(report).toContain('No activity in mlep-data for 8 days');
    expect(report).toContain('`roadmap open mlep-data/week-2` opens it.');
    expect(report).not.toContain('`roadmap next` has the link');
  });

  it('keep their own line above "Next:" after a back-dated done', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro'], day(1));
    const out = run(dir, ['done', 'mlep-intro/week-1', '--at', '2026-03-02'], day(20)).stdout;
    expect(out).toMatch(/^! No activity in mlep-intro for 18 days\./m);
    expect(out).toContain('on 2026-03-02.\nNext: Select and Train a Model\n');
    expect(out).not.toContain('One step now:');
    expect(out).not.toContain('Next: !');
  });

  it('count from when a parked course came back, not from before it was parked', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course'], day(1));
    run(dir, ['done', 'mlep-intro/week-1'], day(1));
    run(dir, ['done', 'hf-course/chapter1/1', '--switch'], day(2));
    run(dir, ['resume', 'mlep-intro'], day(20));
    expect(next(dir, day(22)).idle).toBeNull();
    expect(next(dir, day(27)).idle).toMatchObject({
      days: 7,
      last: { kind: 'activated', moduleId: null },
    });
  });
});

describe('text at 80 columns', () => {
  const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l].length));

  it('fits long titles and ids of a catalog of your own, cut or wrapped', () => {
    const dir = tempDir();
    const file = join(tempDir(), 'long.json');
    writeFileSync(
      file,
      JSON.stringify({
        formatVersion: 1,
        id: 'my-catalog-with-a-long-id',
        courses: [
          {
            id: 'my-course-with-long-id',
            title: 'A personal course with an exceptionally long title that will need cutting',
            provider: 'Me',
            url: 'https://example.com',
            modules: [
              {
                id: 'my-course-with-long-id/m1',
                title: 'A module with an exceptionally long title that goes on and on and on',
                url: 'https://example.com/1',
                minutes: 30,
                minutesBasis: 'assumed',
              },
            ],
          },
        ],
      }),
    );
    run(dir, ['catalog', 'import', file]);
    run(dir, ['add', 'my-course-with-long-id', 'hf-course']);
    for (const args of [
      ['status'],
      ['catalog'],
      ['show', 'my-course-with-long-id'],
      ['search', 'data'],
    ]) {
      expect(widest(run(dir, args).stdout), args.join(' ')).toBeLessThanOrEqual(80);
    }
    // The catalog never cuts a title: it wraps it under itself.
    expect(run(dir, ['catalog']).stdout).toContain(
      'my-course-with-long-id  A personal course with an exceptionally long title that\n                        will need cutting\n',
    );
  });

  it('keeps commands whole on the project step, and cuts titles in show to fit', () => {
    const dir = tempDir();
    run(dir, ['add', 'made-with-ml', 'mlep-data']);
    for (let i = 0; i < 26; i++) run(dir, ['skip']);
    const report = run(dir, ['status']).stdout;
    expect(widest(report)).toBeLessThanOrEqual(80);
    expect(report).toContain('(`roadmap project made-with-ml`)');
    const choose = run(dir, ['next']).stdout;
    expect(widest(choose)).toBeLessThanOrEqual(80);
    // An option stays on the line of its value.
    expect(choose).toMatch(/--idea tested-training-repo\)/);
    expect(choose).not.toMatch(/--idea\n/);
    run(dir, ['project', 'made-with-ml', '--idea', 'tested-training-repo']);
    run(dir, ['project', 'made-with-ml', '--repo', 'https://github.com/me/x']);
    const ship = run(dir, ['next']).stdout;
    expect(widest(ship)).toBeLessThanOrEqual(80);
    expect(ship).toContain(
      '  When it is out in the world:\n    roadmap project made-with-ml --shipped <url-or-commit>',
    );

    run(dir, ['done', 'mlep-data/week-1', '--minutes', '75', '--switch']);
    for (const id of ['made-with-ml', 'mlep-data']) {
      const shown = run(dir, ['show', id]).stdout;
      const rows = shown.split('\n').filter((l) => / {2}[✓↷·] /.test(l));
      expect(rows.length).toBeGreaterThan(3);
      for (const row of rows) expect([...row].length).toBeLessThanOrEqual(80);
    }
    const data = run(dir, ['show', 'mlep-data']).stdout;
    // The id and what follows the title stay whole; the title is cut.
    expect(data).toContain(
      '✓ mlep-data/week-1  Collecting, Labeling an… · 5 h assumed · 1 h 15 min logged\n',
    );
    expect(data).toMatch(
      /· mlep-data\/week-4 {2}Advanced Labeling, .+… \(optional\) · 5 h assumed\n/,
    );
    // plan: the id and "(continued)" whole, the title cut.
    run(dir, ['goal', '--hours-per-week', '3']);
    const plan = run(dir, ['plan', '--weeks', '6']).stdout;
    expect(widest(plan)).toBeLessThanOrEqual(80);
    expect(plan).toMatch(/ {2}mlep-data\/week-2 {2}Feature Engineering, .+… \(continued\)\n/);
    const catalog = run(dir, ['catalog']).stdout;
    expect(widest(catalog)).toBeLessThanOrEqual(80);
  });
});

describe('a course finished while out of focus', () => {
  const at = (hour: number) => ({
    ROADMAP_NOW: `2026-03-02T${String(hour).padStart(2, '0')}:00:00Z`,
  });
  const ok = (dir: string, args: string[], hour = 9) => {
    const result = run(dir, args, at(hour));
    expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    return result;
  };

  it('counts as finished in the totals and ETAs, dropped before or not', () => {
    const dir = tempDir();
    ok(dir, ['add', 'mlep-intro', 'mlep-data']);
    for (const m of [1, 2, 3]) ok(dir, ['done', `mlep-intro/week-${m}`]);
    ok(dir, ['project', 'mlep-intro', 'P', '--repo', 'https://example.org/r']);
    ok(dir, ['drop', 'mlep-intro', '--reason', 'meh'], 10);
    ok(dir, ['project', 'mlep-intro', '--shipped', 'v1'], 11);
    const report = status(dir, at(12));
    expect(report.courses[0]).toMatchObject({ state: 'finished', eta: { reason: 'finished' } });
    expect(report.total).toMatchObject({ done: 3, total: 7 });
    expect(run(dir, ['status'], at(12)).stdout).not.toContain('without dropped');
  });

  /** mlep-intro parked, then finished by its last module at 11:00, mlep-data in focus. */
  const finishedWhileParked = () => {
    const dir = tempDir();
    ok(dir, ['add', 'mlep-intro', 'mlep-data']);
    ok(dir, ['done', 'mlep-intro/week-1']);
    ok(dir, ['done', 'mlep-intro/week-2']);
    ok(dir, ['project', 'mlep-intro', '--waive', '--reason', 'did one at work']);
    ok(dir, ['park', 'mlep-intro', '--reason', 'later'], 10);
    ok(dir, ['done', 'mlep-intro/week-3'], 11);
    return dir;
  };

  it('reopened, comes back into focus when there is room, not to its old state and reason', () => {
    const dir = finishedWhileParked();
    ok(dir, ['config', 'set', 'focus-limit', '2'], 12);
    ok(dir, ['reset', 'mlep-intro/week-3'], 13);
    expect(course(dir, 'mlep-intro')).toMatchObject({
      state: 'active',
      reason: null,
      stateSince: '2026-03-02T13:00:00.000Z',
    });
    expect(run(dir, ['log', '--limit', '1'], at(13)).stdout).toContain(
      'focus: mlep-intro reopened',
    );
    // Without room it stays out of focus, parked from when it finished, with no old reason.
    const full = finishedWhileParked();
    ok(full, ['reset', 'mlep-intro/week-3'], 13);
    expect(course(full, 'mlep-intro')).toMatchObject({
      state: 'parked',
      reason: null,
      stateSince: '2026-03-02T11:00:00.000Z',
    });
    // undo puts it back as it was: finished.
    ok(full, ['undo'], 14);
    expect(course(full, 'mlep-intro').state).toBe('finished');
    checkConsistency(full);
  });
});

describe('hints that name the course to act on', () => {
  it('project suggests the course in focus, and study with only a project left says how to log it', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course']);
    run(dir, ['study', 'hf-course/chapter1/1', '--minutes', '5', '--switch']);
    expect(run(dir, ['project']).stderr).toBe(
      'No projects yet. Record one for a course: roadmap project hf-course\n',
    );
    expect(run(dir, ['resume', 'mlep-intro']).code).toBe(0);
    for (const m of [1, 2, 3]) expect(run(dir, ['done', `mlep-intro/week-${m}`]).code).toBe(0);
    const study = run(dir, ['study', '--minutes', '30']);
    expect(study.code).toBe(1);
    expect(study.stderr).toContain(
      'Record what you are building first: roadmap project mlep-intro "title" (or pick an idea: roadmap project mlep-intro); then log the time: roadmap project mlep-intro --minutes 30',
    );
  });
});
