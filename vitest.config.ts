import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { createHash } from 'node:crypto'
import { UNIT_BUILT_CONTENT } from './tests/unit/built-content'

// One run, two projects: fast unit tests, and end-to-end tests that share one production
// build and one Chromium (tests/e2e/global-setup.ts).
export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        plugins: [vue()],
        define: {
          __QD_SCHEMA_ID__: JSON.stringify('unit-tests'),
          __QD_CONTENT_SHA256__: JSON.stringify(createHash('sha256').update(UNIT_BUILT_CONTENT).digest('hex')),
        },
        test: {
          name: 'unit',
          environment: 'happy-dom',
          sequence: { groupOrder: 0 },
          include: ['tests/unit/**/*.spec.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          // After the unit tests, in their own group: they share one build and one browser.
          sequence: { groupOrder: 1 },
          include: ['tests/e2e/**/*.e2e.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
})
