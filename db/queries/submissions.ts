import { and, asc, count, desc, eq, gte, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { DEFAULT_OFFERING, gradingResults, submissions, type SubmissionStatus } from "../schema";

export const submissionSummaryColumns = {
  id: submissions.id,
  userId: submissions.userId,
  offering: submissions.offering,
  assignment: submissions.assignment,
  status: submissions.status,
  seed: submissions.seed,
  attempts: submissions.attempts,
  jobId: submissions.jobId,
  phase: submissions.phase,
  progress: submissions.progress,
  score: submissions.score,
  maxScore: submissions.maxScore,
  passed: submissions.passed,
  errorKind: submissions.errorKind,
  failure: submissions.failure,
  createdAt: submissions.createdAt,
  startedAt: submissions.startedAt,
  gradedAt: submissions.gradedAt,
  priority: submissions.priority,
  supersededBy: submissions.supersededBy,
};

export type SubmissionSummary = {
  id: string;
  userId: string;
  offering: string;
  assignment: string;
  status: SubmissionStatus;
  seed: number;
  attempts: number;
  jobId: string | null;
  phase: string | null;
  progress: unknown;
  score: number | null;
  maxScore: number | null;
  passed: boolean | null;
  errorKind: string | null;
  failure: string | null;
  createdAt: Date;
  startedAt: Date | null;
  gradedAt: Date | null;
  priority: number;
  supersededBy: string | null;
};

export async function insertSubmission(
  db: Db | Tx,
  values: {
    id?: string;
    userId: string;
    /** Absent: the default offering. */
    offering?: string;
    assignment: string;
    source: string;
    seed: number;
    jobId: string;
    priority?: number;
    createdAt?: Date;
  },
): Promise<SubmissionSummary> {
  const [row] = await db.insert(submissions).values(values).returning(submissionSummaryColumns);
  return row!;
}

export async function findSubmission(db: Db | Tx, id: string): Promise<SubmissionSummary | null> {
  const rows = await db.select(submissionSummaryColumns).from(submissions).where(eq(submissions.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function findSubmissionSource(db: Db | Tx, id: string): Promise<string | null> {
  const rows = await db.select({ source: submissions.source }).from(submissions).where(eq(submissions.id, id)).limit(1);
  return rows[0]?.source ?? null;
}

/** Submissions that count against the daily quota: pending ones, and graded ones without an error. */
export async function countQuotaSubmissions(
  db: Db | Tx,
  userId: string,
  assignment: string,
  since: Date,
  offering: string = DEFAULT_OFFERING,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(submissions)
    .where(
      and(
        eq(submissions.userId, userId),
        eq(submissions.offering, offering),
        eq(submissions.assignment, assignment),
        gte(submissions.createdAt, since),
        or(
          inArray(submissions.status, ["queued", "running"]),
          and(eq(submissions.status, "graded"), isNull(submissions.errorKind)),
        ),
      ),
    );
  return row?.n ?? 0;
}

export async function latestSubmissionTime(
  db: Db | Tx,
  userId: string,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<Date | null> {
  const rows = await db
    .select({ createdAt: submissions.createdAt })
    .from(submissions)
    .where(
      and(eq(submissions.userId, userId), eq(submissions.offering, offering), eq(submissions.assignment, assignment)),
    )
    .orderBy(desc(submissions.createdAt))
    .limit(1);
  return rows[0]?.createdAt ?? null;
}

export async function listSubmissionsFor(
  db: Db | Tx,
  userId: string,
  assignment: string,
  limit = 100,
): Promise<SubmissionSummary[]> {
  return db
    .select(submissionSummaryColumns)
    .from(submissions)
    .where(and(eq(submissions.userId, userId), eq(submissions.assignment, assignment)))
    .orderBy(desc(submissions.createdAt))
    .limit(limit);
}

/** Claims a submission for one grading attempt; null when it is already graded, failed or superseded. */
export async function claimSubmission(
  db: Db | Tx,
  id: string,
  jobId: string,
): Promise<(SubmissionSummary & { source: string; partialResult: unknown }) | null> {
  const rows = await db
    .update(submissions)
    .set({
      status: "running",
      attempts: sql`${submissions.attempts} + 1`,
      jobId,
      phase: "starting",
      progress: null,
      startedAt: new Date(),
      heartbeatAt: new Date(),
    })
    .where(and(eq(submissions.id, id), inArray(submissions.status, ["queued", "running"])))
    .returning({ ...submissionSummaryColumns, source: submissions.source, partialResult: submissions.partialResult });
  return rows[0] ?? null;
}

/** Progress and heartbeat from the attempt that holds the submission; ignored once another attempt took over. */
export async function recordProgress(
  db: Db | Tx,
  id: string,
  attempt: number,
  progress: { phase: string } & Record<string, unknown>,
): Promise<void> {
  await db
    .update(submissions)
    .set({ phase: progress.phase, progress, heartbeatAt: new Date() })
    .where(and(eq(submissions.id, id), eq(submissions.attempts, attempt), eq(submissions.status, "running")));
}

export async function heartbeat(db: Db | Tx, id: string, attempt: number): Promise<void> {
  await db
    .update(submissions)
    .set({ heartbeatAt: new Date() })
    .where(and(eq(submissions.id, id), eq(submissions.attempts, attempt), eq(submissions.status, "running")));
}

/** Running submissions whose grader has not reported since `before`: it probably died. */
export async function findStaleRunning(db: Db | Tx, before: Date): Promise<SubmissionSummary[]> {
  return db
    .select(submissionSummaryColumns)
    .from(submissions)
    .where(and(eq(submissions.status, "running"), lt(submissions.heartbeatAt, before)))
    .orderBy(asc(submissions.heartbeatAt))
    .limit(100);
}

/** Queued submissions older than `before` (their job may have been lost between insert and enqueue). */
export async function findOldQueued(db: Db | Tx, before: Date): Promise<SubmissionSummary[]> {
  return db
    .select(submissionSummaryColumns)
    .from(submissions)
    .where(and(eq(submissions.status, "queued"), lt(submissions.createdAt, before)))
    .orderBy(asc(submissions.createdAt))
    .limit(500);
}

export async function requeueSubmission(db: Db | Tx, id: string, attempt: number, phase: string): Promise<boolean> {
  const rows = await db
    .update(submissions)
    .set({ status: "queued", phase, heartbeatAt: null })
    .where(and(eq(submissions.id, id), eq(submissions.attempts, attempt), eq(submissions.status, "running")))
    .returning({ id: submissions.id });
  return rows.length > 0;
}

export async function markFailed(db: Db | Tx, id: string, failure: string): Promise<void> {
  await db
    .update(submissions)
    .set({ status: "failed", failure, phase: "failed", gradedAt: new Date() })
    .where(and(eq(submissions.id, id), inArray(submissions.status, ["queued", "running"])));
}

export async function currentResult(db: Db | Tx, submissionId: string) {
  const rows = await db
    .select()
    .from(gradingResults)
    .where(and(eq(gradingResults.submissionId, submissionId), eq(gradingResults.current, true)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Supersedes a student's queued submissions of an assignment that were never graded (a regrade's queued ones keep
 * their place): they end `superseded` by `by`. Returns them with their jobs, to cancel in pg-boss.
 */
export async function supersedeQueued(
  db: Db | Tx,
  args: { userId: string; assignment: string; by: string; offering?: string },
): Promise<{ id: string; jobId: string | null }[]> {
  return db
    .update(submissions)
    .set({ status: "superseded", supersededBy: args.by, phase: "superseded", progress: null, heartbeatAt: null })
    .where(
      and(
        eq(submissions.userId, args.userId),
        eq(submissions.offering, args.offering ?? DEFAULT_OFFERING),
        eq(submissions.assignment, args.assignment),
        eq(submissions.status, "queued"),
        isNull(submissions.gradedAt),
      ),
    )
    .returning({ id: submissions.id, jobId: submissions.jobId });
}

/** Whether the student has a result for the assignment, or one on its way (a submission being graded). */
export async function hasResultOrRunning(
  db: Db | Tx,
  userId: string,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<boolean> {
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(
      and(
        eq(submissions.userId, userId),
        eq(submissions.offering, offering),
        eq(submissions.assignment, assignment),
        inArray(submissions.status, ["graded", "running"]),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** A submission's number in its student's history of the assignment (1 = the first), as the history page counts. */
export async function submissionNumber(
  db: Db | Tx,
  sub: { id: string; userId: string; assignment: string },
): Promise<number> {
  // Compared in SQL: timestamps carry microseconds, a JavaScript Date only milliseconds.
  const [row] = await db
    .select({ n: count() })
    .from(submissions)
    .where(
      and(
        eq(submissions.userId, sub.userId),
        eq(submissions.assignment, sub.assignment),
        lte(submissions.createdAt, sql`(select s.created_at from submission s where s.id = ${sub.id})`),
      ),
    );
  return row?.n ?? 0;
}

/** A two-phase grading's cheap-phase result while its expensive phase is pending; null otherwise. */
export async function findPartialResult(db: Db | Tx, id: string): Promise<unknown> {
  const rows = await db
    .select({ partial: submissions.partialResult })
    .from(submissions)
    .where(eq(submissions.id, id))
    .limit(1);
  return rows[0]?.partial ?? null;
}
