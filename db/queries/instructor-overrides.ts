/**
 * Extensions, quota overrides and score adjustments: each keyed by (offering, student, assignment), so a student's
 * extension in one offering says nothing about another. `offering` defaults to the default offering.
 */
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { DEFAULT_OFFERING, deadlineExtensions, quotaOverrides, scoreAdjustments } from "../schema";

export interface StudentOverrides {
  extensionUntil: Date | null;
  daily: number | null;
  cooldownSeconds: number | null;
}

type Keyed = typeof deadlineExtensions | typeof quotaOverrides | typeof scoreAdjustments;

function one(t: Keyed, offering: string, userId: string, assignment: string) {
  return and(eq(t.offering, offering), eq(t.userId, userId), eq(t.assignment, assignment));
}

function inOffering(t: Keyed, offering: string, assignment?: string) {
  return and(eq(t.offering, offering), assignment ? eq(t.assignment, assignment) : undefined);
}

/** One student's extension and quota override on one assignment (nulls when none). */
export async function findStudentOverrides(
  db: Db | Tx,
  userId: string,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
): Promise<StudentOverrides> {
  const [ext, quota] = await Promise.all([
    db
      .select({ until: deadlineExtensions.until })
      .from(deadlineExtensions)
      .where(one(deadlineExtensions, offering, userId, assignment))
      .limit(1),
    db
      .select({ daily: quotaOverrides.daily, cooldownSeconds: quotaOverrides.cooldownSeconds })
      .from(quotaOverrides)
      .where(one(quotaOverrides, offering, userId, assignment))
      .limit(1),
  ]);
  return {
    extensionUntil: ext[0]?.until ?? null,
    daily: quota[0]?.daily ?? null,
    cooldownSeconds: quota[0]?.cooldownSeconds ?? null,
  };
}

/** Every student's extension on an assignment (all assignments when omitted). */
export async function listExtensions(db: Db | Tx, assignment?: string, offering: string = DEFAULT_OFFERING) {
  return db
    .select({
      userId: deadlineExtensions.userId,
      assignment: deadlineExtensions.assignment,
      until: deadlineExtensions.until,
      reason: deadlineExtensions.reason,
    })
    .from(deadlineExtensions)
    .where(inOffering(deadlineExtensions, offering, assignment));
}

export async function listQuotaOverrides(db: Db | Tx, assignment: string, offering: string = DEFAULT_OFFERING) {
  return db
    .select({
      userId: quotaOverrides.userId,
      daily: quotaOverrides.daily,
      cooldownSeconds: quotaOverrides.cooldownSeconds,
      reason: quotaOverrides.reason,
    })
    .from(quotaOverrides)
    .where(inOffering(quotaOverrides, offering, assignment));
}

export async function listAdjustments(db: Db | Tx, assignment?: string, offering: string = DEFAULT_OFFERING) {
  return db
    .select({
      userId: scoreAdjustments.userId,
      assignment: scoreAdjustments.assignment,
      points: scoreAdjustments.points,
      reason: scoreAdjustments.reason,
    })
    .from(scoreAdjustments)
    .where(inOffering(scoreAdjustments, offering, assignment));
}

export async function upsertExtension(
  db: Db | Tx,
  v: { userId: string; assignment: string; until: Date; reason: string; grantedBy: string; offering?: string },
) {
  await db
    .insert(deadlineExtensions)
    .values({ ...v, offering: v.offering ?? DEFAULT_OFFERING })
    .onConflictDoUpdate({
      target: [deadlineExtensions.offering, deadlineExtensions.userId, deadlineExtensions.assignment],
      set: { until: v.until, reason: v.reason, grantedBy: v.grantedBy, createdAt: new Date() },
    });
}

export async function deleteExtension(
  db: Db | Tx,
  userId: string,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
) {
  await db.delete(deadlineExtensions).where(one(deadlineExtensions, offering, userId, assignment));
}

export async function upsertQuotaOverride(
  db: Db | Tx,
  v: {
    userId: string;
    assignment: string;
    daily: number | null;
    cooldownSeconds: number | null;
    reason: string;
    grantedBy: string;
    offering?: string;
  },
) {
  await db
    .insert(quotaOverrides)
    .values({ ...v, offering: v.offering ?? DEFAULT_OFFERING })
    .onConflictDoUpdate({
      target: [quotaOverrides.offering, quotaOverrides.userId, quotaOverrides.assignment],
      set: {
        daily: v.daily,
        cooldownSeconds: v.cooldownSeconds,
        reason: v.reason,
        grantedBy: v.grantedBy,
        createdAt: new Date(),
      },
    });
}

export async function deleteQuotaOverride(
  db: Db | Tx,
  userId: string,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
) {
  await db.delete(quotaOverrides).where(one(quotaOverrides, offering, userId, assignment));
}

export async function findAdjustment(
  db: Db | Tx,
  userId: string,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
) {
  const rows = await db
    .select({ points: scoreAdjustments.points, reason: scoreAdjustments.reason })
    .from(scoreAdjustments)
    .where(one(scoreAdjustments, offering, userId, assignment))
    .limit(1);
  return rows[0] ?? null;
}

export async function upsertAdjustment(
  db: Db | Tx,
  v: { userId: string; assignment: string; points: number; reason: string; adjustedBy: string; offering?: string },
) {
  await db
    .insert(scoreAdjustments)
    .values({ ...v, offering: v.offering ?? DEFAULT_OFFERING })
    .onConflictDoUpdate({
      target: [scoreAdjustments.offering, scoreAdjustments.userId, scoreAdjustments.assignment],
      set: { points: v.points, reason: v.reason, adjustedBy: v.adjustedBy, createdAt: new Date() },
    });
}

export async function deleteAdjustment(
  db: Db | Tx,
  userId: string,
  assignment: string,
  offering: string = DEFAULT_OFFERING,
) {
  await db.delete(scoreAdjustments).where(one(scoreAdjustments, offering, userId, assignment));
}
