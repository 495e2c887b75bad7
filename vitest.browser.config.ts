import { defineConfig } from 'vitest/config';

/** Browser tests: Debian's Chromium driven by playwright-core (`npm run test:browser`). */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
