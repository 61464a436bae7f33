import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consumeLoginState, insertDeepLink, recordNonce, upsertContext, upsertResourceLink } from "@/db/queries/lti";
import { upsertMember } from "@/db/queries/lti-ags";
import { findUserById, type UserRow } from "@/db/queries/users";
import type { OfferingRole } from "@/db/schema";
import { listAssignments } from "../content/assignments";
import { AppError } from "../errors";
import { offeringContentDir } from "../offerings/offering-course";
import { FIRST_USER_LOCK } from "../users/create-user";
import { LTI, offeringRole } from "./claims";
import { enrolLtiUser, findOrCreateLtiUser } from "./lti-user";
import type { VerifiedLaunch } from "./verify-launch";

/** How long an instructor has to pick assignments after a deep-linking launch. */
export const DEEP_LINK_TTL_MS = 30 * 60 * 1000;

export interface LaunchOutcome {
  user: UserRow;
  role: OfferingRole;
  offering: string;
  /** The path inside this site the browser goes to next. */
  redirectTo: string;
  messageType: "LtiResourceLinkRequest" | "LtiDeepLinkingRequest";
}

/**
 * After verifyLaunch: in one transaction, consumes the state and the nonce (a second launch with either is a
 * replay and creates nothing), finds or creates the user, enrols them in the deployment's offering with the role
 * the LMS sent, records the context and resource link (its assignment and AGS line item), and says where to go.
 */
export async function completeLaunch(
  db: Db,
  launch: VerifiedLaunch,
  opts: { now?: Date; contentDir?: string } = {},
): Promise<LaunchOutcome> {
  const now = opts.now ?? new Date();
  const { claims, platform, offering } = launch;
  const role = offeringRole(claims[LTI.roles]);
  const assignment = await linkedAssignment(claims, opts.contentDir ?? (await offeringContentDir(db, offering)));
  const deepLinking = claims[LTI.messageType] === "LtiDeepLinkingRequest";
  const settings = claims[LTI.deepLinking];
  if (deepLinking && role !== "instructor") {
    throw new AppError(
      "forbidden",
      "LTI launch refused: only an instructor of the LMS course can add Unlabeled assignments to it.",
    );
  }
  if (deepLinking && (!settings || !settings.accept_types.includes("ltiResourceLink"))) {
    throw new AppError(
      "validation",
      "LTI launch refused: the deep-linking request does not accept LTI resource links.",
    );
  }
  return db.transaction(async (tx) => {
    if (!(await consumeLoginState(tx, launch.state, now))) {
      throw new AppError("unauthenticated", "LTI launch refused: this login was already used (a replayed launch).");
    }
    if (!(await recordNonce(tx, platform.id, claims.nonce))) {
      throw new AppError("unauthenticated", "LTI launch refused: the id_token's nonce was already used (a replay).");
    }
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_USER_LOCK})`);
    const user = await findOrCreateLtiUser(tx, platform.id, claims, role);
    await enrolLtiUser(tx, { issuer: platform.issuer, offering, user, role, source: "lti" });
    const context = claims[LTI.context];
    const deploymentId = claims[LTI.deploymentId];
    await upsertContext(
      tx,
      { platformId: platform.id, deploymentId, contextId: context.id, offering, title: context.title ?? null },
      claims[LTI.nrps]?.context_memberships_url ?? null,
    );
    await upsertMember(tx, {
      platformId: platform.id,
      contextId: context.id,
      userId: user.id,
      sub: claims.sub,
      source: "launch",
    });
    const link = claims[LTI.resourceLink];
    if (link) {
      await upsertResourceLink(tx, {
        platformId: platform.id,
        resourceLinkId: link.id,
        deploymentId,
        contextId: context.id,
        assignment,
        lineItemUrl: claims[LTI.ags]?.lineitem ?? null,
      });
    }
    const messageType = claims[LTI.messageType];
    let redirectTo = assignment ? `/assignments/${assignment}` : "/";
    if (deepLinking && settings) {
      const id = await insertDeepLink(tx, {
        platformId: platform.id,
        deploymentId,
        returnUrl: settings.deep_link_return_url,
        data: settings.data ?? null,
        acceptMultiple: settings.accept_multiple === false ? 0 : 1,
        userId: user.id,
        expiresAt: new Date(now.getTime() + DEEP_LINK_TTL_MS),
      });
      redirectTo = `/lti/deep-link/${id}`;
    }
    return { user: (await findUserById(tx, user.id)) ?? user, role, offering, redirectTo, messageType };
  });
}

/** The assignment a launch opens: the `assignment` custom parameter, else a target_link_uri of /assignments/<slug>. */
async function linkedAssignment(claims: VerifiedLaunch["claims"], contentDir?: string): Promise<string | null> {
  const custom = claims[LTI.custom]?.assignment;
  let slug = typeof custom === "string" ? custom : null;
  if (!slug)
    slug = /^\/assignments\/([a-z0-9-]{1,64})\/?$/.exec(new URL(claims[LTI.targetLinkUri]).pathname)?.[1] ?? null;
  if (!slug) return null;
  const known = (await listAssignments(contentDir)).some((a) => a.slug === slug);
  return known ? slug : null;
}
