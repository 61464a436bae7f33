import "server-only";
import { z } from "zod";

/**
 * How fast the queue notices a dead grader. Defaults suit production (a training check may pause a few seconds);
 * tests and small deployments shorten them through the environment:
 * - GRADER_HEARTBEAT_MS (default 5000): how often a grader marks its running submission alive;
 * - GRADER_STALE_AFTER_MS (default 60000): a running submission without a heartbeat this long is handed back;
 * - GRADER_LOST_AFTER_MS (default 120000): a queued submission this old whose job is gone is enqueued again;
 * - GRADER_SWEEP_MS (default 15000): how often each grader looks for such work.
 */
export interface GradingTiming {
  heartbeatMs: number;
  staleAfterMs: number;
  lostAfterMs: number;
  sweepMs: number;
}

export const DEFAULT_TIMING: GradingTiming = {
  heartbeatMs: 5_000,
  staleAfterMs: 60_000,
  lostAfterMs: 120_000,
  sweepMs: 15_000,
};

const ms = (name: string, min: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > 86_400_000) {
        ctx.addIssue({
          code: "custom",
          message: `${name} must be a whole number of milliseconds from ${min} to 86400000, not '${v}'`,
        });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z
  .object({
    GRADER_HEARTBEAT_MS: ms("GRADER_HEARTBEAT_MS", 100, DEFAULT_TIMING.heartbeatMs),
    GRADER_STALE_AFTER_MS: ms("GRADER_STALE_AFTER_MS", 500, DEFAULT_TIMING.staleAfterMs),
    GRADER_LOST_AFTER_MS: ms("GRADER_LOST_AFTER_MS", 500, DEFAULT_TIMING.lostAfterMs),
    GRADER_SWEEP_MS: ms("GRADER_SWEEP_MS", 100, DEFAULT_TIMING.sweepMs),
  })
  .transform((e) => ({
    heartbeatMs: e.GRADER_HEARTBEAT_MS,
    staleAfterMs: e.GRADER_STALE_AFTER_MS,
    lostAfterMs: e.GRADER_LOST_AFTER_MS,
    sweepMs: e.GRADER_SWEEP_MS,
  }))
  .refine((t) => t.heartbeatMs * 2 <= t.staleAfterMs, {
    message: "GRADER_STALE_AFTER_MS must be at least twice GRADER_HEARTBEAT_MS, or live graders would look dead",
  });

/** Reads the timing from the environment; a bad value is an error that names the variable. */
export function gradingTiming(env: Record<string, string | undefined> = process.env): GradingTiming {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Bad grading timing: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}
