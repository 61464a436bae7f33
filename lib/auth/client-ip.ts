import "server-only";

/**
 * The client's IP address, the key of the per-IP limits.
 *
 * Next.js hands route handlers no socket; its server writes the socket address into `X-Forwarded-For` when the
 * request has none, and keeps the header when the client sent one.
 * - `TRUST_PROXY` unset or 0 (the server faces clients directly): the last entry, i.e. the socket address. A client
 *   that sends its own header chooses its per-IP key; the per-email sign-in limit does not depend on it.
 * - `TRUST_PROXY=N` (N reverse proxies that each append the address they saw): the N-th entry from the right, the
 *   address the outermost trusted proxy saw. Entries further left are client-supplied and ignored.
 */
export function clientIp(headers: Headers, env: Record<string, string | undefined> = process.env): string {
  const hops = trustedHops(env);
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const entry = entries[entries.length - Math.max(hops, 1)] ?? entries[0];
  return normalise(entry ?? "unknown");
}

export function trustedHops(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || raw === "0" || raw === "false") return 0;
  if (raw === "true") return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new Error(`TRUST_PROXY must be a number of proxies from 0 to 10; got "${raw}".`);
  return n;
}

function normalise(ip: string): string {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return (v4mapped ? v4mapped[1]! : ip).toLowerCase().slice(0, 64);
}
