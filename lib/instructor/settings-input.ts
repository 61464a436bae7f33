/**
 * Checks of a term-settings change that need the assignment (zod has parsed the shape already): rubric entries must
 * name the assignment's checks, the public-tests check keeps 0 points, the total stays above 0; a due date in the
 * past or a daily quota of 0 is allowed with a warning. Server-only.
 */
import "server-only";
import type { AssignmentConfig } from "@/lib/content/assignment-schema";
import { applySettings, type RubricOverride, type SettingsOverrides } from "@/lib/content/settings-schema";
import { AppError } from "../errors";
import type { RubricCheck } from "./settings-checks";

export interface SettingsWarning {
  field: string;
  message: string;
}

function refuse(fields: Record<string, string>): never {
  throw new AppError(
    "validation",
    Object.entries(fields)
      .map(([f, m]) => `${f}: ${m}`)
      .join("; "),
    fields,
  );
}

/** A rubric override without entries that change nothing. */
export function cleanRubric(rubric: Record<string, RubricOverride>): Record<string, RubricOverride> {
  const out: Record<string, RubricOverride> = {};
  for (const [id, o] of Object.entries(rubric)) {
    const kept: RubricOverride = {};
    if (o.points !== undefined) kept.points = o.points;
    if (o.visibility !== undefined) kept.visibility = o.visibility;
    if (Object.keys(kept).length) out[id] = kept;
  }
  return out;
}

/** Refuses (422, fields named `set.rubric.<check>[.points]`) a rubric override the assignment cannot take. */
export function checkRubric(
  rubric: Record<string, RubricOverride>,
  checks: RubricCheck[],
  config: AssignmentConfig,
): void {
  const fields: Record<string, string> = {};
  const byId = new Map(checks.map((c) => [c.check, c]));
  for (const [id, o] of Object.entries(rubric)) {
    const check = byId.get(id);
    if (!check) {
      fields[`set.rubric.${id}`] =
        `is not a check of this assignment (its checks: ${checks.map((c) => c.check).join(", ")})`;
      continue;
    }
    if (check.publicTests && o.points !== undefined && o.points > 0) {
      fields[`set.rubric.${id}.points`] =
        "must stay 0: this check runs the public tests in the student's sandbox, where a submission could forge their verdicts";
    }
  }
  if (Object.keys(fields).length) refuse(fields);
  const total = applySettings(config, { rubric }).points;
  if (!(total > 0))
    refuse({ "set.rubric": "would leave the assignment with 0 points in all; give at least one check points" });
}

/** The engine's refusal as a 422 on the rubric field. */
export function refuseForEngine(reason: string): never {
  refuse({ "set.rubric": `the grading engine refuses it: ${reason}` });
}

/** Warnings (allowed, but worth a second look) for the settings that result from a change. */
export function settingsWarnings(
  changed: SettingsOverrides,
  effective: AssignmentConfig,
  now: Date,
): SettingsWarning[] {
  const out: SettingsWarning[] = [];
  if (changed.due !== undefined && effective.due.getTime() <= now.getTime()) {
    out.push({
      field: "due",
      message: effective.late_policy
        ? `${effective.due.toISOString()} is in the past: new submissions count as late at once.`
        : `${effective.due.toISOString()} is in the past and there is no late policy: students without an extension can no longer submit.`,
    });
  }
  if (changed.late_policy === null && effective.due.getTime() <= now.getTime()) {
    out.push({
      field: "late_policy",
      message: "No late work while the due date has passed: students without an extension can no longer submit.",
    });
  }
  if (changed.quota_daily === 0)
    out.push({
      field: "quota_daily",
      message: "A daily quota of 0 accepts no graded submissions (except from students with their own quota).",
    });
  return out;
}

/** What the console says once a rubric change is saved. */
export const RUBRIC_NOTE =
  "Stored results keep their scores: new points apply to new gradings and regrades (regrade to apply them to past submissions). Visibility applies at once, to stored results too.";
