import "server-only";
import { gt, and, eq } from "drizzle-orm";
import { z } from "zod";
import { deadlineExtensions } from "@/db/schema";
import { insertAudit } from "@/db/queries/instructor-audit";
import {
  deleteHiddenRow,
  findLeaderboardSetting,
  insertHiddenRow,
  upsertLeaderboardSetting,
} from "@/db/queries/leaderboards";
import { slugSchema } from "@/lib/content/assignment-schema";
import { AppError } from "../errors";
import { requireEffectiveAssignment } from "@/lib/content/effective-settings";
import { requireStudent } from "../instructor/context";
import { offeringOf } from "../context";
import { defineVerb } from "../verb";

const reason = z.string().trim().min(1, "is required").max(500);
const slug = slugSchema;
const inputSchema = z.discriminatedUnion("action", [
  /** `force` reveals even while some students' extensions are still running. */
  z.strictObject({ assignment: slug, action: z.literal("reveal"), force: z.boolean().default(false) }),
  z.strictObject({ assignment: slug, action: z.literal("unreveal") }),
  z.strictObject({ assignment: slug, action: z.literal("freeze") }),
  z.strictObject({ assignment: slug, action: z.literal("unfreeze") }),
  z.strictObject({ assignment: slug, action: z.literal("hide-row"), userId: z.string().min(1).max(100), reason }),
  z.strictObject({ assignment: slug, action: z.literal("show-row"), userId: z.string().min(1).max(100) }),
]);

/** Instructor leaderboard controls: reveal the private board after the deadline, freeze, hide or show a row. */
export const controlLeaderboard = defineVerb({
  role: "instructor",
  input: inputSchema,
  transaction: true,
  prepare: async (ctx, data) => {
    // The due date that counts is the effective one (an instructor may have moved it this term).
    const { config } = await requireEffectiveAssignment(ctx.db, data.assignment, ctx.contentDir, offeringOf(ctx));
    if (!config.leaderboard) throw new AppError("not_found", `'${data.assignment}' has no leaderboard.`);
    return { config, now: ctx.now ?? new Date() };
  },
  run: async (ctx, data, tx, { config, now }) => {
    const actor = ctx.actor;
    const offering = offeringOf(ctx);
    const before = await findLeaderboardSetting(tx, data.assignment, offering);
    const details: Record<string, unknown> = {};
    switch (data.action) {
      case "reveal": {
        if (now < config.due)
          throw new AppError(
            "conflict",
            `The private leaderboard can be revealed after the due date (${config.due.toISOString()}).`,
          );
        const running = await tx
          .select({ userId: deadlineExtensions.userId })
          .from(deadlineExtensions)
          .where(
            and(
              eq(deadlineExtensions.offering, offering),
              eq(deadlineExtensions.assignment, data.assignment),
              gt(deadlineExtensions.until, now),
            ),
          );
        if (running.length > 0 && !data.force) {
          throw new AppError(
            "conflict",
            `${running.length} student(s) still have a deadline extension running; wait, or reveal anyway with force.`,
          );
        }
        await upsertLeaderboardSetting(tx, data.assignment, { revealedAt: now }, actor.id, offering);
        details.extensionsRunning = running.length;
        break;
      }
      case "unreveal":
        await upsertLeaderboardSetting(tx, data.assignment, { revealedAt: null }, actor.id, offering);
        break;
      case "freeze":
        await upsertLeaderboardSetting(tx, data.assignment, { frozenAt: before.frozenAt ?? now }, actor.id, offering);
        break;
      case "unfreeze":
        await upsertLeaderboardSetting(tx, data.assignment, { frozenAt: null }, actor.id, offering);
        break;
      case "hide-row":
        await requireStudent(tx, data.userId, offering);
        if (
          !(await insertHiddenRow(tx, {
            offering,
            assignment: data.assignment,
            userId: data.userId,
            reason: data.reason,
            hiddenBy: actor.id,
          }))
        ) {
          throw new AppError("conflict", "That row is already hidden.");
        }
        details.reason = data.reason;
        break;
      case "show-row":
        if (!(await deleteHiddenRow(tx, data.assignment, data.userId, offering)))
          throw new AppError("not_found", "That row is not hidden.");
        break;
    }
    await insertAudit(tx, {
      actorId: actor.id,
      offering,
      action: `leaderboard.${data.action}`,
      assignment: data.assignment,
      subjectUserId: "userId" in data ? data.userId : null,
      details: {
        ...details,
        before: {
          revealedAt: before.revealedAt?.toISOString() ?? null,
          frozenAt: before.frozenAt?.toISOString() ?? null,
        },
      },
    });
    return findLeaderboardSetting(tx, data.assignment, offering);
  },
});
