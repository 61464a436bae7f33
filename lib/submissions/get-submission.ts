import "server-only";
import { z } from "zod";
import { currentResult, findPartialResult, findSubmission, submissionNumber } from "@/db/queries/submissions";
import { listEffectiveAssignments } from "@/lib/content/effective-settings";
import { queueStatus, type QueueStatus } from "@/lib/grading/queue-status";
import { studentView } from "@/lib/grading/student-view";
import { studentProgress } from "./history-progress";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import { staffFor } from "@/lib/context";

const inputSchema = z.object({ id: z.uuid({ error: "is not a submission id" }) });

/**
 * A submission's status, progress and result for its owner (visibility applied) or an instructor (everything).
 * Anyone else gets not_found, so ids of other students' submissions reveal nothing. While it waits or runs, `queue`
 * gives its place and an estimate from measured grading times (lib/grading/wait-estimate.ts); once superseded,
 * `supersededBy` names the newer submission (by its number in the student's history) and `message` says so.
 */
export const getSubmission = defineVerb({
  input: inputSchema,
  run: async (ctx, { id }) => {
    const actor = ctx.actor;
    const sub = await findSubmission(ctx.db, id);
    // Staff of the submission's offering (the active one), or an installation instructor, see everything.
    const instructor = !!sub && staffFor(ctx, sub.offering);
    if (!sub || (sub.userId !== actor.id && !instructor)) throw new AppError("not_found", "No such submission.");
    // Today's due date and rubric visibility (the term's settings over assignment.yaml) decide what the owner sees,
    // of results stored before a change too.
    const entry = instructor
      ? undefined
      : (await listEffectiveAssignments(ctx.db, ctx.contentDir, sub.offering)).find((a) => a.slug === sub.assignment);
    const config = entry?.config;
    const visibility = entry?.visibility;
    const view = (raw: unknown) =>
      instructor ? raw : studentView(raw, { dueDate: config?.due ?? new Date(8.64e15), visibility });
    const pending = sub.status === "queued" || sub.status === "running";
    const partial = pending ? await findPartialResult(ctx.db, sub.id) : null;
    const queue: QueueStatus | null = pending
      ? await queueStatus(ctx.db, { ...sub, jobPhase: partial ? "expensive" : "all" }, { fresh: ctx.freshQueue })
      : null;
    let result: unknown = null;
    if (sub.status === "graded") {
      const row = await currentResult(ctx.db, sub.id);
      if (row) result = view(row.result);
    }
    let supersededBy: { id: string; number: number } | null = null;
    let message: string | null = null;
    if (sub.status === "superseded" && sub.supersededBy) {
      const newer = await findSubmission(ctx.db, sub.supersededBy);
      if (newer) {
        supersededBy = { id: newer.id, number: await submissionNumber(ctx.db, newer) };
        message = `Superseded by submission #${supersededBy.number}, sent before this one's grading started; it was not graded and does not count against your quota.`;
      }
    }
    return {
      id: sub.id,
      assignment: sub.assignment,
      status: sub.status,
      phase: sub.phase,
      // Progress names the running check: a student must not learn hidden ones from it.
      progress: instructor ? sub.progress : studentProgress(sub.progress, config),
      queuePosition: queue?.position ?? null,
      queue,
      attempts: sub.attempts,
      failure: sub.failure,
      supersededBy,
      message,
      createdAt: sub.createdAt,
      gradedAt: sub.gradedAt,
      result,
      /** A two-phase grading's cheap-phase result while the experiment waits (visibility applied). */
      partialResult: partial ? view(partial) : null,
    };
  },
});
