/**
 * Issue #16's publishing: a version is validated on a copy in a child process before it goes live; one that fails
 * (or times out) never replaces the live one, and the state says why; git folders are versioned by commit.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readCourseState, stateFile } from "@/lib/course/live-state";
import { publishCourse, publishGrading } from "@/lib/course/publish";
import { courseVersion } from "@/lib/course/version-id";
import { course } from "./support";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-publish-"));
// The course-check host runs under a uid of its own when the tests run as root: the course must be open to it.
fs.chmodSync(root, 0o755);
const src = path.join(root, "course");
const data = path.join(root, "data");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeAll(() => {
  expect(course(["new", "course", src]).code).toBe(0);
}, 60_000);

const yaml = () => path.join(src, "assignments", "first-steps", "assignment.yaml");

describe("publishing a course version", () => {
  test("valid → live; the same files again → unchanged; a broken version is refused and the live one stays", async () => {
    const first = await publishCourse({ source: src, dataDir: data, by: "test" });
    expect(first.problems).toEqual([]);
    expect(first.status).toBe("live");
    expect(first.version).toMatch(/^sha256:[0-9a-f]{16}$/);
    const live = readCourseState(stateFile(data)).live!;
    expect(live.version).toBe(first.version);
    expect(fs.readFileSync(path.join(live.dir, "assignments/first-steps/assignment.yaml"), "utf8")).toBe(fs.readFileSync(yaml(), "utf8"));

    expect((await publishCourse({ source: src, dataDir: data })).status).toBe("unchanged");

    const good = fs.readFileSync(yaml(), "utf8");
    fs.appendFileSync(yaml(), "  - check: no-such-check\n    points: 0\n");
    const refused = await publishCourse({ source: src, dataDir: data, by: "test" });
    expect(refused.status).toBe("refused");
    expect(refused.version).not.toBe(first.version);
    expect(refused.problems.join("\n")).toMatch(/assignment\.yaml: rubric item 5 names check 'no-such-check'/);
    const after = readCourseState(stateFile(data));
    expect(after.live).toEqual(live); // nothing half-applied: the same version, folder and files serve on
    expect(fs.readFileSync(path.join(live.dir, "assignments/first-steps/assignment.yaml"), "utf8")).toBe(good);
    expect(after.lastAttempt).toMatchObject({ status: "refused", version: refused.version, by: "test" });
    expect(fs.readdirSync(path.join(data, "courses")).filter((f) => f.startsWith("staging-"))).toEqual([]);

    fs.writeFileSync(yaml(), good.replace("daily: 20", "daily: 25"));
    const second = await publishCourse({ source: src, dataDir: data });
    expect(second.status).toBe("live");
    expect(readCourseState(stateFile(data)).live!.version).toBe(second.version);
  }, 240_000);

  test("a validation that runs out of time is refused", async () => {
    fs.appendFileSync(path.join(src, "lessons", "welcome.mdx"), "\nOne more line.\n");
    const before = readCourseState(stateFile(data)).live;
    const r = await publishCourse({ source: src, dataDir: data, timeoutSeconds: 1 });
    expect(r.status).toBe("refused");
    expect(r.problems).toEqual(["validation did not finish within 1 s (UNLABELED_PUBLISH_TIMEOUT_SECONDS sets the limit)"]);
    expect(readCourseState(stateFile(data)).live).toEqual(before);
  }, 60_000);

  test("a quick validation grades the reference on its quick checks, and says so in the attempt's notes", async () => {
    fs.appendFileSync(path.join(src, "lessons", "welcome.mdx"), "\nA line for the quick version.\n");
    const r = await publishCourse({ source: src, dataDir: data, grading: "quick" });
    expect(r.problems).toEqual([]);
    expect(r.status).toBe("live");
    expect(r.state.lastAttempt?.notes.join(" ")).toMatch(/graded on their quick checks/);
    // The CLI flag behind it: a reference that fails a quick check is refused the same way.
    const solution = path.join(src, "assignments", "first-steps", "hidden", "solution.ts");
    const good = fs.readFileSync(solution, "utf8");
    fs.writeFileSync(solution, good.replace("x.div(", "x.mul("));
    const check = course(["check", "--quick", "--course", src]);
    fs.writeFileSync(solution, good);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/first-steps: the reference solution scores [\d.]+\/\d+, not 100%; failing: /);
    expect(course(["check", "--quick", "--no-grade", "--course", src]).out).toMatch(/--quick and --no-grade do not go together/);
  }, 120_000);

  test("UNLABELED_PUBLISH_GRADING picks the level and refuses a value it does not know", () => {
    const saved = process.env.UNLABELED_PUBLISH_GRADING;
    try {
      delete process.env.UNLABELED_PUBLISH_GRADING;
      expect(publishGrading("quick")).toBe("quick");
      process.env.UNLABELED_PUBLISH_GRADING = "none";
      expect(publishGrading("full")).toBe("none");
      process.env.UNLABELED_PUBLISH_GRADING = "some";
      expect(() => publishGrading("full")).toThrow("UNLABELED_PUBLISH_GRADING must be full, quick or none, got 'some'");
    } finally {
      if (saved === undefined) delete process.env.UNLABELED_PUBLISH_GRADING;
      else process.env.UNLABELED_PUBLISH_GRADING = saved;
    }
  });

  test("a folder that is not a course is refused with one message", async () => {
    const r = await publishCourse({ source: path.join(root, "nowhere"), dataDir: data });
    expect(r).toMatchObject({ status: "refused", problems: [`${path.join(root, "nowhere")}: no such folder`] });
  });

  test("a git work tree is versioned by its commit, with a content hash while it has uncommitted changes", () => {
    const git = (...args: string[]) => execFileSync("git", ["-C", src, ...args], { encoding: "utf8" }).trim();
    git("init", "-q");
    git("add", ".");
    git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "course");
    const commit = git("rev-parse", "HEAD");
    expect(courseVersion(src)).toEqual({ id: `git:${commit.slice(0, 12)}`, commit, dirty: false });
    fs.appendFileSync(path.join(src, "lessons", "welcome.mdx"), "\nUncommitted.\n");
    const dirty = courseVersion(src);
    expect(dirty.dirty).toBe(true);
    expect(dirty.id).toMatch(new RegExp(`^git:${commit.slice(0, 12)}\\+[0-9a-f]{16}$`));
  });
});
