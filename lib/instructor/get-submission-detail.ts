import "server-only";
import { z } from "zod";
import { findSubmissionDetail, listResultHistory } from "@/db/queries/instructor-grades";
import { authorize, type ServiceContext } from "../context";
import { AppError } from "../errors";
import { parseInput } from "../validation";

const inputSchema = z.strictObject({ id: z.uuid({ error: "is not a submission id" }) });

/** The instructor's drill-down: source, owner, status, and every result (current first), hidden checks included. */
export async function getSubmissionDetail({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "instructor");
  const { id } = parseInput(inputSchema, input);
  const sub = await findSubmissionDetail(ctx.db, id);
  if (!sub) throw new AppError("not_found", "No such submission.");
  const history = await listResultHistory(ctx.db, id);
  return { ...sub, current: history.find((r) => r.current) ?? null, history };
}

/** The stored Gradescope-compatible result JSON of a submission (its current result, or one from its history). */
export async function getResultJson({ ctx, input }: { ctx: ServiceContext; input: unknown }) {
  authorize(ctx.actor, "instructor");
  const data = parseInput(z.strictObject({ id: z.uuid({ error: "is not a submission id" }), result: z.uuid().optional() }), input);
  const history = await listResultHistory(ctx.db, data.id);
  const row = data.result ? history.find((r) => r.id === data.result) : history.find((r) => r.current);
  if (!row) throw new AppError("not_found", "That submission has no such result.");
  return { submissionId: data.id, resultId: row.id, result: row.result };
}
