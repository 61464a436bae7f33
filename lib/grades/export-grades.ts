import "server-only";
import { z } from "zod";
import { slugSchema } from "@/lib/content/assignment-schema";
import { buildGradeExport, type GradeExport } from "./export-format";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

const inputSchema = z.strictObject({
  assignment: slugSchema.optional(),
  format: z.enum(["csv", "json", "canvas", "moodle"]).default("csv"),
});

/** Grade export for instructors: CSV, JSON with full results, or Canvas / Moodle gradebook CSV, for one assignment or the course. */
export const exportGrades = defineVerb({
  role: "staff",
  input: inputSchema,
  inputOptional: true,
  run: async (ctx, data): Promise<GradeExport> => {
    return buildGradeExport(ctx.db, { ...data, contentDir: ctx.contentDir, offering: offeringOf(ctx) });
  },
});
