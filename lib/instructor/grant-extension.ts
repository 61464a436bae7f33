import "server-only";
import { z } from "zod";
import { insertAudit } from "@/db/queries/instructor-audit";
import { deleteExtension, findStudentOverrides, upsertExtension } from "@/db/queries/instructor-overrides";
import { slugSchema } from "@/lib/content/assignment-schema";
import { requireEffectiveAssignment } from "@/lib/content/effective-settings";
import { AppError } from "../errors";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";
import { requireStudent } from "./context";

const inputSchema = z.strictObject({
  userId: z.string().min(1, "is required").max(100),
  assignment: slugSchema,
  /** The student's own deadline (ISO 8601); null removes the extension. */
  until: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2027-07-03T23:59:00Z" }).nullable(),
  reason: z.string().trim().min(1, "is required").max(500),
});

/** Gives one student a later deadline on one assignment (or removes it), with the reason in the audit log. */
export const grantExtension = defineVerb({
  role: "staff",
  input: inputSchema,
  transaction: true,
  prepare: async (ctx, data) => {
    // Later than the effective due date (the term's setting over assignment.yaml).
    const { config } = await requireEffectiveAssignment(ctx.db, data.assignment, ctx.contentDir, offeringOf(ctx));
    const until = data.until ? new Date(data.until) : null;
    if (until && until <= config.due) {
      throw new AppError("validation", `until: must be later than the due date (${config.due.toISOString()})`, {
        until: "must be later than the due date",
      });
    }
    return { until };
  },
  run: async (ctx, data, tx, { until }) => {
    const actor = ctx.actor;
    const offering = offeringOf(ctx);
    await requireStudent(tx, data.userId, offering);
    const before = await findStudentOverrides(tx, data.userId, data.assignment, offering);
    if (until)
      await upsertExtension(tx, {
        offering,
        userId: data.userId,
        assignment: data.assignment,
        until,
        reason: data.reason,
        grantedBy: actor.id,
      });
    else await deleteExtension(tx, data.userId, data.assignment, offering);
    await insertAudit(tx, {
      actorId: actor.id,
      offering,
      action: until ? "extension.grant" : "extension.remove",
      assignment: data.assignment,
      subjectUserId: data.userId,
      details: {
        before: before.extensionUntil?.toISOString() ?? null,
        after: until?.toISOString() ?? null,
        reason: data.reason,
      },
    });
    return { userId: data.userId, assignment: data.assignment, until };
  },
});
