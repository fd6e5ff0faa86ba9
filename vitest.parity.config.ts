import { defineConfig } from 'vitest/config';

// The nginx parity suite: starts a real nginx on loopback, so it runs on its own.
export default defineConfig({
  test: {
    include: ['scripts/parity/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
