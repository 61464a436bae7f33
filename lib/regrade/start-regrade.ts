import "server-only";
import { z } from "zod";
import { insertAudit } from "@/db/queries/instructor-audit";
import { insertRegradeBatch, lockRegradable, requeueForRegrade } from "@/db/queries/instructor-regrade";
import { slugSchema } from "@/lib/content/assignment-schema";
import { AppError } from "../errors";
import { requireAssignment } from "../instructor/context";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

const inputSchema = z.union([
  z.strictObject({ assignment: slugSchema }),
  z.strictObject({ submissionId: z.uuid({ error: "is not a submission id" }) }),
]);

/**
 * Regrades one submission or every graded/failed submission of an assignment in the background. In one transaction
 * each submission goes back to `queued` with a fresh job id, and a batch records the scores before; then the jobs are
 * enqueued. The worker keeps the old result as history and records the grader version with the new one.
 */
export const startRegrade = defineVerb({
  role: "staff",
  input: inputSchema,
  needs: ["enqueue"],
  transaction: true,
  prepare: async (ctx, data) => {
    if ("assignment" in data) await requireAssignment(data.assignment, ctx.contentDir);
  },
  run: async (ctx, data, tx) => {
    const actor = ctx.actor;
    const offering = offeringOf(ctx);
    const subs = await lockRegradable(tx, data, offering);
    if (subs.length === 0) {
      throw new AppError(
        "conflict",
        "submissionId" in data
          ? "That submission cannot be regraded now: it does not exist or is still queued or running."
          : "There is nothing to regrade: no graded or failed submissions (queued and running ones will be graded by the current grader).",
      );
    }
    const assignment = subs[0]!.assignment;
    const jobs = await requeueForRegrade(
      tx,
      subs.map((s) => s.id),
    );
    const batch = await insertRegradeBatch(
      tx,
      { offering, assignment, scope: "submissionId" in data ? "one" : "all", requestedBy: actor.id },
      subs.map((s) => ({
        submissionId: s.id,
        previousScore: s.previousScore,
        previousGraderVersion: s.previousGraderVersion,
      })),
    );
    await insertAudit(tx, {
      actorId: actor.id,
      offering,
      action: "regrade.start",
      assignment,
      subjectUserId: "submissionId" in data ? subs[0]!.userId : null,
      submissionId: "submissionId" in data ? data.submissionId : null,
      details: { batchId: batch.id, total: subs.length },
    });
    return { batch: { ...batch, assignment, total: subs.length }, jobs };
  },
  // After commit. A lost enqueue is re-sent by the grader's sweeper (queued without a live job).
  afterCommit: async (ctx, _data, { batch, jobs }) => {
    for (const job of jobs) await ctx.enqueue({ submissionId: job.id, reason: "regrade" }, job.jobId);
    return { batchId: batch.id, assignment: batch.assignment, total: batch.total, createdAt: batch.createdAt };
  },
});
