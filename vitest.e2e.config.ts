import { defineConfig } from 'vitest/config';

// The end-to-end suite drives the built extension in Chromium: one file at a time, generous timeouts.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
