import { defineConfig } from 'vitest/config';

// The lab against the real thing: what nginx -t, haproxy -c and keepalived -t say of the
// exported configs, what tshark reads in the pcaps, and the real lab (network namespaces, the
// kernel's NAT) against the engine. They run real programs as root, so they run on their own.
export default defineConfig({
  test: {
    include: ['scripts/export/**/*.test.ts', 'scripts/reallab/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
