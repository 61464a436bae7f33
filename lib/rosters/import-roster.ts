import "server-only";
import { z } from "zod";
import { defineVerb } from "../verb";
import { applyRoster } from "./apply-roster";

/** Roughly 5,000 rows of generous width. */
export const MAX_ROSTER_CSV_CHARS = 2_000_000;

const inputSchema = z.strictObject({
  csv: z
    .string({ error: "is required" })
    .max(MAX_ROSTER_CSV_CHARS, `must be at most ${MAX_ROSTER_CSV_CHARS} characters`),
  dryRun: z.boolean().default(false),
  confirmGoodRows: z.boolean().default(false),
  /** Set each account's global role to its row's role, demotions included (never the last instructor). */
  setRoles: z.boolean().default(false),
});

/**
 * Imports a roster CSV (docs/rosters.md) into the default offering: creates missing accounts (no password), raises
 * global roles (student → TA → instructor; any change with `setRoles`), enrols with role and section (source
 * "roster"). `dryRun` reports and writes nothing; bad rows stop the import unless `confirmGoodRows`. Instructors only.
 */
export const importRoster = defineVerb({
  role: "instructor",
  input: inputSchema,
  transaction: true,
  run: (ctx, data, tx) => applyRoster(tx, ctx.actor.id, data),
});
