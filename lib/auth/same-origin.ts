/**
 * CSRF defence for every state-changing request (server actions included): the browser says where a request came
 * from (`Sec-Fetch-Site`, `Origin`) and a page on another site cannot forge either. Called by `proxy.ts` for every
 * path, so a new route is covered without doing anything. No `server-only` import: the proxy runs outside React.
 *
 * Refused: a non-GET/HEAD/OPTIONS request whose `Sec-Fetch-Site` is anything but `same-origin` or `none`, or whose
 * `Origin` is `null` or names another host. Allowed: requests that carry neither header, which browsers never send
 * for a cross-site POST (curl, scripts and server-to-server calls, which carry no victim's cookie).
 *
 * The site's own host is the `Host` header; with `TRUST_PROXY` set, also `X-Forwarded-Host`; `ALLOWED_ORIGINS`
 * (comma-separated origins, e.g. `https://course.example.org`) adds more.
 */
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The only paths a cross-site POST may reach, because the protocol requires it: an LMS posts the LTI 1.3 login
 * initiation and the id_token (form_post) from its own site. They change nothing on a cookie's authority: the login
 * only stores a fresh state, and the launch is authenticated by the platform's signature, the single-use state
 * bound to this browser and the nonce (lib/lti/verify-launch.ts).
 */
export const CROSS_SITE_PATHS: ReadonlySet<string> = new Set(["/api/lti/login", "/api/lti/launch"]);

export interface CrossSiteVerdict {
  refused: boolean;
  reason?: string;
}

export function checkSameOrigin(
  method: string,
  headers: Headers,
  env: Record<string, string | undefined> = process.env,
): CrossSiteVerdict {
  if (SAFE.has(method.toUpperCase())) return { refused: false };
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    return { refused: true, reason: `the browser marked it Sec-Fetch-Site: ${site}` };
  }
  const origin = headers.get("origin");
  if (origin === null) return { refused: false };
  let host: string;
  try {
    if (origin === "null") throw new Error("opaque");
    host = new URL(origin).host.toLowerCase();
  } catch {
    return { refused: true, reason: `its Origin "${origin.slice(0, 100)}" is not a web origin` };
  }
  if (!ownHosts(headers, env).has(host)) return { refused: true, reason: `it came from ${origin.slice(0, 100)}` };
  return { refused: false };
}

function ownHosts(headers: Headers, env: Record<string, string | undefined>): Set<string> {
  const hosts = new Set<string>();
  const add = (h: string | null | undefined) => {
    const v = h?.split(",")[0]?.trim().toLowerCase();
    if (v) hosts.add(v);
  };
  add(headers.get("host"));
  const trust = env.TRUST_PROXY?.trim();
  if (trust && trust !== "0" && trust !== "false") add(headers.get("x-forwarded-host"));
  for (const o of (env.ALLOWED_ORIGINS ?? "").split(",")) {
    try {
      if (o.trim()) add(new URL(o.trim()).host);
    } catch {
      throw new Error(`ALLOWED_ORIGINS must be comma-separated origins like https://course.example.org; got "${o}".`);
    }
  }
  return hosts;
}

/** The 403 every refused request gets, as JSON in the shape of lib/http.ts's errors. */
export function crossSiteResponse(reason: string): Response {
  return Response.json(
    {
      error: {
        code: "forbidden",
        message: `Cross-site request refused: ${reason}. Changes must come from this site's own pages.`,
      },
    },
    { status: 403, headers: { "cache-control": "no-store" } },
  );
}
