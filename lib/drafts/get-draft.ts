import "server-only";
import { z } from "zod";
import { findDraft } from "@/db/queries/drafts";
import { slugSchema } from "@/lib/content/assignment-schema";
import { requireAssignment } from "@/lib/content/assignments";
import { defineVerb } from "../verb";

const inputSchema = z.strictObject({ assignment: slugSchema });

export interface DraftView {
  assignment: string;
  /** null: no draft saved, the workspace shows the starter. */
  source: string | null;
  /** 0 when there is no draft; the next save must name this revision. */
  revision: number;
  updatedAt: Date | null;
}

/** The signed-in student's own draft of one assignment. */
export const getDraft = defineVerb({
  input: inputSchema,
  run: async (ctx, { assignment }): Promise<DraftView> => {
    // Drafts exist only for published assignments.
    await requireAssignment(assignment, ctx.contentDir);
    const row = await findDraft(ctx.db, ctx.actor.id, assignment);
    return { assignment, source: row?.source ?? null, revision: row?.revision ?? 0, updatedAt: row?.updatedAt ?? null };
  },
});
