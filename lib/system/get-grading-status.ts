import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/context";
import { parseInput } from "@/lib/validation";
import { gradingPrerequisites, recheckGradingPrerequisites } from "./grading-status";
import type { GradingPrerequisites } from "./grading-prerequisites";

/** What the instructor banner shows. */
export interface GradingStatusView {
  ok: boolean;
  message: string;
  fix: string | null;
  checkedAt: string;
}

const inputSchema = z.strictObject({ recheck: z.boolean().optional() });

export interface GradingStatusContext {
  actor: Actor | null;
  /** The prerequisite state (tests inject one); defaults to this server's (lib/system/grading-status.ts). */
  prerequisites?: (opts: { recheck: boolean }) => Promise<GradingPrerequisites | null>;
}

/**
 * This server's grading state for the banner. Only instructors are told (with the fix); for anyone else, and on a
 * server that does not grade in-process, there is nothing to show: null. `recheck` checks again now.
 */
export async function getGradingStatus({ ctx, input }: { ctx: GradingStatusContext; input: unknown }): Promise<GradingStatusView | null> {
  if (ctx.actor?.role !== "instructor") return null;
  const { recheck = false } = parseInput(inputSchema, input);
  const read = ctx.prerequisites ?? (({ recheck }) => (recheck ? recheckGradingPrerequisites() : gradingPrerequisites()));
  const state = await read({ recheck });
  return state ? { ok: state.ok, message: state.message, fix: state.fix, checkedAt: state.checkedAt } : null;
}
