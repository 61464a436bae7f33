import "server-only";
import { z } from "zod";
import { slugSchema } from "@/lib/content/assignment-schema";
import { authorize, type ServiceContext } from "../context";
import { parseInput } from "../validation";
import { buildGradeExport, type GradeExport } from "./export-format";

const inputSchema = z.strictObject({
  assignment: slugSchema.optional(),
  format: z.enum(["csv", "json"]).default("csv"),
});

/** Grade export for instructors: CSV (or JSON with full results) for one assignment or the whole course. */
export async function exportGrades({ ctx, input }: { ctx: ServiceContext & { contentDir?: string }; input: unknown }): Promise<GradeExport> {
  authorize(ctx.actor, "instructor");
  const data = parseInput(inputSchema, input ?? {});
  return buildGradeExport(ctx.db, { ...data, contentDir: ctx.contentDir });
}
