import "server-only";
import { encode } from "next-auth/jwt";
import { resolveAuthSecret } from "./secret";

/** How long a session lasts, for Auth.js (lib/auth/auth.ts) and for sessions minted by an LTI launch. */
export const SESSION_MAX_AGE_S = 14 * 24 * 3600;

/** Auth.js's session cookie name: `__Secure-` prefixed on https, as Auth.js itself chooses it. */
export function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}authjs.session-token`;
}

/**
 * Signs the user in as a credentials sign-in would: an Auth.js JWT session (the same secret, salt and claims,
 * `authAt` now, so signing out everywhere revokes it like any other session).
 */
export async function sessionCookie(
  user: { id: string; email: string; name: string | null },
  secure: boolean,
  now = Date.now(),
): Promise<string> {
  const name = sessionCookieName(secure);
  const value = await encode({
    token: { sub: user.id, email: user.email, name: user.name, authAt: now },
    secret: resolveAuthSecret(),
    salt: name,
    maxAge: SESSION_MAX_AGE_S,
  });
  return serializeCookie(name, value, { maxAge: SESSION_MAX_AGE_S, secure, sameSite: "Lax", path: "/" });
}

export function serializeCookie(
  name: string,
  value: string,
  o: { maxAge: number; secure: boolean; sameSite: "Lax" | "None"; path: string },
): string {
  const parts = [`${name}=${value}`, `Path=${o.path}`, `Max-Age=${o.maxAge}`, "HttpOnly", `SameSite=${o.sameSite}`];
  if (o.secure) parts.push("Secure");
  return parts.join("; ");
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
