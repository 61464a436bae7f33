import "server-only";
import { z } from "zod";
import { insertAudit } from "@/db/queries/instructor-audit";
import { deleteQuotaOverride, findStudentOverrides, upsertQuotaOverride } from "@/db/queries/instructor-overrides";
import { slugSchema } from "@/lib/content/assignment-schema";
import { requireEffectiveAssignment } from "@/lib/content/effective-settings";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";
import { requireStudent } from "./context";

const inputSchema = z.strictObject({
  userId: z.string().min(1, "is required").max(100),
  assignment: slugSchema,
  /** Graded submissions per UTC day for this student; null keeps assignment.yaml's value. */
  daily: z.number().int().min(1).max(1000).nullable(),
  /** Seconds between two submissions for this student; null keeps assignment.yaml's value. */
  cooldownSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .nullable(),
  reason: z.string().trim().min(1, "is required").max(500),
});

/** Replaces an assignment's daily quota and/or cooldown for one student; both null removes the override. */
export const setQuotaOverride = defineVerb({
  role: "staff",
  input: inputSchema,
  transaction: true,
  // A field left null falls back to the assignment's effective quota (the term's setting over assignment.yaml).
  prepare: (ctx, data) => requireEffectiveAssignment(ctx.db, data.assignment, ctx.contentDir, offeringOf(ctx)),
  run: async (ctx, data, tx, { config }) => {
    const actor = ctx.actor;
    const remove = data.daily === null && data.cooldownSeconds === null;
    const offering = offeringOf(ctx);
    await requireStudent(tx, data.userId, offering);
    const before = await findStudentOverrides(tx, data.userId, data.assignment, offering);
    if (remove) await deleteQuotaOverride(tx, data.userId, data.assignment, offering);
    else await upsertQuotaOverride(tx, { ...data, grantedBy: actor.id, offering });
    await insertAudit(tx, {
      actorId: actor.id,
      offering,
      action: remove ? "quota.remove" : "quota.override",
      assignment: data.assignment,
      subjectUserId: data.userId,
      details: {
        before: { daily: before.daily, cooldownSeconds: before.cooldownSeconds },
        after: { daily: data.daily, cooldownSeconds: data.cooldownSeconds },
        assignmentDefault: { daily: config.quota.daily, cooldownSeconds: config.quota.cooldown_seconds },
        reason: data.reason,
      },
    });
    return {
      userId: data.userId,
      assignment: data.assignment,
      daily: data.daily ?? config.quota.daily,
      cooldownSeconds: data.cooldownSeconds ?? config.quota.cooldown_seconds,
    };
  },
});
