import "server-only";
import { z } from "zod";
import { listAudit as listAuditRows } from "@/db/queries/instructor-audit";
import { slugSchema } from "@/lib/content/assignment-schema";
import { authorize, type ServiceContext } from "../context";
import { parseInput } from "../validation";

const inputSchema = z.object({
  assignment: slugSchema.optional(),
  userId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** The audit trail of instructor actions, newest first. */
export async function listAudit({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "instructor");
  const data = parseInput(inputSchema, input ?? {});
  return listAuditRows(ctx.db, { assignment: data.assignment, subjectUserId: data.userId, limit: data.limit });
}
