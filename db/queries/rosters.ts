import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { enrolments, type OfferingRole, type Role, users } from "../schema";
import { userColumns, type UserRow } from "./users";

/** The users with these (lower-case) emails. */
export async function findUsersByEmails(db: Db | Tx, emails: string[]): Promise<UserRow[]> {
  const out: UserRow[] = [];
  for (let i = 0; i < emails.length; i += 500) {
    out.push(
      ...(await db
        .select(userColumns)
        .from(users)
        .where(inArray(users.email, emails.slice(i, i + 500)))),
    );
  }
  return out;
}

export type EnrolmentRow = typeof enrolments.$inferSelect;

/** The enrolments in one offering of these users. */
export async function findEnrolmentsOf(db: Db | Tx, offering: string, userIds: string[]): Promise<EnrolmentRow[]> {
  const out: EnrolmentRow[] = [];
  for (let i = 0; i < userIds.length; i += 500) {
    out.push(
      ...(await db
        .select()
        .from(enrolments)
        .where(and(eq(enrolments.offering, offering), inArray(enrolments.userId, userIds.slice(i, i + 500))))),
    );
  }
  return out;
}

export async function upsertRosterEnrolment(
  tx: Tx,
  e: { offering: string; userId: string; role: OfferingRole; section: string | null; source: string },
): Promise<void> {
  await tx
    .insert(enrolments)
    .values(e)
    .onConflictDoUpdate({
      target: [enrolments.offering, enrolments.userId],
      set: { role: e.role, section: e.section, source: e.source, updatedAt: sql`now()` },
    });
}

export async function setUserRole(tx: Tx, userId: string, role: Role): Promise<void> {
  await tx.update(users).set({ role }).where(eq(users.id, userId));
}

export async function countInstructors(db: Db | Tx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, "instructor"));
  return row?.n ?? 0;
}
