import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server.js";
import { CROSS_SITE_PATHS, checkSameOrigin } from "@/lib/auth/same-origin";
import { config, proxy } from "@/proxy";
import { listRoutes, MUTATING } from "./routes";

const SITE = "http://course.test:3000";
const matcher = new RegExp(`^${config.matcher[0]!}$`);

function req(method: string, url: string, headers: Record<string, string>) {
  return new NextRequest(new URL(url, SITE), { method, headers: { host: "course.test:3000", ...headers } });
}

describe("CSRF: cross-site state-changing requests are refused before any route runs", () => {
  const routes = listRoutes();
  const all = routes.flatMap((r) => r.methods.filter((m) => MUTATING.includes(m)).map((m) => ({ method: m, path: r.pattern.replace(/\[(\.\.\.)?[^\]]+\]/g, "x") })));
  const mutating = all.filter((r) => !CROSS_SITE_PATHS.has(r.path));

  it("lets an LMS post only to the LTI login and launch, which its protocol makes cross-site", () => {
    expect([...CROSS_SITE_PATHS].sort()).toEqual(["/api/lti/launch", "/api/lti/login"]);
    for (const path of CROSS_SITE_PATHS) {
      expect(all.some((r) => r.path === path)).toBe(true);
      expect(proxy(req("POST", path, { origin: "https://lms.example", "sec-fetch-site": "cross-site" }))).toBeUndefined();
    }
    // Nothing else under /api/lti, nor a look-alike path, is exempt.
    expect(proxy(req("POST", "/api/lti/launch/x", { origin: "https://lms.example" }))?.status).toBe(403);
    expect(proxy(req("POST", "/api/lti/jwks", { origin: "https://lms.example" }))?.status).toBe(403);
  });

  it("finds the mutating API routes (the list below grows with the app)", () => {
    expect(mutating.length).toBeGreaterThanOrEqual(10);
    expect(mutating).toContainEqual({ method: "POST", path: "/api/submissions" });
  });

  it.each(mutating)("$method $path: the proxy covers it; foreign Origin → 403 JSON, same origin → passes", async ({ method, path }) => {
    expect(matcher.test(path), `proxy matcher must cover ${path}`).toBe(true);
    const foreign = proxy(req(method, path, { origin: "https://evil.example", "content-type": "application/json" }));
    expect(foreign?.status).toBe(403);
    const body = await foreign!.json();
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toMatch(/^Cross-site request refused: it came from https:\/\/evil\.example\./);
    expect(proxy(req(method, path, { origin: SITE, "sec-fetch-site": "same-origin" }))).toBeUndefined();
  });

  it("refuses a text/plain form post from another site, by Sec-Fetch-Site alone or by Origin alone", () => {
    expect(proxy(req("POST", "/api/submissions", { "content-type": "text/plain", "sec-fetch-site": "cross-site" }))?.status).toBe(403);
    expect(proxy(req("POST", "/api/submissions", { "content-type": "text/plain", origin: "http://attacker.test" }))?.status).toBe(403);
    expect(proxy(req("POST", "/api/submissions", { "sec-fetch-site": "same-site" }))?.status).toBe(403);
    expect(proxy(req("POST", "/api/submissions", { origin: "null" }))?.status).toBe(403);
    // A look-alike host or another port is another origin.
    expect(proxy(req("POST", "/api/submissions", { origin: "http://course.test:3001" }))?.status).toBe(403);
    expect(proxy(req("POST", "/api/submissions", { origin: "http://course.test.evil.example:3000" }))?.status).toBe(403);
  });

  it("covers server actions: a POST to a page from another site is refused too", () => {
    expect(matcher.test("/signin")).toBe(true);
    expect(proxy(req("POST", "/signin", { "next-action": "abc", origin: "https://evil.example" }))?.status).toBe(403);
  });

  it("lets reads and header-less clients through, and honours X-Forwarded-Host only with TRUST_PROXY", () => {
    expect(proxy(req("GET", "/api/me", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).toBeUndefined();
    expect(proxy(req("POST", "/api/submissions", {}))).toBeUndefined();
    const behindProxy = new Headers({ host: "10.0.0.5:3000", "x-forwarded-host": "course.example.org", origin: "https://course.example.org" });
    expect(checkSameOrigin("POST", behindProxy, {}).refused).toBe(true);
    expect(checkSameOrigin("POST", behindProxy, { TRUST_PROXY: "1" }).refused).toBe(false);
    expect(checkSameOrigin("POST", behindProxy, { ALLOWED_ORIGINS: "https://course.example.org" }).refused).toBe(false);
    expect(() => checkSameOrigin("POST", behindProxy, { ALLOWED_ORIGINS: "not a url" })).toThrow(/ALLOWED_ORIGINS must be/);
  });

  it("does not run on static build output", () => {
    expect(matcher.test("/_next/static/chunks/app.js")).toBe(false);
  });
});
