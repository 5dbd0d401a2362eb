import { defineConfig } from 'vitest/config';

// The Firefox end-to-end suite drives the built add-on in firefox-esr: one file at a time, and
// generous timeouts, since Firefox alone takes 20–30 s to start on a loaded two-core machine.
export default defineConfig({
  test: {
    include: ['tests/e2e-firefox/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
