import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { gradingRuns, graders } from "../schema";

export interface GraderRow {
  id: string;
  host: string;
  pid: number;
  slots: number;
  training: string[];
  splitsPhases: boolean;
}

/** Registers a grader process or renews its heartbeat. */
export async function upsertGrader(db: Db | Tx, row: GraderRow): Promise<void> {
  await db
    .insert(graders)
    .values({ ...row, heartbeatAt: new Date() })
    .onConflictDoUpdate({
      target: graders.id,
      set: { heartbeatAt: new Date(), slots: row.slots, training: row.training, splitsPhases: row.splitsPhases },
    });
}

export async function deleteGrader(db: Db | Tx, id: string): Promise<void> {
  await db.delete(graders).where(eq(graders.id, id));
}

/** Graders whose heartbeat is newer than `since`. */
export async function aliveGraders(db: Db | Tx, since: Date): Promise<GraderRow[]> {
  return db
    .select({
      id: graders.id,
      host: graders.host,
      pid: graders.pid,
      slots: graders.slots,
      training: graders.training,
      splitsPhases: graders.splitsPhases,
    })
    .from(graders)
    .where(gte(graders.heartbeatAt, since));
}

/** Forgets graders silent since `before` (they died without unregistering). */
export async function deleteSilentGraders(db: Db | Tx, before: Date): Promise<number> {
  const rows = await db.delete(graders).where(lt(graders.heartbeatAt, before)).returning({ id: graders.id });
  return rows.length;
}

export interface RunRow {
  submissionId: string;
  assignment: string;
  phase: string;
  graderId: string | null;
  outcome: "graded" | "partial" | "stale" | "error";
  startedAt: Date;
  durationMs: number;
  cpuMs: number | null;
}

export async function insertGradingRun(db: Db | Tx, row: RunRow): Promise<void> {
  await db.insert(gradingRuns).values({ ...row, finishedAt: new Date() });
}

/** The durations (ms) of the latest `limit` finished gradings of an assignment and phase, newest first. */
export async function recentDurations(db: Db | Tx, assignment: string, phase: string, limit = 50): Promise<number[]> {
  const rows = await db
    .select({ ms: gradingRuns.durationMs })
    .from(gradingRuns)
    .where(
      and(
        eq(gradingRuns.assignment, assignment),
        eq(gradingRuns.phase, phase),
        sql`${gradingRuns.outcome} in ('graded', 'partial')`,
      ),
    )
    .orderBy(desc(gradingRuns.finishedAt))
    .limit(limit);
  return rows.map((r) => r.ms);
}
