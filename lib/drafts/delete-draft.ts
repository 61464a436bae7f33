import "server-only";
import { z } from "zod";
import { deleteDraft as deleteDraftRow } from "@/db/queries/drafts";
import { slugSchema } from "@/lib/content/assignment-schema";
import { requireAssignment } from "@/lib/content/assignments";
import { defineVerb } from "../verb";

const inputSchema = z.strictObject({ assignment: slugSchema });

/** Resets to the starter: forgets the student's draft. Idempotent; `deleted` says whether one existed. */
export const deleteDraft = defineVerb({
  input: inputSchema,
  transaction: true,
  // Drafts exist only for published assignments.
  prepare: (ctx, { assignment }) => requireAssignment(assignment, ctx.contentDir),
  run: async (ctx, { assignment }, tx): Promise<{ assignment: string; deleted: boolean }> => ({
    assignment,
    deleted: await deleteDraftRow(tx, ctx.actor.id, assignment),
  }),
});
