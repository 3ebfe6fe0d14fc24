import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    // most files wait on child processes (ffmpeg, chromium, CLI runs) rather than compute, so more
    // files than cores run at once; vitest's default on 2 cores would be one file at a time
    maxWorkers: 4,
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
