import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { gradingResults, submissions } from "@/db/schema";

/** The fields of a grader result the platform indexes; the whole object is stored as JSON. */
export interface StoredResult {
  score: number;
  max_score: number;
  passed: boolean;
  backend?: string | null;
  error: { kind: string; message: string } | null;
  /** A cheap-phase result whose expensive phase must still run (lib/grading/phases.ts). */
  pending_expensive?: boolean;
  [key: string]: unknown;
}

/**
 * Stores a result exactly once: only the attempt that still holds the submission may write, and in one transaction
 * the old current result becomes history, the new one current, and the submission graded.
 */
export async function recordResult(
  db: Db,
  args: {
    submissionId: string;
    attempt: number;
    result: StoredResult;
    graderVersion: string;
    reason: "submit" | "regrade";
  },
): Promise<"recorded" | "stale"> {
  const { submissionId, attempt, result } = args;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: submissions.status, attempts: submissions.attempts })
      .from(submissions)
      .where(eq(submissions.id, submissionId))
      .for("update");
    if (row?.status !== "running" || row.attempts !== attempt) return "stale";
    await tx
      .update(gradingResults)
      .set({ current: false })
      .where(and(eq(gradingResults.submissionId, submissionId), eq(gradingResults.current, true)));
    await tx.insert(gradingResults).values({
      submissionId,
      reason: args.reason,
      graderVersion: args.graderVersion,
      backend: result.backend ?? null,
      score: result.score,
      maxScore: result.max_score,
      passed: result.passed,
      result,
      current: true,
    });
    await tx
      .update(submissions)
      .set({
        status: "graded",
        score: result.score,
        maxScore: result.max_score,
        passed: result.passed,
        errorKind: result.error?.kind ?? null,
        phase: "done",
        partialResult: null,
        gradedAt: new Date(),
        heartbeatAt: null,
      })
      .where(eq(submissions.id, submissionId));
    return "recorded";
  });
}
