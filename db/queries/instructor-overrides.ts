import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { deadlineExtensions, quotaOverrides, scoreAdjustments } from "../schema";

export interface StudentOverrides {
  extensionUntil: Date | null;
  daily: number | null;
  cooldownSeconds: number | null;
}

/** One student's extension and quota override on one assignment (nulls when none). */
export async function findStudentOverrides(db: Db | Tx, userId: string, assignment: string): Promise<StudentOverrides> {
  const [ext, quota] = await Promise.all([
    db
      .select({ until: deadlineExtensions.until })
      .from(deadlineExtensions)
      .where(and(eq(deadlineExtensions.userId, userId), eq(deadlineExtensions.assignment, assignment)))
      .limit(1),
    db
      .select({ daily: quotaOverrides.daily, cooldownSeconds: quotaOverrides.cooldownSeconds })
      .from(quotaOverrides)
      .where(and(eq(quotaOverrides.userId, userId), eq(quotaOverrides.assignment, assignment)))
      .limit(1),
  ]);
  return {
    extensionUntil: ext[0]?.until ?? null,
    daily: quota[0]?.daily ?? null,
    cooldownSeconds: quota[0]?.cooldownSeconds ?? null,
  };
}

/** Every student's extension on an assignment (all assignments when omitted). */
export async function listExtensions(db: Db | Tx, assignment?: string) {
  return db
    .select({
      userId: deadlineExtensions.userId,
      assignment: deadlineExtensions.assignment,
      until: deadlineExtensions.until,
      reason: deadlineExtensions.reason,
    })
    .from(deadlineExtensions)
    .where(assignment ? eq(deadlineExtensions.assignment, assignment) : undefined);
}

export async function listQuotaOverrides(db: Db | Tx, assignment: string) {
  return db
    .select({
      userId: quotaOverrides.userId,
      daily: quotaOverrides.daily,
      cooldownSeconds: quotaOverrides.cooldownSeconds,
      reason: quotaOverrides.reason,
    })
    .from(quotaOverrides)
    .where(eq(quotaOverrides.assignment, assignment));
}

export async function listAdjustments(db: Db | Tx, assignment?: string) {
  return db
    .select({
      userId: scoreAdjustments.userId,
      assignment: scoreAdjustments.assignment,
      points: scoreAdjustments.points,
      reason: scoreAdjustments.reason,
    })
    .from(scoreAdjustments)
    .where(assignment ? eq(scoreAdjustments.assignment, assignment) : undefined);
}

export async function upsertExtension(
  db: Db | Tx,
  v: { userId: string; assignment: string; until: Date; reason: string; grantedBy: string },
) {
  await db
    .insert(deadlineExtensions)
    .values(v)
    .onConflictDoUpdate({
      target: [deadlineExtensions.userId, deadlineExtensions.assignment],
      set: { until: v.until, reason: v.reason, grantedBy: v.grantedBy, createdAt: new Date() },
    });
}

export async function deleteExtension(db: Db | Tx, userId: string, assignment: string) {
  await db
    .delete(deadlineExtensions)
    .where(and(eq(deadlineExtensions.userId, userId), eq(deadlineExtensions.assignment, assignment)));
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
  },
) {
  await db
    .insert(quotaOverrides)
    .values(v)
    .onConflictDoUpdate({
      target: [quotaOverrides.userId, quotaOverrides.assignment],
      set: {
        daily: v.daily,
        cooldownSeconds: v.cooldownSeconds,
        reason: v.reason,
        grantedBy: v.grantedBy,
        createdAt: new Date(),
      },
    });
}

export async function deleteQuotaOverride(db: Db | Tx, userId: string, assignment: string) {
  await db
    .delete(quotaOverrides)
    .where(and(eq(quotaOverrides.userId, userId), eq(quotaOverrides.assignment, assignment)));
}

export async function findAdjustment(db: Db | Tx, userId: string, assignment: string) {
  const rows = await db
    .select({ points: scoreAdjustments.points, reason: scoreAdjustments.reason })
    .from(scoreAdjustments)
    .where(and(eq(scoreAdjustments.userId, userId), eq(scoreAdjustments.assignment, assignment)))
    .limit(1);
  return rows[0] ?? null;
}

export async function upsertAdjustment(
  db: Db | Tx,
  v: { userId: string; assignment: string; points: number; reason: string; adjustedBy: string },
) {
  await db
    .insert(scoreAdjustments)
    .values(v)
    .onConflictDoUpdate({
      target: [scoreAdjustments.userId, scoreAdjustments.assignment],
      set: { points: v.points, reason: v.reason, adjustedBy: v.adjustedBy, createdAt: new Date() },
    });
}

export async function deleteAdjustment(db: Db | Tx, userId: string, assignment: string) {
  await db
    .delete(scoreAdjustments)
    .where(and(eq(scoreAdjustments.userId, userId), eq(scoreAdjustments.assignment, assignment)));
}
