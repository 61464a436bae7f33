import "server-only";
import { z } from "zod";
import { listReports } from "@/db/queries/similarity";
import { slugSchema } from "@/lib/content/assignment-schema";
import { requireAssignment } from "@/lib/content/assignments";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

/** An assignment's similarity reports in the active offering, newest first, with their status and counts (no pairs). */
export const listSimilarityReports = defineVerb({
  role: "staff",
  input: z.strictObject({ assignment: slugSchema }),
  run: async (ctx, { assignment }) => {
    const entry = await requireAssignment(assignment, ctx.contentDir);
    return {
      assignment: entry.slug,
      title: entry.config.title,
      reports: await listReports(ctx.db, offeringOf(ctx), entry.slug),
    };
  },
});
