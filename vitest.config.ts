import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/**
 * Two runs share this config. The default one: unit and service tests. With VITEST_SERVED=1 (scripts/test.ts, after
 * `next build`, with NEXT_DIST_DIR set): only tests/served/, which start the production server and graders.
 */
const served = process.env.VITEST_SERVED === "1";

/**
 * Unit and service files that measure time, kill servers or graders, or use a fixed port: they run one at a time,
 * after the rest, so a neighbour's training run cannot stretch a heartbeat or a wall clock they assert on.
 */
const SERIAL = [
  "tests/faults/**/*.test.ts",
  "tests/grading/**/*.test.ts",
  "tests/hostile/walls.test.ts",
  "tests/graders/hostile-resources.test.ts",
  "tests/services/grading-unavailable.test.ts",
  "tests/unit/start-grader-prerequisites.test.ts",
  "tests/auth/sessions-and-roles.test.ts",
];
const NEVER = ["tests/e2e/**", "tests/**/fixtures/**", "node_modules/**"];
const EXCLUDE = [...NEVER, "tests/served/**"];

export default defineConfig({
  resolve: {
    alias: {
      "@unlabeled/sdk/task": fileURLToPath(new URL("./graders/sdk/task.ts", import.meta.url)),
      "@unlabeled/sdk": fileURLToPath(new URL("./graders/sdk/index.ts", import.meta.url)),
      "@": fileURLToPath(new URL(".", import.meta.url)),
      "server-only": fileURLToPath(new URL("./tests/support/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    ...(served
      ? {
          include: ["tests/served/**/*.test.ts"],
          exclude: NEVER,
          // Served tests each start a server and graders: one file at a time, or they compete for the two cores.
          fileParallelism: false,
        }
      : {
          // Most files are single-threaded (a TF.js training run in one sandbox, PGlite in one process): two at a
          // time use both cores (vitest's default on 2 cores is one). The timing-sensitive ones run after, alone.
          projects: [
            {
              extends: true,
              test: {
                name: "unit",
                include: ["tests/**/*.test.ts"],
                exclude: [...EXCLUDE, ...SERIAL],
                maxWorkers: 2,
                sequence: { groupOrder: 0 },
              },
            },
            {
              extends: true,
              test: {
                name: "serial",
                include: SERIAL,
                exclude: EXCLUDE,
                maxWorkers: 1,
                fileParallelism: false,
                sequence: { groupOrder: 1 },
              },
            },
          ],
        }),
  },
});
