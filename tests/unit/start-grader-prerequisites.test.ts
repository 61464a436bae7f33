import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** `npm start` and `npm run grader` as processes, with bubblewrap simulated missing (GRADER_BWRAP=/nonexistent). */
const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
const isRoot = process.getuid?.() === 0;
let dir: string;

function run(args: string[], env: Record<string, string>) {
  const base: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env };
  delete base.DATABASE_URL;
  if (env.DATABASE_URL) base.DATABASE_URL = env.DATABASE_URL;
  const r = spawnSync(process.execPath, [tsx, ...args], { env: base, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "start-prereq-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("npm run grader", () => {
  it("refuses to start without bubblewrap: exit 1 and one line, before touching the database", () => {
    // Port 1 on localhost: the grader would fail differently if it tried the database first.
    const r = run(["--conditions=react-server", "scripts/grader.ts"], { DATABASE_URL: "postgres://127.0.0.1:1/none", GRADER_BWRAP: "/nonexistent", GRADER_SANDBOX: "" });
    expect(r.code).toBe(1);
    const fix = isRoot ? "apt-get install -y bubblewrap" : "sudo apt-get install -y bubblewrap";
    expect(r.stderr.trim()).toBe(
      `grader: cannot start: grading is unavailable: bubblewrap (bwrap) is not installed (GRADER_BWRAP=/nonexistent does not exist); run \`${fix}\``,
    );
    expect(r.stdout).toBe("");
  });
});

describe("npm start", () => {
  // --no-build and a build folder that does not exist: `next start` then exits at once, after the check ran.
  const startEnv = (apt: string) => ({
    GRADER_BWRAP: "/nonexistent",
    GRADER_SANDBOX: "",
    UNLABELED_APT_GET: apt,
    PGLITE_DIR: "memory://",
    AUTH_SECRET: "start-prerequisites-test-secret-0123456789",
    NEXT_DIST_DIR: ".next-no-such-build",
    PORT: "3437",
    // A small course, published into a data folder of this test (not the repository's .data/).
    COURSE_DIR: path.resolve("tests/fixtures/courses/valid-minimal"),
    UNLABELED_DATA_DIR: path.join(dir, "data"),
  });

  it("installs bubblewrap with apt-get as root, or prints the one sudo line otherwise, then serves anyway", () => {
    const record = path.join(dir, "apt.txt");
    const apt = path.join(dir, "apt-get");
    fs.writeFileSync(apt, `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> '${record}'\n`, { mode: 0o755 });
    const r = run(["scripts/start.ts", "--no-build"], startEnv(apt));
    const lines = `${r.stdout}\n${r.stderr}`.split("\n");
    // The course's first validation also says it could not grade the reference (checked below on its own).
    const validating = lines.filter((l) => l.startsWith("[unlabeled] validating course version"));
    // Without the sandbox the course's hidden checks cannot be loaded either (they run only in its course-check
    // host): one line says so, and it is not a problem of the course.
    const unloaded = lines.filter((l) => l.includes("hidden checks not loaded: bubblewrap (bwrap) is not installed"));
    expect(unloaded).toHaveLength(1);
    const grading = lines.filter((l) => l.includes("bubblewrap") && !validating.includes(l) && !unloaded.includes(l));
    expect(validating).toHaveLength(1);
    expect(validating[0]).toContain("(reference and starter not graded: grading is unavailable: bubblewrap (bwrap) is not installed");
    if (isRoot) {
      expect(fs.readFileSync(record, "utf8").trim().split("\n")).toEqual(["noninteractive update -qq", "noninteractive install -y -qq bubblewrap"]);
      expect(grading[0]).toBe(`[unlabeled] installing bubblewrap with ${apt} (grading needs it)`);
      expect(grading).toHaveLength(2); // and the check after it, which the fake apt-get cannot satisfy
    } else {
      expect(fs.existsSync(record)).toBe(false);
      expect(grading).toEqual(["[unlabeled] grading is unavailable: bubblewrap (bwrap) is not installed (GRADER_BWRAP=/nonexistent does not exist); run `sudo apt-get install -y bubblewrap`"]);
    }
    // The site is still served: start.ts went on to `next start` (which finds no build in this test).
    expect(r.stdout).toContain("[unlabeled] serving http://localhost:3437");
  });

  it("checks nothing on PostgreSQL, where separate graders check for themselves", () => {
    const record = path.join(dir, "apt-pg.txt");
    const apt = path.join(dir, "apt-get-pg");
    fs.writeFileSync(apt, `#!/bin/sh\necho "$*" >> '${record}'\n`, { mode: 0o755 });
    const { PGLITE_DIR: _pglite, ...env } = startEnv(apt);
    const r = run(["scripts/start.ts", "--no-build"], { ...env, DATABASE_URL: "postgres://127.0.0.1:1/none" });
    expect(fs.existsSync(record)).toBe(false);
    expect(`${r.stdout}${r.stderr}`).not.toContain("bubblewrap");
  });
});
