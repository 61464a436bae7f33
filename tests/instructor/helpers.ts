import path from "node:path";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { gradingResults, submissions, type Role } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { AppError } from "@/lib/errors";

export const contentDir = path.resolve("tests/fixtures/instructor-course/content");

export async function makeUser(db: Db, email: string, role: Role = "student", name: string | null = null): Promise<Actor> {
  const u = await insertUser(db, { email, name, role, passwordHash: null });
  return { id: u.id, email: u.email, name: u.name, role: u.role };
}

/** Inserts a graded submission with a current result, as the worker would leave it. */
export async function insertGraded(
  db: Db,
  v: {
    userId: string;
    assignment: string;
    createdAt: Date;
    score: number;
    maxScore?: number;
    leaderboard?: { name: string; value: number; order: "asc" | "desc" }[];
    graderVersion?: string;
    errorKind?: string | null;
  },
): Promise<string> {
  const maxScore = v.maxScore ?? 10;
  const [sub] = await db
    .insert(submissions)
    .values({
      userId: v.userId,
      assignment: v.assignment,
      source: `// ${v.score}`,
      seed: 7,
      status: "graded",
      attempts: 1,
      score: v.score,
      maxScore,
      passed: v.score >= maxScore / 2,
      errorKind: v.errorKind ?? null,
      createdAt: v.createdAt,
      startedAt: new Date(v.createdAt.getTime() + 1_000),
      gradedAt: new Date(v.createdAt.getTime() + 5_000),
    })
    .returning({ id: submissions.id });
  const result = {
    assignment: v.assignment,
    score: v.score,
    max_score: maxScore,
    passed: v.score >= maxScore / 2,
    execution_time: 4,
    backend: "cpu",
    error: v.errorKind ? { kind: v.errorKind, message: "boom" } : null,
    tests: [
      { name: "Adds", check: "adds", score: v.score, max_score: maxScore, status: "passed", output: "unlabeled-hidden-fixture expected 42", visibility: "hidden" },
    ],
    leaderboard: v.leaderboard ?? [],
    output: "",
    grader_version: v.graderVersion ?? "v1",
    seed: 7,
  };
  await db.insert(gradingResults).values({
    submissionId: sub!.id,
    graderVersion: v.graderVersion ?? "v1",
    backend: "cpu",
    score: v.score,
    maxScore,
    passed: result.passed,
    result,
    current: true,
  });
  return sub!.id;
}

/** Leaderboard entries per the convention in lib/leaderboards/README.md. */
export function board(metric: string, publicValue: number, privateValue: number, order: "asc" | "desc" = "desc") {
  return [
    { name: metric, value: publicValue, order },
    { name: `${metric}:private`, value: privateValue, order },
  ];
}

export async function expectAppError(p: Promise<unknown>, code: AppError["code"], pattern?: RegExp): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (pattern) expect((err as AppError).message).toMatch(pattern);
  return err as AppError;
}

export const at = (iso: string) => new Date(iso);
