// `npm run --silent course -- grade`: the same path as the server, exit codes 0 / 1 / 2.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { resolveAuthSecret } from "@/lib/auth/secret";
import { describe, expect, test } from "vitest";
import { gradeResultSchema } from "@/graders/engine/result";

function course(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync("npm", ["run", "--silent", "course", "--", ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("course grade", () => {
  test("prints a JSON result and exits 0, whatever the score", () => {
    const solution = course(["grade", "hello-tensor", "content/assignments/hello-tensor/hidden/solution.ts", "--json", "--seed", "3"]);
    expect(solution.code).toBe(0);
    const result = gradeResultSchema.parse(JSON.parse(solution.stdout));
    expect(result).toMatchObject({ score: 10, seed: 3 });
    expect(result.tests.map((t) => t.visibility)).toContain("hidden");
    const starter = course(["grade", "hello-tensor", "content/assignments/hello-tensor/starter.ts"]);
    expect(starter.code).toBe(0);
    expect(starter.stdout).toMatch(/^hello-tensor: 0\/10 \(not passed\)/);
    expect(starter.stdout).toContain("[random-inputs, hidden]");
  });

  test("exits 2 for usage errors and unknown assignments", () => {
    const unknown = course(["grade", "no-such-assignment", "content/assignments/hello-tensor/hidden/solution.ts"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown assignment 'no-such-assignment'");
    expect(course(["grade", "hello-tensor"]).code).toBe(2);
    expect(course(["grade", "hello-tensor", "content/assignments/hello-tensor/hidden/solution.ts", "--seed", "x"]).code).toBe(2);
    expect(course(["grade", "hello-tensor", "does/not/exist.ts"]).code).toBe(2);
  });

  test("exits 1 when the sandbox is unavailable", () => {
    const broken = course(["grade", "hello-tensor", "content/assignments/hello-tensor/hidden/solution.ts"], { GRADER_BWRAP: "/nonexistent/bwrap" });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("bubblewrap (bwrap) is not installed");
  });

  test("secret rotate replaces the generated session secret (0600), and the server reads the new one", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "unlabeled-secret-"));
    try {
      const env = { UNLABELED_DATA_DIR: dir, AUTH_SECRET: "" };
      const before = resolveAuthSecret({ UNLABELED_DATA_DIR: dir });
      const rotated = course(["secret", "rotate"], env);
      expect(rotated.code).toBe(0);
      expect(rotated.stdout).toMatch(/wrote a new session secret .*restart the server/);
      const file = path.join(dir, "auth-secret");
      const after = readFileSync(file, "utf8").trim();
      expect(after).not.toBe(before);
      expect(after.length).toBeGreaterThanOrEqual(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(resolveAuthSecret({ UNLABELED_DATA_DIR: dir })).toBe(after);
      expect(course(["secret", "rotate"], { ...env, AUTH_SECRET: "from-the-environment-0123456789abcdef" }).stdout).toMatch(/AUTH_SECRET is set in the environment/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
