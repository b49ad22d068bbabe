import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendToLog,
  isHistoryAhead,
  isInterruptedChange,
  readLog,
  readLogNewestFirst,
  tailOf,
} from '../../src/store/log-file.js';
import { tempDir } from '../helpers/temp.js';

describe('the activity log file', () => {
  it('reads newest first across chunk boundaries, including lines longer than a chunk', () => {
    const path = join(tempDir(), 'activity.jsonl');
    let bytes = 0;
    const sizes = [10, 70_000, 5, 200_000, 65_536, 1, 3];
    sizes.forEach((size, i) => {
      const entry = {
        id: `e${i}`,
        at: '2026-01-01T00:00:00.000Z',
        type: 'note',
        note: 'é'.repeat(size),
        before: {},
        after: {},
      };
      bytes = appendToLog(path, bytes, `${JSON.stringify(entry)}\n`);
    });
    const forward = readLog(path, bytes);
    expect(forward.map((e) => e.id)).toEqual(sizes.map((_, i) => `e${i}`));
    expect([...readLogNewestFirst(path, bytes)]).toEqual([...forward].reverse());
  });

  it('names the damaged line by its number, read from either end, across chunks', () => {
    const path = join(tempDir(), 'activity.jsonl');
    const line = (i: number, size: number) =>
      `${JSON.stringify({ id: `e${i}`, type: 'note', note: 'é'.repeat(size) })}\n`;
    // Lines of ~40 KB, so the damaged sixth line is read from the end in a chunk of its own.
    const lines = Array.from({ length: 9 }, (_, i) => line(i, 20_000));
    lines[5] = `{damaged${'x'.repeat(30_000)}\n`;
    const text = lines.join('');
    writeFileSync(path, text);
    const bytes = Buffer.byteLength(text);
    expect(() => readLog(path, bytes)).toThrow('has a damaged line 6.');
    expect(() => [...readLogNewestFirst(path, bytes)]).toThrow('has a damaged line 6.');
    const missing = join(tempDir(), 'activity.jsonl');
    expect(() => [...readLogNewestFirst(missing, 10)]).toThrow(
      `The activity log ${missing} is missing; it should hold 10 bytes.`,
    );
  });

  it('ignores bytes past the committed mark and cuts them off on the next append', () => {
    const path = join(tempDir(), 'activity.jsonl');
    const line = '{"id":"a","type":"done"}\n';
    const bytes = appendToLog(path, 0, line);
    writeFileSync(path, `${line}{"id":"torn`);
    expect(readLog(path, bytes).map((e) => e.id)).toEqual(['a']);
    expect([...readLogNewestFirst(path, bytes)].map((e) => e.id)).toEqual(['a']);
    const next = appendToLog(path, bytes, '{"id":"b","type":"done"}\n');
    expect(readLog(path, next).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('tells an interrupted change from new history and from lines something else wrote', () => {
    const path = join(tempDir(), 'activity.jsonl');
    const line = '{"id":"a","at":"2026-01-01T00:00:00.000Z","type":"done"}\n';
    const bytes = appendToLog(path, 0, line);
    const tail = (rest: string) => {
      writeFileSync(path, `${line}${rest}`);
      const found = tailOf(path, bytes)!;
      return [isInterruptedChange(found), isHistoryAhead(found), found.entries, found.foreign];
    };
    // A whole entry, or one cut short: what a change killed before its state was written leaves.
    expect(tail(line)).toEqual([true, false, 1, 0]);
    expect(tail('{"id":"b","at":"20')).toEqual([true, false, 0, 0]);
    expect(tail('{')).toEqual([true, false, 0, 0]);
    // More entries than one change writes: history config.json doesn't know.
    expect(tail(`${line}${line}`)).toEqual([false, true, 2, 0]);
    // Anything else is no entry, with or without its newline, and never cut silently.
    expect(tail('hello\n')).toEqual([false, false, 0, 1]);
    expect(tail('hello')).toEqual([false, false, 0, 1]);
    expect(tail('{"not":"an entry"}\n')).toEqual([false, false, 0, 1]);
    expect(tail(`${line}junk\n`)).toEqual([false, true, 1, 1]);
    writeFileSync(path, `${line}hello\n`);
    expect(() => appendToLog(path, bytes, line)).toThrow(
      `ends with 1 line that isn't roadmap's (the first: "hello")`,
    );
  });

  it('takes one entry past the mark for history when config.json is newer than the log', () => {
    const dir = tempDir();
    const path = join(dir, 'activity.jsonl');
    const config = join(dir, 'config.json');
    const line = '{"id":"a","at":"2026-01-01T00:00:00.000Z","type":"done"}\n';
    const bytes = appendToLog(path, 0, line);
    writeFileSync(path, `${line}${line.replace('"a"', '"b"')}`);
    writeFileSync(config, '{}');
    // A change killed between its log entry and its state leaves the log the newer file.
    utimesSync(config, 1000, 1000);
    utimesSync(path, 2000, 2000);
    const killed = tailOf(path, bytes, config)!;
    expect([isInterruptedChange(killed), isHistoryAhead(killed), killed.restored]).toEqual([
      true,
      false,
      false,
    ]);
    // A copy of config.json put back after the change is the newer one: that entry happened.
    utimesSync(config, 3000, 3000);
    const restored = tailOf(path, bytes, config)!;
    expect([isInterruptedChange(restored), isHistoryAhead(restored)]).toEqual([false, true]);
    expect(() => appendToLog(path, bytes, line, { configPath: config })).toThrow(
      'holds 1 entry more than',
    );
    // An interrupted entry is handed over, as written, before it is cut.
    utimesSync(config, 1000, 1000);
    const cut: string[] = [];
    appendToLog(path, bytes, line, { configPath: config, onCut: (entry) => cut.push(entry) });
    expect(cut).toEqual([line.replace('"a"', '"b"').trimEnd()]);
    expect(readLog(path, bytes * 2).map((e) => e.id)).toEqual(['a', 'a']);
  });

  it('stops reading as soon as the consumer does', () => {
    const path = join(tempDir(), 'activity.jsonl');
    const lines = [
      'not json',
      ...Array.from({ length: 4 }, (_, i) => JSON.stringify({ id: `e${i}` })),
    ];
    const text = `${lines.join('\n')}\n`;
    writeFileSync(path, text);
    // The damaged first line is never reached when only the newest entry is wanted.
    expect(readLogNewestFirst(path, Buffer.byteLength(text)).next().value).toEqual({ id: 'e3' });
    expect(() => [...readLogNewestFirst(path, Buffer.byteLength(text))]).toThrow(/damaged line/);
  });
});
