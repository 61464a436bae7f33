/** Shared by the grader tests: fixtures, short limits, and secrets that must never reach the sandbox. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gradeSubmission, type GradeOptions } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";

/** Short limits keep the hostile fixtures fast; the real hello-tensor limits are longer. */
export const TEST_CAPS = { wallSeconds: 3, cpuSeconds: 6, memoryMb: 256 };

export const SECRETS = {
  AUTH_SECRET: "unlabeled-hidden-auth-secret-for-tests",
  DATABASE_URL: "postgres://unlabeled-hidden-db-user:pw@localhost/db",
};

/** Puts fake secrets into this process's environment: the sandbox must never see them. */
export function exportSecrets(): void {
  Object.assign(process.env, SECRETS);
}

/** A fixture's source, with __ROOT__ replaced by the repository root. */
export function fixture(name: string): string {
  const file = path.join(process.cwd(), "tests", "fixtures", "submissions", "hello-tensor", `${name}.ts`);
  return readFileSync(file, "utf8").replaceAll("__ROOT__", process.cwd());
}

export function solutionSource(): string {
  return readFileSync(path.join(process.cwd(), "content", "assignments", "hello-tensor", "hidden", "solution.ts"), "utf8");
}

export function grade(source: string, extra: Partial<GradeOptions> = {}): Promise<GradeResult> {
  return gradeSubmission({ slug: "hello-tensor", source, seed: 7, limitCaps: TEST_CAPS, ...extra });
}

export function gradeFixture(name: string): Promise<GradeResult> {
  return grade(fixture(name));
}

/**
 * Grades a fixture with the tests-only host access (the real `process`, `fetch`, … inside the sandbox), to prove
 * that the OS walls hold even where the student scope would not have stopped the attack first.
 */
export function gradeFixtureWithHost(name: string): Promise<GradeResult> {
  return grade(fixture(name), { unsafeHostAccessForTests: true });
}

/** What a submission that reaches for a Node global sees now: one clear sentence, a runtime failure. */
export const NOT_AVAILABLE = (name: string) => new RegExp(`${name} is not available while grading: submissions run with TensorFlow\\.js and the language alone`);

/** The tests that ran their task (dependents of a failed check are skipped). */
export function ranTests(result: GradeResult) {
  return result.tests.filter((t) => !t.output.startsWith("Skipped:"));
}

/** Asserts nothing hidden (canaries, fake secrets) appears anywhere in a result. */
export function expectNoLeak(result: GradeResult): void {
  const text = JSON.stringify(result);
  if (text.includes("unlabeled-hidden-")) throw new Error(`the result leaks hidden material: ${text.slice(0, 2000)}`);
}

/** A hostile submission must end as a clear failed result: not passed, no points, the expected error kind. */
export function expectFailure(result: GradeResult, kind: string, message: RegExp): void {
  const summary = JSON.stringify({ score: result.score, error: result.error, tests: result.tests.map((t) => [t.check, t.status, t.error]) });
  if (result.passed || result.score !== 0) throw new Error(`expected a failed result with no points: ${summary}`);
  if (result.error?.kind !== kind || !message.test(result.error.message)) throw new Error(`expected a ${kind} error matching ${message}: ${summary}`);
  expectNoLeak(result);
}
