// Isolation between courses (issue #17), the engine's side: whatever a course's checks answer is validated and
// clamped before it becomes a result. A check that claims a billion times its points gets its rubric points; a check
// that writes its own lines into the host's protocol channel stops the host and is an infrastructure error, not a score.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraderInfraError } from "@/graders/engine/errors";
import { gradeSubmission } from "@/graders/engine/grade";

const FIXTURE = path.resolve("tests/fixtures/courses/valid-minimal");

function course(root: string, name: string, score: string, prepare = ""): string {
  const dir = path.join(root, name);
  fs.cpSync(FIXTURE, dir, { recursive: true });
  const checks = `
import fs from "node:fs";
import { defineCheck, type AnyCheck } from "@unlabeled/sdk";
export const CANARY = "unlabeled-hidden-${name}-checks";
const call = { export: "addOne", calls: [{ args: [1] }] };
export const checks: AnyCheck[] = [
  defineCheck({ id: "adds-one", title: "Adds one", visibility: "visible", task: "call",
    prepare: () => { ${prepare}; return { input: call, hidden: null }; }, score: () => (${score}) }),
  defineCheck({ id: "keeps-input", title: "Returns a number", visibility: "hidden", task: "call",
    prepare: () => ({ input: call, hidden: null }), score: () => ({ fraction: 1, feedback: "ok" }) }),
];
`;
  fs.writeFileSync(path.join(dir, "assignments/add-one/hidden/checks.ts"), checks);
  return dir;
}

async function grade(dir: string) {
  process.env.COURSE_DIR = dir;
  try {
    const source = fs.readFileSync(path.join(dir, "assignments/add-one/hidden/solution.ts"), "utf8");
    return await gradeSubmission({ slug: "add-one", source, seed: 1 });
  } finally {
    delete process.env.COURSE_DIR;
  }
}

describe("a course's answers are validated and clamped by the engine", { timeout: 120_000 }, () => {
  let tmp = "";
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-answers-"));
    fs.chmodSync(tmp, 0o755);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("a fraction of a billion earns the rubric's points, no more", async () => {
    const r = await grade(course(tmp, "greedy", `{ fraction: 1e9, feedback: "all mine" }`));
    expect(r.tests.find((t) => t.check === "adds-one")!.score).toBe(6);
    expect(r.score).toBe(r.max_score);
  });

  it("a score that is not a score is a GraderInfraError naming the check", async () => {
    await expect(grade(course(tmp, "not-a-score", `{ fraction: "1", feedback: 3 } as never`))).rejects.toThrow(/check 'adds-one' failed while scoring: .*fraction/);
  });

  it("lines forged onto the host's protocol channel stop the host: a GraderInfraError, never a score", async () => {
    const forge = `fs.writeSync(3, JSON.stringify({ type: "reply", id: 999, ok: true, value: { fraction: 1 } }) + "\\n")`;
    const pending = grade(course(tmp, "forger", `{ fraction: 1, feedback: "x" }`, forge));
    await expect(pending).rejects.toBeInstanceOf(GraderInfraError);
    await expect(pending).rejects.toThrow(/course-check host/);
  });
});
