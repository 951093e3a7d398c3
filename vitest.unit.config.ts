import { defineConfig } from 'vitest/config';

// The unit tests only (src/), for mutation testing: they must stay fast enough to run once per
// mutant. The end-to-end and Logto-loader suites run in `npm test`.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
