import "server-only";
import { z } from "zod";
import { listAudit as listAuditRows } from "@/db/queries/instructor-audit";
import { slugSchema } from "@/lib/content/assignment-schema";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

const inputSchema = z.object({
  assignment: slugSchema.optional(),
  userId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** The audit trail of instructor actions, newest first. */
export const listAudit = defineVerb({
  role: "staff",
  input: inputSchema,
  inputOptional: true,
  run: async (ctx, data) => {
    return listAuditRows(ctx.db, {
      offering: offeringOf(ctx),
      assignment: data.assignment,
      subjectUserId: data.userId,
      limit: data.limit,
    });
  },
});
