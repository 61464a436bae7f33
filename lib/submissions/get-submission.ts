import "server-only";
import { z } from "zod";
import { currentResult, findSubmission, queuePosition } from "@/db/queries/submissions";
import { listAssignments } from "@/lib/content/assignments";
import { studentView } from "@/lib/grading/student-view";
import { studentProgress } from "./history-progress";
import { authorize, type ServiceContext } from "../context";
import { AppError } from "../errors";
import { parseInput } from "../validation";

const inputSchema = z.object({ id: z.uuid({ error: "is not a submission id" }) });

/**
 * A submission's status, progress and result for its owner (visibility applied) or an instructor (everything).
 * Anyone else gets not_found, so ids of other students' submissions reveal nothing.
 */
export async function getSubmission({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  const actor = authorize(ctx.actor);
  const { id } = parseInput(inputSchema, input);
  const sub = await findSubmission(ctx.db, id);
  const instructor = actor.role === "instructor";
  if (!sub || (sub.userId !== actor.id && !instructor)) throw new AppError("not_found", "No such submission.");
  const position = sub.status === "queued" ? await queuePosition(ctx.db, sub) : null;
  let result: unknown = null;
  const config = instructor ? undefined : (await listAssignments()).find((a) => a.slug === sub.assignment)?.config;
  if (sub.status === "graded") {
    const row = await currentResult(ctx.db, sub.id);
    if (row) {
      if (instructor) result = row.result;
      else result = studentView(row.result, { dueDate: config?.due ?? new Date(8.64e15) });
    }
  }
  return {
    id: sub.id,
    assignment: sub.assignment,
    status: sub.status,
    phase: sub.phase,
    // Progress names the running check: a student must not learn hidden ones from it.
    progress: instructor ? sub.progress : studentProgress(sub.progress, config),
    queuePosition: position,
    attempts: sub.attempts,
    failure: sub.failure,
    createdAt: sub.createdAt,
    gradedAt: sub.gradedAt,
    result,
  };
}
