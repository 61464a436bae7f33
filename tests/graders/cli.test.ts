// `npm run --silent course -- grade`: the same path as the server, exit codes 0 / 1 / 2.
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { gradeResultSchema } from "@/graders/engine/result";

function course(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync("npm", ["run", "--silent", "course", "--", ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("course grade", () => {
  test("prints a JSON result and exits 0, whatever the score", () => {
    const solution = course(["grade", "hello-tensor", "graders/hello-tensor/solution.ts", "--json", "--seed", "3"]);
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
    const unknown = course(["grade", "no-such-assignment", "graders/hello-tensor/solution.ts"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown assignment 'no-such-assignment'");
    expect(course(["grade", "hello-tensor"]).code).toBe(2);
    expect(course(["grade", "hello-tensor", "graders/hello-tensor/solution.ts", "--seed", "x"]).code).toBe(2);
    expect(course(["grade", "hello-tensor", "does/not/exist.ts"]).code).toBe(2);
  });

  test("exits 1 when the sandbox is unavailable", () => {
    const broken = course(["grade", "hello-tensor", "graders/hello-tensor/solution.ts"], { GRADER_BWRAP: "/nonexistent/bwrap" });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("bubblewrap (bwrap) is not installed");
  });
});
