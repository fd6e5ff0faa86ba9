import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022', sourcemap: false },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/*.test.ts'],
    environment: 'node',
    // Property tests run thousands of simulations; two cores shared with the rest of CI.
    testTimeout: 60_000,
  },
});
