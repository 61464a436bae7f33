import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { submissions } from "@/db/schema";
import type { StoredResult } from "./record-result";
import type { GradePhase } from "./schedule";

/**
 * Two-phase grading, the queue's side. Today's engine grades in one job (`all`). An engine that declares
 * `splitsPhases` gets, for a training assignment, a `cheap` call first (every check that trains nothing); when its
 * result says `pending_expensive`, the worker keeps it on the submission (`partial_result`, back to `queued`) and
 * enqueues an `expensive` job, which runs in the expensive band (lib/grading/schedule.ts) after every cheap job in
 * the queue, and which gets the cheap result back as `prior` to complete it.
 */

/** What the engine is asked to run for a job of `phase`. */
export function enginePhase(
  phase: GradePhase,
  opts: { training: boolean; splitsPhases: boolean; hasPartial: boolean },
): GradePhase {
  if (!opts.splitsPhases) return "all"; // a fleet without two-phase grading grades any job in full
  if (phase === "expensive") return opts.hasPartial ? "expensive" : "all";
  return opts.training ? "cheap" : "all";
}

/** True when a cheap-phase result asks for the expensive phase. */
export function needsExpensive(asked: GradePhase, result: StoredResult): boolean {
  return asked === "cheap" && result.pending_expensive === true;
}

/** The expensive job's id: the same for a retry of the same attempt, so a repeated enqueue is a no-op. */
export function expensiveJobId(submissionId: string, attempt: number): string {
  const h = createHash("sha256").update(`${submissionId}:expensive:${attempt}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Keeps a cheap-phase result and hands the submission back to the queue for its expensive phase, if the attempt
 * still holds it. Returns false when another attempt took over (the result is then discarded).
 */
export async function recordPartial(
  db: Db,
  args: { submissionId: string; attempt: number; result: StoredResult; jobId: string },
): Promise<boolean> {
  const rows = await db
    .update(submissions)
    .set({
      status: "queued",
      partialResult: args.result,
      phase: "waiting for the experiment",
      progress: null,
      heartbeatAt: null,
      jobId: args.jobId,
    })
    .where(
      and(
        eq(submissions.id, args.submissionId),
        eq(submissions.attempts, args.attempt),
        eq(submissions.status, "running"),
      ),
    )
    .returning({ id: submissions.id });
  return rows.length > 0;
}
