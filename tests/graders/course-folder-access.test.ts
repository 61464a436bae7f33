/**
 * Run as root, the course-check host has a uid of its own. A course under a private folder (an instructor's
 * ~/my-course under /root, a temporary folder) still grades: the host reads a copy only its uid can read
 * (graders/engine/course-mirror.ts), bound at the course's own path, and removed when the host exits.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { courseSource } from "@/graders/engine/course-mirror";
import { gradeReferenceAndStarter } from "../../scripts/course/check-grading";

const asRoot = process.getuid?.() === 0;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-private-")); // mode 0700: closed to others
const course = path.join(root, "my-course");
fs.cpSync("content/assignments/hello-tensor", path.join(course, "assignments/hello-tensor"), { recursive: true });
fs.copyFileSync("content/course.yaml", path.join(course, "course.yaml"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.skipIf(!asRoot)("a course in a private folder, graded as root", () => {
  it("copies it for the host's uid only (others can neither list nor read it), and removes the copy", () => {
    expect(fs.statSync(root).mode & 0o777).toBe(0o700);
    const from = courseSource(course, 123_456);
    try {
      expect(from.source).not.toBe(fs.realpathSync(course));
      expect(fs.statSync(from.source)).toMatchObject({ uid: 123_456, gid: 123_456 });
      expect(fs.statSync(from.source).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.dirname(from.source)).mode & 0o777).toBe(0o711);
      expect(fs.readFileSync(path.join(from.source, "course.yaml"), "utf8")).toBe(fs.readFileSync(path.join(course, "course.yaml"), "utf8"));
    } finally {
      from.cleanup();
    }
    expect(fs.existsSync(path.dirname(from.source))).toBe(false);
    // A folder others can reach is bound as it is.
    expect(courseSource(path.resolve("content"), 123_456).source).toBe(fs.realpathSync("content"));
  });

  it("grades the reference to full marks and the starter below it", async () => {
    process.env.COURSE_DIR = course;
    try {
      const r = await gradeReferenceAndStarter("hello-tensor");
      expect(r.problems).toEqual([]);
      expect(r.reference?.score).toBe(r.reference?.max_score);
      expect(r.starter?.passed).toBe(false);
    } finally {
      delete process.env.COURSE_DIR;
    }
  }, 90_000);
});
