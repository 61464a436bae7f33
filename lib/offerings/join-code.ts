import "server-only";
import { randomInt } from "node:crypto";
import { z } from "zod";
import { insertAudit } from "@/db/queries/instructor-audit";
import type { Tx } from "@/db/client";
import { findOffering, updateJoin } from "@/db/queries/offerings";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import { OFFERING_SLUG } from "./active-offering";
import { requireManagedOffering } from "./offering-access";

/** No 0/O, 1/I/L: a code read aloud or off a slide is typed right. 10 characters of 31: about 50 bits. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const JOIN_CODE_LENGTH = 10;

export function newJoinCode(): string {
  let s = "";
  for (let i = 0; i < JOIN_CODE_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** What a student types, normalised: case and spaces and dashes do not matter. */
export function normaliseJoinCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, "");
}

const inputSchema = z.strictObject({
  offering: z.string({ error: "is required" }).regex(OFFERING_SLUG, "is not an offering slug"),
  /** enable (makes a code when there is none), disable (the code stays, refused), regenerate (the old one dies). */
  action: z.enum(["enable", "disable", "regenerate"], { error: "must be enable, disable or regenerate" }),
});

/** An instructor turns an offering's join code on or off, or replaces it; audited as offering.join-code. */
export const setJoinCode = defineVerb({
  role: "instructor",
  input: inputSchema,
  transaction: true,
  run: async (ctx, data, tx) => {
    await requireManagedOffering(tx, ctx, data.offering);
    return applyJoinCode(tx, ctx.actor.id, data);
  },
});

export type JoinCodeAction = z.infer<typeof inputSchema>["action"];

/** The verb's body, for the CLI too (`actorId` null: the shell operator). */
export async function applyJoinCode(
  tx: Tx,
  actorId: string | null,
  data: { offering: string; action: JoinCodeAction },
) {
  const before = await findOffering(tx, data.offering);
  if (!before) throw new AppError("not_found", "There is no such offering.");
  const patch: { joinEnabled?: boolean; joinCode?: string } = {};
  if (data.action === "disable") patch.joinEnabled = false;
  if (data.action === "enable") patch.joinEnabled = true;
  if (data.action === "regenerate" || (data.action === "enable" && !before.joinCode)) patch.joinCode = newJoinCode();
  const after = (await updateJoin(tx, data.offering, patch))!;
  await insertAudit(tx, {
    actorId,
    offering: data.offering,
    action: "offering.join-code",
    // The code itself is not audited: the log is readable by TAs, the code is the instructor's to hand out.
    details: { action: data.action, enabled: after.joinEnabled, regenerated: "joinCode" in patch },
  });
  return { offering: after.slug, joinCode: after.joinCode, joinEnabled: after.joinEnabled };
}
