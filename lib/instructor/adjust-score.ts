import "server-only";
import { z } from "zod";
import { insertAudit } from "@/db/queries/instructor-audit";
import { deleteAdjustment, findAdjustment, upsertAdjustment } from "@/db/queries/instructor-overrides";
import { slugSchema } from "@/lib/content/assignment-schema";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";
import { requireAssignment, requireStudent } from "./context";

const inputSchema = z.strictObject({
  userId: z.string().min(1, "is required").max(100),
  assignment: slugSchema,
  /** Points added to the final grade (negative to deduct); 0 removes the adjustment. */
  points: z.number().min(-10_000).max(10_000),
  reason: z.string().trim().min(1, "is required").max(500),
});

/** Sets a student's manual score adjustment on an assignment; the old and new values and the reason are audited. */
export const adjustScore = defineVerb({
  role: "staff",
  input: inputSchema,
  transaction: true,
  prepare: (ctx, data) => requireAssignment(data.assignment, ctx.contentDir),
  run: async (ctx, data, tx) => {
    const actor = ctx.actor;
    const offering = offeringOf(ctx);
    await requireStudent(tx, data.userId, offering);
    const before = await findAdjustment(tx, data.userId, data.assignment, offering);
    if (data.points === 0) await deleteAdjustment(tx, data.userId, data.assignment, offering);
    else await upsertAdjustment(tx, { ...data, adjustedBy: actor.id, offering });
    await insertAudit(tx, {
      actorId: actor.id,
      offering,
      action: "score.adjust",
      assignment: data.assignment,
      subjectUserId: data.userId,
      details: { before: before?.points ?? 0, after: data.points, reason: data.reason },
    });
    return { userId: data.userId, assignment: data.assignment, points: data.points };
  },
});
