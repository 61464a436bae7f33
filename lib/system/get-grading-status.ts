import "server-only";
import { z } from "zod";
import { parseInput } from "@/lib/validation";
import { defineVerb } from "@/lib/verb";
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

/**
 * This server's grading state for the banner. Only instructors are told (with the fix); for anyone else, and on a
 * server that does not grade in-process, there is nothing to show: null. `recheck` checks again now.
 */
export const getGradingStatus = defineVerb({
  // Not refused: anyone but an instructor is told nothing (null), before the input is even looked at.
  role: "anyone",
  input: z.unknown(),
  run: async (ctx, input): Promise<GradingStatusView | null> => {
    if (ctx.actor?.role !== "instructor") return null;
    const { recheck = false } = parseInput(inputSchema, input);
    const read =
      ctx.prerequisites ??
      (({ recheck }: { recheck: boolean }): Promise<GradingPrerequisites | null> =>
        recheck ? recheckGradingPrerequisites() : gradingPrerequisites());
    const state = await read({ recheck });
    return state ? { ok: state.ok, message: state.message, fix: state.fix, checkedAt: state.checkedAt } : null;
  },
});
