import "server-only";
import type { Db, Tx } from "@/db/client";
import { listStudentSectionDues } from "@/db/queries/offerings";

/**
 * Deadlines by section. A student's effective deadline, highest layer first: their extension (the later of it and
 * the due date below; lib/grades/late-penalty.ts effectiveDeadline), their section's due date for the assignment
 * (section_deadline), the offering's settings override (assignment_settings), assignment.yaml. `configDue` is the
 * last two already layered (lib/content/effective-settings.ts); this adds the section.
 */
export async function studentDue(
  db: Db | Tx,
  who: { offering: string; userId: string; assignment: string },
  configDue: Date,
): Promise<Date> {
  const dues = await sectionDues(db, who.offering, who.assignment);
  return dues.get(dueKey(who.userId, who.assignment)) ?? configDue;
}

export const dueKey = (userId: string, assignment: string) => `${userId}\0${assignment}`;

/** Every section due date of an offering that applies to an enrolled student: key (dueKey) → due. */
export async function sectionDues(db: Db | Tx, offering: string, assignment?: string): Promise<Map<string, Date>> {
  const rows = await listStudentSectionDues(db, offering, assignment);
  return new Map(rows.map((r) => [dueKey(r.userId, r.assignment), r.dueAt]));
}
