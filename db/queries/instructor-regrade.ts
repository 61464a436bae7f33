import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { DEFAULT_OFFERING, gradingResults, regradeBatches, regradeItems, submissions } from "../schema";

/** Submissions that can be regraded (graded or failed; queued and running ones will use the current grader anyway). */
/** Scoped to one offering: a regrade of an assignment in A never touches B's submissions. */
export async function lockRegradable(
  tx: Tx,
  where: { assignment: string } | { submissionId: string },
  offering: string = DEFAULT_OFFERING,
) {
  return tx
    .select({
      id: submissions.id,
      assignment: submissions.assignment,
      userId: submissions.userId,
      previousScore: gradingResults.score,
      previousGraderVersion: gradingResults.graderVersion,
    })
    .from(submissions)
    .leftJoin(gradingResults, and(eq(gradingResults.submissionId, submissions.id), eq(gradingResults.current, true)))
    .where(
      and(
        eq(submissions.offering, offering),
        "assignment" in where ? eq(submissions.assignment, where.assignment) : eq(submissions.id, where.submissionId),
        inArray(submissions.status, ["graded", "failed"]),
      ),
    )
    .orderBy(asc(submissions.createdAt))
    .for("update", { of: submissions });
}

/**
 * Hands submissions back to the queue with a fresh job id each; their current result stays until the regrade
 * replaces it (record-result.ts keeps the old one as history).
 */
export async function requeueForRegrade(tx: Tx, ids: string[]): Promise<{ id: string; jobId: string }[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .update(submissions)
    .set({
      status: "queued",
      jobId: sql`gen_random_uuid()`,
      phase: "queued for regrade",
      progress: null,
      failure: null,
      heartbeatAt: null,
    })
    .where(and(inArray(submissions.id, ids), inArray(submissions.status, ["graded", "failed"])))
    .returning({ id: submissions.id, jobId: submissions.jobId });
  return rows.map((r) => ({ id: r.id, jobId: r.jobId! }));
}

export async function insertRegradeBatch(
  tx: Tx,
  batch: { assignment: string; scope: "one" | "all"; requestedBy: string; offering?: string },
  items: { submissionId: string; previousScore: number | null; previousGraderVersion: string | null }[],
): Promise<{ id: string; createdAt: Date }> {
  const [row] = await tx
    .insert(regradeBatches)
    .values({ ...batch, total: items.length })
    .returning({ id: regradeBatches.id, createdAt: regradeBatches.createdAt });
  for (let i = 0; i < items.length; i += 500) {
    await tx.insert(regradeItems).values(items.slice(i, i + 500).map((it) => ({ batchId: row!.id, ...it })));
  }
  return row!;
}

export async function findRegradeBatch(db: Db | Tx, id: string) {
  const rows = await db.select().from(regradeBatches).where(eq(regradeBatches.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function listRegradeBatches(
  db: Db | Tx,
  assignment: string,
  limit = 10,
  offering: string = DEFAULT_OFFERING,
) {
  return db
    .select()
    .from(regradeBatches)
    .where(and(eq(regradeBatches.offering, offering), eq(regradeBatches.assignment, assignment)))
    .orderBy(sql`${regradeBatches.createdAt} desc`)
    .limit(limit);
}

/**
 * A batch's items with old and current scores. An item is done once its submission is graded or failed again:
 * the batch set every item back to queued in the transaction that created it.
 */
export async function listRegradeItems(db: Db | Tx, batchId: string) {
  return db
    .select({
      submissionId: regradeItems.submissionId,
      userId: submissions.userId,
      status: submissions.status,
      previousScore: regradeItems.previousScore,
      previousGraderVersion: regradeItems.previousGraderVersion,
      score: gradingResults.score,
      graderVersion: gradingResults.graderVersion,
    })
    .from(regradeItems)
    .innerJoin(submissions, eq(submissions.id, regradeItems.submissionId))
    .leftJoin(gradingResults, and(eq(gradingResults.submissionId, submissions.id), eq(gradingResults.current, true)))
    .where(eq(regradeItems.batchId, batchId))
    .orderBy(asc(submissions.createdAt));
}
