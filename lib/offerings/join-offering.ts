import "server-only";
import { z } from "zod";
import { insertAudit } from "@/db/queries/instructor-audit";
import type { Tx } from "@/db/client";
import {
  findOfferingByJoinCode,
  hasSubmissionsIn,
  insertEnrolmentIfAbsent,
  listUserEnrolments,
} from "@/db/queries/offerings";
import { DEFAULT_OFFERING, type Role } from "@/db/schema";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import { normaliseJoinCode } from "./join-code";
import { assertJoinAllowed, clearWrongJoinCodes, recordWrongJoinCode } from "./join-throttle";
import { offeringRole } from "./membership";

const inputSchema = z.strictObject({
  code: z.string({ error: "is required" }).trim().min(1, "is required").max(64, "is too long"),
});

/** One message for a wrong code and a disabled one: a guesser learns nothing from the difference. */
export const BAD_JOIN_CODE = "That join code is not valid, or joining this offering is turned off.";

/**
 * A student who is in the default offering only because they have no enrolment (lib/offerings/membership.ts) would
 * leave it by joining another; one who has submitted there is enrolled in it explicitly first, so their work stays
 * on its roster and grade table.
 */
async function keepDefaultMembership(tx: Tx, user: { id: string; role: Role }): Promise<void> {
  if (user.role !== "student" || (await listUserEnrolments(tx, user.id)).length > 0) return;
  if (!(await hasSubmissionsIn(tx, user.id, DEFAULT_OFFERING))) return;
  await insertEnrolmentIfAbsent(tx, {
    offering: DEFAULT_OFFERING,
    userId: user.id,
    role: "student",
    source: "default",
  });
}

/**
 * A signed-in user enrols as a student with an offering's join code (source "join-code", audited offering.join).
 * Wrong, disabled or archived: 404 and nothing is written but a count of wrong codes (lib/offerings/join-throttle.ts;
 * too many: 429 before the code is looked at). Already in the offering: nothing changes (idempotent; a TA or
 * instructor stays one).
 */
export const joinOffering = defineVerb({
  input: inputSchema,
  transaction: true,
  prepare: async (ctx, data) => {
    const who = { userId: ctx.actor.id, ip: ctx.clientIp };
    await assertJoinAllowed(ctx.db, who, ctx.now);
    const offering = await findOfferingByJoinCode(ctx.db, normaliseJoinCode(data.code));
    if (!offering || !offering.joinEnabled || offering.archived) {
      await recordWrongJoinCode(ctx.db, who, ctx.now);
      throw new AppError("not_found", BAD_JOIN_CODE);
    }
  },
  run: async (ctx, data, tx) => {
    const actor = ctx.actor;
    const offering = await findOfferingByJoinCode(tx, normaliseJoinCode(data.code));
    if (!offering || !offering.joinEnabled || offering.archived) throw new AppError("not_found", BAD_JOIN_CODE);
    const user = { id: actor.id, role: actor.globalRole ?? actor.role };
    const role = await offeringRole(tx, user, offering.slug);
    if (role === null) await keepDefaultMembership(tx, user);
    const joined =
      role === null
        ? await insertEnrolmentIfAbsent(tx, {
            offering: offering.slug,
            userId: actor.id,
            role: "student",
            source: "join-code",
          })
        : false;
    if (joined)
      await insertAudit(tx, {
        actorId: actor.id,
        offering: offering.slug,
        action: "offering.join",
        subjectUserId: actor.id,
        details: { via: "join-code" },
      });
    await clearWrongJoinCodes(tx, actor.id);
    return { offering: offering.slug, title: offering.title, joined, role: role ?? "student" };
  },
});
