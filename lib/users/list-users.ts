import "server-only";
import { z } from "zod";
import { countUsersByRole, listUsers as listUserRows } from "@/db/queries/users";
import { isInstallationInstructor, offeringOf } from "../context";
import { defineVerb } from "../verb";

const inputSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The course roster for staff, a page at a time, with counts per (global) role: every account for an installation
 * instructor, the people of the active offering for anyone else (a TA of A never sees B's roster).
 */
export const listUsers = defineVerb({
  role: "staff",
  input: inputSchema,
  inputOptional: true,
  run: async (ctx, { page, pageSize }) => {
    const offering = isInstallationInstructor(ctx.actor) ? undefined : offeringOf(ctx);
    const [rows, counts] = await Promise.all([
      listUserRows(ctx.db, { limit: pageSize, offset: (page - 1) * pageSize, offering }),
      countUsersByRole(ctx.db, offering),
    ]);
    return { rows, counts, page, pageSize };
  },
});
