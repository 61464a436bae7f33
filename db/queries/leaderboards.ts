import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import {
  DEFAULT_OFFERING,
  gradingResults,
  leaderboardAliases,
  leaderboardChoices,
  leaderboardHiddenRows,
  leaderboardSettings,
  submissions,
} from "../schema";

export type LeaderboardSetting = { revealedAt: Date | null; frozenAt: Date | null };

/** Every board is an offering's own: its settings, hidden rows, aliases, choices and candidates (docs/offerings.md). */
export async function findLeaderboardSetting(
  db: Db | Tx,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<LeaderboardSetting> {
  const rows = await db
    .select({ revealedAt: leaderboardSettings.revealedAt, frozenAt: leaderboardSettings.frozenAt })
    .from(leaderboardSettings)
    .where(and(eq(leaderboardSettings.offering, offering), eq(leaderboardSettings.assignment, assignment)))
    .limit(1);
  return rows[0] ?? { revealedAt: null, frozenAt: null };
}

export async function upsertLeaderboardSetting(
  db: Db | Tx,
  assignment: string,
  patch: Partial<LeaderboardSetting>,
  updatedBy: string,
  offering: string = DEFAULT_OFFERING,
): Promise<void> {
  await db
    .insert(leaderboardSettings)
    .values({ offering, assignment, ...patch, updatedBy })
    .onConflictDoUpdate({
      target: [leaderboardSettings.offering, leaderboardSettings.assignment],
      set: { ...patch, updatedBy, updatedAt: new Date() },
    });
}

export type LeaderboardCandidate = { userId: string; submissionId: string; createdAt: Date; entries: unknown };

/** Every submission with a current result and its `leaderboard[]` entries, oldest first; `until` bounds createdAt (a frozen board). */
export async function listLeaderboardCandidates(
  db: Db | Tx,
  assignment: string,
  until: Date | null,
  offering: string = DEFAULT_OFFERING,
): Promise<LeaderboardCandidate[]> {
  return db
    .select({
      userId: submissions.userId,
      submissionId: submissions.id,
      createdAt: submissions.createdAt,
      entries: sql<unknown>`${gradingResults.result} -> 'leaderboard'`,
    })
    .from(submissions)
    .innerJoin(gradingResults, and(eq(gradingResults.submissionId, submissions.id), eq(gradingResults.current, true)))
    .where(
      and(
        eq(submissions.offering, offering),
        eq(submissions.assignment, assignment),
        until ? lte(submissions.createdAt, until) : undefined,
      ),
    )
    .orderBy(asc(submissions.createdAt), asc(submissions.id));
}

export async function listHiddenRows(db: Db | Tx, assignment: string, offering: string = DEFAULT_OFFERING) {
  return db
    .select({ userId: leaderboardHiddenRows.userId, reason: leaderboardHiddenRows.reason })
    .from(leaderboardHiddenRows)
    .where(and(eq(leaderboardHiddenRows.offering, offering), eq(leaderboardHiddenRows.assignment, assignment)));
}

export async function insertHiddenRow(
  db: Db | Tx,
  v: { assignment: string; userId: string; reason: string; hiddenBy: string; offering?: string },
): Promise<boolean> {
  const rows = await db
    .insert(leaderboardHiddenRows)
    .values(v)
    .onConflictDoNothing()
    .returning({ userId: leaderboardHiddenRows.userId });
  return rows.length > 0;
}

export async function deleteHiddenRow(
  db: Db | Tx,
  assignment: string,
  userId: string,
  offering: string = DEFAULT_OFFERING,
): Promise<boolean> {
  const rows = await db
    .delete(leaderboardHiddenRows)
    .where(
      and(
        eq(leaderboardHiddenRows.offering, offering),
        eq(leaderboardHiddenRows.assignment, assignment),
        eq(leaderboardHiddenRows.userId, userId),
      ),
    )
    .returning({ userId: leaderboardHiddenRows.userId });
  return rows.length > 0;
}

export async function listAliases(
  db: Db | Tx,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<{ userId: string; alias: string }[]> {
  return db
    .select({ userId: leaderboardAliases.userId, alias: leaderboardAliases.alias })
    .from(leaderboardAliases)
    .where(and(eq(leaderboardAliases.offering, offering), eq(leaderboardAliases.assignment, assignment)));
}

/** Stores a pseudonym unless the student has one or another student took that name; true when stored. */
export async function insertAlias(
  db: Db | Tx,
  v: { assignment: string; userId: string; alias: string; offering?: string },
): Promise<boolean> {
  const rows = await db
    .insert(leaderboardAliases)
    .values(v)
    .onConflictDoNothing()
    .returning({ alias: leaderboardAliases.alias });
  return rows.length > 0;
}

export async function listChoices(
  db: Db | Tx,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<{ userId: string; submissionId: string }[]> {
  return db
    .select({ userId: leaderboardChoices.userId, submissionId: leaderboardChoices.submissionId })
    .from(leaderboardChoices)
    .where(and(eq(leaderboardChoices.offering, offering), eq(leaderboardChoices.assignment, assignment)));
}

export async function upsertChoice(
  db: Db | Tx,
  v: { assignment: string; userId: string; submissionId: string; offering?: string },
): Promise<void> {
  await db
    .insert(leaderboardChoices)
    .values(v)
    .onConflictDoUpdate({
      target: [leaderboardChoices.offering, leaderboardChoices.assignment, leaderboardChoices.userId],
      set: { submissionId: v.submissionId, createdAt: new Date() },
    });
}

export async function deleteChoice(
  db: Db | Tx,
  assignment: string,
  userId: string,
  offering: string = DEFAULT_OFFERING,
): Promise<void> {
  await db
    .delete(leaderboardChoices)
    .where(
      and(
        eq(leaderboardChoices.offering, offering),
        eq(leaderboardChoices.assignment, assignment),
        eq(leaderboardChoices.userId, userId),
      ),
    );
}
