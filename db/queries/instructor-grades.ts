import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { DEFAULT_OFFERING, gradingResults, submissions, users } from "../schema";
import { studentOf } from "./offerings";

export type GradedAttempt = {
  userId: string;
  assignment: string;
  submissionId: string;
  createdAt: Date;
  score: number;
  maxScore: number;
  passed: boolean;
  graderVersion: string;
};

/**
 * Every submission that has a current result, whatever its status now (a submission being regraded keeps its
 * current result until the new one replaces it, so grades do not flicker during a regrade).
 */
export async function listGradedAttempts(
  db: Db | Tx,
  opts: { assignment?: string; userId?: string; offering?: string } = {},
): Promise<GradedAttempt[]> {
  return db
    .select({
      userId: submissions.userId,
      assignment: submissions.assignment,
      submissionId: submissions.id,
      createdAt: submissions.createdAt,
      score: gradingResults.score,
      maxScore: gradingResults.maxScore,
      passed: gradingResults.passed,
      graderVersion: gradingResults.graderVersion,
    })
    .from(submissions)
    .innerJoin(gradingResults, and(eq(gradingResults.submissionId, submissions.id), eq(gradingResults.current, true)))
    .where(
      and(
        eq(submissions.offering, opts.offering ?? DEFAULT_OFFERING),
        opts.assignment ? eq(submissions.assignment, opts.assignment) : undefined,
        opts.userId ? eq(submissions.userId, opts.userId) : undefined,
      ),
    )
    .orderBy(asc(submissions.createdAt), asc(submissions.id));
}

export type StudentRow = { id: string; email: string; name: string | null };

/** The students of an offering (lib/offerings/membership.ts: its enrolled students; default also keeps the unenrolled). */
export async function listStudents(db: Db | Tx, offering: string = DEFAULT_OFFERING): Promise<StudentRow[]> {
  return db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(
      offering === DEFAULT_OFFERING
        ? and(eq(users.role, "student"), studentOf(offering, users.id, users.role))
        : studentOf(offering, users.id, users.role),
    )
    .orderBy(asc(users.email));
}

/** A submission with its owner, for the instructor's drill-down. */
export async function findSubmissionDetail(db: Db | Tx, id: string) {
  const rows = await db
    .select({
      id: submissions.id,
      assignment: submissions.assignment,
      offering: submissions.offering,
      userId: submissions.userId,
      email: users.email,
      name: users.name,
      status: submissions.status,
      source: submissions.source,
      seed: submissions.seed,
      attempts: submissions.attempts,
      phase: submissions.phase,
      progress: submissions.progress,
      errorKind: submissions.errorKind,
      failure: submissions.failure,
      createdAt: submissions.createdAt,
      startedAt: submissions.startedAt,
      gradedAt: submissions.gradedAt,
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .where(eq(submissions.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** All results of a submission, newest first: the current one and the history regrades left behind. */
export async function listResultHistory(db: Db | Tx, submissionId: string) {
  return db
    .select({
      id: gradingResults.id,
      reason: gradingResults.reason,
      graderVersion: gradingResults.graderVersion,
      backend: gradingResults.backend,
      score: gradingResults.score,
      maxScore: gradingResults.maxScore,
      passed: gradingResults.passed,
      current: gradingResults.current,
      result: gradingResults.result,
      createdAt: gradingResults.createdAt,
    })
    .from(gradingResults)
    .where(eq(gradingResults.submissionId, submissionId))
    .orderBy(desc(gradingResults.createdAt));
}

/** The newest submissions of an assignment (optionally one student's) with owner emails. */
export async function listAssignmentSubmissions(
  db: Db | Tx,
  assignment: string,
  opts: { userId?: string; limit: number; offering?: string },
) {
  return db
    .select({
      id: submissions.id,
      userId: submissions.userId,
      email: users.email,
      status: submissions.status,
      score: submissions.score,
      maxScore: submissions.maxScore,
      errorKind: submissions.errorKind,
      createdAt: submissions.createdAt,
      gradedAt: submissions.gradedAt,
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .where(
      and(
        eq(submissions.offering, opts.offering ?? DEFAULT_OFFERING),
        eq(submissions.assignment, assignment),
        opts.userId ? eq(submissions.userId, opts.userId) : undefined,
      ),
    )
    .orderBy(desc(submissions.createdAt))
    .limit(opts.limit);
}

/** Submission counts per assignment and status, for the console's overview. */
export async function countByAssignment(db: Db | Tx, offering: string = DEFAULT_OFFERING) {
  return db
    .select({ assignment: submissions.assignment, status: submissions.status, n: sql<number>`count(*)::int` })
    .from(submissions)
    .where(eq(submissions.offering, offering))
    .groupBy(submissions.assignment, submissions.status);
}

export async function findUsersByIds(db: Db | Tx, ids: string[]): Promise<StudentRow[]> {
  if (ids.length === 0) return [];
  return db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, ids));
}
