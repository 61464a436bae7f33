import "server-only";
import crypto from "node:crypto";
import { SignJWT } from "jose";
import type { Db } from "@/db/client";
import type { PlatformRow } from "@/db/queries/lti";
import { TOOL_ALG, toolSigningKey } from "../keys";

export const SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";
export const NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

const cache = new Map<string, { token: string; expiresAt: number }>();

/** Forgets cached access tokens (tests; a platform that revoked one answers 401 and the next try asks again). */
export function clearTokenCache(): void {
  cache.clear();
}

/**
 * An OAuth 2 access token for LTI services (Security Framework §4.1: client_credentials with a JWT client
 * assertion signed by the tool's key, `aud` the token endpoint), cached until a minute before it expires.
 */
export async function serviceToken(
  db: Db,
  platform: PlatformRow,
  scopes: string[],
  fetchImpl: FetchLike = fetch,
  now = Date.now(),
): Promise<string> {
  const key = `${platform.id} ${scopes.join(" ")}`;
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now + 60_000) return hit.token;
  const signing = await toolSigningKey(db);
  const assertion = await new SignJWT({ jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: TOOL_ALG, kid: signing.kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + 300)
    .sign(signing.key);
  const res = await fetchImpl(platform.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
      scope: scopes.join(" "),
    }).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`the token endpoint answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
  const body = (await res.json()) as { access_token?: unknown; expires_in?: unknown };
  if (typeof body.access_token !== "string") throw new Error("the token endpoint sent no access_token");
  const ttl = typeof body.expires_in === "number" ? body.expires_in : 3600;
  cache.set(key, { token: body.access_token, expiresAt: now + ttl * 1000 });
  return body.access_token;
}
