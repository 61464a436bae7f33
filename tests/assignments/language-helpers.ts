/** Shared by the language-assignment tests (mlm-masking, nsp-pairs, causal-attention): grade files through the real engine. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { gradeSubmission } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";

/** UNLABELED_FULL=1 (course check --full) runs every expensive experiment; CI runs only those that decide something. */
export const FULL = process.env.UNLABELED_FULL === "1";

export function source(file: string): string {
  return readFileSync(path.join(process.cwd(), file), "utf8");
}

export function fixtureSource(slug: string, name: string): string {
  return source(`tests/fixtures/submissions/${slug}/${name}.ts`);
}

export function gradeSource(slug: string, code: string, seed = 3, limitCaps?: { wallSeconds?: number; cpuSeconds?: number }): Promise<GradeResult> {
  return gradeSubmission({ slug, source: code, seed, ...(limitCaps ? { limitCaps } : {}) });
}

export function testOf(result: GradeResult, check: string) {
  const t = result.tests.find((x) => x.check === check);
  if (!t) throw new Error(`no test '${check}' in the result of ${result.assignment}`);
  return t;
}

/** Timings legitimately differ between runs; everything else must be identical for the same seed. */
export function withoutTimes(r: GradeResult) {
  return { ...r, execution_time: 0, tests: r.tests.map((t) => ({ ...t, execution_time: 0 })) };
}

export function expectFullMarks(result: GradeResult): void {
  const failing = result.tests.filter((t) => t.status !== "passed").map((t) => `${t.check}: ${t.output.slice(0, 300)}`);
  expect(failing, JSON.stringify(result.error)).toEqual([]);
  expect(result.score).toBe(result.max_score);
  expect(result.passed).toBe(true);
  expect(JSON.stringify(result)).not.toContain("unlabeled-hidden-");
}

/** The wrong variant fails `check` with feedback matching `feedback`, and the result leaks nothing hidden. */
export function expectFailsWith(result: GradeResult, check: string, feedback: RegExp): void {
  const t = testOf(result, check);
  expect(t.status, `${check} should fail: ${t.output.slice(0, 300)}`).toBe("failed");
  expect(t.output).toMatch(feedback);
  expect(result.score).toBeLessThan(result.max_score);
  expect(result.passed).toBe(false);
  expect(JSON.stringify(result)).not.toContain("unlabeled-hidden-");
}
