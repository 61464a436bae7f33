import "server-only";
import { z } from "zod";
import { deleteAssignmentSettings, lockAssignmentSettings, upsertAssignmentSettings } from "@/db/queries/assignment-settings";
import { insertAudit } from "@/db/queries/instructor-audit";
import { slugSchema } from "@/lib/content/assignment-schema";
import { effectiveSettings, parseStoredOverrides } from "@/lib/content/effective-settings";
import { applySettings, SETTING_KEYS, termSettings, type SettingsOverrides } from "@/lib/content/settings-schema";
import { authorize } from "../context";
import { parseInput } from "../validation";
import type { InstructorContext } from "./context";
import { RUBRIC_NOTE } from "./settings-input";

const inputSchema = z.strictObject({
  assignment: slugSchema,
  /** The settings whose override to remove (due, late_policy, quota_daily, cooldown_seconds, rubric); absent: all. */
  keys: z.array(z.enum(SETTING_KEYS, { error: `must be one of ${SETTING_KEYS.join(", ")}` })).min(1, "name at least one setting, or leave keys out to clear all").optional(),
  reason: z.string().trim().min(1, "is required").max(500),
});

/** Removes term overrides of an assignment so assignment.yaml's values apply again; audited as settings.remove. */
export async function clearAssignmentSettings({ ctx, input }: { ctx: InstructorContext; input: unknown }) {
  const actor = authorize(ctx.actor, "instructor");
  const data = parseInput(inputSchema, input);
  const { defaults } = await effectiveSettings(ctx.db, data.assignment, { contentDir: ctx.contentDir });
  const keys = data.keys ?? [...SETTING_KEYS];
  const after = await ctx.db.transaction(async (tx) => {
    const before = parseStoredOverrides(await lockAssignmentSettings(tx, data.assignment));
    const rest: SettingsOverrides = { ...before };
    for (const k of keys) delete rest[k];
    if (Object.keys(rest).length) await upsertAssignmentSettings(tx, { assignment: data.assignment, overrides: rest, updatedBy: actor.id });
    else await deleteAssignmentSettings(tx, data.assignment);
    await insertAudit(tx, {
      actorId: actor.id,
      action: "settings.remove",
      assignment: data.assignment,
      details: { removed: keys.filter((k) => k in before), before, after: rest, reason: data.reason },
    });
    return rest;
  });
  return {
    assignment: data.assignment,
    overrides: after,
    effective: termSettings(applySettings(defaults, after)),
    warnings: [],
    notes: keys.includes("rubric") ? [RUBRIC_NOTE] : [],
  };
}
