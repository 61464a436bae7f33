import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { DEFAULT_OFFERING, submissions } from "../schema";

export type DailyCount = { day: string; total: number; failed: number };

/** Submissions per UTC day; `failed` counts platform failures and runs with an error kind. */
export async function dailySubmissionCounts(
  db: Db | Tx,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<DailyCount[]> {
  const day = sql<string>`to_char(${submissions.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  return db
    .select({
      day,
      total: sql<number>`count(*)::int`,
      failed: sql<number>`(count(*) filter (where ${submissions.status} = 'failed' or ${submissions.errorKind} is not null))::int`,
    })
    .from(submissions)
    .where(and(eq(submissions.offering, offering), eq(submissions.assignment, assignment)))
    .groupBy(day)
    .orderBy(day);
}

export type SubmissionTotals = {
  total: number;
  graded: number;
  passed: number;
  pending: number;
  platformFailed: number;
  medianGradingSeconds: number | null;
  medianTurnaroundSeconds: number | null;
};

/** Counts and median times: grading = started → graded; turnaround = submitted → graded. */
export async function submissionTotals(
  db: Db | Tx,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<SubmissionTotals> {
  const graded = sql`${submissions.status} = 'graded'`;
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`,
      graded: sql<number>`(count(*) filter (where ${graded}))::int`,
      passed: sql<number>`(count(*) filter (where ${graded} and ${submissions.passed}))::int`,
      pending: sql<number>`(count(*) filter (where ${submissions.status} in ('queued', 'running')))::int`,
      platformFailed: sql<number>`(count(*) filter (where ${submissions.status} = 'failed'))::int`,
      medianGradingSeconds: sql<
        number | null
      >`(percentile_cont(0.5) within group (order by extract(epoch from ${submissions.gradedAt} - ${submissions.startedAt})) filter (where ${graded}))::float8`,
      medianTurnaroundSeconds: sql<
        number | null
      >`(percentile_cont(0.5) within group (order by extract(epoch from ${submissions.gradedAt} - ${submissions.createdAt})) filter (where ${graded}))::float8`,
    })
    .from(submissions)
    .where(and(eq(submissions.offering, offering), eq(submissions.assignment, assignment)));
  return row!;
}

/** Graded runs per error kind (compile, runtime, timeout, …). */
export async function errorKindCounts(
  db: Db | Tx,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<{ kind: string; n: number }[]> {
  return db
    .select({ kind: sql<string>`${submissions.errorKind}`, n: sql<number>`count(*)::int` })
    .from(submissions)
    .where(
      and(eq(submissions.offering, offering), eq(submissions.assignment, assignment), isNotNull(submissions.errorKind)),
    )
    .groupBy(submissions.errorKind)
    .orderBy(sql`count(*) desc`);
}
