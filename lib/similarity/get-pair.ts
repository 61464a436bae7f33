import "server-only";
import { z } from "zod";
import { findPair, findReport, listSources } from "@/db/queries/similarity";
import { offeringOf } from "../context";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import type { Fragment } from "./compare";
import { pairIdSchema, reportIdSchema } from "./input";

const inputSchema = z.strictObject({ id: reportIdSchema, pairId: pairIdSchema });

/** One pair of a report for the side-by-side view: both sources and the matched fragments (longest first). */
export const getSimilarityPair = defineVerb({
  role: "staff",
  input: inputSchema,
  run: async (ctx, { id, pairId }) => {
    const [report, pair] = await Promise.all([findReport(ctx.db, id), findPair(ctx.db, id, pairId)]);
    if (!report || !pair || report.offering !== offeringOf(ctx))
      throw new AppError("not_found", "There is no such pair in this report.");
    const sources = new Map(
      (await listSources(ctx.db, [pair.leftSubmissionId, pair.rightSubmissionId])).map((s) => [s.id, s.source]),
    );
    const { fragments, ...rest } = pair;
    return {
      report: { id: report.id, assignment: report.assignment, params: report.params },
      pair: rest,
      left: { submissionId: pair.leftSubmissionId, source: sources.get(pair.leftSubmissionId) ?? "" },
      right: { submissionId: pair.rightSubmissionId, source: sources.get(pair.rightSubmissionId) ?? "" },
      fragments: fragments as Fragment[],
    };
  },
});
