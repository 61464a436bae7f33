/**
 * What a student may see of a submission's live progress. The engine reports `{ phase, check?, epoch?, metrics?,
 * message? }`; while a hidden check runs (or an after-due-date one, before the due date) its id, metrics and
 * message would tell the student about the hidden check, so only the phase and epoch remain, marked `hidden`.
 */
import type { AssignmentConfig } from "@/lib/content/assignment-schema";

export function studentProgress(
  progress: unknown,
  config: AssignmentConfig | undefined,
  now: Date = new Date(),
): unknown {
  if (!progress || typeof progress !== "object" || Array.isArray(progress)) return progress;
  const p = progress as Record<string, unknown>;
  if (p.check === undefined || p.check === null) return progress;
  const item = config?.rubric.find((r) => r.check === p.check);
  const visible = item
    ? item.visibility === "visible" || (item.visibility === "after_due_date" && now >= config!.due)
    : false;
  if (visible) return progress;
  return { phase: p.phase, ...(typeof p.epoch === "number" ? { epoch: p.epoch } : {}), hidden: true };
}
