import { and, desc, eq, gte, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../client";
import {
  type SimilarityCounts,
  type SimilarityParams,
  similarityPairs,
  similarityReports,
  submissions,
  users,
} from "../schema";

export type SimilarityReportRow = typeof similarityReports.$inferSelect;

const requester = alias(users, "requester");

const reportColumns = {
  id: similarityReports.id,
  offering: similarityReports.offering,
  assignment: similarityReports.assignment,
  status: similarityReports.status,
  params: similarityReports.params,
  counts: similarityReports.counts,
  error: similarityReports.error,
  createdAt: similarityReports.createdAt,
  startedAt: similarityReports.startedAt,
  finishedAt: similarityReports.finishedAt,
  requestedBy: requester.email,
};

export async function insertReport(
  db: Db | Tx,
  v: { offering: string; assignment: string; requestedBy: string; params: SimilarityParams },
): Promise<SimilarityReportRow> {
  const [row] = await db.insert(similarityReports).values(v).returning();
  return row!;
}

/** An assignment's reports in an offering, newest first. */
export async function listReports(db: Db, offering: string, assignment: string) {
  return db
    .select(reportColumns)
    .from(similarityReports)
    .leftJoin(requester, eq(requester.id, similarityReports.requestedBy))
    .where(and(eq(similarityReports.offering, offering), eq(similarityReports.assignment, assignment)))
    .orderBy(desc(similarityReports.createdAt));
}

export async function findReport(db: Db, id: string) {
  const [row] = await db
    .select(reportColumns)
    .from(similarityReports)
    .leftJoin(requester, eq(requester.id, similarityReports.requestedBy))
    .where(eq(similarityReports.id, id));
  return row ?? null;
}

/**
 * Marks a report running for the job that computes it; null when it is finished already (a repeated job then does
 * nothing). A report left running by a crashed worker is taken again by the job's retry.
 */
export async function claimReport(db: Db, id: string, now: Date): Promise<SimilarityReportRow | null> {
  const [row] = await db
    .update(similarityReports)
    .set({ status: "running", startedAt: now, error: null })
    .where(and(eq(similarityReports.id, id), inArray(similarityReports.status, ["queued", "running"])))
    .returning();
  return row ?? null;
}

export interface PairInsert {
  leftSubmissionId: string;
  rightSubmissionId: string;
  leftUserId: string;
  rightUserId: string;
  similarity: number;
  longest: number;
  overlap: number;
  fragments: unknown;
}

/** Replaces the report's pairs and marks it done, in one transaction (a re-run leaves no duplicates). */
export async function completeReport(db: Db, id: string, counts: SimilarityCounts, pairs: PairInsert[], now: Date) {
  await db.transaction(async (tx) => {
    await tx.delete(similarityPairs).where(eq(similarityPairs.reportId, id));
    for (let i = 0; i < pairs.length; i += 200) {
      await tx.insert(similarityPairs).values(pairs.slice(i, i + 200).map((p) => ({ ...p, reportId: id })));
    }
    await tx
      .update(similarityReports)
      .set({ status: "done", counts, error: null, finishedAt: now })
      .where(eq(similarityReports.id, id));
  });
}

export async function failReport(db: Db, id: string, error: string, now: Date): Promise<void> {
  await db
    .update(similarityReports)
    .set({ status: "failed", error: error.slice(0, 2000), finishedAt: now })
    .where(eq(similarityReports.id, id));
}

/** The sources of the given submissions. */
export async function listSources(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: submissions.id, userId: submissions.userId, source: submissions.source })
    .from(submissions)
    .where(inArray(submissions.id, ids));
}

const leftUser = alias(users, "left_user");
const rightUser = alias(users, "right_user");

const pairColumns = {
  id: similarityPairs.id,
  reportId: similarityPairs.reportId,
  leftSubmissionId: similarityPairs.leftSubmissionId,
  rightSubmissionId: similarityPairs.rightSubmissionId,
  leftUserId: similarityPairs.leftUserId,
  rightUserId: similarityPairs.rightUserId,
  leftEmail: leftUser.email,
  rightEmail: rightUser.email,
  leftName: leftUser.name,
  rightName: rightUser.name,
  similarity: similarityPairs.similarity,
  longest: similarityPairs.longest,
  overlap: similarityPairs.overlap,
};

/** A report's pairs at or above `min` (with slack for the stored float4), most similar first (without fragments). */
export async function listPairs(db: Db, reportId: string, min: number) {
  return db
    .select(pairColumns)
    .from(similarityPairs)
    .innerJoin(leftUser, eq(leftUser.id, similarityPairs.leftUserId))
    .innerJoin(rightUser, eq(rightUser.id, similarityPairs.rightUserId))
    .where(and(eq(similarityPairs.reportId, reportId), gte(similarityPairs.similarity, min - 1e-6)))
    .orderBy(desc(similarityPairs.similarity), desc(similarityPairs.longest), similarityPairs.id);
}

/** One pair of a report with its fragments. */
export async function findPair(db: Db, reportId: string, pairId: string) {
  const [row] = await db
    .select({ ...pairColumns, fragments: similarityPairs.fragments })
    .from(similarityPairs)
    .innerJoin(leftUser, eq(leftUser.id, similarityPairs.leftUserId))
    .innerJoin(rightUser, eq(rightUser.id, similarityPairs.rightUserId))
    .where(and(eq(similarityPairs.reportId, reportId), eq(similarityPairs.id, pairId)));
  return row ?? null;
}
