import {defineConfig} from 'vitest/config';
import {OWN_PROCESS} from './test/own-process.js';

/** Tests that run the built CLI or package (dist/), outside test/cli-e2e. */
const BUILT = ['test/examples/**/*.test.ts', 'test/package/**/*.test.ts', 'test/adversarial/commands.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
    // Every core: vitest's default leaves one idle (one worker on two cores).
    maxWorkers: '100%',
    projects: [
      {
        // Files share their worker processes: most of a file's cost was starting
        // a fresh one (Node, vitest, the module graph) for a few milliseconds of tests.
        extends: true,
        test: {name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/cli-e2e/**', ...BUILT, ...OWN_PROCESS], isolate: false},
      },
      {
        extends: true,
        test: {name: 'unit-own-process', include: OWN_PROCESS},
      },
      {
        // Runs the built CLI (and package); the build happens once, and only when dist/ is missing or stale.
        // Each test waits on a child process, so the tests of a file run side by side.
        extends: true,
        test: {
          name: 'cli-e2e',
          include: ['test/cli-e2e/**/*.test.ts', ...BUILT],
          globalSetup: ['test/build-once.ts'],
          sequence: {concurrent: true},
          maxConcurrency: 4,
        },
      },
    ],
  },
});
