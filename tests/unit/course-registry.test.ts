import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  CourseNotLiveError,
  courseDataDir,
  courseDirOf,
  courseNames,
  courseSourceOf,
  courseStateFileOf,
  extraCourses,
  UnknownCourseError,
} from "@/lib/content/course-registry";
import { courseRoot, withCourseRoot } from "@/lib/content/course-root";
import { currentCourseVersion } from "@/lib/course/current-version";
import { writeCourseState } from "@/lib/course/live-state";

const env = (courses: string, extra: Record<string, string> = {}) => ({ ...process.env, UNLABELED_COURSES: courses, ...extra }) as NodeJS.ProcessEnv;

describe("the course packages of an installation (UNLABELED_COURSES)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("reads name=folder entries separated by ; , or new lines, the default package first", () => {
    const e = env(" nlp=/srv/nlp ;vision=relative/vision,\nrl=/srv/rl\n");
    expect(extraCourses(e)).toEqual([
      { name: "nlp", source: "/srv/nlp" },
      { name: "vision", source: path.resolve("relative/vision") },
      { name: "rl", source: "/srv/rl" },
    ]);
    expect(courseNames(e)).toEqual(["default", "nlp", "vision", "rl"]);
    expect(courseNames(env(""))).toEqual(["default"]);
    expect(courseSourceOf("nlp", e)).toBe("/srv/nlp");
  });

  it("refuses a malformed entry, the name default, a name twice, naming the entry", () => {
    expect(() => extraCourses(env("nlp"))).toThrow("UNLABELED_COURSES: 'nlp' is not name=folder");
    expect(() => extraCourses(env("NLP=/x"))).toThrow("'NLP=/x' is not name=folder");
    expect(() => extraCourses(env("nlp="))).toThrow("'nlp=' is not name=folder");
    expect(() => extraCourses(env("default=/x"))).toThrow("'default' is the COURSE_DIR course");
    expect(() => extraCourses(env("a=/x;a=/y"))).toThrow("'a' is named twice");
  });

  it("an unknown package is an error that names the ones served", () => {
    expect(() => courseDirOf("gone", env("nlp=/srv/nlp"))).toThrow(UnknownCourseError);
    expect(() => courseDirOf("gone", env("nlp=/srv/nlp"))).toThrow("There is no course package 'gone' on this installation (it serves: default, nlp).");
  });

  it("serves a package's source folder, or, when the process serves published versions, its live snapshot only", async () => {
    const data = mkdtempSync(path.join(os.tmpdir(), "registry-"));
    dirs.push(data);
    const state = path.join(data, "courses", "state.json");
    expect(courseDirOf("nlp", env("nlp=/srv/nlp"))).toBe("/srv/nlp");
    const published = env("nlp=/srv/nlp", { UNLABELED_COURSE_STATE: state });
    expect(courseStateFileOf("nlp", published)).toBe(path.join(data, "packages", "nlp", "courses", "state.json"));
    expect(courseStateFileOf("default", published)).toBe(state);
    expect(courseDataDir(data, "nlp")).toBe(path.join(data, "packages", "nlp"));
    expect(courseDataDir(data, "default")).toBe(data);
    // Nothing validated yet: not served from its unvalidated source.
    expect(() => courseDirOf("nlp", published)).toThrow(CourseNotLiveError);
    const snapshot = path.join(data, "packages", "nlp", "courses", "v1");
    writeCourseState(courseStateFileOf("nlp", published)!, {
      live: { version: "v1", source: "/srv/nlp", dir: snapshot, wentLiveAt: new Date().toISOString(), commit: null },
      lastAttempt: null,
    });
    // The state file is looked at again at most once a second.
    await new Promise((r) => setTimeout(r, 1100));
    expect(courseDirOf("nlp", published)).toBe(snapshot);
    // Results graded from it record its live version, as the default package's do.
    expect(currentCourseVersion(snapshot, published)).toBe("v1");
  });

  it("withCourseRoot changes courseRoot() inside it only, through awaits", async () => {
    const outside = courseRoot();
    const seen = await withCourseRoot("/srv/other", async () => {
      await new Promise((r) => setTimeout(r, 5));
      return courseRoot();
    });
    expect(seen).toBe("/srv/other");
    expect(courseRoot()).toBe(outside);
  });
});
