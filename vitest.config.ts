import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    // A stray run must never touch the real ~/.config/roadmap; tests make their own dirs too.
    env: {
      ROADMAP_CONFIG_DIR: join(tmpdir(), 'roadmap-vitest-never-used'),
      ROADMAP_NOW: '2026-03-02T09:00:00.000Z',
      NO_COLOR: '1',
      TZ: 'UTC',
    },
    // Most files spend their time waiting on the roadmap processes they start, so a worker per core
    // (at least two) keeps every core busy; vitest's default of one fewer than the cores left a
    // 2-core machine running one file at a time, at half the speed.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
