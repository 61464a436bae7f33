import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { drafts } from "../schema";

export interface DraftRow {
  source: string;
  revision: number;
  updatedAt: Date;
}

const columns = { source: drafts.source, revision: drafts.revision, updatedAt: drafts.updatedAt };

export async function findDraft(db: Db | Tx, userId: string, assignment: string): Promise<DraftRow | null> {
  const rows = await db
    .select(columns)
    .from(drafts)
    .where(and(eq(drafts.userId, userId), eq(drafts.assignment, assignment)))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Serialises saves of one student's draft of one assignment until the transaction ends (a row lock cannot cover
 * the first save, when no row exists yet).
 */
export async function lockDraft(db: Tx, userId: string, assignment: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${userId}), hashtext(${`draft:${assignment}`}))`);
}

/** Inserts revision 1, or replaces the source and bumps the revision. Returns the stored row. */
export async function upsertDraft(db: Db | Tx, userId: string, assignment: string, source: string): Promise<DraftRow> {
  const [row] = await db
    .insert(drafts)
    .values({ userId, assignment, source })
    .onConflictDoUpdate({
      target: [drafts.userId, drafts.assignment],
      set: { source, revision: sql`${drafts.revision} + 1`, updatedAt: new Date() },
    })
    .returning(columns);
  return row!;
}

export async function deleteDraft(db: Db | Tx, userId: string, assignment: string): Promise<boolean> {
  const rows = await db
    .delete(drafts)
    .where(and(eq(drafts.userId, userId), eq(drafts.assignment, assignment)))
    .returning({ assignment: drafts.assignment });
  return rows.length > 0;
}
