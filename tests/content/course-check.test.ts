/** `course check` against the real content and against the fixture courses in tests/fixtures/courses. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { checkCourse } from "@/lib/content/check-course";

const fixture = (name: string) => `tests/fixtures/courses/${name}`;
const content = (name: string) => fixture(name);
const check = (name: string) => checkCourse({ contentDir: content(name) });

describe("course check on fixtures", () => {
  test("a valid minimal course has no problems", async () => {
    const report = await check("valid-minimal");
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ units: 1, lessons: 2, assignments: ["add-one"] });
  });

  const cases: [string, string[]][] = [
    ["bad-yaml-field", [`${content("bad-yaml-field")}/course.yaml: units.0.title: Invalid input: expected string, received number`, `${content("bad-yaml-field")}/course.yaml: units.0: Unrecognized key: "color"`]],
    ["bad-missing-lesson", [`${content("bad-missing-lesson")}/course.yaml: units.0.lessons.2: lesson 'ghost' has no file ${content("bad-missing-lesson")}/lessons/ghost.mdx`]],
    ["bad-unlisted-lesson", [`${content("bad-unlisted-lesson")}/lessons/stray.mdx: not listed in ${content("bad-unlisted-lesson")}/course.yaml (add it to a unit's lessons)`]],
    [
      "bad-internal-link",
      [
        `${content("bad-internal-link")}/lessons/second.mdx: links to lesson 'nowhere', which is not in course.yaml`,
        `${content("bad-internal-link")}/lessons/second.mdx: links to '#no-such-heading', which is not a heading or id on this page`,
        `${content("bad-internal-link")}/assignments/add-one/README.mdx: links to assignment 'missing', which has no folder under content/assignments`,
      ],
    ],
    ["bad-external-image", [`${content("bad-external-image")}/lessons/intro.mdx: external asset: <img src="https://example.com/cat.png"> loads from another origin; serve it from public/ or draw it as an SVG component`]],
    [
      "bad-rubric-check",
      [
        `${content("bad-rubric-check")}/assignments/add-one/assignment.yaml: rubric item 2 names check 'not-in-grader', which ${fixture("bad-rubric-check")}/assignments/add-one/hidden/checks.ts does not define`,
      ],
    ],
    ["bad-points-sum", [`${content("bad-points-sum")}/assignments/add-one/assignment.yaml: points: points is 12 but the rubric items add up to 10`]],
    ["bad-no-grader", [`${content("bad-no-grader")}/assignments/add-one: missing hidden/checks.ts (the assignment's hidden checks: export const checks = [defineCheck(...), ...])`]],
    [
      "bad-frontmatter",
      [
        `${content("bad-frontmatter")}/lessons/intro.mdx: frontmatter.summary: Invalid input: expected string, received undefined`,
        `${content("bad-frontmatter")}/lessons/intro.mdx: frontmatter.minutes: Invalid input: expected number, received string`,
      ],
    ],
    ["bad-mdx-syntax", [`${content("bad-mdx-syntax")}/lessons/intro.mdx: line 9, column 1: MDX does not compile: Expected a closing tag for \`<Callout>\``]],
    [
      "bad-assignment-files",
      [
        `${content("bad-assignment-files")}/assignments/add-one: missing starter.ts`,
        `${content("bad-assignment-files")}/assignments/add-one/assignment.yaml: lesson: is 'intro' but ${content("bad-assignment-files")}/course.yaml assigns add-one to 'second'`,
      ],
    ],
  ];

  test.each(cases)("%s reports exactly its problems", async (name, expected) => {
    const report = await check(name);
    expect(report.problems).toEqual(expected);
  });
});

describe("course check on the real content", () => {
  test("passes, with every lesson rendered and at least four live demos", async () => {
    const report = await checkCourse({ contentDir: "content" });
    expect(report.problems).toEqual([]);
    expect(report.lessons).toBeGreaterThanOrEqual(14);
    expect(Object.keys(report.demos).length).toBeGreaterThanOrEqual(4);
  });
});

describe("npm run course -- check (the command line)", () => {
  const tsx = path.join("node_modules", ".bin", "tsx");
  const run = (...args: string[]) => spawnSync(tsx, ["--conditions=react-server", "scripts/course.ts", "check", ...args], { encoding: "utf8", timeout: 120_000 });

  test("exits 0 with a summary on a clean course", () => {
    const r = run("--content", content("valid-minimal"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // The fixture's reference solution (hidden/solution.ts) is graded through the sandbox, and its starter fails.
    expect(r.stdout).toMatch(/^  graded add-one: reference 10\/10, starter 0\/10 \(fails\) \([\d.]+ s\)\ncourse check: OK \([\d.]+ s\): 1 unit, 2 lessons, 1 assignment \(add-one\), 0 live demos\n$/);
  });

  test("exits 1 with a numbered list of problems", () => {
    const r = run("--content", content("bad-rubric-check"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^course check: 1 problem in tests\/fixtures\/courses\/bad-rubric-check \([\d.]+ s\)\n/);
    expect(r.stderr).toContain("  1. tests/fixtures/courses/bad-rubric-check/assignments/add-one/assignment.yaml: rubric item 2 names check 'not-in-grader'");
  });

  test("exits 2 for usage errors", () => {
    expect(run("--content").status).toBe(2);
    expect(run("--content", "tests/fixtures/courses/does-not-exist").stderr).toContain("--content: no folder");
    expect(run("--bogus").status).toBe(2);
  });
});
