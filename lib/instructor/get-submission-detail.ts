import "server-only";
import { z } from "zod";
import { findSubmissionDetail, listResultHistory } from "@/db/queries/instructor-grades";
import { AppError } from "../errors";
import { staffFor } from "../context";
import { defineVerb } from "../verb";

const inputSchema = z.strictObject({ id: z.uuid({ error: "is not a submission id" }) });

/** The instructor's drill-down: source, owner, status, and every result (current first), hidden checks included. */
export const getSubmissionDetail = defineVerb({
  role: "staff",
  input: inputSchema,
  run: async (ctx, { id }) => {
    const sub = await findSubmissionDetail(ctx.db, id);
    if (!sub || !staffFor(ctx, sub.offering)) throw new AppError("not_found", "No such submission.");
    const history = await listResultHistory(ctx.db, id);
    return { ...sub, current: history.find((r) => r.current) ?? null, history };
  },
});

const resultInputSchema = z.strictObject({
  id: z.uuid({ error: "is not a submission id" }),
  result: z.uuid().optional(),
});

/** The stored Gradescope-compatible result JSON of a submission (its current result, or one from its history). */
export const getResultJson = defineVerb({
  role: "staff",
  input: resultInputSchema,
  run: async (ctx, data) => {
    const sub = await findSubmissionDetail(ctx.db, data.id);
    if (!sub || !staffFor(ctx, sub.offering)) throw new AppError("not_found", "That submission has no such result.");
    const history = await listResultHistory(ctx.db, data.id);
    const row = data.result ? history.find((r) => r.id === data.result) : history.find((r) => r.current);
    if (!row) throw new AppError("not_found", "That submission has no such result.");
    return { submissionId: data.id, resultId: row.id, result: row.result };
  },
});
