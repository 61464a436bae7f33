import "server-only";
import { z } from "zod";
import { countUsersByRole, listUsers as listUserRows } from "@/db/queries/users";
import { defineVerb } from "../verb";

const inputSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** The course roster for instructors, a page at a time, with counts per role. */
export const listUsers = defineVerb({
  role: "staff",
  input: inputSchema,
  inputOptional: true,
  run: async (ctx, { page, pageSize }) => {
    const [rows, counts] = await Promise.all([
      listUserRows(ctx.db, { limit: pageSize, offset: (page - 1) * pageSize }),
      countUsersByRole(ctx.db),
    ]);
    return { rows, counts, page, pageSize };
  },
});
