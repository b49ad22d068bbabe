import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { LogJsonEntry } from '../../src/commands/log.js';
import type { NextJson } from '../../src/ui/render-next.js';
import { json, run } from '../helpers/run-bin.js';
import { tempDir } from '../helpers/temp.js';

describe('the learning loop, end to end', () => {
  it('add → next → done → status', () => {
    const dir = tempDir();
    const intro = run(dir, []);
    expect(intro.code).toBe(0);
    expect(intro.stdout.trimEnd().endsWith('roadmap add mlep')).toBe(true);
    expect(existsSync(join(dir, 'config.json'))).toBe(false);

    const add = run(dir, ['add', 'mlep']);
    expect(add.code).toBe(0);
    expect(add.stderr).toContain('Added mlep-intro, mlep-data, mlep-modeling, mlep-deploy');
    // The catalog's caveats (a course reported retired, say) are pointed out where it is chosen.
    expect(add.stderr).toContain(
      "mlep-intro, mlep-data, mlep-modeling, mlep-deploy have notes on their catalog data (sources, estimates, whether still offered): `roadmap show <course>` lists a course's.",
    );

    const next = json<NextJson>(run(dir, ['next', '--json']));
    expect(next).toEqual({
      kind: 'module',
      reason: null,
      course: { id: 'mlep-intro', title: 'Introduction to Machine Learning in Production' },
      module: {
        id: 'mlep-intro/week-1',
        title: 'Overview of the ML Lifecycle and Deployment',
        url: 'https://www.coursera.org/learn/introduction-to-machine-learning-in-production',
        minutes: 300,
        minutesBasis: 'assumed',
        minutesLogged: 0,
        part: null,
        optional: false,
      },
      position: { index: 1, total: 3 },
      optionalLeft: 0,
      // Added by the focus rules; the core loop's fields above are unchanged.
      project: null,
      idle: null,
      hint: null,
    });
    const text = run(dir, ['next']);
    expect(text.stdout).toContain('Overview of the ML Lifecycle and Deployment');
    expect(text.stdout).toContain('module 1 of 3');
    expect(text.stdout).toContain(
      'https://www.coursera.org/learn/introduction-to-machine-learning-in-production',
    );
    expect(run(dir, ['next', '--short']).stdout).toBe(
      'mlep-intro · Overview of the ML Lifecycle and Deployment · 5 h\n',
    );
    // Time studied on it shows beside the estimate, which it doesn't change.
    const other = tempDir();
    run(other, ['add', 'mlep']);
    run(other, ['study', '--minutes', '90']);
    expect(json<NextJson>(run(other, ['next', '--json'])).module).toMatchObject({
      minutes: 300,
      minutesLogged: 90,
    });
    expect(run(other, ['next']).stdout).toContain(
      'About 5 h (assumed estimate) · 1 h 30 min logged so far',
    );

    const done = run(dir, [
      'done',
      '--minutes',
      '240',
      '--note',
      'lab 1 done',
      '--at',
      '2026-03-01',
    ]);
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('Done: Overview of the ML Lifecycle and Deployment');
    expect(done.stdout).toContain('Next: Select and Train a Model');

    const status = json<{ courses: Record<string, unknown>[]; total: Record<string, unknown> }>(
      run(dir, ['status', '--json']),
    );
    expect(status.courses[0]).toEqual({
      id: 'mlep-intro',
      title: 'Introduction to Machine Learning in Production',
      inCatalog: true,
      done: 1,
      skipped: 0,
      total: 3,
      percent: 33.3,
      minutesDone: 300,
      minutesTotal: 900,
      minutesLogged: 240,
      addedAt: '2026-03-02T09:00:00.000Z',
      // A bare --at date is local midnight; the tests run with TZ=UTC.
      startedAt: '2026-03-01T00:00:00.000Z',
      lastActivityAt: '2026-03-01T00:00:00.000Z',
      // Added by the pace report; the core loop's fields above are unchanged.
      eta: {
        date: null,
        basis: null,
        reason: 'your history covers 2 days, counting today; 14 are needed',
      },
      // Added by the focus rules: the first course came into focus by itself when it was added.
      state: 'active',
      reason: null,
      stateSince: '2026-03-02T09:00:00.000Z',
      parkedFor: null,
      project: null,
      idle: null,
    });
    expect(status.courses[1]).toMatchObject({
      id: 'mlep-data',
      state: 'planned',
      startedAt: null,
      lastActivityAt: null,
      percent: 0,
    });
    expect(status.total).toEqual({
      done: 1,
      skipped: 0,
      total: 16,
      percent: 6.3,
      minutesDone: 300,
      minutesTotal: 4800,
      minutesLogged: 240,
    });

    const show = json<{ modules: { id: string; status: string; notes: { text: string }[] }[] }>(
      run(dir, ['show', 'mlep-intro', '--json']),
    );
    expect(show.modules[0]).toMatchObject({
      id: 'mlep-intro/week-1',
      status: 'done',
      notes: [{ text: 'lab 1 done' }],
    });

    const log = readFileSync(join(dir, 'activity.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log.map((e) => e.type)).toEqual(['add', 'done']);
    expect(log[1]).toMatchObject({
      moduleId: 'mlep-intro/week-1',
      minutes: 240,
      note: 'lab 1 done',
    });

    const home = run(dir, []);
    expect(home.stdout).toContain('Next: Select and Train a Model');
    expect(home.stdout).toContain('1/16 modules (6.3%) across 4 courses');
  });

  it('add points out caveats once: not again for a course with a history here', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'mlep-data']);
    run(dir, ['note', 'mlep-data/week-1', 'read ahead']);
    run(dir, ['remove', 'mlep-data', '--yes']);
    expect(run(dir, ['add', 'mlep-data']).stderr).not.toContain('notes on');
    expect(run(dir, ['add', 'hf-course']).stderr).toContain(
      'hf-course has notes on its catalog data (sources, estimates, whether still offered): `roadmap show hf-course` lists them.',
    );
  });

  it('log calls a change of a project’s details an edit, not a second idea', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    run(dir, ['project', 'mlep-intro', 'Drift alerts']);
    run(dir, ['project', 'mlep-intro', '--estimate', '12']);
    const rows = run(dir, ['log']).stdout.split('\n');
    expect(rows.filter((r) => r.includes('project idea'))).toHaveLength(1);
    expect(rows.filter((r) => r.includes('project edit'))).toHaveLength(1);
    // Each step names the project, as it stood after the step.
    expect(
      rows.filter((r) => /project (idea|edit) +mlep-intro {2}Drift alerts/.test(r)),
    ).toHaveLength(2);
    // The JSON says so too: the title, and whether the stage changed.
    const steps = json<Array<Record<string, unknown>>>(run(dir, ['log', '--json'])).filter(
      (e) => e.type === 'project',
    );
    expect(steps).toMatchObject([
      { stage: 'idea', title: 'Drift alerts', stageChanged: false },
      { stage: 'idea', title: 'Drift alerts', stageChanged: true },
    ]);
    expect(run(dir, ['undo']).stderr).toContain('Undid: project edit mlep-intro');
  });

  it('marking a skipped module done in a finished course announces no finish', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'made-with-ml']);
    run(dir, ['skip', 'mlep-intro/week-1']);
    run(dir, ['done', 'mlep-intro/week-2']);
    expect(run(dir, ['done', 'mlep-intro/week-3']).stderr).toContain('That was the last module');
    run(dir, ['project', 'mlep-intro', '--waive', '--reason', 'built one at work']);
    const upgraded = run(dir, ['done', 'mlep-intro/week-1']);
    expect(upgraded.stderr).toContain('(was skipped)');
    expect(upgraded.stderr).not.toContain('You finished');
    expect(upgraded.stderr).not.toContain('That was the last module');
  });

  it('skips, upgrades, resets and undoes, restoring each previous state exactly', () => {
    const dir = tempDir();
    run(dir, ['add', 'made-with-ml']);
    expect(run(dir, ['skip', 'product-design']).code).toBe(0);
    expect(
      run(dir, ['done', 'made-with-ml/product-design', '--note', 'went back to it']).stderr,
    ).toContain('(was skipped)');
    const again = run(dir, ['done', 'product-design']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already done');
    const statusOf = () =>
      json<{ modules: { id: string; status: string }[] }>(
        run(dir, ['show', 'made-with-ml', '--json']),
      ).modules.find((m) => m.id === 'made-with-ml/product-design')!.status;
    expect(statusOf()).toBe('done');
    expect(run(dir, ['undo']).code).toBe(0);
    expect(statusOf()).toBe('skipped');
    expect(run(dir, ['undo']).code).toBe(0);
    expect(statusOf()).toBe('todo');
    run(dir, ['done', 'product-design']);
    run(dir, ['reset', 'product-design']);
    expect(statusOf()).toBe('todo');
    run(dir, ['undo']);
    expect(statusOf()).toBe('done');
  });

  it('reorders, removes and re-adds a course without losing its progress', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course', 'made-with-ml']);
    run(dir, ['done', 'chapter1/1']);
    const moved = run(dir, ['move', 'MADE-WITH-ML', '--before', 'hf-course']);
    expect(moved.code).toBe(0);
    // Named as stored, not as typed.
    expect(moved.stderr).toContain('Moved made-with-ml from position 2 to 1.');
    const order = () =>
      json<{ courses: { id: string }[] }>(run(dir, ['status', '--json'])).courses.map((c) => c.id);
    expect(order()).toEqual(['made-with-ml', 'hf-course']);
    const refused = run(dir, ['remove', 'hf-course']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(run(dir, ['remove', 'hf-course', '--yes']).code).toBe(0);
    expect(order()).toEqual(['made-with-ml']);
    run(dir, ['add', 'hf-course']);
    const hf = json<{ courses: { id: string; done: number }[] }>(run(dir, ['status', '--json']))
      .courses[1];
    expect(hf).toMatchObject({ id: 'hf-course', done: 1 });
  });

  it('finishes a roadmap and says so', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    for (let i = 0; i < 3; i++) expect(run(dir, ['done']).code).toBe(0);
    // Its modules are done, but a course is finished with its project.
    expect(json<NextJson>(run(dir, ['next', '--json']))).toMatchObject({ kind: 'project' });
    expect(run(dir, ['done']).stderr).toContain('what is left is its project');
    run(dir, ['project', 'mlep-intro', 'Drift audit', '--shipped', 'https://example.org/audit']);
    expect(json<NextJson>(run(dir, ['next', '--json']))).toMatchObject({
      kind: null,
      reason: 'finished',
    });
    const nothing = run(dir, ['done']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('Every course on your roadmap is finished or dropped');
    expect(json<NextJson>(run(dir, ['next', '--json'])).hint).toBeNull();
  });

  it('with every course dropped and none finished, says how to bring one back', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro']);
    run(dir, ['drop', 'mlep-intro']);
    const data = json<NextJson>(run(dir, ['next', '--json']));
    expect(data).toMatchObject({
      kind: null,
      reason: 'finished',
      hint: 'roadmap resume mlep-intro',
    });
    expect(run(dir, ['next']).stdout).toContain(
      'Every course on your roadmap is dropped, so nothing is left to study.\nBring one back: roadmap resume mlep-intro',
    );
    expect(run(dir, ['next']).stdout).not.toContain('Your roadmap is finished');
  });

  it('answers on an empty roadmap with exit 0', () => {
    const dir = tempDir();
    expect(json<NextJson>(run(dir, ['next', '--json']))).toEqual({
      kind: null,
      reason: 'empty',
      course: null,
      module: null,
      position: null,
      optionalLeft: 0,
      project: null,
      idle: null,
      hint: null,
    });
    expect(run(dir, ['next', '--short'])).toMatchObject({ code: 0, stdout: '' });
    expect(run(dir, ['next'])).toMatchObject({ code: 0, stdout: '' });
    expect(json(run(dir, ['status', '--json']))).toMatchObject({
      courses: [],
      total: {
        done: 0,
        skipped: 0,
        total: 0,
        percent: 0,
        minutesDone: 0,
        minutesTotal: 0,
        minutesLogged: 0,
      },
      eta: { date: null, basis: null, reason: 'no courses on the roadmap' },
      goal: null,
      studiedMinutes: 0,
    });
    // Read commands never create the directory.
    expect(existsSync(join(dir, 'config.json'))).toBe(false);
  });

  it('log shows the settings change that parked a course, also under --course', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep-intro', 'hf-course']);
    run(dir, ['config', 'set', 'focus-limit', '2']);
    run(dir, ['study', 'hf-course/chapter1/1', '--minutes', '10'], {
      ROADMAP_NOW: '2026-03-02T10:00:00Z',
    });
    run(dir, ['config', 'set', 'focus-limit', '1'], { ROADMAP_NOW: '2026-03-02T11:00:00Z' });
    const entries = json<LogJsonEntry[]>(run(dir, ['log', '--json', '--course', 'mlep-intro']));
    expect(entries[0]).toMatchObject({
      type: 'config',
      key: 'focus-limit',
      value: 1,
      transitions: [{ courseId: 'mlep-intro', state: 'parked', cause: 'limit' }],
    });
    const text = run(dir, ['log', '--course', 'mlep-intro']).stdout;
    expect(text).toContain('config set  focus-limit 1');
    expect(text).toContain('focus: mlep-intro parked (focus limit)');
  });

  it('log --course lists the undo of a change that touched the course', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course', 'made-with-ml']);
    run(dir, ['park', 'hf-course'], { ROADMAP_NOW: '2026-03-02T10:00:00Z' });
    run(dir, ['undo'], { ROADMAP_NOW: '2026-03-02T11:00:00Z' });
    // The park let made-with-ml in; its undo sent it back to planned.
    for (const course of ['hf-course', 'made-with-ml']) {
      const types = json<LogJsonEntry[]>(run(dir, ['log', '--json', '--course', course])).map(
        (e) => e.type,
      );
      expect(types.slice(0, 2), course).toEqual(['undo', 'course']);
    }
    expect(json<LogJsonEntry[]>(run(dir, ['log', '--json', '--course', 'mlep-intro']))).toEqual([]);
  });

  it('log lists the study history newest first, with notes, filters and the log shape in JSON', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course', 'mlep-intro']);
    // Two courses in focus, so studying the second one needs no switch.
    run(dir, ['config', 'set', 'focus-limit', '2']);
    run(dir, ['done', 'chapter1/1', '--minutes', '45', '--note', 'first', '--at', '2026-02-20']);
    run(dir, ['skip', 'mlep-intro/week-1', '--at', '2026-02-25']);
    run(dir, ['reset', 'mlep-intro/week-1']);
    run(dir, ['undo']);
    const entries = json<Record<string, unknown>[]>(run(dir, ['log', '--json']));
    // The add brought hf-course into focus, so it is listed too.
    expect(entries.map((e) => e.type)).toEqual(['undo', 'reset', 'add', 'skip', 'done']);
    expect(entries[4]).toEqual({
      id: expect.any(String),
      at: '2026-02-20T00:00:00.000Z',
      type: 'done',
      courseId: 'hf-course',
      moduleId: 'hf-course/chapter1/1',
      minutes: 45,
      note: 'first',
      // As the text shows it.
      title: 'Introduction',
    });
    expect(json<unknown[]>(run(dir, ['log', '--json', '--course', 'hf-course']))).toHaveLength(2);
    expect(json<unknown[]>(run(dir, ['log', '--json', '--since', '2026-02-21']))).toHaveLength(4);
    expect(json<unknown[]>(run(dir, ['log', '--json', '--limit', '2']))).toHaveLength(2);
    const text = run(dir, ['log']).stdout;
    expect(text).toContain('2026-02-20 00:00  done   hf-course/chapter1/1  Introduction · 45 min');
    expect(text).toContain('note: first');
    expect(run(dir, ['log', '--limit', '0']).code).toBe(2);
  });

  it('status, show and search fit 80 columns with a dropped course, logged time and emoji titles', () => {
    const dir = tempDir();
    run(dir, ['add', 'mlep', 'hf-course']);
    run(dir, ['config', 'set', 'focus-limit', '2']);
    run(dir, ['resume', 'hf-course']);
    for (const m of ['chapter1/3', 'chapter1/4', 'chapter1/5'])
      run(dir, ['done', `hf-course/${m}`, '--minutes', '40']);
    run(dir, ['skip', 'mlep-intro/week-1']);
    run(dir, ['drop', 'mlep-deploy', '--reason', 'covered at work']);
    const text = [
      run(dir, ['status']).stdout,
      run(dir, ['show', 'hf-course']).stdout,
      run(dir, ['search', 'transformers']).stdout,
    ].join('\n');
    expect(text).toContain('(without dropped)');
    expect(text).toContain('How 🤗 Transformers');
    // An emoji takes two columns, and the rows are cut to fit.
    const wide = text.split('\n').filter((line) => stringWidth(line) > 80);
    expect(wide).toEqual([]);
  });

  it('log and show wrap a note of CJK and joined emoji within 80 columns', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    const note = `👍🏻 ${'機械学習 '.repeat(12).trim()}`;
    expect(run(dir, ['note', 'hf-course/chapter1/5', note]).code).toBe(0);
    const text = [run(dir, ['log']).stdout, run(dir, ['show', 'hf-course']).stdout].join('\n');
    expect(text).toContain('👍🏻');
    expect(text.split('\n').filter((line) => stringWidth(line) > 80)).toEqual([]);
  });
});
