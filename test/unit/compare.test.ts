import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/core/compare.js';

describe('compareText', () => {
  it('orders ISO times by time, and ids by code unit whatever the locale', () => {
    const times = [
      '2026-03-02T10:00:00.000Z',
      '2025-12-31T23:59:59.999Z',
      '2026-03-02T09:59:00.000Z',
    ];
    expect([...times].sort(compareText)).toEqual([
      '2025-12-31T23:59:59.999Z',
      '2026-03-02T09:59:00.000Z',
      '2026-03-02T10:00:00.000Z',
    ]);
    expect(['b-a', 'b/a', 'b.a', 'B'].sort(compareText)).toEqual(['B', 'b-a', 'b.a', 'b/a']);
    expect(compareText('same', 'same')).toBe(0);
  });
});
