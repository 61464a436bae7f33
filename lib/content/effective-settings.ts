/**
 * The one resolver of an assignment's settings as they apply now: assignment.yaml (the defaults) with the
 * instructor's term override (table assignment_settings) layered on top. Every reader of due date, late policy,
 * quota, cooldown, rubric points and visibility goes through here; per-student overrides (extension, quota) apply on
 * top of the effective values where they are read. Server-only.
 */
import "server-only";
import type { Db, Tx } from "@/db/client";
import {
  findAssignmentSettings,
  listAssignmentSettings,
  type AssignmentSettingsRow,
} from "@/db/queries/assignment-settings";
import { listAssignments, requireAssignment, type AssignmentConfig, type AssignmentEntry } from "./assignments";
import { isAppError } from "../errors";
import type { Visibility } from "./assignment-schema";
import {
  applySettings,
  knownRubric,
  settingsOverridesSchema,
  visibilityOverrides,
  type RubricOverride,
  type SettingsOverrides,
} from "./settings-schema";

/** An assignment with its effective config, and the visibility overrides that apply to stored results. */
export interface EffectiveEntry extends AssignmentEntry {
  visibility: Record<string, Visibility>;
}

export interface EffectiveSettings {
  slug: string;
  /** assignment.yaml as validated. */
  defaults: AssignmentConfig;
  /** The stored override (absent keys keep the defaults). */
  overrides: SettingsOverrides;
  /** The defaults with the override layered on top. */
  effective: AssignmentConfig;
  /** Rubric override entries naming checks the file no longer has; ignored until cleared. */
  stale: string[];
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** A stored override as the schema reads it; a row that no longer parses is refused loudly, never half-applied. */
export function parseStoredOverrides(
  row: Pick<AssignmentSettingsRow, "assignment" | "overrides"> | null,
): SettingsOverrides {
  if (!row) return {};
  const parsed = settingsOverridesSchema.safeParse(row.overrides);
  if (!parsed.success) {
    throw new Error(
      `assignment_settings of '${row.assignment}' is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

function resolve(entry: AssignmentEntry, row: AssignmentSettingsRow | null): EffectiveSettings {
  const overrides = parseStoredOverrides(row);
  return {
    slug: entry.slug,
    defaults: entry.config,
    overrides,
    effective: applySettings(entry.config, overrides),
    stale: knownRubric(entry.config, overrides.rubric).stale,
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** One assignment's `{ defaults, overrides, effective }`; an unknown slug is not_found. */
export async function effectiveSettings(
  db: Db | Tx,
  slug: string,
  opts: { contentDir?: string; offering?: string } = {},
): Promise<EffectiveSettings> {
  const entry = await requireAssignment(slug, opts.contentDir);
  return resolve(entry, await findAssignmentSettings(db, slug, opts.offering));
}

function entryOf(s: EffectiveSettings): EffectiveEntry {
  return { slug: s.slug, config: s.effective, visibility: visibilityOverrides(s.defaults, s.overrides) };
}

/** One published assignment with its effective config (requireAssignment for readers of term settings). */
export async function requireEffectiveAssignment(
  db: Db | Tx,
  slug: string,
  contentDir?: string,
  offering?: string,
): Promise<EffectiveEntry> {
  return entryOf(await effectiveSettings(db, slug, { contentDir, offering }));
}

/** These assignments with their effective configs, in one query (configs already effective stay as they are). */
export async function layerSettings(
  db: Db | Tx,
  entries: AssignmentEntry[],
  offering?: string,
): Promise<EffectiveEntry[]> {
  const rows = await listAssignmentSettings(
    db,
    entries.map((e) => e.slug),
    offering,
  );
  const by = new Map(rows.map((r) => [r.assignment, r]));
  return entries.map((e) => entryOf(resolve(e, by.get(e.slug) ?? null)));
}

/** Every published assignment (listAssignments' order) with its effective config. */
export async function listEffectiveAssignments(
  db: Db | Tx,
  contentDir?: string,
  offering?: string,
): Promise<EffectiveEntry[]> {
  return layerSettings(db, await listAssignments(contentDir), offering);
}

/**
 * The rubric override the grading engine layers over assignment.yaml for a new grading (or regrade) of `slug`;
 * undefined when there is none. Entries for checks the file no longer has are left out (the engine would refuse
 * them), so a stale override cannot fail gradings. Reads the file only when there is an override.
 */
export async function engineRubric(
  db: Db | Tx,
  slug: string,
  offering?: string,
): Promise<Record<string, RubricOverride> | undefined> {
  const row = await findAssignmentSettings(db, slug, offering);
  const rubric = parseStoredOverrides(row).rubric;
  if (!rubric || Object.keys(rubric).length === 0) return undefined;
  let config: AssignmentConfig | null = null;
  try {
    config = (await requireAssignment(slug)).config;
  } catch (err) {
    if (!isAppError(err) || err.code !== "not_found") throw err;
  }
  const kept = config ? knownRubric(config, rubric).kept : rubric;
  return Object.keys(kept).length ? kept : undefined;
}
