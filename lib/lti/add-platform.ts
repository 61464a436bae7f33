import "server-only";
import { z } from "zod";
import { insertAudit } from "@/db/queries/instructor-audit";
import { upsertDeployment, upsertPlatform } from "@/db/queries/lti";
import { findOffering } from "@/db/queries/offerings";
import { AppError } from "../errors";
import type { Tx } from "@/db/client";
import { parseInput } from "../validation";
import { requireInstallationInstructor } from "../context";
import { defineVerb } from "../verb";

const endpoint = z
  .url({ error: "must be an http(s) URL" })
  .max(2048)
  .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL");

export const addPlatformInput = z.strictObject({
  issuer: z.string({ error: "is required" }).trim().min(1).max(2048),
  clientId: z.string({ error: "is required" }).trim().min(1).max(255),
  authUrl: endpoint,
  tokenUrl: endpoint,
  jwksUrl: endpoint,
  deploymentId: z.string({ error: "is required" }).trim().min(1).max(255),
  offering: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "must be lowercase letters, digits and dashes")
    .default("default"),
});

/**
 * Registers an LMS (issuer + client id, its OIDC authorisation, token and JWKS endpoints) and one deployment of
 * this tool in it, linked to an offering; registering the same issuer and client again updates the endpoints and
 * adds the deployment. Instructors only (the CLI acts as the operator).
 */
export const addPlatform = defineVerb({
  role: "instructor",
  input: addPlatformInput,
  transaction: true,
  run: (ctx, data, tx) => registerPlatform(tx, data, requireInstallationInstructor(ctx.actor).id),
});

export type PlatformInput = z.input<typeof addPlatformInput>;

/** The verb's body, also called by the CLI (shell access is the authority there; `actorId` null). */
export async function registerPlatform(tx: Tx, input: PlatformInput, actorId: string | null) {
  const data = parseInput(addPlatformInput, input);
  // The deployment's launches enrol into this offering: it must exist (a typo would enrol nobody anywhere visible).
  if (!(await findOffering(tx, data.offering)))
    throw new AppError("validation", `There is no offering '${data.offering}'.`, { offering: "no such offering" });
  const { row, created } = await upsertPlatform(tx, data);
  await upsertDeployment(tx, row.id, data.deploymentId, data.offering);
  await insertAudit(tx, {
    actorId,
    action: "lti.platform",
    details: {
      issuer: data.issuer,
      clientId: data.clientId,
      deploymentId: data.deploymentId,
      offering: data.offering,
      created,
    },
  });
  return {
    id: row.id,
    created,
    issuer: row.issuer,
    clientId: row.clientId,
    deploymentId: data.deploymentId,
    offering: data.offering,
  };
}
