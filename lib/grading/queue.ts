import "server-only";
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { z } from "zod";
import type { DbHandle } from "@/db/client";
import { gradePhases } from "./schedule";

export const GRADE_QUEUE = "grade-submission";

/**
 * Every job payload is parsed with this before a grader acts on it. The scheduling fields (issue #20) are optional,
 * so jobs enqueued before them still parse: without `student` a job is never held back, without `assignment` it is
 * never training, and `phase` defaults to `all` (lib/grading/schedule.ts).
 */
export const gradeJobSchema = z.strictObject({
  submissionId: z.uuid(),
  reason: z.enum(["submit", "regrade"]),
  student: z.string().min(1).max(200).optional(),
  assignment: z.string().min(1).max(200).optional(),
  phase: z.enum(gradePhases).optional(),
  /** pg-boss priority (higher first), also kept in the payload for the record. */
  priority: z.number().int().min(-100).max(100).optional(),
});
export type GradeJob = z.infer<typeof gradeJobSchema>;

/** Generous: a training check may take minutes. A dead grader is noticed sooner by its missing heartbeat. */
export const JOB_EXPIRE_SECONDS = 20 * 60;
export const JOB_RETRY_LIMIT = 3;

const globalKey = Symbol.for("unlabeled.boss");
type GlobalWithBoss = typeof globalThis & { [globalKey]?: Promise<PgBoss> };

async function startBoss(handle: DbHandle): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => handle.executeSql(text, values) },
    schema: "pgboss",
    supervise: true,
    maintenanceIntervalSeconds: 30,
    monitorStateIntervalSeconds: 60,
  });
  boss.on("error", (err) => console.error(`[queue] ${err instanceof Error ? err.message : String(err)}`));
  await boss.start();
  if (!(await boss.getQueue(GRADE_QUEUE))) {
    await boss.createQueue(GRADE_QUEUE, {
      name: GRADE_QUEUE,
      retryLimit: JOB_RETRY_LIMIT,
      retryDelay: 2,
      expireInSeconds: JOB_EXPIRE_SECONDS,
      retentionDays: 7,
    });
  }
  return boss;
}

/** The process-wide pg-boss instance over the app database (PGlite or PostgreSQL). */
export function getQueue(handle: DbHandle): Promise<PgBoss> {
  const g = globalThis as GlobalWithBoss;
  if (!g[globalKey]) {
    g[globalKey] = startBoss(handle).catch((err) => {
      delete g[globalKey];
      throw err;
    });
  }
  return g[globalKey];
}

export async function stopQueue(): Promise<void> {
  const g = globalThis as GlobalWithBoss;
  const boss = g[globalKey];
  delete g[globalKey];
  if (boss) await (await boss).stop({ graceful: false, close: false, wait: true });
}

/**
 * Enqueues a grading job under a deterministic id: sending the same id twice is a no-op, so a retry of the enqueue
 * (or the sweeper re-sending a lost job) never grades a submission twice. `job.priority` becomes pg-boss's priority.
 */
export async function enqueueGrading(boss: PgBoss, job: GradeJob, jobId: string = randomUUID()): Promise<string> {
  const data = gradeJobSchema.parse(job);
  await boss.send(GRADE_QUEUE, data, {
    id: jobId,
    retryLimit: JOB_RETRY_LIMIT,
    expireInSeconds: JOB_EXPIRE_SECONDS,
    priority: data.priority ?? 0,
  });
  return jobId;
}

/** Cancels queued jobs (superseded submissions); a job already taken or gone is left alone. */
export async function cancelGrading(boss: PgBoss, jobIds: string[]): Promise<void> {
  if (jobIds.length) await boss.cancel(GRADE_QUEUE, jobIds).catch(() => undefined);
}
