import path from "node:path";
import type { Db } from "@/db/client";
import { gradingResults, submissions } from "@/db/schema";

/** A course with one assignment, term-demo: public-tests 0 (visible), shapes 4 (visible), secret 3 (hidden), final 3 (after the due date); due 2026-03-01, no late work, 2 a day, 60 s cooldown. */
export const settingsContent = path.resolve("tests/fixtures/settings-course/content");

type Test = {
  check: string;
  name: string;
  score: number;
  max_score: number;
  visibility: "visible" | "hidden" | "after_due_date";
  output: string;
  error?: { kind: string; message: string } | null;
};

/** The four tests of term-demo as the engine would store them, with the visibility the file gave at grading. */
export function termDemoTests(scores: { shapes: number; secret: number; final: number }, failing?: "shapes"): Test[] {
  return [
    {
      check: "public-tests",
      name: "Public tests (informational)",
      score: 0,
      max_score: 0,
      visibility: "visible",
      output: "2 of 2 public tests pass.",
    },
    {
      check: "shapes",
      name: "Shapes",
      score: scores.shapes,
      max_score: 4,
      visibility: "visible",
      output: "shapes feedback",
      error: failing === "shapes" ? { kind: "runtime", message: "TypeError: boom" } : null,
    },
    {
      check: "secret",
      name: "Secret case",
      score: scores.secret,
      max_score: 3,
      visibility: "hidden",
      output: "unlabeled-hidden-settings expected 42",
    },
    {
      check: "final",
      name: "Final accuracy",
      score: scores.final,
      max_score: 3,
      visibility: "after_due_date",
      output: "accuracy 0.93",
    },
  ];
}

/** Inserts a graded term-demo submission with a current result holding those tests. */
export async function insertTermDemo(
  db: Db,
  v: { userId: string; createdAt: Date; tests: Test[]; error?: { kind: string; message: string } | null },
): Promise<string> {
  const score = v.tests.reduce((s, t) => s + t.score, 0);
  const maxScore = v.tests.reduce((s, t) => s + t.max_score, 0);
  const [sub] = await db
    .insert(submissions)
    .values({
      userId: v.userId,
      assignment: "term-demo",
      source: "// graded",
      seed: 7,
      status: "graded",
      attempts: 1,
      score,
      maxScore,
      passed: score >= maxScore / 2,
      createdAt: v.createdAt,
      startedAt: new Date(v.createdAt.getTime() + 1_000),
      gradedAt: new Date(v.createdAt.getTime() + 5_000),
    })
    .returning({ id: submissions.id });
  const result = {
    assignment: "term-demo",
    score,
    max_score: maxScore,
    passed: score >= maxScore / 2,
    execution_time: 2,
    backend: "cpu",
    error: v.error ?? null,
    tests: v.tests.map((t) => ({
      status: t.score === t.max_score ? "passed" : "failed",
      execution_time: 0.1,
      error: null,
      artifacts: [],
      ...t,
    })),
    leaderboard: [],
    output: "",
    grader_version: "v1",
    seed: 7,
  };
  await db.insert(gradingResults).values({
    submissionId: sub!.id,
    graderVersion: "v1",
    backend: "cpu",
    score,
    maxScore,
    passed: result.passed,
    result,
    current: true,
  });
  return sub!.id;
}
