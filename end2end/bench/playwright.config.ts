import { defineConfig } from '@playwright/test';

// Benchmarks, not tests: never part of `npx playwright test` (whose testDir is tests/).
// Run from end2end/:  npx playwright test --config bench/playwright.config.ts
// Like the tests, each spec starts its own pitwall binary and drives the system Chromium.
const minutes = Number(process.env.SOAK_MINUTES ?? '30');
const soakMs = (Number.isFinite(minutes) && minutes > 0 ? minutes : 30) * 60_000;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // The soak's own duration plus ten minutes for start-up, samples and shut-down.
  timeout: soakMs + 10 * 60_000,
  reporter: [['list']],
  outputDir: 'results/test-output',
  use: {
    headless: true,
    viewport: { width: 1920, height: 1080 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        // the same options as end2end/playwright.config.ts
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
        // for the heap figures: unquantised performance.memory, and window.gc()
        '--enable-precise-memory-info',
        '--js-flags=--expose-gc',
      ],
    },
    screenshot: 'off',
    trace: 'off',
  },
  projects: [{ name: 'chromium' }],
});
