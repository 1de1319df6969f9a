import { defineConfig } from 'vitest/config';

/** `npm run reference`: the differential harness against ../shared/infracost-reference, outside `npm test`. */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['reference/**/*.suite.ts'],
    testTimeout: 600_000,
    disableConsoleIntercept: true,
  },
});
