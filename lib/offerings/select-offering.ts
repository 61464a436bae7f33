import "server-only";
import { z } from "zod";
import { serializeCookie } from "../auth/session-cookie";
import { defineVerb } from "../verb";
import { OFFERING_COOKIE, OFFERING_SLUG, resolveActiveOffering } from "./active-offering";

const inputSchema = z.strictObject({
  offering: z.string({ error: "is required" }).regex(OFFERING_SLUG, "is not an offering slug"),
});

/** The offering switcher: checks that the user may select it (403 otherwise, nothing leaks) and says their role. */
export const selectOffering = defineVerb({
  input: inputSchema,
  run: async (ctx, data) => {
    const user = { id: ctx.actor.id, role: ctx.actor.globalRole ?? ctx.actor.role };
    return resolveActiveOffering(ctx.db, user, { requested: data.offering });
  },
});

/** The switcher's cookie: a year, the whole site, never readable by scripts. */
export function offeringCookie(offering: string, secure: boolean): string {
  return serializeCookie(OFFERING_COOKIE, offering, { maxAge: 365 * 24 * 3600, secure, sameSite: "Lax", path: "/" });
}
