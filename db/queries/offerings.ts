/** Offerings, their sections and section deadlines, and the enrolment lookups that decide who is in which. */
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { DEFAULT_OFFERING, enrolments, offerings, sectionDeadlines, sections, submissions } from "../schema";

export type OfferingRow = typeof offerings.$inferSelect;
export type SectionRow = typeof sections.$inferSelect;

export async function findOffering(db: Db | Tx, slug: string): Promise<OfferingRow | null> {
  const rows = await db.select().from(offerings).where(eq(offerings.slug, slug)).limit(1);
  return rows[0] ?? null;
}

export async function listOfferings(db: Db | Tx, slugs?: string[]): Promise<OfferingRow[]> {
  if (slugs && slugs.length === 0) return [];
  return db
    .select()
    .from(offerings)
    .where(slugs ? inArray(offerings.slug, slugs) : undefined)
    .orderBy(asc(offerings.createdAt), asc(offerings.slug));
}

/** Inserts an offering; false when the slug is taken. */
export async function insertOffering(
  db: Db | Tx,
  v: { slug: string; title: string; term: string | null; startsAt: Date | null; endsAt: Date | null; course?: string },
): Promise<boolean> {
  const rows = await db.insert(offerings).values(v).onConflictDoNothing().returning({ slug: offerings.slug });
  return rows.length > 0;
}

export async function updateJoin(
  db: Db | Tx,
  slug: string,
  patch: { joinEnabled?: boolean; joinCode?: string },
): Promise<OfferingRow | null> {
  const rows = await db.update(offerings).set(patch).where(eq(offerings.slug, slug)).returning();
  return rows[0] ?? null;
}

export async function updateOfferingRow(
  db: Db | Tx,
  slug: string,
  patch: { title?: string; term?: string | null; startsAt?: Date | null; endsAt?: Date | null; archived?: boolean },
): Promise<OfferingRow | null> {
  if (Object.keys(patch).length === 0) return findOffering(db, slug);
  const rows = await db.update(offerings).set(patch).where(eq(offerings.slug, slug)).returning();
  return rows[0] ?? null;
}

export async function findOfferingByJoinCode(db: Db | Tx, code: string): Promise<OfferingRow | null> {
  const rows = await db.select().from(offerings).where(eq(offerings.joinCode, code)).limit(1);
  return rows[0] ?? null;
}

export type MembershipRow = { offering: string; role: "instructor" | "ta" | "student"; section: string | null };

/** A user's enrolments, every offering. */
export async function listUserEnrolments(db: Db | Tx, userId: string): Promise<MembershipRow[]> {
  return db
    .select({ offering: enrolments.offering, role: enrolments.role, section: enrolments.section })
    .from(enrolments)
    .where(eq(enrolments.userId, userId))
    .orderBy(asc(enrolments.offering));
}

/** Enrols a user unless they already are (a join is idempotent: an existing role or section is kept). */
export async function insertEnrolmentIfAbsent(
  db: Db | Tx,
  e: { offering: string; userId: string; role: "instructor" | "ta" | "student"; source: string },
): Promise<boolean> {
  const rows = await db.insert(enrolments).values(e).onConflictDoNothing().returning({ userId: enrolments.userId });
  return rows.length > 0;
}

/**
 * The SQL condition "this user is a student of `offering`" for a query over users: enrolled there as a student; for
 * the default offering also any account with the global role student and no enrolment anywhere (every account that
 * signed up before offerings existed, or since, without joining one).
 */
export function studentOf(offering: string, userIdColumn: unknown, globalRoleColumn: unknown) {
  const enrolled = sql`exists (select 1 from ${enrolments} e where e.user_id = ${userIdColumn} and e.offering = ${offering} and e.role = 'student')`;
  if (offering !== DEFAULT_OFFERING) return enrolled;
  return sql`(${enrolled} or (${globalRoleColumn} = 'student' and not exists (select 1 from ${enrolments} e2 where e2.user_id = ${userIdColumn})))`;
}

/**
 * The SQL condition "this user is in `offering`" (any role) for a query over users: enrolled there; for the default
 * offering also every account with no enrolment anywhere, and the global staff.
 */
export function memberOf(offering: string, userIdColumn: unknown, globalRoleColumn: unknown) {
  const enrolled = sql`exists (select 1 from ${enrolments} e where e.user_id = ${userIdColumn} and e.offering = ${offering})`;
  if (offering !== DEFAULT_OFFERING) return sql`(${enrolled} or ${globalRoleColumn} = 'instructor')`;
  return sql`(${enrolled} or ${globalRoleColumn} <> 'student' or not exists (select 1 from ${enrolments} e2 where e2.user_id = ${userIdColumn}))`;
}

export async function listSections(db: Db | Tx, offering: string): Promise<SectionRow[]> {
  return db.select().from(sections).where(eq(sections.offering, offering)).orderBy(asc(sections.slug));
}

/** The course package an offering runs; null for an offering that does not exist. */
export async function findOfferingCourse(db: Db | Tx, slug: string): Promise<string | null> {
  const rows = await db.select({ course: offerings.course }).from(offerings).where(eq(offerings.slug, slug)).limit(1);
  return rows[0]?.course ?? null;
}

/** How many people of the offering are in each section (enrolment.section), staff included. */
export async function countSectionMembers(db: Db | Tx, offering: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ section: enrolments.section, n: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(eq(enrolments.offering, offering), sql`${enrolments.section} is not null`))
    .groupBy(enrolments.section);
  return Object.fromEntries(rows.map((r) => [r.section as string, Number(r.n)]));
}

export async function upsertSection(db: Db | Tx, v: { offering: string; slug: string; title: string }): Promise<void> {
  await db
    .insert(sections)
    .values(v)
    .onConflictDoUpdate({ target: [sections.offering, sections.slug], set: { title: v.title } });
}

export async function findSection(db: Db | Tx, offering: string, slug: string): Promise<SectionRow | null> {
  const rows = await db
    .select()
    .from(sections)
    .where(and(eq(sections.offering, offering), eq(sections.slug, slug)))
    .limit(1);
  return rows[0] ?? null;
}

export async function upsertSectionDeadline(
  db: Db | Tx,
  v: { offering: string; section: string; assignment: string; dueAt: Date },
): Promise<void> {
  await db
    .insert(sectionDeadlines)
    .values(v)
    .onConflictDoUpdate({
      target: [sectionDeadlines.offering, sectionDeadlines.section, sectionDeadlines.assignment],
      set: { dueAt: v.dueAt, updatedAt: new Date() },
    });
}

export async function deleteSectionDeadline(
  db: Db | Tx,
  v: { offering: string; section: string; assignment: string },
): Promise<void> {
  await db
    .delete(sectionDeadlines)
    .where(
      and(
        eq(sectionDeadlines.offering, v.offering),
        eq(sectionDeadlines.section, v.section),
        eq(sectionDeadlines.assignment, v.assignment),
      ),
    );
}

/** Each enrolled student's section due date in an offering (one assignment, or all): userId → assignment → due. */
export async function listStudentSectionDues(
  db: Db | Tx,
  offering: string,
  assignment?: string,
): Promise<{ userId: string; assignment: string; dueAt: Date }[]> {
  return db
    .select({ userId: enrolments.userId, assignment: sectionDeadlines.assignment, dueAt: sectionDeadlines.dueAt })
    .from(enrolments)
    .innerJoin(
      sectionDeadlines,
      and(eq(sectionDeadlines.offering, enrolments.offering), eq(sectionDeadlines.section, enrolments.section)),
    )
    .where(
      and(eq(enrolments.offering, offering), assignment ? eq(sectionDeadlines.assignment, assignment) : undefined),
    );
}

export async function listSectionDeadlines(db: Db | Tx, offering: string) {
  return db
    .select()
    .from(sectionDeadlines)
    .where(eq(sectionDeadlines.offering, offering))
    .orderBy(asc(sectionDeadlines.section), asc(sectionDeadlines.assignment));
}

/** Whether the user has an enrolment in any offering other than `offering`. */
export async function enrolledElsewhere(db: Db | Tx, userId: string, offering: string): Promise<boolean> {
  const rows = await db
    .select({ o: enrolments.offering })
    .from(enrolments)
    .where(and(eq(enrolments.userId, userId), ne(enrolments.offering, offering)))
    .limit(1);
  return rows.length > 0;
}

export async function hasSubmissionsIn(db: Db | Tx, userId: string, offering: string): Promise<boolean> {
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.userId, userId), eq(submissions.offering, offering)))
    .limit(1);
  return rows.length > 0;
}
