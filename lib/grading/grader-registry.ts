import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Db } from "@/db/client";
import { deleteGrader, deleteSilentGraders, upsertGrader, type GraderRow } from "@/db/queries/graders";

/**
 * A grader process's row in the `grader` table, renewed every heartbeat, so that the web server can count the
 * graders alive (the wait estimate) and knows how they schedule (their training list, two-phase grading).
 */
export async function registerGrader(
  db: Db,
  opts: { slots: number; training: string[]; splitsPhases: boolean; heartbeatMs: number; forgetAfterMs: number },
): Promise<{ id: string; setTraining(training: string[]): Promise<void>; stop(): Promise<void> }> {
  const row: GraderRow = {
    id: randomUUID(),
    host: os.hostname(),
    pid: process.pid,
    slots: opts.slots,
    training: opts.training,
    splitsPhases: opts.splitsPhases,
  };
  await upsertGrader(db, row);
  const beat = setInterval(() => {
    void upsertGrader(db, row).catch(() => undefined);
    void deleteSilentGraders(db, new Date(Date.now() - opts.forgetAfterMs)).catch(() => undefined);
  }, opts.heartbeatMs);
  beat.unref();
  return {
    id: row.id,
    async setTraining(training) {
      row.training = training;
      await upsertGrader(db, row).catch(() => undefined);
    },
    async stop() {
      clearInterval(beat);
      await deleteGrader(db, row.id).catch(() => undefined);
    },
  };
}
