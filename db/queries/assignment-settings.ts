/**
 * The one module that reads and writes assignment_settings (an instructor's term settings per assignment). Rows are
 * keyed by (offering, assignment): every offering has its own term settings (docs/offerings.md).
 * `overrides` is returned as stored: lib/content/effective-settings.ts validates and layers it.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { assignmentSettings, DEFAULT_OFFERING } from "../schema";

export interface AssignmentSettingsRow {
  assignment: string;
  overrides: unknown;
  updatedBy: string | null;
  updatedAt: Date;
}

const columns = {
  assignment: assignmentSettings.assignment,
  overrides: assignmentSettings.overrides,
  updatedBy: assignmentSettings.updatedBy,
  updatedAt: assignmentSettings.updatedAt,
};

export async function findAssignmentSettings(
  db: Db | Tx,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<AssignmentSettingsRow | null> {
  const rows = await db
    .select(columns)
    .from(assignmentSettings)
    .where(and(eq(assignmentSettings.offering, offering), eq(assignmentSettings.assignment, assignment)))
    .limit(1);
  return rows[0] ?? null;
}

/** The rows of these assignments (every row when `assignments` is omitted). */
export async function listAssignmentSettings(
  db: Db | Tx,
  assignments?: string[],
  offering: string = DEFAULT_OFFERING,
): Promise<AssignmentSettingsRow[]> {
  if (assignments && assignments.length === 0) return [];
  return db
    .select(columns)
    .from(assignmentSettings)
    .where(
      and(
        eq(assignmentSettings.offering, offering),
        assignments ? inArray(assignmentSettings.assignment, assignments) : undefined,
      ),
    );
}

/**
 * Serialises writers of one assignment's settings for the rest of the transaction (a transaction-scoped advisory
 * lock, which also covers the first save, when there is no row to lock yet), then reads the row.
 */
export async function lockAssignmentSettings(
  tx: Tx,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<AssignmentSettingsRow | null> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('assignment_settings'), hashtext(${`${offering}/${assignment}`}))`,
  );
  return findAssignmentSettings(tx, assignment, offering);
}

export async function upsertAssignmentSettings(
  db: Db | Tx,
  v: { assignment: string; overrides: Record<string, unknown>; updatedBy: string; offering?: string },
): Promise<void> {
  await db
    .insert(assignmentSettings)
    .values({ ...v, offering: v.offering ?? DEFAULT_OFFERING })
    .onConflictDoUpdate({
      target: [assignmentSettings.offering, assignmentSettings.assignment],
      set: { overrides: v.overrides, updatedBy: v.updatedBy, updatedAt: new Date() },
    });
}

export async function deleteAssignmentSettings(
  db: Db | Tx,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<void> {
  await db
    .delete(assignmentSettings)
    .where(and(eq(assignmentSettings.offering, offering), eq(assignmentSettings.assignment, assignment)));
}
