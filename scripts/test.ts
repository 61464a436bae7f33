/**
 * `npm test`: lint and format check (`npm run lint`: Biome with biome.json, the import boundaries of
 * docs/architecture.md included), type-check, unit and service tests (PGlite, and PostgreSQL when TEST_DATABASE_URL
 * is set), a production build, then the browser tests in Debian's Chromium, then the served tests (tests/served/: vitest files
 * that start the built server and graders, e.g. the load test). Prints one "N passed, N failed" line at the end.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.DATABASE_URL; // tests choose their own databases; never a developer's real one
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const skipE2E = process.argv.includes("--no-e2e");
/** Each step's wall time, printed again at the end. */
const steps: string[] = [];

function run(label: string, command: string, args: string[], extraEnv: Record<string, string> = {}): number {
  const started = Date.now();
  console.log(`\n[test] ${label}: ${[path.basename(command), ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[test] ${label} ${result.status === 0 ? "ok" : "FAILED"} in ${seconds}s`);
  steps.push(`${label} ${seconds}s`);
  return result.status ?? 1;
}

/** `next build`, its output printed when it ends, with the lines that are warnings. */
function buildQuietly(): { status: number; warnings: string[] } {
  const started = Date.now();
  console.log("\n[test] production build: next build");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  process.stdout.write(output);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[test] production build ${result.status === 0 ? "ok" : "FAILED"} in ${seconds}s`);
  steps.push(`production build ${seconds}s`);
  // "No build cache found" is Next.js noting a fresh checkout (CI), not a problem of the project.
  const warnings = output
    .split("\n")
    .filter((l) => /\bwarnings?\b|⚠/i.test(l) && !/No build cache found/.test(l) && !/^\s*-?\s*$/.test(l));
  return { status: result.status ?? 1, warnings };
}

/** Debian packages the tests need: installed with apt-get when running as root, else one line saying how. */
function ensurePackages(): boolean {
  const wanted = [
    { bin: "/usr/bin/chromium", pkg: "chromium", skip: skipE2E },
    { bin: "/usr/bin/bwrap", pkg: "bubblewrap", skip: false },
  ].filter((w) => !w.skip && !fs.existsSync(w.bin));
  if (wanted.length === 0) return true;
  const pkgs = wanted.map((w) => w.pkg).join(" ");
  if (!isRoot) {
    console.error(`Missing Debian packages for the tests: run \`sudo apt-get install -y ${pkgs}\` and try again.`);
    return false;
  }
  console.log(`[test] installing ${pkgs} with apt-get`);
  const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  const install = spawnSync("apt-get", ["install", "-y", "-qq", ...wanted.map((w) => w.pkg)], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  return update.status === 0 && install.status === 0;
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  /** "file › test: first line of the message" for each failed test, printed again at the very end. */
  names: string[];
}

const firstLine = (messages: string[] | undefined) =>
  (messages?.[0] ?? "")
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "")
    .split("\n")
    .find((l) => l.trim()) ?? "";

function vitestCounts(file: string): Counts | null {
  try {
    const r = JSON.parse(fs.readFileSync(file, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      testResults: {
        name: string;
        message?: string;
        assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
      }[];
    };
    const names = r.testResults.flatMap((f) => {
      const where = path.relative(root, f.name);
      const failed = f.assertionResults.filter((a) => a.status === "failed");
      // A file that fails before its tests run (an import error, a failed hook) has a message and no failed test.
      if (failed.length === 0 && f.message) return [`${where}: ${firstLine([f.message])}`];
      return failed.map((a) => `${where} › ${a.fullName}: ${firstLine(a.failureMessages)}`);
    });
    return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests, names };
  } catch {
    return null;
  }
}

function playwrightCounts(file: string): Counts | null {
  try {
    type Suite = {
      file?: string;
      specs?: {
        title: string;
        file: string;
        tests: { results: { status: string; error?: { message?: string } }[] }[];
      }[];
      suites?: Suite[];
    };
    const r = JSON.parse(fs.readFileSync(file, "utf8")) as {
      stats: { expected: number; unexpected: number; flaky: number; skipped: number };
      suites: Suite[];
    };
    const names: string[] = [];
    const walk = (s: Suite) => {
      for (const spec of s.specs ?? []) {
        for (const t of spec.tests) {
          const last = t.results.at(-1);
          if (last && last.status !== "passed" && last.status !== "skipped") {
            names.push(`tests/e2e/${spec.file} › ${spec.title}: ${firstLine([last.error?.message ?? last.status])}`);
          }
        }
      }
      for (const child of s.suites ?? []) walk(child);
    };
    for (const s of r.suites) walk(s);
    return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected, skipped: r.stats.skipped, names };
  } catch {
    return null;
  }
}

if (!ensurePackages()) process.exit(1);
// Playwright empties test-results/ when it starts, so the summaries live in test-reports/.
const reports = path.join(root, "test-reports");
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

const failures: string[] = [];
// Lint rules, import boundaries and formatting (`npm run lint`); a failure is a failed step, and the tests still run.
if (run("lint", bin("biome"), ["ci"]) !== 0) failures.push("lint");
if (run("type-check", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]) !== 0) failures.push("type-check");
const unitJson = path.join(reports, "unit.json");
if (
  run("unit and service tests", bin("vitest"), [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${unitJson}`,
  ]) !== 0
) {
  failures.push("vitest");
}
let e2e: Counts | null = null;
let served: Counts | null = null;
if (!skipE2E) {
  const build = buildQuietly();
  if (build.status !== 0) {
    failures.push("build");
  } else {
    // A newcomer reads any build warning as a failure (issue #19): the build must print none.
    if (build.warnings.length) {
      console.log(
        `[test] the production build printed ${build.warnings.length} warning line(s):\n${build.warnings.join("\n")}`,
      );
      failures.push("build warnings");
    }
    if (run("browser tests", bin("playwright"), ["test"]) !== 0) failures.push("playwright");
    e2e = playwrightCounts(path.join(reports, "e2e.json"));
    // Every tests/served/**/*.test.ts, against the build just made (vitest.config.ts selects them with VITEST_SERVED).
    const servedJson = path.join(reports, "served.json");
    const servedEnv = { VITEST_SERVED: "1", NEXT_DIST_DIR: env.NEXT_DIST_DIR || ".next" };
    if (
      run(
        "served tests",
        bin("vitest"),
        ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${servedJson}`],
        servedEnv,
      ) !== 0
    ) {
      failures.push("served");
    }
    served = vitestCounts(servedJson);
  }
}

const unit = vitestCounts(unitJson);
const total = [unit, e2e, served].reduce<Counts>(
  (acc, c) =>
    c
      ? {
          passed: acc.passed + c.passed,
          failed: acc.failed + c.failed,
          skipped: acc.skipped + c.skipped,
          names: [...acc.names, ...c.names],
        }
      : acc,
  { passed: 0, failed: 0, skipped: 0, names: [] },
);
console.log(
  `\n[test] unit+service: ${unit ? `${unit.passed} passed, ${unit.failed} failed` : "no report"}; browser: ${e2e ? `${e2e.passed} passed, ${e2e.failed} failed` : skipE2E ? "skipped" : "no report"}; served: ${served ? `${served.passed} passed, ${served.failed} failed, ${served.skipped} skipped` : skipE2E ? "skipped" : "no report"}`,
);
console.log(`[test] step times: ${steps.join(", ")}`);
// The failed tests by name, last, where a log's tail shows them.
if (total.names.length) console.log(`[test] failed tests:\n${total.names.map((n) => `  ✗ ${n}`).join("\n")}`);
if (failures.length) console.log(`[test] failed steps: ${failures.join(", ")}`);
const failed = total.failed + (failures.length && total.failed === 0 ? failures.length : 0);
console.log(`Tests: ${total.passed} passed, ${failed} failed, ${total.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
