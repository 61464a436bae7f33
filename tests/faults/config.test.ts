/** The knobs and classifiers the fault suites rely on: grading timing from the environment, storage failures. */
import { describe, expect, it } from "vitest";
import { dataFolderProblem, storageFailure } from "@/db/config";
import { DEFAULT_TIMING, gradingTiming } from "@/lib/grading/timing";

describe("grading timing", () => {
  it("keeps the production defaults when nothing is set", () => {
    expect(gradingTiming({})).toEqual({ heartbeatMs: 5_000, staleAfterMs: 60_000, lostAfterMs: 120_000, sweepMs: 15_000 });
    expect(gradingTiming({ GRADER_STALE_AFTER_MS: "" })).toEqual(DEFAULT_TIMING);
  });
  it("reads shorter limits for tests", () => {
    expect(gradingTiming({ GRADER_HEARTBEAT_MS: "500", GRADER_STALE_AFTER_MS: "3000", GRADER_LOST_AFTER_MS: "6000", GRADER_SWEEP_MS: "500" })).toEqual({
      heartbeatMs: 500,
      staleAfterMs: 3000,
      lostAfterMs: 6000,
      sweepMs: 500,
    });
  });
  it("refuses bad values with a message naming the variable", () => {
    expect(() => gradingTiming({ GRADER_STALE_AFTER_MS: "soon" })).toThrow(/GRADER_STALE_AFTER_MS must be a whole number of milliseconds from 500 .* not 'soon'/);
    expect(() => gradingTiming({ GRADER_SWEEP_MS: "-1" })).toThrow(/GRADER_SWEEP_MS/);
    expect(() => gradingTiming({ GRADER_HEARTBEAT_MS: "5000", GRADER_STALE_AFTER_MS: "6000" })).toThrow(/at least twice GRADER_HEARTBEAT_MS/);
  });
});

describe("storage failures", () => {
  const wrapped = (cause: object) => Object.assign(new Error("Failed query: insert into ..."), { cause });
  it("recognises an unreachable PostgreSQL, a full disk and a read-only folder through drizzle's wrapper", () => {
    expect(storageFailure(wrapped(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })))?.kind).toBe("unreachable");
    expect(storageFailure(wrapped(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })))?.kind).toBe("unreachable");
    expect(storageFailure(wrapped(Object.assign(new Error('could not extend file "base/5/1": No space left on device'), { code: "53100" })))).toMatchObject({
      kind: "disk-full",
      message: expect.stringMatching(/disk is full/),
      detail: expect.stringMatching(/^53100: could not extend/),
    });
    expect(storageFailure(Object.assign(new Error("EROFS: read-only file system, open 'x'"), { code: "EROFS" }))?.kind).toBe("read-only");
  });
  it("leaves programming errors alone", () => {
    expect(storageFailure(new TypeError("cannot read properties of undefined"))).toBeNull();
    expect(storageFailure(wrapped(Object.assign(new Error('duplicate key value violates unique constraint "user_email"'), { code: "23505" })))).toBeNull();
    expect(storageFailure("a string")).toBeNull();
  });
  it("names a folder that is in the way of the data folder", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-folder-")), "pglite");
    expect(dataFolderProblem(path.dirname(file))).toBeNull();
    fs.writeFileSync(file, "not a folder");
    expect(dataFolderProblem(file)).toBe(`The embedded database folder ${file} is not a folder (a file is in the way). Move that file away, or point PGLITE_DIR (or UNLABELED_DATA_DIR) at another folder.`);
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});
