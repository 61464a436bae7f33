import "server-only";
import { z } from "zod";
import { currentResult, findSubmission } from "@/db/queries/submissions";
import { deleteChoice, findLeaderboardSetting, upsertChoice } from "@/db/queries/leaderboards";
import { slugSchema } from "@/lib/content/assignment-schema";
import { AppError } from "../errors";
import { requireAssignment } from "../instructor/context";
import { metricValues } from "./entries";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

const inputSchema = z.strictObject({
  assignment: slugSchema,
  /** The submission to count on the board; null goes back to "my best public score". */
  submissionId: z.uuid({ error: "is not a submission id" }).nullable(),
});

/** A student picks which of their graded submissions counts on an assignment's leaderboard. */
export const chooseSubmission = defineVerb({
  input: inputSchema,
  run: async (ctx, data) => {
    const actor = ctx.actor;
    const { config } = await requireAssignment(data.assignment, ctx.contentDir);
    if (!config.leaderboard) throw new AppError("not_found", `'${data.assignment}' has no leaderboard.`);
    const offering = offeringOf(ctx);
    const setting = await findLeaderboardSetting(ctx.db, data.assignment, offering);
    if (setting.revealedAt)
      throw new AppError("conflict", "The private leaderboard has been revealed; choices are final.");
    if (data.submissionId === null) {
      await deleteChoice(ctx.db, data.assignment, actor.id, offering);
      return { assignment: data.assignment, submissionId: null };
    }
    const sub = await findSubmission(ctx.db, data.submissionId);
    // Another student's submission id looks exactly like a missing one.
    if (!sub || sub.userId !== actor.id || sub.assignment !== data.assignment || sub.offering !== offering)
      throw new AppError("not_found", "No such submission.");
    const result = await currentResult(ctx.db, sub.id);
    const entries = (result?.result as { leaderboard?: unknown } | undefined)?.leaderboard;
    if (metricValues(entries, config.leaderboard.metric).public === null) {
      throw new AppError(
        "conflict",
        "That submission has no leaderboard score (it is not graded yet, or grading failed).",
      );
    }
    if (setting.frozenAt && sub.createdAt > setting.frozenAt)
      throw new AppError("conflict", "The leaderboard is frozen; that submission came after the freeze.");
    await upsertChoice(ctx.db, { offering, assignment: data.assignment, userId: actor.id, submissionId: sub.id });
    return { assignment: data.assignment, submissionId: sub.id };
  },
});
