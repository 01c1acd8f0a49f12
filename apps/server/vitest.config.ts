import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@switchboard/source'] },
  test: {
    include: ['src/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    fileParallelism: false,
  },
});
