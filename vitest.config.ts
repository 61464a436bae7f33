import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

/**
 * Two runs share this config. The default one: unit and service tests. With VITEST_SERVED=1 (scripts/test.ts, after
 * `next build`, with NEXT_DIST_DIR set): only tests/served/, which start the production server and graders.
 */
const served = process.env.VITEST_SERVED === "1";

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
    include: served ? ["tests/served/**/*.test.ts"] : ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "tests/**/fixtures/**", "node_modules/**", ...(served ? [] : ["tests/served/**"])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Served tests each start a server and graders: one file at a time, or they compete for the two cores.
    ...(served ? { fileParallelism: false } : {}),
  },
});
