import "server-only";
import crypto from "node:crypto";
import { SignJWT } from "jose";
import { z } from "zod";
import { consumeDeepLink, findDeepLink, findPlatformById } from "@/db/queries/lti";
import { listAssignments } from "../content/assignments";
import { AppError } from "../errors";
import { defineVerb } from "../verb";
import { TOOL_ALG, toolSigningKey } from "./keys";

export const respondDeepLinkInput = z.strictObject({
  id: z.uuid({ error: "is not a deep-linking request id" }),
  assignments: z
    .array(z.string().regex(/^[a-z0-9-]{1,64}$/, "is not an assignment slug"))
    .min(1, "pick at least one assignment")
    .max(50),
  toolOrigin: z.url(),
});

const DL = "https://purl.imsglobal.org/spec/lti-dl/claim";
const CORE = "https://purl.imsglobal.org/spec/lti/claim";

/** Whether the deep-linking request `id` is this instructor's, unanswered and unexpired; what the picker shows. */
export async function loadDeepLink(
  db: Parameters<typeof findDeepLink>[0],
  id: string,
  userId: string,
  now = new Date(),
) {
  const row = z.uuid().safeParse(id).success ? await findDeepLink(db, id) : null;
  if (!row || row.userId !== userId)
    throw new AppError("not_found", "There is no such request to add assignments to your LMS.");
  if (row.usedAt)
    throw new AppError(
      "conflict",
      "These assignments were already sent to your LMS; start again from the LMS to add more.",
    );
  if (row.expiresAt <= now) throw new AppError("conflict", "This request expired; start again from the LMS.");
  return row;
}

/**
 * Answers a deep-linking request (Deep Linking 2.0 §4.2): an LtiDeepLinkingResponse JWT signed with the tool's key
 * (iss = the client id, aud = the platform), one ltiResourceLink per picked assignment, each with a line item of
 * the assignment's points so the LMS makes the gradebook column AGS then fills. The form the browser posts it
 * with goes to the request's return URL. Single use.
 */
export const respondDeepLink = defineVerb({
  role: "instructor",
  input: respondDeepLinkInput,
  run: async (ctx, data) => {
    const now = ctx.now ?? new Date();
    const request = await loadDeepLink(ctx.db, data.id, ctx.actor.id, now);
    const platform = await findPlatformById(ctx.db, request.platformId);
    if (!platform) throw new AppError("not_found", "The LMS of this request is no longer registered.");
    const all = await listAssignments(ctx.contentDir);
    const picked = [...new Set(data.assignments)].map((slug) => {
      const found = all.find((a) => a.slug === slug);
      if (!found)
        throw new AppError("validation", `There is no assignment '${slug}'.`, { assignments: `unknown: ${slug}` });
      return found;
    });
    if (!request.acceptMultiple && picked.length > 1) {
      throw new AppError("validation", "Your LMS accepts one assignment here: pick one.", { assignments: "pick one" });
    }
    const items = picked.map(({ slug, config }) => ({
      type: "ltiResourceLink",
      title: config.title,
      url: `${data.toolOrigin}/assignments/${slug}`,
      custom: { assignment: slug },
      lineItem: { scoreMaximum: config.points, label: config.title, resourceId: slug },
    }));
    const signing = await toolSigningKey(ctx.db);
    const seconds = Math.floor(now.getTime() / 1000);
    const claims: Record<string, unknown> = {
      nonce: crypto.randomUUID(),
      [`${CORE}/message_type`]: "LtiDeepLinkingResponse",
      [`${CORE}/version`]: "1.3.0",
      [`${CORE}/deployment_id`]: request.deploymentId,
      [`${DL}/content_items`]: items,
      [`${DL}/msg`]: `Added ${items.length} Unlabeled assignment${items.length === 1 ? "" : "s"}.`,
    };
    if (request.data !== null) claims[`${DL}/data`] = request.data;
    const jwt = await new SignJWT(claims)
      .setProtectedHeader({ alg: TOOL_ALG, kid: signing.kid, typ: "JWT" })
      .setIssuer(platform.clientId)
      .setAudience(platform.issuer)
      .setIssuedAt(seconds)
      .setExpirationTime(seconds + 300)
      .sign(signing.key);
    const fresh = await ctx.db.transaction((tx) => consumeDeepLink(tx, request.id, now));
    if (!fresh) throw new AppError("conflict", "These assignments were already sent to your LMS.");
    return { returnUrl: request.returnUrl, jwt, items: items.map((i) => i.custom.assignment) };
  },
});
