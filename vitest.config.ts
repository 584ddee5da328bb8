import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native addons (hnswlib, jieba) are safest in forked processes.
    pool: 'forks',
    // CI also keeps a machine-readable report, from which .ci/run prints its closing summary line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-output/vitest-results.json' }]] : ['default'],
  },
});
