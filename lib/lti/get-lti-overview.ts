import "server-only";
import { listContexts, listPlatforms } from "@/db/queries/lti";
import { listScoreSends } from "@/db/queries/lti-ags";
import { requireInstallationInstructor } from "../context";
import { defineVerb } from "../verb";

/** The console's LTI page: registered platforms and deployments, LMS courses seen, and every score sent or pending. */
export const getLtiOverview = defineVerb({
  role: "instructor",
  run: async (ctx) => {
    requireInstallationInstructor(ctx.actor);
    const [platforms, contexts, scores] = await Promise.all([
      listPlatforms(ctx.db),
      listContexts(ctx.db),
      listScoreSends(ctx.db),
    ]);
    const counts = { pending: 0, sent: 0, failed: 0 };
    for (const s of scores) counts[s.status]++;
    return {
      platforms: platforms.map((p) => ({
        id: p.id,
        issuer: p.issuer,
        clientId: p.clientId,
        authUrl: p.authUrl,
        tokenUrl: p.tokenUrl,
        jwksUrl: p.jwksUrl,
        deployments: p.deployments.map((d) => ({ deploymentId: d.deploymentId, offering: d.offering })),
      })),
      contexts: contexts.map((c) => ({
        platformId: c.platformId,
        issuer: platforms.find((p) => p.id === c.platformId)?.issuer ?? "",
        deploymentId: c.deploymentId,
        contextId: c.contextId,
        title: c.title,
        offering: c.offering,
        roster: c.membershipsUrl !== null,
      })),
      scores,
      counts,
    };
  },
});
