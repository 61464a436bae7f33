import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // accounts.spec.ts runs before every other spec: the fresh database's first account must become the instructor,
  // and the other specs sign that instructor in (tests/e2e/support.ts, INSTRUCTOR).
  projects: [
    { name: "first-account", testMatch: /accounts\.spec\.ts$/ },
    { name: "e2e", testIgnore: /accounts\.spec\.ts$/, dependencies: ["first-account"] },
  ],
  reporter: [["list"], ["json", { outputFile: "test-reports/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    // A fresh embedded database for every run; the production build must exist (npm test builds it first).
    command: `rm -rf .data-e2e-${port} && node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      UNLABELED_DATA_DIR: `.data-e2e-${port}`,
      AUTH_SECRET: "e2e-only-secret-not-for-production-000000",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
      // A second course package on the same installation (tests/e2e/offerings.spec.ts, docs/offerings.md).
      UNLABELED_COURSES: "fixture=tests/fixtures/courses/valid-minimal",
    },
  },
});
