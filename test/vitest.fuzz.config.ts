import { defineConfig } from 'vitest/config';

// `npm run fuzz`: the large fuzz run against the built server (see fuzz/fuzz.fuzz-spec.ts).
export default defineConfig({
  resolve: { conditions: ['@switchboard/source'] },
  ssr: { resolve: { conditions: ['@switchboard/source'] } },
  test: {
    include: ['fuzz/**/*.fuzz-spec.ts'],
    testTimeout: 1_200_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
