import "server-only";
import { z } from "zod";
import { findSubmission, findSubmissionSource } from "@/db/queries/submissions";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import { staffFor } from "@/lib/context";

const inputSchema = z.object({ id: z.uuid({ error: "is not a submission id" }) });

/**
 * The code of one submission, for its owner or the staff of its offering. Anyone else gets not_found, like getSubmission, so
 * the ids of other students' submissions reveal nothing.
 */
export const getSubmissionSource = defineVerb({
  input: inputSchema,
  run: async (ctx, { id }) => {
    const actor = ctx.actor;
    const sub = await findSubmission(ctx.db, id);
    if (!sub || (sub.userId !== actor.id && !staffFor(ctx, sub.offering)))
      throw new AppError("not_found", "No such submission.");
    const source = await findSubmissionSource(ctx.db, id);
    if (source === null) throw new AppError("not_found", "No such submission.");
    return { id: sub.id, assignment: sub.assignment, createdAt: sub.createdAt.toISOString(), source };
  },
});
