import "server-only";
import { z } from "zod";
import { isInstallationInstructor, offeringOf } from "../context";
import { AppError } from "../errors";
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
  /** The offering to enrol into; absent: the active offering. */
  offering: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "is not an offering slug")
    .optional(),
});

/**
 * Imports a roster CSV (docs/rosters.md) into an offering (the active one unless named): creates missing accounts
 * (no password), enrols with role and section (source "roster"); in the default offering it also raises global
 * roles (student → TA → instructor; any change with `setRoles`), as before offerings. `dryRun` reports and writes nothing; bad rows stop the import unless `confirmGoodRows`. Instructors only.
 */
export const importRoster = defineVerb({
  role: "instructor",
  input: inputSchema,
  transaction: true,
  run: (ctx, data, tx) => {
    const offering = data.offering ?? offeringOf(ctx);
    // An instructor of one offering imports into that one; another needs an installation instructor.
    if (offering !== offeringOf(ctx) && !isInstallationInstructor(ctx.actor))
      throw new AppError("forbidden", "This is for instructors only.");
    return applyRoster(tx, ctx.actor.id, { ...data, offering });
  },
});
