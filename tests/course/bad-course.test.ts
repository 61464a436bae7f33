/**
 * Issue #16's bad input for a course package, each case a copy of a scaffolded course with one thing broken: one
 * clear message naming the file (and line where there is one), from the same loader the engine grades with.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { checkCourse } from "@/lib/content/check-course";
import { course } from "./support";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-bad-course-"));
// The course-check host runs under a uid of its own when the tests run as root: the course must be open to it.
fs.chmodSync(root, 0o755);
const good = path.join(root, "good");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeAll(() => {
  expect(course(["new", "course", good]).code).toBe(0);
}, 60_000);

function broken(name: string, change: (dir: string) => void): string {
  const dir = path.join(root, name);
  fs.cpSync(good, dir, { recursive: true });
  change(dir);
  return dir;
}

const checks = (dir: string) => path.join(dir, "assignments", "first-steps", "hidden", "checks.ts");
const prepend = (file: string, text: string) => fs.writeFileSync(file, text + fs.readFileSync(file, "utf8"));

describe("course check on broken packages", () => {
  test("the scaffold itself is clean", async () => {
    expect((await checkCourse({ contentDir: good })).problems).toEqual([]);
  });

  const cases: [string, (dir: string) => void, (dir: string) => RegExp][] = [
    [
      "invalid YAML",
      (d) => fs.writeFileSync(path.join(d, "course.yaml"), fs.readFileSync(path.join(d, "course.yaml"), "utf8").replace('title: "My course"', 'title: "My course')),
      (d) => new RegExp(`^${d}/course\\.yaml: line 3, column 18: Missing closing "quote$`),
    ],
    [
      "two assignments with one slug",
      (d) => fs.appendFileSync(path.join(d, "course.yaml"), "  first-steps: welcome\n"),
      (d) => new RegExp(`^${d}/course\\.yaml: line \\d+, column \\d+: Map keys must be unique`),
    ],
    [
      "a rubric naming a check that does not exist",
      (d) => fs.appendFileSync(path.join(d, "assignments/first-steps/assignment.yaml"), "  - check: no-such-check\n    points: 0\n"),
      (d) => new RegExp(`^${d}/assignments/first-steps/assignment\\.yaml: rubric item 5 names check 'no-such-check', which .*hidden/checks\\.ts does not define$`),
    ],
    [
      "a check module that throws at import",
      (d) => prepend(checks(d), 'throw new Error("the data file is missing");\n'),
      (d) => new RegExp(`${d}/assignments/first-steps/hidden/checks\\.ts threw while loading: the data file is missing`),
    ],
    ["a check module that never returns", (d) => prepend(checks(d), "for (;;) {}\n"), () => /^assignments\/first-steps: its hidden checks did not finish loading within 10 s/],
    [
      "a grader file that imports the platform's database",
      (d) => prepend(checks(d), 'import { getDb } from "../../../../../db/client";\nvoid getDb;\n'),
      (d) => new RegExp(`${d}/assignments/first-steps/hidden/checks\\.ts:1:\\d+: cannot import '../../../../../db/client': course code may import only files of its own assignment folder`),
    ],
    [
      "a grader file that imports a package",
      (d) => prepend(checks(d), 'import pg from "pg";\nvoid pg;\n'),
      () => /hidden\/checks\.ts:1:\d+: cannot import 'pg': course code may import only @unlabeled\/sdk, @unlabeled\/sdk\/task, @tensorflow\/tfjs, zod/,
    ],
    ["a lesson with invalid MDX", (d) => fs.appendFileSync(path.join(d, "lessons/welcome.mdx"), "\n<Callout>\nunclosed\n"), (d) => new RegExp(`^${d}/lessons/welcome\\.mdx: line \\d+, column \\d+: MDX does not compile`)],
    [
      "a hidden file without its canary",
      (d) => fs.writeFileSync(path.join(d, "assignments/first-steps/hidden/helper.ts"), "export const x = 1;\n"),
      (d) => new RegExp(`^${d}/assignments/first-steps/hidden/helper\\.ts: carries no 'unlabeled-hidden-' canary`),
    ],
  ];

  test.each(cases)("%s: one message naming the file", async (name, change, expected) => {
    const dir = broken(name.replace(/\W+/g, "-"), change);
    // 10 s of silence makes the never-returning module fail sooner than the default 30 s, still long enough for the
    // first module (TF.js and the task files) on a loaded CI machine; the other cases keep the default.
    const report = await checkCourse({ contentDir: dir, ...(name.includes("never returns") ? { loadTimeoutMs: 10_000 } : {}) });
    expect(report.problems, report.problems.join("\n")).toHaveLength(1);
    expect(report.problems[0]).toMatch(expected(dir));
  }, 60_000);

  test("a course folder that does not exist is a usage error", () => {
    const r = course(["check", "--course", path.join(root, "nowhere")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--course: no folder ${path.join(root, "nowhere")}`);
  });
});
