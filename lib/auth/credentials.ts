import "server-only";
import { CredentialsSignin } from "@auth/core/errors";
import type { Db } from "@/db/client";
import type { UserRow } from "@/db/queries/users";
import { clientIp } from "./client-ip";
import { clearSignInFailures, normaliseEmail, recordSignInFailure, signInWait } from "./sign-in-limiter";
import { verifyCredentials } from "./verify-credentials";

/** Auth.js passes `code` on to the caller (the sign-in action, or `?code=` on the HTTP callback). */
export class SignInThrottled extends CredentialsSignin {
  override code = "rate_limited";
}

/**
 * The Credentials provider's check, wherever the request came from (the sign-in form's action or a direct POST to
 * /api/auth/callback/credentials): refused while the email or the IP is over its limit, failures counted in the
 * database so every web process sees them.
 */
export async function authorizeCredentials(db: Db, credentials: unknown, headers: Headers): Promise<UserRow | null> {
  const email = normaliseEmail((credentials as { email?: unknown } | null)?.email);
  const who = { email, ip: clientIp(headers) };
  if ((await signInWait(db, who)) > 0) throw new SignInThrottled();
  const user = await verifyCredentials(db, credentials);
  if (!user) {
    await recordSignInFailure(db, who);
    return null;
  }
  await clearSignInFailures(db, email);
  return user;
}
