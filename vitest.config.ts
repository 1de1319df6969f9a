import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const TESTS = ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'reference/**/*.test.ts'];

/**
 * Each of these files gets fresh modules: the end-to-end, CLI and corpus suites; the API client's
 * tests (src/github, src/changes/github.test.ts), which move a fake clock under the throttling
 * plugin's process-wide write queues; and git.test.ts, which mocks node:child_process, a mock
 * that cannot take hold of a module another file loaded.
 */
const ISOLATED = ['test/**/*.test.ts', 'scripts/**/*.test.ts', 'reference/**/*.test.ts', 'src/github/**/*.test.ts', 'src/changes/git.test.ts', 'src/changes/github.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // vitest's default keeps a core free for its main process, which only collects results: one
    // worker on a 2-core runner, while the end-to-end files mostly wait on the action's process.
    maxWorkers: availableParallelism(),
    projects: [
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
      {
        extends: true,
        // The other unit tests call pure functions; sharing a worker's modules between files loads
        // the gate's few hundred modules once per worker instead of once per file, half the CPU.
        test: { name: 'shared', include: TESTS, exclude: ISOLATED, isolate: false, benchmark: { include: [] } },
      },
    ],
  },
});
