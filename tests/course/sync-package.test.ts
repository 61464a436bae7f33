// `npm run course -- sync --package NAME` publishes another course package of the installation (UNLABELED_COURSES)
// into <data>/packages/NAME, where running servers and graders pick its live version up without a restart.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readCourseState } from "@/lib/course/live-state";

const tsx = path.resolve("node_modules/.bin/tsx");
const data = fs.mkdtempSync(path.join(os.tmpdir(), "sync-package-"));
const env = {
  ...process.env,
  UNLABELED_DATA_DIR: data,
  UNLABELED_COURSES: `fixture=${path.resolve("tests/fixtures/courses/valid-minimal")}`,
  UNLABELED_PUBLISH_GRADING: "none",
};
const sync = (...args: string[]) =>
  spawnSync(tsx, ["--conditions=react-server", "scripts/course.ts", "sync", ...args], { encoding: "utf8", timeout: 120_000, env });

describe("course sync --package", () => {
  afterAll(() => fs.rmSync(data, { recursive: true, force: true }));

  test("validates and publishes the package into its own folder; the default course's state is untouched", () => {
    const r = sync("--package", "fixture");
    expect(r.status, r.stderr + r.stdout).toBe(0);
    const state = readCourseState(path.join(data, "packages", "fixture", "courses", "state.json"));
    expect(state.live?.source).toBe(path.resolve("tests/fixtures/courses/valid-minimal"));
    expect(fs.existsSync(path.join(state.live!.dir, "assignments", "add-one", "assignment.yaml"))).toBe(true);
    expect(fs.existsSync(path.join(data, "courses", "state.json"))).toBe(false);
    const status = sync("--package", "fixture", "--status");
    expect(status.stdout).toContain(`live: ${state.live!.version}`);
  });

  test("a package the installation does not serve, or both --course and --package, is a usage error naming it", () => {
    const unknown = sync("--package", "nope");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("--package nope: not a course package of this installation (UNLABELED_COURSES names: fixture)");
    const both = sync("--package", "fixture", "--course", "content");
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("--course and --package name two different courses");
  });
});
