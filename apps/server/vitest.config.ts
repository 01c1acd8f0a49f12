import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Resolve @switchboard/shared from source (also for server-side modules, which Vite
  // resolves through `ssr`), so specs never run against a stale build.
  resolve: { conditions: ['@switchboard/source'] },
  ssr: { resolve: { conditions: ['@switchboard/source'] } },
  test: {
    include: ['src/**/*.spec.ts'],
    environment: 'node',
    setupFiles: ['vitest.setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});
