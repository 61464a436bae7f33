import ts from "typescript";
import { describe, expect, it } from "vitest";
import { alignSeries } from "@/components/results/curve-chart";
import { toRgba } from "@/components/results/image-grid";
import { heatColor } from "@/components/results/matrix-view";
import { drawableArtifacts } from "@/components/results/result-types";
import { findErrorLocations } from "@/components/workspace/error-locations";
import { mapPositions, parseSourceMap } from "@/components/workspace/source-map";
import type { AssignmentConfig } from "@/lib/content/assignment-schema";
import { studentProgress } from "@/lib/submissions/history-progress";
import { visibleScore } from "@/lib/submissions/history-score";

describe("source maps of browser-compiled code", () => {
  const source = ["interface Pair {", "  a: number;", "  b: number;", "}", "", "export function boom(p: Pair): number {", "  const total: number = p.a + p.b;", '  throw new Error("at line 8");', "}"].join("\n");
  const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, sourceMap: true }, fileName: "starter.ts" });
  const map = parseSourceMap(out.sourceMapText!);
  const js = out.outputText.split("\n");

  it("maps a generated position back to the TypeScript line (interfaces removed shift the lines)", () => {
    const line = js.findIndex((l) => l.includes("throw new Error")) + 1;
    expect(line).toBeLessThan(8);
    const column = js[line - 1]!.indexOf("throw") + 1;
    expect(map.original(line, column)).toEqual({ line: 8, column: 3 });
    expect(mapPositions(`Error: x\n    at boom (starter.js:${line}:${column})`, "starter.js", "starter.ts", map)).toContain("(starter.ts:8:3)");
  });

  it("leaves text alone without a map or a position", () => {
    expect(mapPositions("starter.js:1:1", "starter.js", "starter.ts", null)).toBe("starter.js:1:1");
    expect(mapPositions("no position", "starter.js", "starter.ts", map)).toBe("no position");
    expect(() => parseSourceMap('{"version":3}')).toThrow(/mappings/);
  });
});

describe("error locations in grader messages", () => {
  it("finds every compile error position with its text", () => {
    const compile = "submission.ts:3:10: Expected \";\" but found \"x\"\n    const a b x\nsubmission.ts:7:1: Unexpected \"}\"";
    expect(findErrorLocations(compile)).toEqual([
      { line: 3, column: 10, message: 'Expected ";" but found "x"' },
      { line: 7, column: 1, message: 'Unexpected "}"' },
    ]);
  });
  it("uses the first line as the message for stack frames, and ignores other files", () => {
    const runtime = "Error: shapes differ\n    at addTensors (submission.ts:6:9)\n    at other (runner.cjs:10:2)\n    at addTensors (submission.ts:6:9)";
    expect(findErrorLocations(runtime)).toEqual([{ line: 6, column: 9, message: "Error: shapes differ" }]);
    expect(findErrorLocations("mysubmission.ts:1:1 and lib.ts:2:2")).toEqual([]);
  });
});

describe("visible scores", () => {
  const row = {
    score: 9,
    maxScore: 10,
    createdAt: new Date("2026-01-02T00:00:00Z"),
    tests: [
      { visibility: "visible", score: 6, max_score: 6 },
      { visibility: "hidden", score: 2, max_score: 2 },
      { visibility: "after_due_date", score: 1, max_score: 2 },
    ],
  };
  it("leaves out after-due-date checks before the due date, counts them after", () => {
    const before = visibleScore(row, { due: new Date("2026-02-01T00:00:00Z"), now: new Date("2026-01-03T00:00:00Z"), policy: null });
    expect(before).toMatchObject({ score: 8, maxScore: 8, pendingPoints: 2, finalScore: 8, penalty: 0 });
    const after = visibleScore(row, { due: new Date("2026-02-01T00:00:00Z"), now: new Date("2026-02-02T00:00:00Z"), policy: null });
    expect(after).toMatchObject({ score: 9, maxScore: 10, pendingPoints: 0, finalScore: 9 });
  });
  it("applies the late policy, and all is lost late without one", () => {
    const policy = { penalty_per_day: 0.25, max_penalty: 0.5, grace_minutes: 0 };
    const due = new Date("2026-01-01T00:00:00Z");
    expect(visibleScore(row, { due, now: new Date("2026-03-01T00:00:00Z"), policy })).toMatchObject({ daysLate: 1, penalty: 0.25, finalScore: 6.75 });
    expect(visibleScore(row, { due, now: new Date("2026-03-01T00:00:00Z"), policy: null })).toMatchObject({ penalty: 1, finalScore: 0 });
    expect(visibleScore({ ...row, score: null }, { due, now: due, policy })).toMatchObject({ score: null, finalScore: null });
  });
});

describe("artifact drawing helpers", () => {
  it("aligns series with different x values on one axis", () => {
    expect(alignSeries([{ name: "train", x: [1, 2, 3], y: [0.9, 0.5, 0.3] }, { name: "val", x: [2, 4], y: [0.6, NaN] }])).toEqual([
      [1, 2, 3, 4],
      [0.9, 0.5, 0.3, null],
      [null, 0.6, null, null],
    ]);
  });
  it("turns gray, RGB and RGBA pixels into RGBA and refuses a mismatched shape", () => {
    expect(Array.from(toRgba(Uint8Array.from([0, 128]), [1, 2])!)).toEqual([0, 0, 0, 255, 128, 128, 128, 255]);
    expect(Array.from(toRgba(Uint8Array.from([1, 2, 3]), [1, 1, 3])!)).toEqual([1, 2, 3, 255]);
    expect(Array.from(toRgba(Uint8Array.from([1, 2, 3, 4]), [1, 1, 4])!)).toEqual([1, 2, 3, 4]);
    expect(toRgba(Uint8Array.from([1, 2, 3]), [2, 2])).toBeNull();
    expect(toRgba(Uint8Array.from([1, 2]), [1, 1, 2])).toBeNull();
  });
  it("colours diverging matrices around zero and sequential ones from white", () => {
    expect(heatColor(1, -1, 1)).toEqual([255, 0, 0]);
    expect(heatColor(-1, -1, 1)).toEqual([0, 0, 255]);
    expect(heatColor(0, -1, 1)).toEqual([255, 255, 255]);
    expect(heatColor(0, 0, 1)).toEqual([255, 255, 255]);
    expect(heatColor(NaN, 0, 1)).toEqual([200, 200, 200]);
  });
  it("draws only well-formed artifacts", () => {
    const ok = { kind: "matrix", name: "similarity", values: [[1, 0], [0, 1]] };
    expect(drawableArtifacts([ok, { kind: "curve", name: "bad", series: [{ x: "no" }] }, { kind: "video", name: "x" }, null])).toEqual([ok]);
    expect(drawableArtifacts("nope")).toEqual([]);
  });
});

describe("live progress as a student sees it", () => {
  const config = {
    due: new Date("2026-06-01T00:00:00Z"),
    rubric: [
      { check: "shown", points: 6, visibility: "visible" },
      { check: "secret", points: 2, visibility: "hidden" },
      { check: "later", points: 2, visibility: "after_due_date" },
    ],
  } as unknown as AssignmentConfig;
  const before = new Date("2026-05-01T00:00:00Z");
  it("keeps visible checks as they are", () => {
    const p = { phase: "training", check: "shown", epoch: 3, metrics: { loss: 0.5 } };
    expect(studentProgress(p, config, before)).toBe(p);
    expect(studentProgress({ phase: "compiling" }, config, before)).toEqual({ phase: "compiling" });
    expect(studentProgress(null, config, before)).toBeNull();
  });
  it("hides the id, metrics and message of hidden checks, and of after-due-date ones until the due date", () => {
    const hidden = { phase: "training", check: "secret", epoch: 2, metrics: { accuracy: 0.9 }, message: "probe on secret labels" };
    expect(studentProgress(hidden, config, before)).toEqual({ phase: "training", epoch: 2, hidden: true });
    expect(studentProgress({ phase: "scoring", check: "later" }, config, before)).toEqual({ phase: "scoring", hidden: true });
    expect(studentProgress({ phase: "scoring", check: "later" }, config, new Date("2026-07-01T00:00:00Z"))).toEqual({ phase: "scoring", check: "later" });
    expect(studentProgress({ phase: "x", check: "not-in-rubric" }, config, before)).toEqual({ phase: "x", hidden: true });
    expect(studentProgress({ phase: "x", check: "shown" }, undefined, before)).toEqual({ phase: "x", hidden: true });
  });
});
