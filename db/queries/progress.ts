import { and, eq, max } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { DEFAULT_OFFERING, lessonReads, submissions } from "../schema";

export async function insertLessonRead(db: Db | Tx, userId: string, lesson: string): Promise<void> {
  await db.insert(lessonReads).values({ userId, lesson }).onConflictDoNothing();
}

export async function listLessonReads(db: Db | Tx, userId: string): Promise<{ lesson: string; readAt: Date }[]> {
  return db
    .select({ lesson: lessonReads.lesson, readAt: lessonReads.readAt })
    .from(lessonReads)
    .where(eq(lessonReads.userId, userId));
}

/** Best score per assignment among a student's graded submissions. */
export async function bestScores(
  db: Db | Tx,
  userId: string,
  offering: string = DEFAULT_OFFERING,
): Promise<{ assignment: string; best: number | null }[]> {
  return db
    .select({ assignment: submissions.assignment, best: max(submissions.score) })
    .from(submissions)
    .where(and(eq(submissions.userId, userId), eq(submissions.offering, offering), eq(submissions.status, "graded")))
    .groupBy(submissions.assignment);
}
