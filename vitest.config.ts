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
    // a worker keeps its imported modules from one test file to the next: re-evaluating the app, the SDKs and
    // Fastify for each of 130 files cost about a third of the suite's CPU. Tests keep no state at module level,
    // so what one file leaves is what the next one would import anyway; env stubs and spies are put back after
    // every test so that none of them outlives its file.
    isolate: false,
    unstubEnvs: true,
    restoreMocks: true,
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
