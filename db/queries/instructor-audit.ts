import { and, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { type AuditAction, auditLog, users } from "../schema";

export interface AuditInput {
  actorId: string | null;
  /** The offering the action was taken in; absent: the default offering. */
  offering?: string;
  action: AuditAction;
  assignment?: string | null;
  subjectUserId?: string | null;
  submissionId?: string | null;
  details: Record<string, unknown>;
}

/** Call inside the transaction of the change being recorded. */
export async function insertAudit(db: Db | Tx, entry: AuditInput): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    ...(entry.offering ? { offering: entry.offering } : {}),
    action: entry.action,
    assignment: entry.assignment ?? null,
    subjectUserId: entry.subjectUserId ?? null,
    submissionId: entry.submissionId ?? null,
    details: entry.details,
  });
}

export type AuditRow = {
  id: string;
  /** An AuditAction for rows written by today's code; older rows keep whatever text they were written with. */
  action: string;
  assignment: string | null;
  subjectUserId: string | null;
  submissionId: string | null;
  details: unknown;
  createdAt: Date;
  actorEmail: string | null;
};

/** Newest first; filter by offering, assignment and/or subject student. */
export async function listAudit(
  db: Db | Tx,
  opts: { offering?: string; assignment?: string; subjectUserId?: string; limit: number },
): Promise<AuditRow[]> {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      assignment: auditLog.assignment,
      subjectUserId: auditLog.subjectUserId,
      submissionId: auditLog.submissionId,
      details: auditLog.details,
      createdAt: auditLog.createdAt,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        opts.offering ? eq(auditLog.offering, opts.offering) : undefined,
        opts.assignment ? eq(auditLog.assignment, opts.assignment) : undefined,
        opts.subjectUserId ? eq(auditLog.subjectUserId, opts.subjectUserId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt))
    .limit(opts.limit);
}
