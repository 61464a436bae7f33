import "server-only";
import { z } from "zod";
import { lockAssignmentSettings, upsertAssignmentSettings } from "@/db/queries/assignment-settings";
import { insertAudit } from "@/db/queries/instructor-audit";
import { slugSchema } from "@/lib/content/assignment-schema";
import { effectiveSettings, parseStoredOverrides } from "@/lib/content/effective-settings";
import {
  applySettings,
  settingsOverridesSchema,
  termSettings,
  type SettingsOverrides,
} from "@/lib/content/settings-schema";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";
import { engineRefusal, rubricChecks } from "./settings-checks";
import { checkRubric, cleanRubric, refuseForEngine, RUBRIC_NOTE, settingsWarnings } from "./settings-input";

const inputSchema = z.strictObject({
  assignment: slugSchema,
  /**
   * The settings to override, each key optional: due (ISO 8601), late_policy (an object, or null for no late work),
   * quota_daily, cooldown_seconds, rubric ({ checkId: { points?, visibility? } }, replacing the stored rubric
   * override as a whole; {} clears it). Keys left out keep their current override or default.
   */
  set: settingsOverridesSchema.refine((s) => Object.keys(s).length > 0, "name at least one setting to change"),
  reason: z.string().trim().min(1, "is required").max(500),
});

/**
 * Overrides some of an assignment's term settings (layered over assignment.yaml, lib/content/settings-schema.ts),
 * audited as settings.override with the old and new overrides and the file's defaults. A due date in the past or a
 * daily quota of 0 is saved with a warning; a rubric the assignment cannot take is refused (422, the field named).
 */
export const saveAssignmentSettings = defineVerb({
  role: "instructor",
  input: inputSchema,
  transaction: true,
  // Outside the transaction: the file's defaults and the rubric's checks (the grading engine's view).
  prepare: async (ctx, data) => {
    const { defaults } = await effectiveSettings(ctx.db, data.assignment, {
      contentDir: ctx.contentDir,
      offering: offeringOf(ctx),
    });
    const set: SettingsOverrides = { ...data.set };
    if (set.rubric) {
      set.rubric = cleanRubric(set.rubric);
      const { checks } = await rubricChecks(data.assignment, defaults, ctx.contentDir);
      checkRubric(set.rubric, checks, defaults);
      const refusal = Object.keys(set.rubric).length
        ? await engineRefusal(data.assignment, set.rubric, ctx.contentDir)
        : null;
      if (refusal) refuseForEngine(refusal);
    }
    return { defaults, set };
  },
  run: async (ctx, data, tx, { defaults, set }) => {
    const offering = offeringOf(ctx);
    const before = parseStoredOverrides(await lockAssignmentSettings(tx, data.assignment, offering));
    const after: SettingsOverrides = { ...before, ...set };
    if (after.rubric && Object.keys(after.rubric).length === 0) delete after.rubric;
    await upsertAssignmentSettings(tx, {
      offering,
      assignment: data.assignment,
      overrides: after,
      updatedBy: ctx.actor.id,
    });
    const effective = applySettings(defaults, after);
    const warnings = settingsWarnings(set, effective, ctx.now ?? new Date());
    const changed = Object.keys(set);
    const fileDefaults = termSettings(defaults);
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      offering,
      action: "settings.override",
      assignment: data.assignment,
      details: {
        changed,
        before,
        after,
        defaults: Object.fromEntries(changed.map((k) => [k, fileDefaults[k as keyof typeof fileDefaults]])),
        reason: data.reason,
        ...(warnings.length ? { warnings: warnings.map((w) => `${w.field}: ${w.message}`) } : {}),
      },
    });
    return {
      assignment: data.assignment,
      overrides: after,
      effective: termSettings(effective),
      warnings,
      notes: set.rubric ? [RUBRIC_NOTE] : [],
    };
  },
});
