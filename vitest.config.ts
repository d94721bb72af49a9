import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

// Tests run in a zone that is NOT Asia/Shanghai, so code that forgets China Standard Time fails (STYLE.md).
process.env.TZ = 'America/Los_Angeles'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'domain',
          include: ['tests/domain/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'app',
          include: ['tests/app/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['tests/app/setup.ts'],
        },
      },
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // Builds the PWA once and launches the suite's one Chromium (tests/e2e/support/global-setup.ts).
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
})
