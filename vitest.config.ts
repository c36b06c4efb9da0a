import { defineConfig } from 'vitest/config';

/**
 * One project per kind of suite, so the fast ones run alone:
 *   npm test                  every project
 *   npm run test:unit         the pure domain and crypto suites (seconds; no build, no browser)
 *   npx vitest run --project api|infra|e2e|resilience
 * Only the suites that serve pages wait for the web build, and only e2e for Chromium.
 */
const pure = [
  'tests/shared/**/*.test.ts',
  'tests/functions/crypto/**/*.test.ts',
  // Pure suites of the server: an e-mail rendered to text, a middleware asked in memory (no port, no store).
  'tests/functions/mail/message.test.ts',
  'tests/functions/api/body-limit.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // Two files at a time. vitest's default on 2 cores is one (cores − 1), and most suites wait on a
    // child process, Chromium, a timer or a socket: one at a time, CI's load average stayed near 2
    // and npm test took 25.5 min.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll gives up after 1 s by default: too short for a page that signs tokens on a busy
    // 2-core CI machine (the flaky run of 2026-12-03). A poll that never succeeds still fails.
    expect: { poll: { timeout: 15_000 } },
    projects: [
      {
        extends: true,
        // Pure functions keep no state between files, so the files share one module graph per worker
        // instead of a fresh process each: half the wall time on 2 cores (22 s to 11 s).
        test: { name: 'unit', include: pure, isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['tests/functions/**/*.test.ts', 'tests/scripts/**/*.test.ts'],
          exclude: pure,
          // tests/scripts runs `npm start`, which would build the web app itself if it were missing.
          globalSetup: ['tests/setup/web.ts'],
        },
      },
      { extends: true, test: { name: 'infra', include: ['tests/infra/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/setup/browser.ts', 'tests/setup/web.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'resilience',
          include: ['tests/resilience/**/*.test.ts'],
          globalSetup: ['tests/setup/web.ts'],
        },
      },
    ],
  },
});
