import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 400_000,
    // Each worker may load the 30 MB USE model; two cores do not gain from more than two workers.
    maxWorkers: 2,
  },
});
