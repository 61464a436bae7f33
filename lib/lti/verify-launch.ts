import "server-only";
import crypto from "node:crypto";
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import { z } from "zod";
import type { Db } from "@/db/client";
import { findDeployment, findLoginState, findPlatformById, type PlatformRow } from "@/db/queries/lti";
import { AppError } from "../errors";
import { parseInput } from "../validation";
import { LTI, type LaunchClaims, launchClaimsSchema } from "./claims";
import { type PlatformKeyCache, platformKeys } from "./platform-keys";

/** Clock skew allowed on exp/iat/nbf, and the oldest iat accepted. */
export const CLOCK_SKEW_S = 60;
export const MAX_TOKEN_AGE_S = 600;

export const launchInputSchema = z.object({
  id_token: z
    .string({ error: "is required" })
    .min(10)
    .max(64 * 1024),
  state: z.string({ error: "is required" }).min(16).max(200),
});

export interface VerifiedLaunch {
  platform: PlatformRow;
  state: string;
  claims: LaunchClaims;
  offering: string;
}

const refuse = (message: string) => new AppError("unauthenticated", `LTI launch refused: ${message}`);

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Checks an LTI 1.3 launch (Core §5.1.3, Security Framework §5.1.3) and writes nothing: the state must be one this
 * tool issued, unused, unexpired and bound to this browser (its cookie); the id_token must be RS256, signed by a
 * key of the platform that state was issued for (its JWKS), for this tool (`aud`, and `azp` when several
 * audiences), unexpired, issued recently, echo the state's nonce, and name a registered deployment.
 * `completeLaunch` then consumes the state and nonce in its transaction.
 */
export async function verifyLaunch(
  db: Db,
  input: unknown,
  cookieState: string | undefined,
  opts: { now?: Date; keys?: PlatformKeyCache } = {},
): Promise<VerifiedLaunch> {
  const data = parseInput(launchInputSchema, input);
  const now = opts.now ?? new Date();
  if (!cookieState) throw refuse("this browser did not start the login (no state cookie); start again from the LMS.");
  if (!sameText(cookieState, data.state)) throw refuse("the state does not match the one this browser was given.");
  const stateRow = await findLoginState(db, data.state);
  if (!stateRow) throw refuse("unknown state; start again from the LMS.");
  if (stateRow.usedAt) throw refuse("this login was already used (a replayed launch).");
  if (stateRow.expiresAt <= now) throw refuse("the login expired; start again from the LMS.");
  const platform = await findPlatformById(db, stateRow.platformId);
  if (!platform) throw refuse("the platform is no longer registered.");

  let header: ReturnType<typeof decodeProtectedHeader>;
  let unverified: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(data.id_token);
    unverified = decodeJwt(data.id_token);
  } catch {
    throw refuse("the id_token is not a JWT.");
  }
  if (header.alg !== "RS256") throw refuse(`the id_token must be signed with RS256, not ${String(header.alg)}.`);
  if (unverified.iss !== platform.issuer)
    throw refuse("the id_token's issuer is not the platform the login began with.");

  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(data.id_token, (opts.keys ?? platformKeys).get(platform.jwksUrl), {
      algorithms: ["RS256"],
      issuer: platform.issuer,
      audience: platform.clientId,
      clockTolerance: CLOCK_SKEW_S,
      maxTokenAge: MAX_TOKEN_AGE_S,
      currentDate: now,
      requiredClaims: ["exp", "iat", "sub", "nonce"],
    }));
  } catch (err) {
    throw refuse(joseReason(err));
  }
  const iat = payload.iat as number;
  if (iat > now.getTime() / 1000 + CLOCK_SKEW_S) throw refuse("the id_token was issued in the future.");
  const aud = payload.aud;
  if (Array.isArray(aud) && aud.length > 1 && payload.azp !== platform.clientId) {
    throw refuse("the id_token has several audiences and its azp is not this tool.");
  }
  if (payload.azp !== undefined && payload.azp !== platform.clientId)
    throw refuse("the id_token's azp is not this tool.");
  if (typeof payload.nonce !== "string" || !sameText(payload.nonce, stateRow.nonce)) {
    throw refuse("the id_token's nonce is not the one this login sent.");
  }
  const parsed = launchClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(
      `the id_token's claims are not an LTI 1.3 launch (${issue?.path.join(".") || "claims"}: ${issue?.message}).`,
    );
  }
  const claims = parsed.data;
  const deployment = await findDeployment(db, platform.id, claims[LTI.deploymentId]);
  if (!deployment)
    throw refuse(`deployment "${claims[LTI.deploymentId].slice(0, 80)}" is not registered for this platform.`);
  return { platform, state: data.state, claims, offering: deployment.offering };
}

function joseReason(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return "the id_token has expired.";
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === "aud") return "the id_token is not for this tool (aud).";
    if (err.claim === "iss") return "the id_token's issuer is not the platform's.";
    if (err.claim === "iat") return "the id_token is too old or not yet valid (iat).";
    return `the id_token's ${err.claim} claim is invalid (${err.reason}).`;
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return "the signature is not the platform's.";
  if (err instanceof joseErrors.JWKSNoMatchingKey) return "no key of the platform's JWKS signed the id_token.";
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return "the id_token's algorithm is not allowed.";
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid) {
    return "the platform's JWKS could not be fetched.";
  }
  if (err instanceof joseErrors.JOSEError) return `the id_token is invalid (${err.code}).`;
  return "the platform's keys could not be checked.";
}
