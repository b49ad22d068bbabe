import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/run-bin.js';
import { storedProgress } from '../helpers/state-check.js';
import { tempDir } from '../helpers/temp.js';

// Raw escape, C1 and bidi characters: none of these may reach a terminal unescaped.
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const NASTY = 'a\u001b[2J\u001b]8;;https://evil\u0007b\u009b31mc\u202ed\u2066e';

describe('hostile text', () => {
  it('a note full of escape sequences is escaped in text and in JSON', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    expect(run(dir, ['done', 'chapter0/1', '--note', NASTY]).code).toBe(0);
    for (const args of [
      ['show', 'hf-course'],
      ['show', 'hf-course', '--json'],
    ]) {
      const result = run(dir, args);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toMatch(RAW);
      expect(result.stderr).not.toMatch(RAW);
    }
    // The JSON still carries the exact note.
    const json = JSON.parse(run(dir, ['show', 'hf-course', '--json']).stdout);
    expect(json.modules[0].notes[0].text).toBe(NASTY);
  });

  it('error messages that echo an argument escape it', () => {
    const dir = tempDir();
    for (const args of [
      ['add', NASTY],
      ['show', NASTY],
      ['done', NASTY],
      ['config', 'get', NASTY],
      [NASTY],
    ]) {
      const result = run(dir, args);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(RAW);
      expect(result.stderr).toContain('\\x1b');
    }
  });

  it('a state file with __proto__, constructor and prototype keys changes no prototype', () => {
    const dir = tempDir();
    run(dir, ['add', 'hf-course']);
    run(dir, ['done', 'chapter0/1']);
    const file = join(dir, 'config.json');
    const text = readFileSync(file, 'utf8').replace(
      '"progress": {',
      '"progress": {"__proto__": {"status": "done", "at": "2026-01-01T00:00:00.000Z", "notes": [], "polluted": true},',
    );
    writeFileSync(file, text);
    const status = run(dir, ['status']);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain('progress["__proto__"] is not a module id');
    expect(run(dir, ['doctor', '--repair']).code).toBe(0);
    expect(Object.keys(storedProgress(dir))).toEqual(['hf-course/chapter0/1']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    // `constructor` and `prototype` are plain own keys, kept as unknown settings and inert;
    // `__proto__` can't be a setting key at all.
    const inert = readFileSync(file, 'utf8').replace(
      '"settings": {}',
      '"settings": {"constructor": 1, "prototype": 2}',
    );
    writeFileSync(file, inert);
    expect(run(dir, ['status', '--json']).code).toBe(0);
    expect(run(dir, ['config', 'list', '--json']).code).toBe(0);
    writeFileSync(file, inert.replace('"constructor": 1', '"__proto__": 1'));
    expect(run(dir, ['status']).stderr).toContain('settings["__proto__"]');
  });
});
