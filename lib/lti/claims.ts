import "server-only";
import { z } from "zod";
import type { OfferingRole } from "@/db/schema";

/** Claim names of LTI 1.3 Core, Deep Linking 2.0, AGS and NRPS (1EdTech). */
export const LTI = {
  messageType: "https://purl.imsglobal.org/spec/lti/claim/message_type",
  version: "https://purl.imsglobal.org/spec/lti/claim/version",
  deploymentId: "https://purl.imsglobal.org/spec/lti/claim/deployment_id",
  targetLinkUri: "https://purl.imsglobal.org/spec/lti/claim/target_link_uri",
  resourceLink: "https://purl.imsglobal.org/spec/lti/claim/resource_link",
  roles: "https://purl.imsglobal.org/spec/lti/claim/roles",
  context: "https://purl.imsglobal.org/spec/lti/claim/context",
  custom: "https://purl.imsglobal.org/spec/lti/claim/custom",
  ags: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  nrps: "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
  deepLinking: "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
} as const;

const id = z.string().min(1).max(255);
const url = z.url().max(2048);

/** The claims a launch must carry, after jose has checked the signature, issuer, audience and times. */
export const launchClaimsSchema = z.object({
  sub: id,
  nonce: z.string().min(1).max(255),
  email: z.string().max(254).optional(),
  name: z.string().max(200).optional(),
  given_name: z.string().max(100).optional(),
  family_name: z.string().max(100).optional(),
  azp: z.string().optional(),
  [LTI.messageType]: z.enum(["LtiResourceLinkRequest", "LtiDeepLinkingRequest"]),
  [LTI.version]: z.literal("1.3.0"),
  [LTI.deploymentId]: id,
  [LTI.targetLinkUri]: url,
  [LTI.roles]: z.array(z.string().max(255)).max(100),
  [LTI.context]: z.object({ id, title: z.string().max(255).optional(), label: z.string().max(255).optional() }),
  [LTI.resourceLink]: z.object({ id, title: z.string().max(255).optional() }).optional(),
  [LTI.custom]: z.record(z.string(), z.unknown()).optional(),
  [LTI.ags]: z
    .object({ scope: z.array(z.string()).optional(), lineitems: url.optional(), lineitem: url.optional() })
    .optional(),
  [LTI.nrps]: z.object({ context_memberships_url: url }).optional(),
  [LTI.deepLinking]: z
    .object({
      deep_link_return_url: url,
      accept_types: z.array(z.string()),
      accept_multiple: z.boolean().optional(),
      data: z.string().max(4096).optional(),
    })
    .optional(),
});
export type LaunchClaims = z.infer<typeof launchClaimsSchema>;

const MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership";

/**
 * The offering role from the context (membership) roles; institution and system roles do not count, as LTI says.
 * A teaching assistant (the Instructor#TeachingAssistant sub-role) is a TA even when the platform also sends the
 * Instructor principal role; an unknown or missing role is a student, never more.
 */
export function offeringRole(roles: readonly string[]): OfferingRole {
  const has = (r: string) => roles.includes(`${MEMBERSHIP}${r}`) || roles.includes(r.replace(/^#/, ""));
  if (roles.includes(`${MEMBERSHIP}/Instructor#TeachingAssistant`)) return "ta";
  if (has("#Instructor") || has("#Administrator")) return "instructor";
  return "student";
}
