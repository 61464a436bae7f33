/**
 * Settings an instructor changes during a term without touching files (issue #16): the stored override of one
 * assignment, and how it layers over assignment.yaml. Pure data and arithmetic, safe anywhere (the console's client
 * components use the types); the database side is lib/content/effective-settings.ts.
 *
 * Layer order: assignment.yaml < this override < a per-student override (extension, quota; lib/instructor/).
 * A key that is absent keeps the file's value; `late_policy: null` is an override too (no late work).
 */
import { z } from "zod";
import {
  latePolicySchema,
  slugSchema,
  visibilitySchema,
  type AssignmentConfig,
  type Visibility,
} from "./assignment-schema";

export const rubricOverrideSchema = z.strictObject({
  points: z
    .number({ error: "must be a number" })
    .min(0, "must be 0 or more")
    .max(1000, "must be at most 1000")
    .optional(),
  visibility: visibilitySchema.optional(),
});

/** What is stored (and what the save verb accepts under `set`); every key is optional. */
export const settingsOverridesSchema = z.strictObject({
  /** ISO 8601 with an offset; stored as given, compared as an instant. */
  due: z.iso.datetime({ offset: true, error: "must be an ISO 8601 date-time, e.g. 2027-07-03T23:59:00Z" }).optional(),
  late_policy: latePolicySchema.nullable().optional(),
  quota_daily: z
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .max(1000, "must be at most 1000")
    .optional(),
  cooldown_seconds: z
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .max(24 * 3600, "must be at most 86400")
    .optional(),
  rubric: z.record(slugSchema, rubricOverrideSchema).optional(),
});

export type RubricOverride = z.infer<typeof rubricOverrideSchema>;
export type SettingsOverrides = z.infer<typeof settingsOverridesSchema>;
export const SETTING_KEYS = ["due", "late_policy", "quota_daily", "cooldown_seconds", "rubric"] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** The settings of an assignment that an override can change, in the shape both layers are shown in. */
export interface TermSettings {
  due: Date;
  late_policy: AssignmentConfig["late_policy"];
  quota_daily: number;
  cooldown_seconds: number;
  points: number;
  rubric: { check: string; title?: string; points: number; visibility: Visibility }[];
}

/** Drops rubric entries that name no check of the file's rubric (a file changed under a stored override). */
export function knownRubric(
  config: AssignmentConfig,
  rubric: SettingsOverrides["rubric"],
): { kept: Record<string, RubricOverride>; stale: string[] } {
  const ids = new Set(config.rubric.map((r) => r.check));
  const kept: Record<string, RubricOverride> = {};
  const stale: string[] = [];
  for (const [id, o] of Object.entries(rubric ?? {})) {
    if (!ids.has(id)) stale.push(id);
    else if (o.points !== undefined || o.visibility !== undefined) kept[id] = o;
  }
  return { kept, stale };
}

/**
 * The assignment as it applies now: the file's config with the override layered on top (total points follow the
 * rubric). Idempotent: applying the same override twice gives the same config.
 */
export function applySettings(config: AssignmentConfig, overrides: SettingsOverrides): AssignmentConfig {
  const { kept } = knownRubric(config, overrides.rubric);
  const rubric = config.rubric.map((item) => {
    const o = kept[item.check];
    return o ? { ...item, points: o.points ?? item.points, visibility: o.visibility ?? item.visibility } : item;
  });
  return {
    ...config,
    due: overrides.due !== undefined ? new Date(overrides.due) : config.due,
    late_policy: overrides.late_policy !== undefined ? overrides.late_policy : config.late_policy,
    quota: {
      daily: overrides.quota_daily ?? config.quota.daily,
      cooldown_seconds: overrides.cooldown_seconds ?? config.quota.cooldown_seconds,
    },
    rubric,
    points: Object.keys(kept).length ? Math.round(rubric.reduce((s, r) => s + r.points, 0) * 1e6) / 1e6 : config.points,
  };
}

export function termSettings(config: AssignmentConfig): TermSettings {
  return {
    due: config.due,
    late_policy: config.late_policy,
    quota_daily: config.quota.daily,
    cooldown_seconds: config.quota.cooldown_seconds,
    points: config.points,
    rubric: config.rubric.map((r) => ({
      check: r.check,
      ...(r.title ? { title: r.title } : {}),
      points: r.points,
      visibility: r.visibility,
    })),
  };
}

/**
 * The term's visibility overrides by check id (checks the file still has), which win over the visibility stored in
 * a result (lib/grading/student-view.ts). Only overrides: without one, the stored visibility stands, as the engine
 * decided it at grading (it also knows a check's own default where assignment.yaml names none).
 */
export function visibilityOverrides(
  config: AssignmentConfig,
  overrides: SettingsOverrides,
): Record<string, Visibility> {
  const out: Record<string, Visibility> = {};
  for (const [id, o] of Object.entries(knownRubric(config, overrides.rubric).kept))
    if (o.visibility) out[id] = o.visibility;
  return out;
}
