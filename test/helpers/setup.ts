import { expect } from 'vitest';
import { ProgressMap } from '../../src/core/progress-map.js';

// Two progress maps are equal when they hold the same entries, whether or not a course's lines
// have been decoded yet; comparing the record form also makes failures readable.
expect.addEqualityTesters([
  function progressMapsEqual(a: unknown, b: unknown) {
    const isA = a instanceof ProgressMap;
    const isB = b instanceof ProgressMap;
    if (!isA && !isB) return undefined;
    const record = (v: unknown) => (v instanceof ProgressMap ? v.toRecord() : v);
    return this.equals(record(a), record(b));
  },
]);
