import "server-only";
import { z } from "zod";
import { deleteDraft as deleteDraftRow } from "@/db/queries/drafts";
import { slugSchema } from "@/lib/content/assignment-schema";
import { authorize } from "../context";
import { parseInput } from "../validation";
import { requireAssignment } from "@/lib/content/assignments";
import type { DraftContext } from "./draft-context";

const inputSchema = z.strictObject({ assignment: slugSchema });

/** Resets to the starter: forgets the student's draft. Idempotent; `deleted` says whether one existed. */
export async function deleteDraft({ ctx, input }: { ctx: DraftContext; input: unknown }): Promise<{ assignment: string; deleted: boolean }> {
  const actor = authorize(ctx.actor);
  const { assignment } = parseInput(inputSchema, input);
  // Drafts exist only for published assignments.
  await requireAssignment(assignment, ctx.contentDir);
  const deleted = await ctx.db.transaction((tx) => deleteDraftRow(tx, actor.id, assignment));
  return { assignment, deleted };
}
