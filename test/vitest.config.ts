import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Resolve @switchboard/shared from source (also for server-side modules, which Vite
  // resolves through `ssr`), so specs never run against a stale build.
  resolve: { conditions: ['@switchboard/source'] },
  ssr: { resolve: { conditions: ['@switchboard/source'] } },
  test: {
    include: ['specs/**/*.e2e-spec.ts'],
    globalSetup: ['support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
