import "server-only";
import { z } from "zod";
import { findReport, listPairs } from "@/db/queries/similarity";
import { offeringOf } from "../context";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import { reportIdSchema } from "./input";

const inputSchema = z.strictObject({
  id: reportIdSchema,
  /** Show only pairs at or above this similarity (never below the report's own threshold). */
  min: z.number().min(0).max(1).optional(),
});

/** One report with its pairs above the threshold, most similar first (fragments: see getSimilarityPair). */
export const getSimilarityReport = defineVerb({
  role: "staff",
  input: inputSchema,
  run: async (ctx, { id, min }) => {
    const report = await findReport(ctx.db, id);
    // Staff of one offering are not staff of another: its reports are "no such report" to them.
    if (!report || report.offering !== offeringOf(ctx))
      throw new AppError("not_found", "There is no such similarity report.");
    const threshold = Math.max(min ?? 0, report.params.threshold);
    const pairs = report.status === "done" ? await listPairs(ctx.db, id, threshold) : [];
    return { report, threshold, pairs };
  },
});
