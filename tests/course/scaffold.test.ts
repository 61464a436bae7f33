/**
 * Issue #16's scaffolds: `course new course DIR` is valid at once; `course new assignment SLUG` (both kinds) adds
 * one folder and one course.yaml line, its reference scores 100% and its starter fails under `course check`; bad
 * input gets one clear message and writes nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, test } from "vitest";
import { course } from "./support";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-scaffold-"));
// The course-check host runs under a uid of its own when the tests run as root: the course must be open to it.
fs.chmodSync(root, 0o755);
const dir = path.join(root, "c");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe("course new", () => {
  test("a new course and two new assignments (function, training) pass course check with grading", () => {
    const made = course(["new", "course", dir]);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(`Created the course ${dir}`);
    expect(course(["new", "assignment", "my-first", "--course", dir]).code).toBe(0);
    const training = course(["new", "assignment", "linear-probe", "--kind", "training", "--course", dir]);
    expect(training.code).toBe(0);
    // One folder and one line in course.yaml per assignment; nothing else lists them.
    const yaml = parse(fs.readFileSync(path.join(dir, "course.yaml"), "utf8")) as { assignments: Record<string, string> };
    expect(yaml.assignments).toEqual({ "first-steps": "welcome", "my-first": "welcome", "linear-probe": "welcome" });
    expect(fs.readdirSync(path.join(dir, "assignments")).sort()).toEqual(["first-steps", "linear-probe", "my-first"]);
    for (const slug of ["my-first", "linear-probe"]) {
      for (const file of fs.readdirSync(path.join(dir, "assignments", slug, "hidden"))) {
        expect(fs.readFileSync(path.join(dir, "assignments", slug, "hidden", file), "utf8")).toContain(`unlabeled-hidden-${slug}-`);
      }
      expect(fs.readFileSync(path.join(dir, "assignments", slug, "starter.ts"), "utf8")).toContain("TODO(author)");
    }
    const check = course(["check", "--course", dir]);
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/graded my-first: reference 10\/10, starter \d+\/10 \(fails\)/);
    // The training kind trains with model.fit inside the hardened sandbox (the reference needs it).
    expect(check.stdout).toMatch(/graded linear-probe: reference 10\/10, starter [0-2]\/10 \(fails\)/);
    expect(check.stdout).toMatch(/course check: OK \([\d.]+ s\): 1 unit, 1 lesson, 3 assignments \(first-steps, linear-probe, my-first\)/);
  }, 300_000);

  test("bad input: one message each, exit 2, nothing written", () => {
    const before = fs.readFileSync(path.join(dir, "course.yaml"), "utf8");
    const cases: [string[], RegExp][] = [
      [["new", "course", dir], /exists and is not empty/],
      [["new", "assignment", "my-first", "--course", dir], /already exists; nothing was written/],
      [["new", "assignment", "Bad_Slug", "--course", dir], /'Bad_Slug' is not a valid slug/],
      [["new", "assignment", "third", "--kind", "essay", "--course", dir], /--kind must be function or training, got 'essay'/],
      [["new", "assignment", "third", "--lesson", "nowhere", "--course", dir], /--lesson: 'nowhere' is not a lesson of/],
      [["new", "assignment", "third", "--course", root], /is not a course package \(no course.yaml\)/],
      [["new", "assignment", "third", "--course", path.join(root, "missing")], /--course: no folder/],
      [["new", "widget", "x"], /unknown kind of scaffold 'widget'/],
    ];
    for (const [args, message] of cases) {
      const r = course(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
    }
    expect(fs.readFileSync(path.join(dir, "course.yaml"), "utf8")).toBe(before);
    expect(fs.existsSync(path.join(dir, "assignments", "third"))).toBe(false);
  }, 120_000);
});
