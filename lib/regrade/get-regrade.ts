import "server-only";
import { z } from "zod";
import { findRegradeBatch, listRegradeItems } from "@/db/queries/instructor-regrade";
import { AppError } from "../errors";
import { isInstallationInstructor, offeringOf } from "../context";
import { defineVerb } from "../verb";

const inputSchema = z.strictObject({ id: z.uuid({ error: "is not a regrade id" }) });

/** A regrade batch's progress: done = graded or failed since the batch began; old and new score per submission. */
export const getRegrade = defineVerb({
  role: "staff",
  input: inputSchema,
  run: async (ctx, { id }) => {
    const batch = await findRegradeBatch(ctx.db, id);
    if (!batch || (batch.offering !== offeringOf(ctx) && !isInstallationInstructor(ctx.actor)))
      throw new AppError("not_found", "No such regrade.");
    const items = await listRegradeItems(ctx.db, id);
    const done = items.filter((i) => i.status === "graded" || i.status === "failed");
    return {
      id: batch.id,
      assignment: batch.assignment,
      scope: batch.scope,
      createdAt: batch.createdAt,
      total: batch.total,
      done: done.length,
      failed: items.filter((i) => i.status === "failed").length,
      changed: done.filter((i) => i.status === "graded" && i.score !== i.previousScore).length,
      finished: done.length === items.length,
      items: items.map((i) => {
        const finished = i.status === "graded" || i.status === "failed";
        return {
          submissionId: i.submissionId,
          status: i.status,
          previousScore: i.previousScore,
          previousGraderVersion: i.previousGraderVersion,
          newScore: finished && i.status === "graded" ? i.score : null,
          graderVersion: finished && i.status === "graded" ? i.graderVersion : null,
        };
      }),
    };
  },
});
