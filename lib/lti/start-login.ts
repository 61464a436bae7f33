import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import { deleteExpiredLoginStates, deleteOldNonces, findPlatforms, insertLoginState } from "@/db/queries/lti";
import { AppError } from "../errors";
import { parseInput } from "../validation";

export const LOGIN_TTL_MS = 10 * 60 * 1000;
/** How long an accepted id_token nonce is remembered: far beyond any token age verify-launch accepts. */
export const NONCE_KEEP_MS = 60 * 60 * 1000;

export const loginInputSchema = z.object({
  iss: z.string({ error: "is required" }).min(1).max(2048),
  login_hint: z.string({ error: "is required" }).min(1).max(2048),
  target_link_uri: z.url({ error: "must be a URL" }).max(2048),
  lti_message_hint: z.string().max(4096).optional(),
  client_id: z.string().min(1).max(255).optional(),
  lti_deployment_id: z.string().min(1).max(255).optional(),
});

export interface LoginRedirect {
  /** Where the browser goes next: the platform's OIDC authorisation endpoint. */
  location: string;
  state: string;
}

/** The cookie that binds a login's state to the browser that started it (checked by the launch). */
export function stateCookieName(state: string): string {
  return `lti-state-${crypto.createHash("sha256").update(state).digest("hex").slice(0, 16)}`;
}

/**
 * OIDC third-party login initiation (LTI 1.3 Core §5.1.1 / Security Framework §5.1.1.1): finds the platform by
 * issuer (and client id when it sends one), refuses a target outside this tool, stores a fresh state and nonce,
 * and sends the browser to the platform's authorisation endpoint with `response_mode=form_post`.
 */
export async function startLogin(db: Db, input: unknown, toolOrigin: string, now = new Date()): Promise<LoginRedirect> {
  const data = parseInput(loginInputSchema, input);
  const platforms = await findPlatforms(db, data.iss, data.client_id);
  if (platforms.length === 0) {
    throw new AppError(
      "not_found",
      `LTI login refused: no platform with issuer "${data.iss.slice(0, 200)}" is registered.`,
    );
  }
  if (platforms.length > 1) {
    throw new AppError(
      "validation",
      "LTI login refused: several registrations share this issuer; the LMS must send client_id.",
    );
  }
  const platform = platforms[0]!;
  if (new URL(data.target_link_uri).origin !== toolOrigin) {
    throw new AppError("validation", "LTI login refused: target_link_uri is not on this tool.", {
      target_link_uri: `must start with ${toolOrigin}`,
    });
  }
  const state = crypto.randomBytes(32).toString("base64url");
  const nonce = crypto.randomBytes(32).toString("base64url");
  await deleteExpiredLoginStates(db, new Date(now.getTime() - LOGIN_TTL_MS));
  // A nonce row only matters while a token carrying it could still be accepted (its iat at most MAX_TOKEN_AGE_S old,
  // plus the clock skew); an hour is well past that, so the table stays the size of the last hour's launches.
  await deleteOldNonces(db, new Date(now.getTime() - NONCE_KEEP_MS));
  await insertLoginState(db, {
    state,
    nonce,
    platformId: platform.id,
    targetLinkUri: data.target_link_uri,
    expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
  });
  const auth = new URL(platform.authUrl);
  const params: Record<string, string> = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.clientId,
    redirect_uri: `${toolOrigin}/api/lti/launch`,
    login_hint: data.login_hint,
    state,
    nonce,
  };
  if (data.lti_message_hint) params.lti_message_hint = data.lti_message_hint;
  for (const [k, v] of Object.entries(params)) auth.searchParams.set(k, v);
  return { location: auth.toString(), state };
}
