import "server-only";
import { z } from "zod";
import { findDraft, lockDraft, upsertDraft } from "@/db/queries/drafts";
import { slugSchema } from "@/lib/content/assignment-schema";
import { MAX_SOURCE_BYTES } from "@/lib/submissions/submit";
import { requireAssignment } from "@/lib/content/assignments";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import type { DraftView } from "./get-draft";

export const MAX_DRAFT_BYTES = MAX_SOURCE_BYTES;

const inputSchema = z.strictObject({
  assignment: slugSchema,
  source: z
    .string({ error: "is required" })
    .refine((s) => Buffer.byteLength(s, "utf8") <= MAX_DRAFT_BYTES, `is larger than ${MAX_DRAFT_BYTES / 1024} KB`),
  /** The revision this edit started from (0 for "no draft yet"). */
  baseRevision: z.number({ error: "is required" }).int().min(0),
});

/**
 * Saves the student's draft. A save based on an older revision than the stored one is refused with `conflict`
 * (the draft changed in another tab or on another machine); the message says when, and nothing is overwritten.
 */
export const saveDraft = defineVerb({
  input: inputSchema,
  transaction: true,
  // Drafts exist only for published assignments.
  prepare: (ctx, data) => requireAssignment(data.assignment, ctx.contentDir),
  run: async (ctx, data, tx) => {
    const actor = ctx.actor;
    await lockDraft(tx, actor.id, data.assignment);
    const current = await findDraft(tx, actor.id, data.assignment);
    const currentRevision = current?.revision ?? 0;
    if (currentRevision !== data.baseRevision) {
      const when = current ? ` at ${current.updatedAt.toISOString()}` : "";
      throw new AppError(
        "conflict",
        `This draft was changed elsewhere${when} (another tab or machine); load that version or save yours over it.`,
        { baseRevision: `is ${data.baseRevision}, the stored draft is at revision ${currentRevision}` },
      );
    }
    if (current && current.source === data.source) return current;
    return upsertDraft(tx, actor.id, data.assignment, data.source);
  },
  afterCommit: async (_ctx, data, row): Promise<DraftView> => ({
    assignment: data.assignment,
    source: row.source,
    revision: row.revision,
    updatedAt: row.updatedAt,
  }),
});
