import { defineConfig } from 'vitest/config';

// What the real tools say of what the lab exports: nginx -t, haproxy -c, keepalived -t on the
// configs, tshark on the pcaps. They run real programs, so they run on their own.
export default defineConfig({
  test: {
    include: ['scripts/export/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
