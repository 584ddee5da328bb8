import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The question bank is its own tier (npm run test:bank): it ingests five corpora and answers every set.
    include: process.env.TEST_BANK ? ['tests/bank/**/*.test.ts'] : ['tests/**/*.test.ts'],
    exclude: process.env.TEST_BANK ? [] : ['tests/bank/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native addons (hnswlib, jieba) are safest in forked processes.
    pool: 'forks',
    // CI also keeps a machine-readable report, from which .ci/run prints its closing summary line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-output/vitest-results.json' }]] : ['default'],
  },
});
