import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // No test reaches the internet: dependency scans use local data or a local server they start.
    env: { DEVSQUAD_OFFLINE: '1' },
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
