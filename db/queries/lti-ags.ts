import { and, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { ltiContexts, ltiMembers, ltiPlatforms, ltiResourceLinks, ltiScores, users } from "../schema";

export type ScoreRow = typeof ltiScores.$inferSelect;
export type ScoreKey = { platformId: string; lineItemUrl: string; userId: string };

export async function upsertMember(
  db: Db | Tx,
  m: { platformId: string; contextId: string; userId: string; sub: string; source: string },
) {
  await db
    .insert(ltiMembers)
    .values(m)
    .onConflictDoUpdate({
      target: [ltiMembers.platformId, ltiMembers.contextId, ltiMembers.userId],
      set: { sub: m.sub, updatedAt: sql`now()` },
    });
}

/** Every (resource link with an assignment and a line item) × (member of its context): where scores go. */
export async function listScoreTargets(db: Db | Tx) {
  return db
    .selectDistinct({
      platformId: ltiResourceLinks.platformId,
      lineItemUrl: ltiResourceLinks.lineItemUrl,
      assignment: ltiResourceLinks.assignment,
      userId: ltiMembers.userId,
      sub: ltiMembers.sub,
      /** The offering the link's LMS course is linked to: its grades are the ones sent. */
      offering: sql<string>`coalesce(${ltiContexts.offering}, 'default')`,
    })
    .from(ltiResourceLinks)
    .innerJoin(
      ltiMembers,
      and(eq(ltiMembers.platformId, ltiResourceLinks.platformId), eq(ltiMembers.contextId, ltiResourceLinks.contextId)),
    )
    .leftJoin(
      ltiContexts,
      and(
        eq(ltiContexts.platformId, ltiResourceLinks.platformId),
        eq(ltiContexts.deploymentId, ltiResourceLinks.deploymentId),
        eq(ltiContexts.contextId, ltiResourceLinks.contextId),
      ),
    )
    .where(and(isNotNull(ltiResourceLinks.lineItemUrl), isNotNull(ltiResourceLinks.assignment)));
}

export async function findScores(db: Db | Tx, platformIds: string[]): Promise<ScoreRow[]> {
  if (!platformIds.length) return [];
  return db.select().from(ltiScores).where(inArray(ltiScores.platformId, platformIds));
}

const keyWhere = (k: ScoreKey) =>
  and(eq(ltiScores.platformId, k.platformId), eq(ltiScores.lineItemUrl, k.lineItemUrl), eq(ltiScores.userId, k.userId));

export async function findScore(db: Db | Tx, k: ScoreKey): Promise<ScoreRow | null> {
  const rows = await db.select().from(ltiScores).where(keyWhere(k)).limit(1);
  return rows[0] ?? null;
}

/** A new or changed final score: pending until sent (an unchanged one is left alone). */
export async function upsertPendingScore(
  db: Db | Tx,
  s: ScoreKey & { assignment: string; sub: string; scoreGiven: number; scoreMaximum: number },
) {
  await db
    .insert(ltiScores)
    .values({ ...s, status: "pending" })
    .onConflictDoUpdate({
      target: [ltiScores.platformId, ltiScores.lineItemUrl, ltiScores.userId],
      set: {
        scoreGiven: s.scoreGiven,
        scoreMaximum: s.scoreMaximum,
        sub: s.sub,
        status: "pending",
        attempts: 0,
        updatedAt: sql`now()`,
      },
    });
}

/** Sent: the row is done unless its score changed while it was in flight (then it stays pending for the next job). */
export async function markScoreSent(db: Db | Tx, k: ScoreKey, sent: number, now: Date) {
  await db
    .update(ltiScores)
    .set({
      status: sql`case when ${ltiScores.scoreGiven} = ${sent} then 'sent' else 'pending' end`,
      sentScore: sent,
      sentAt: now,
      lastError: null,
      updatedAt: now,
    })
    .where(keyWhere(k));
}

/** A failed try: the row stays pending (pg-boss retries it) until `final`, when it is marked failed. */
export async function markScoreTry(db: Db | Tx, k: ScoreKey, error: string, final: boolean, now: Date) {
  await db
    .update(ltiScores)
    .set({
      status: final ? "failed" : "pending",
      attempts: sql`${ltiScores.attempts} + 1`,
      lastError: error.slice(0, 500),
      updatedAt: now,
    })
    .where(keyWhere(k));
}

/** What the console shows: every score row with the student and the platform, newest change first. */
export async function listScoreSends(db: Db | Tx, limit = 500) {
  return db
    .select({
      assignment: ltiScores.assignment,
      email: users.email,
      issuer: ltiPlatforms.issuer,
      lineItemUrl: ltiScores.lineItemUrl,
      scoreGiven: ltiScores.scoreGiven,
      scoreMaximum: ltiScores.scoreMaximum,
      status: ltiScores.status,
      attempts: ltiScores.attempts,
      lastError: ltiScores.lastError,
      sentScore: ltiScores.sentScore,
      sentAt: ltiScores.sentAt,
      updatedAt: ltiScores.updatedAt,
    })
    .from(ltiScores)
    .innerJoin(users, eq(users.id, ltiScores.userId))
    .innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiScores.platformId))
    .orderBy(desc(ltiScores.updatedAt))
    .limit(limit);
}
