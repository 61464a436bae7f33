import { z } from "zod";
import { slugSchema } from "@/lib/content/assignment-schema";

/** The parameters an instructor may choose for a report (docs/similarity.md, "Parameters"). */
export const requestInputSchema = z.strictObject({
  assignment: slugSchema,
  threshold: z.number({ error: "must be a number from 0 to 1" }).min(0).max(1).optional(),
  k: z.number().int().min(3).max(60).optional(),
  window: z.number().int().min(1).max(100).optional(),
});

export const reportIdSchema = z.uuid({ error: "is not a report id" });
export const pairIdSchema = z.uuid({ error: "is not a pair id" });
