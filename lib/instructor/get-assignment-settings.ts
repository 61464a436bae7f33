import "server-only";
import { z } from "zod";
import { listAudit } from "@/db/queries/instructor-audit";
import { findUserById } from "@/db/queries/users";
import { slugSchema, type Visibility } from "@/lib/content/assignment-schema";
import { effectiveSettings } from "@/lib/content/effective-settings";
import { termSettings, type SettingsOverrides } from "@/lib/content/settings-schema";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";
import { rubricChecks } from "./settings-checks";
import { RUBRIC_NOTE } from "./settings-input";

const inputSchema = z.strictObject({ assignment: slugSchema });

export interface RubricSettingRow {
  check: string;
  title: string;
  publicTests: boolean;
  defaults: { points: number; visibility: Visibility };
  override: { points?: number; visibility?: Visibility } | null;
  effective: { points: number; visibility: Visibility };
}

/**
 * The term-settings page of one assignment: each setting's file default beside its override and the value that
 * applies, the rubric item by item, stale overrides, who changed them last and the settings' audit trail.
 */
export const getAssignmentSettings = defineVerb({
  role: "instructor",
  input: inputSchema,
  run: async (ctx, { assignment }) => {
    const s = await effectiveSettings(ctx.db, assignment, { contentDir: ctx.contentDir, offering: offeringOf(ctx) });
    const [checks, audit, by] = await Promise.all([
      rubricChecks(assignment, s.defaults, ctx.contentDir),
      listAudit(ctx.db, { offering: offeringOf(ctx), assignment, limit: 200 }),
      s.updatedBy ? findUserById(ctx.db, s.updatedBy) : Promise.resolve(null),
    ]);
    const overrides: SettingsOverrides = s.overrides;
    const rubric: RubricSettingRow[] = checks.checks.map((c) => {
      const o = overrides.rubric?.[c.check];
      return {
        check: c.check,
        title: c.title,
        publicTests: c.publicTests,
        defaults: { points: c.points, visibility: c.visibility },
        override: o && (o.points !== undefined || o.visibility !== undefined) ? o : null,
        effective: { points: o?.points ?? c.points, visibility: o?.visibility ?? c.visibility },
      };
    });
    return {
      slug: assignment,
      title: s.defaults.title,
      defaults: termSettings(s.defaults),
      overrides,
      effective: termSettings(s.effective),
      rubric,
      /** Rubric override entries for checks the file no longer has (ignored; clear the rubric override to drop them). */
      stale: s.stale,
      checksSource: checks.source,
      problem: checks.problem,
      updatedAt: s.updatedAt,
      updatedBy: by?.email ?? null,
      rubricNote: RUBRIC_NOTE,
      audit: audit.filter((a) => a.action.startsWith("settings.")).slice(0, 50),
    };
  },
});
