/**
 * Reads for the submission history and the progress page: a student's submissions with their current result's
 * per-test scores and visibilities only (no feedback, no artifacts), so a long history stays small and the
 * student-visible score can be computed without loading whole results.
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { DEFAULT_OFFERING, gradingResults, submissions, type SubmissionStatus } from "@/db/schema";

export interface LightTest {
  /** The rubric's check id (results stored before ids were recorded have none). */
  check?: string | null;
  visibility: string | null;
  score: number | null;
  max_score: number | null;
}

export interface HistoryRow {
  id: string;
  assignment: string;
  status: SubmissionStatus;
  score: number | null;
  maxScore: number | null;
  passed: boolean | null;
  errorKind: string | null;
  failure: string | null;
  createdAt: Date;
  gradedAt: Date | null;
  /** The current result's tests, reduced to what scoring needs; null when there is no result. */
  tests: LightTest[] | null;
}

const lightTests = sql<LightTest[] | null>`(
  select jsonb_agg(jsonb_build_object('check', t->'check', 'visibility', t->'visibility', 'score', t->'score', 'max_score', t->'max_score'))
  from jsonb_array_elements(case when jsonb_typeof(${gradingResults.result}->'tests') = 'array' then ${gradingResults.result}->'tests' else '[]'::jsonb end) as t
)`;

async function select(db: Db | Tx, where: SQL | undefined, limit: number): Promise<HistoryRow[]> {
  return db
    .select({
      id: submissions.id,
      assignment: submissions.assignment,
      status: submissions.status,
      score: submissions.score,
      maxScore: submissions.maxScore,
      passed: submissions.passed,
      errorKind: submissions.errorKind,
      failure: submissions.failure,
      createdAt: submissions.createdAt,
      gradedAt: submissions.gradedAt,
      tests: lightTests,
    })
    .from(submissions)
    .leftJoin(gradingResults, and(eq(gradingResults.submissionId, submissions.id), eq(gradingResults.current, true)))
    .where(where)
    .orderBy(desc(submissions.createdAt))
    .limit(limit);
}

/** One student's submissions of one assignment, newest first. */
export function listHistoryRows(
  db: Db | Tx,
  userId: string,
  assignment: string,
  limit = 200,
  offering: string = DEFAULT_OFFERING,
): Promise<HistoryRow[]> {
  return select(
    db,
    and(eq(submissions.userId, userId), eq(submissions.offering, offering), eq(submissions.assignment, assignment)),
    limit,
  );
}

/** One student's graded submissions of every assignment, newest first. */
export function listGradedRows(
  db: Db | Tx,
  userId: string,
  limit = 5000,
  offering: string = DEFAULT_OFFERING,
): Promise<HistoryRow[]> {
  return select(
    db,
    and(eq(submissions.userId, userId), eq(submissions.offering, offering), eq(submissions.status, "graded")),
    limit,
  );
}
