import "server-only";
import { insertAudit } from "@/db/queries/instructor-audit";
import { failReport, insertReport } from "@/db/queries/similarity";
import type { SimilarityParams } from "@/db/schema";
import { requireAssignment } from "@/lib/content/assignments";
import { offeringOf } from "../context";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import { DEFAULT_COMPARE } from "./compare";
import { requestInputSchema } from "./input";

/**
 * Asks for a similarity report of an assignment's final submissions: records it queued (with the parameters it
 * will be computed with) and hands it to the `similarity` queue under its own id. 202 with the report's id.
 */
export const requestSimilarityReport = defineVerb({
  role: "staff",
  input: requestInputSchema,
  needs: ["enqueueSimilarity"],
  transaction: true,
  prepare: (ctx, data) => requireAssignment(data.assignment, ctx.contentDir),
  run: async (ctx, data, tx, entry) => {
    const params: SimilarityParams = {
      k: data.k ?? DEFAULT_COMPARE.k,
      window: data.window ?? DEFAULT_COMPARE.window,
      threshold: data.threshold ?? DEFAULT_COMPARE.threshold,
      maxShare: DEFAULT_COMPARE.maxShare,
    };
    const offering = offeringOf(ctx);
    const report = await insertReport(tx, { offering, assignment: entry.slug, requestedBy: ctx.actor.id, params });
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      offering,
      action: "similarity.request",
      assignment: entry.slug,
      details: { reportId: report.id, params },
    });
    return report;
  },
  afterCommit: async (ctx, _data, report) => {
    try {
      await ctx.enqueueSimilarity(report.id);
    } catch (err) {
      // A report that never reaches the queue must not look queued forever.
      const why = err instanceof Error ? err.message : String(err);
      await failReport(ctx.db, report.id, `The report could not be queued: ${why}`, ctx.now ?? new Date());
      throw new AppError("unavailable", "The report could not be queued; try again in a moment.");
    }
    return { id: report.id, assignment: report.assignment, status: report.status, params: report.params };
  },
});
