import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { parseCsv } from "@/lib/grades/csv";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { at, contentDir, insertGraded, makeUser } from "./helpers";

const repo = path.resolve(".");

/**
 * Runs `npm run course -- export-grades` as the shell would (tsx with the react-server condition), in a folder whose
 * content/ is the fixture course and whose db/ is the repository's (for the migrations).
 */
function cli(cwd: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [path.join(repo, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(repo, "scripts/course.ts"), ...args], {
    cwd,
    env: { ...process.env, PGLITE_DIR: "", DATABASE_URL: "", TSX_TSCONFIG_PATH: path.join(repo, "tsconfig.json"), ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function seed(handle: DbHandle) {
  const ann = await makeUser(handle.db, "ann@example.org", "student", "Ann, A.");
  await makeUser(handle.db, "prof@example.org", "instructor");
  await insertGraded(handle.db, { userId: ann.id, assignment: "late-demo", createdAt: at("2026-03-01T12:00:00Z"), score: 9 });
}

describe.each(testDbKinds)("npm run course -- export-grades on %s", (kind) => {
  let cwd: string;
  let env: Record<string, string>;
  let t: TestDb | undefined;
  beforeAll(async () => {
    cwd = mkdtempSync(path.join(os.tmpdir(), "unlabeled-export-"));
    symlinkSync(contentDir, path.join(cwd, "content"));
    symlinkSync(path.join(repo, "db"), path.join(cwd, "db"));
    if (kind === "pglite") {
      // The server is "stopped": the CLI opens the embedded database itself.
      const dir = path.join(cwd, "pglite");
      const handle = await openDb({ kind: "pglite", dir });
      await seed(handle);
      await handle.close();
      env = { PGLITE_DIR: dir };
    } else {
      t = await createTestDb("postgres");
      await seed(t.handle);
      env = { DATABASE_URL: t.url! };
    }
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("prints one assignment's CSV to stdout", () => {
    const r = cli(cwd, ["export-grades", "--assignment", "late-demo", "--format", "csv"], env);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // Submitted 12 h late: one started day at 10%.
    expect(parseCsv(r.stdout)).toEqual([
      ["email", "name", "assignment", "score", "max_score", "late_penalty", "final"],
      ["ann@example.org", "Ann, A.", "late-demo", "9", "10", "0.9", "8.1"],
    ]);
  });

  it("writes the whole course to --out and JSON on request", () => {
    const out = path.join(cwd, "grades.csv");
    const r = cli(cwd, ["export-grades", "--out", out], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/wrote 4 row\(s\) to /);
    expect(parseCsv(readFileSync(out, "utf8")).map((row) => row[2])).toEqual(["assignment", "closed-demo", "late-demo", "lb-accuracy", "lb-mse"]);
    const json = cli(cwd, ["export-grades", "--assignment=late-demo", "--format=json"], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ email: "ann@example.org", days_late: 1, final: 8.1, result: { score: 9 } });
  });

  it("exits 2 on usage errors and unknown assignments", () => {
    for (const args of [["--assignment", "nope"], ["--format", "xlsx"], ["--bogus"]]) {
      const r = cli(cwd, ["export-grades", ...args], env);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/export-grades: .+\nUsage: /);
    }
  });
});
