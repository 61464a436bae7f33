import { decode, encode } from "@auth/core/jwt";
import { expect, request as requests, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { CROSS_SITE_PATHS } from "../../lib/auth/same-origin";
import { routeAccess } from "../auth/route-access";
import { listPages, listRoutes, MUTATING } from "../auth/routes";
import { signIn, signOut } from "./support";

// Must match playwright.config.ts: the forged-token test encrypts with the server's own secret on purpose.
const SECRET = "e2e-only-secret-not-for-production-000000";
const COOKIE = "authjs.session-token";
const instructor = { email: "prof@example.org", password: "self-supervised-2026" };
const stamp = Date.now();
const alice = { email: `alice-sec-${stamp}@example.org`, password: "alice-keeps-secrets-1" };
const victim = { email: `victim-sec-${stamp}@example.org`, password: "victim-has-a-good-one" };
const mallory = { email: `mallory-sec-${stamp}@example.org`, password: "mallory-plants-cookies" };

async function createAccount(request: APIRequestContext, who: { email: string; password: string }) {
  const res = await request.post("/api/signup", { data: who });
  expect([201, 409], await res.text()).toContain(res.status());
}

async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === COOKIE)?.value;
}

async function me(request: APIRequestContext, token: string | undefined) {
  const res = await request.get("/api/me", { headers: token ? { cookie: `${COOKIE}=${token}` } : {} });
  return (await res.json()).user as { email: string; role: string } | null;
}

/** A credentials sign-in posted straight to Auth.js, as a script would (the form's action is not the only way in). */
async function postCredentials(email: string, password: string, headers: Record<string, string> = {}) {
  const request = await requests.newContext({ baseURL: test.info().project.use.baseURL });
  const csrf = await request.get("/api/auth/csrf", { headers });
  const csrfCookie = (csrf.headers()["set-cookie"] ?? "").split(";")[0]!;
  const res = await request.post("/api/auth/callback/credentials", {
    headers: { ...headers, cookie: csrfCookie },
    form: { email, password, csrfToken: (await csrf.json()).csrfToken },
    maxRedirects: 0,
  });
  const out = { status: res.status(), headers: res.headers(), setCookies: res.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value) };
  await request.dispose();
  return out;
}

test.describe.serial("auth: fixation, sign-out, cookies, JWT tampering, brute force", () => {
  test("the instructor account exists before any student", async ({ request }) => {
    await createAccount(request, instructor);
    for (const who of [alice, victim, mallory]) await createAccount(request, who);
    expect((await request.post("/api/signup", { data: { ...mallory, email: `x${mallory.email}`, role: "instructor" } })).status()).toBe(422);
  });

  test("session fixation: a planted cookie is replaced at sign-in and never authenticates the victim", async ({ browser, request, baseURL }) => {
    // The attacker's planted value is a token the server itself once issued (Mallory's, then signed out), or any string.
    const attacker = await browser.newContext();
    const attackerPage = await attacker.newPage();
    await signIn(attackerPage, mallory.email, mallory.password);
    const planted = (await sessionCookie(attacker))!;
    await signOut(attackerPage);
    await attacker.close();

    for (const value of [planted, "attacker-chosen-session-value"]) {
      const target = await browser.newContext();
      await target.addCookies([{ name: COOKIE, value, url: baseURL! }]);
      await signIn(await target.newPage(), victim.email, victim.password);
      const issued = await sessionCookie(target);
      expect(issued).toBeTruthy();
      expect(issued).not.toBe(value);
      expect((await me(request, issued))?.email).toBe(victim.email);
      // Signing the victim in did not attach the victim to the planted value.
      expect(await me(request, value)).toBeNull();
      await target.close();
    }
  });

  test("session cookies are HttpOnly and SameSite=Lax, and Secure with a __Secure- name over https", async ({ browser }) => {
    const context = await browser.newContext();
    await signIn(await context.newPage(), alice.email, alice.password);
    const cookie = (await context.cookies()).find((c) => c.name === COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    await context.close();

    const https = await postCredentials(alice.email, alice.password, { "x-forwarded-proto": "https" });
    expect(https.status).toBe(302);
    const setCookie = https.setCookies;
    const session = setCookie.find((v) => v.startsWith(`__Secure-${COOKIE}=`));
    expect(session, setCookie.join("\n")).toBeTruthy();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Lax/i);
  });

  test("sign-out invalidates the token everywhere, not only in the browser that signed out", async ({ browser, request }) => {
    const first = await browser.newContext();
    const second = await browser.newContext();
    const page = await first.newPage();
    await signIn(page, alice.email, alice.password);
    await signIn(await second.newPage(), alice.email, alice.password);
    const copied = await sessionCookie(first);
    const elsewhere = await sessionCookie(second);
    expect((await me(request, copied))?.email).toBe(alice.email);
    await signOut(page);
    expect(await me(request, copied)).toBeNull();
    expect(await me(request, elsewhere)).toBeNull();
    expect((await second.request.get("/api/assignments/hello-tensor/quota")).status()).toBe(401);
    // Signing in again afterwards works.
    await signIn(await second.newPage(), alice.email, alice.password);
    expect((await me(request, await sessionCookie(second)))?.email).toBe(alice.email);
    await first.close();
    await second.close();
  });

  test("role escalation by JWT: tampered or foreign-key tokens fail; a role claim in the token is ignored", async ({ browser, request }) => {
    const context = await browser.newContext();
    await signIn(await context.newPage(), mallory.email, mallory.password);
    const token = (await sessionCookie(context))!;
    const claims = await decode({ token, secret: SECRET, salt: COOKIE });
    expect(claims?.sub).toBeTruthy();
    const flipped = token.slice(0, -6) + (token.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    expect(await me(request, flipped)).toBeNull();
    const otherKey = await encode({ token: { ...claims, role: "instructor" }, secret: "an-attackers-guess-at-the-secret-0000", salt: COOKIE });
    expect(await me(request, otherKey)).toBeNull();
    // Even a token sealed with the real secret cannot grant a role: the role is read from the database.
    const forged = await encode({ token: { ...claims, role: "instructor", user: { role: "instructor" } }, secret: SECRET, salt: COOKIE });
    expect((await me(request, forged))?.role).toBe("student");
    const res = await request.get("/api/instructor/audit", { headers: { cookie: `${COOKIE}=${forged}` } });
    expect(res.status()).toBe(403);
    await context.close();
  });

  test("brute force: 10 wrong passwords lock the email for a window, counted on every sign-in path", async ({ page, request }) => {
    const target = { email: `bruteforce-${stamp}@example.org`, password: "the-real-password-7" };
    await createAccount(request, target);
    // The first five through the sign-in form, the rest straight to Auth.js: both paths share one counter.
    for (let i = 0; i < 5; i++) {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(target.email);
      await page.getByLabel("Password").fill(`wrong-password-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("main").getByRole("alert")).toContainText("Wrong email or password.");
    }
    for (let i = 5; i < 10; i++) {
      const res = await postCredentials(target.email, `wrong-password-${i}`);
      expect(res.headers.location).toContain("error=CredentialsSignin");
    }
    // Now even the right password is refused, with a message that says for how long.
    await page.goto("/signin");
    await page.getByLabel("Email").fill(target.email);
    await page.getByLabel("Password").fill(target.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many sign-in attempts; try again in 1[45] minutes\./);
    const direct = await postCredentials(target.email, target.password);
    expect(direct.headers.location).toContain("code=rate_limited");
    expect(direct.setCookies.some((c) => c.includes(COOKIE))).toBe(false);
    // Another account is not affected.
    await signIn(page, alice.email, alice.password);
  });
});

test.describe("CSRF: every state-changing route refuses another site", () => {
  // An LMS posts the LTI login and launch from its own site by protocol (lib/auth/same-origin.ts CROSS_SITE_PATHS).
  const mutating = listRoutes()
    .filter((r) => !CROSS_SITE_PATHS.has(r.pattern))
    .flatMap((r) =>
      r.methods.filter((m) => MUTATING.includes(m)).map((method) => ({ method, url: r.pattern.replace("[...nextauth]", "signout").replace(/\[(\.\.\.)?[^\]]+\]/g, "hello-tensor") })),
    );

  test("foreign Origin → 403 JSON; same origin → reaches the route", async ({ browser, baseURL }) => {
    expect(mutating.length).toBeGreaterThanOrEqual(10);
    const context = await browser.newContext();
    await signIn(await context.newPage(), alice.email, alice.password);
    for (const { method, url } of mutating) {
      const opts = { method, data: {}, headers: { "content-type": "application/json" } };
      const foreign = await context.request.fetch(url, { ...opts, headers: { ...opts.headers, origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
      expect(foreign.status(), `${method} ${url}`).toBe(403);
      expect((await foreign.json()).error.message, `${method} ${url}`).toMatch(/^Cross-site request refused/);
      const same = await context.request.fetch(url, { ...opts, maxRedirects: 0, headers: { ...opts.headers, origin: baseURL!, "sec-fetch-site": "same-origin" } });
      expect(await same.text(), `${method} ${url} same-origin`).not.toContain("Cross-site request refused");
    }
    await context.close();
  });

  test("a text/plain form auto-posted from another site cannot act, and server actions refuse it too", async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, alice.email, alice.password);
    const ids = async () => ((await (await context.request.get("/api/assignments/hello-tensor/submissions")).json()).items as { id: string }[]).map((i) => i.id);
    const before = await ids();
    const payload = JSON.stringify({ assignment: "hello-tensor", source: "export const x = 1;" });
    await page.route("http://evil.test/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<form method="POST" action="${baseURL}/api/submissions" enctype="text/plain"><input name='${payload.slice(0, -1)}, "pad": "' value='"}'></form><script>document.forms[0].submit()</script>`,
      }),
    );
    const landed = page.waitForResponse((r) => r.url() === `${baseURL}/api/submissions`);
    await page.goto("http://evil.test/attack");
    const res = await landed;
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain("Cross-site request refused");
    expect(await ids()).toEqual(before);

    const action = await context.request.post("/signin", {
      headers: { origin: "https://evil.example", "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
    });
    expect(action.status()).toBe(403);
    await context.close();
  });
});

test("role escalation: a student gets 403 from every instructor API route and page", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, mallory.email, mallory.password);
  const zero = "00000000-0000-4000-8000-000000000000";
  const fill = (p: string) => p.replace("[slug]", "hello-tensor").replace(/\[[^\]]+\]/g, zero);
  // Instructor routes and pages from the file system (tests/auth/routes.ts) and the access table: every /api/instructor
  // route, and any other the table marks instructor-only.
  const routes = listRoutes().filter((r) => r.pattern.startsWith("/api/instructor") || ["instructor", "staff"].includes(routeAccess[r.pattern]?.access ?? ""));
  expect(routes.length).toBeGreaterThanOrEqual(10);
  for (const r of routes) {
    for (const method of r.methods) {
      const res = await context.request.fetch(fill(r.pattern), { method, data: method === "GET" ? undefined : {}, headers: { "content-type": "application/json" } });
      expect(res.status(), `${method} ${r.pattern}`).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }
  }
  const pages = listPages()
    .filter((p) => p.pattern.startsWith("/instructor") || ["instructor", "staff"].includes(routeAccess[p.pattern]?.access ?? ""))
    .map((p) => fill(p.pattern));
  expect(pages.length).toBeGreaterThanOrEqual(4);
  for (const url of pages) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(403);
  }
  await context.close();
});
