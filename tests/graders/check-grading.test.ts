import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gradeReferenceAndStarter } from "../../scripts/course/check-grading";

describe("course check grades reference solutions and starters", () => {
  it("accepts hello-tensor: the reference scores 100% and the starter fails", async () => {
    const r = await gradeReferenceAndStarter("hello-tensor");
    expect(r.problems).toEqual([]);
    expect(r.reference?.score).toBe(r.reference?.max_score);
    expect(r.starter?.passed).toBe(false);
  }, 60_000);

  it("reports a reference that does not score 100% and a starter that passes (a course copied to COURSE_DIR)", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-check-"));
    fs.chmodSync(root, 0o755); // the course-check host's uid must be able to read the course
    const dir = path.join(root, "assignments/hello-tensor");
    fs.cpSync("content/assignments/hello-tensor", dir, { recursive: true });
    fs.copyFileSync("content/course.yaml", path.join(root, "course.yaml"));
    // Swapped on purpose: the "reference" is the starter and the "starter" is the reference.
    fs.copyFileSync("content/assignments/hello-tensor/starter.ts", path.join(dir, "hidden/solution.ts"));
    fs.copyFileSync("content/assignments/hello-tensor/hidden/solution.ts", path.join(dir, "starter.ts"));
    process.env.COURSE_DIR = root;
    try {
      const r = await gradeReferenceAndStarter("hello-tensor");
      expect(r.problems).toHaveLength(2);
      expect(r.problems[0]).toMatch(/^hello-tensor: the reference solution scores 0\/10, not 100%; failing: /);
      expect(r.problems[1]).toMatch(/^hello-tensor: the starter passes \(10\/10\); it must fail the checks$/);
    } finally {
      delete process.env.COURSE_DIR;
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
