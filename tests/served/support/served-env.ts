import fs from "node:fs";
import path from "node:path";

/**
 * What a served test needs from its environment: the production build (scripts/test.ts builds it and sets
 * NEXT_DIST_DIR) and, for PostgreSQL runs, TEST_DATABASE_URL. Each gives either a value or why the test skips.
 */
export function servedBuild(): { dir: string } | { skip: string } {
  const dir = process.env.NEXT_DIST_DIR;
  if (!dir) return { skip: "NEXT_DIST_DIR is unset: served tests run after `next build` (npm test sets it)" };
  if (!fs.existsSync(path.resolve(dir, "BUILD_ID"))) return { skip: `no production build in ${dir} (run next build with NEXT_DIST_DIR=${dir})` };
  return { dir };
}

export function postgresAdminUrl(): { url: string } | { skip: string } {
  const url = process.env.TEST_DATABASE_URL;
  return url ? { url } : { skip: "TEST_DATABASE_URL is unset: the load test needs a PostgreSQL server where it may create a database" };
}

/** Writes a JSON summary under test-reports/ (kept by CI next to the other reports). */
export function writeReport(name: string, value: unknown): string {
  const file = path.resolve("test-reports", name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}
