import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../src/catalog/load.js';
import { Failure } from '../../src/errors.js';

describe('reading a catalog', () => {
  it('refuses a formatVersion newer than this version knows, with a clear message', () => {
    const text = JSON.stringify({ formatVersion: 2, id: 'next', courses: [] });
    expect(() => parseCatalog(text, 'next.json')).toThrow(Failure);
    expect(() => parseCatalog(text, 'next.json')).toThrow(
      'The catalog next.json uses format version 2, but this roadmap understands up to version 1.',
    );
  });

  it.each([
    ['not JSON', '{', 'is not valid JSON'],
    ['no courses', '{"formatVersion": 1}', 'is not a roadmap catalog'],
    ['no version', '{"courses": []}', 'is not a roadmap catalog'],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseCatalog(text, 'x.json')).toThrow(message);
  });

  it('reads the current version', () => {
    const catalog = parseCatalog(
      JSON.stringify({ formatVersion: 1, id: 'x', courses: [] }),
      'x.json',
    );
    expect(catalog.id).toBe('x');
  });
});
