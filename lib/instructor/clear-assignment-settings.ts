import "server-only";
import { z } from "zod";
import {
  deleteAssignmentSettings,
  lockAssignmentSettings,
  upsertAssignmentSettings,
} from "@/db/queries/assignment-settings";
import { insertAudit } from "@/db/queries/instructor-audit";
import { slugSchema } from "@/lib/content/assignment-schema";
import { effectiveSettings, parseStoredOverrides } from "@/lib/content/effective-settings";
import { applySettings, SETTING_KEYS, termSettings, type SettingsOverrides } from "@/lib/content/settings-schema";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";
import { RUBRIC_NOTE } from "./settings-input";

const inputSchema = z.strictObject({
  assignment: slugSchema,
  /** The settings whose override to remove (due, late_policy, quota_daily, cooldown_seconds, rubric); absent: all. */
  keys: z
    .array(z.enum(SETTING_KEYS, { error: `must be one of ${SETTING_KEYS.join(", ")}` }))
    .min(1, "name at least one setting, or leave keys out to clear all")
    .optional(),
  reason: z.string().trim().min(1, "is required").max(500),
});

/** Removes term overrides of an assignment so assignment.yaml's values apply again; audited as settings.remove. */
export const clearAssignmentSettings = defineVerb({
  role: "instructor",
  input: inputSchema,
  transaction: true,
  prepare: async (ctx, data) =>
    (await effectiveSettings(ctx.db, data.assignment, { contentDir: ctx.contentDir, offering: offeringOf(ctx) }))
      .defaults,
  run: async (ctx, data, tx, defaults) => {
    const keys = data.keys ?? [...SETTING_KEYS];
    const offering = offeringOf(ctx);
    const before = parseStoredOverrides(await lockAssignmentSettings(tx, data.assignment, offering));
    const rest: SettingsOverrides = { ...before };
    for (const k of keys) delete rest[k];
    if (Object.keys(rest).length)
      await upsertAssignmentSettings(tx, {
        offering,
        assignment: data.assignment,
        overrides: rest,
        updatedBy: ctx.actor.id,
      });
    else await deleteAssignmentSettings(tx, data.assignment, offering);
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      offering,
      action: "settings.remove",
      assignment: data.assignment,
      details: { removed: keys.filter((k) => k in before), before, after: rest, reason: data.reason },
    });
    return {
      assignment: data.assignment,
      overrides: rest,
      effective: termSettings(applySettings(defaults, rest)),
      warnings: [],
      notes: keys.includes("rubric") ? [RUBRIC_NOTE] : [],
    };
  },
});
