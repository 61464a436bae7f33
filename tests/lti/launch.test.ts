import { count, eq as sqlEq } from "drizzle-orm";
import { decode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { insertUser } from "@/db/queries/users";
import { enrolments, ltiLoginStates, ltiNonces, ltiPlatforms, users } from "@/db/schema";
import { NONCE_KEEP_MS } from "@/lib/lti/start-login";
import { MAX_TOKEN_AGE_S } from "@/lib/lti/verify-launch";
import { registerPlatform } from "@/lib/lti/add-platform";
import { PlatformKeyCache } from "@/lib/lti/platform-keys";
import { verifyLaunch } from "@/lib/lti/verify-launch";
import { createTestDb, type TestDb, testDbKinds } from "../support/test-db";
import { C, MEMBERSHIP, makeKey, PlatformSimulator, unsignedToken } from "./platform-simulator";

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => state.db,
}));

const { GET: loginGet, POST: loginPost } = await import("@/app/api/lti/login/route");
const { POST: launchPost } = await import("@/app/api/lti/launch/route");
const { GET: jwksGet } = await import("@/app/api/lti/jwks/route");

const TOOL = "http://tool.test";
const SECRET = "lti-test-secret-0123456789abcdef0123456789";
const LEARNER = { sub: "student-1", email: "ada@uni.example", roles: [`${MEMBERSHIP}#Learner`] };
const TEACHER = { sub: "prof-1", email: "prof@uni.example", roles: [`${MEMBERSHIP}#Instructor`] };

interface Login {
  state: string;
  nonce: string;
  cookie: string;
  location: URL;
}

/** The LMS's side of the OIDC login: ask the tool to start, follow its redirect to our "authorisation endpoint". */
async function login(sim: PlatformSimulator, extra: Record<string, string> = {}): Promise<Login> {
  const q = new URLSearchParams({
    iss: sim.issuer,
    login_hint: "hint-1",
    target_link_uri: `${TOOL}/assignments/hello-tensor`,
    client_id: sim.clientId,
    ...extra,
  });
  const res = await loginGet(new Request(`${TOOL}/api/lti/login?${q}`));
  expect(res.status, await res.clone().text()).toBe(302);
  const location = new URL(res.headers.get("location")!);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  return { state: location.searchParams.get("state")!, nonce: location.searchParams.get("nonce")!, cookie, location };
}

function launch(form: Record<string, string>, cookie?: string): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (cookie) headers.cookie = cookie;
  return launchPost(new Request(`${TOOL}/api/lti/launch`, { method: "POST", headers, body: new URLSearchParams(form) }));
}

async function counts(db: TestDb["handle"]["db"]) {
  const [u] = await db.select({ n: count() }).from(users);
  const [e] = await db.select({ n: count() }).from(enrolments);
  return { users: u!.n, enrolments: e!.n };
}

describe.each(testDbKinds)("LTI 1.3 launch against a simulated platform (%s)", (kind) => {
  let t: TestDb;
  let sim: PlatformSimulator;
  let other: PlatformSimulator;

  beforeAll(async () => {
    vi.stubEnv("AUTH_SECRET", SECRET);
    t = await createTestDb(kind);
    state.db = t.handle.db;
    // The installation's first account (its administrator) exists already; see "first launch" below otherwise.
    await insertUser(t.handle.db, { email: "admin@uni.example", name: null, role: "instructor", passwordHash: null });
    sim = await PlatformSimulator.start("canvas");
    other = await PlatformSimulator.start("moodle", "other-client", "dep-9");
    await t.handle.db.transaction((tx) => registerPlatform(tx, sim.registration, null));
    await t.handle.db.transaction((tx) => registerPlatform(tx, other.registration, null));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await sim?.close();
    await other?.close();
    await t?.cleanup();
  });
  beforeEach(() => {
    state.db = t.handle.db;
  });

  it("login initiation redirects to the platform with a fresh state and nonce bound to a cookie", async () => {
    const l = await login(sim);
    expect(l.location.origin + l.location.pathname).toBe(`${sim.base}/auth`);
    const p = l.location.searchParams;
    expect(Object.fromEntries(["scope", "response_type", "response_mode", "prompt", "client_id", "redirect_uri", "login_hint"].map((k) => [k, p.get(k)]))).toEqual({
      scope: "openid",
      response_type: "id_token",
      response_mode: "form_post",
      prompt: "none",
      client_id: sim.clientId,
      redirect_uri: `${TOOL}/api/lti/launch`,
      login_hint: "hint-1",
    });
    expect(l.state.length).toBeGreaterThanOrEqual(40);
    expect(l.nonce).not.toBe(l.state);
    expect(l.cookie.endsWith(`=${l.state}`)).toBe(true);
    // The same initiation as a form POST (some LMSs post it).
    const posted = await loginPost(
      new Request(`${TOOL}/api/lti/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ iss: sim.issuer, login_hint: "h", target_link_uri: `${TOOL}/`, client_id: sim.clientId }),
      }),
    );
    expect(posted.status).toBe(302);
  });

  it("a login forgets nonces older than an hour (tokens that old are refused by iat) and keeps recent ones", async () => {
    expect(NONCE_KEEP_MS).toBeGreaterThan(2 * (MAX_TOKEN_AGE_S + 60) * 1000);
    const db = t.handle.db;
    const [platform] = await db.select({ id: ltiPlatforms.id }).from(ltiPlatforms).limit(1);
    const now = Date.now();
    await db.insert(ltiNonces).values([
      { platformId: platform!.id, nonce: "stale-nonce", usedAt: new Date(now - NONCE_KEEP_MS - 60_000) },
      { platformId: platform!.id, nonce: "recent-nonce", usedAt: new Date(now - 5 * 60_000) },
    ]);
    await login(sim);
    const left = (await db.select({ nonce: ltiNonces.nonce }).from(ltiNonces)).map((r) => r.nonce);
    expect(left).toContain("recent-nonce");
    expect(left).not.toContain("stale-nonce");
    await db.delete(ltiNonces).where(sqlEq(ltiNonces.nonce, "recent-nonce"));
  });

  it("login refuses an unknown issuer, a target on another site and missing parameters", async () => {
    const ask = (q: Record<string, string>) => loginGet(new Request(`${TOOL}/api/lti/login?${new URLSearchParams(q)}`));
    const unknown = await ask({ iss: "https://evil.example", login_hint: "h", target_link_uri: `${TOOL}/` });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toMatch(/no platform with issuer/);
    const offsite = await ask({ iss: sim.issuer, login_hint: "h", target_link_uri: "https://evil.example/x" });
    expect(offsite.status).toBe(422);
    expect((await offsite.json()).error.message).toMatch(/not on this tool/);
    expect((await ask({})).status).toBe(422);
  });

  it("a learner's launch signs in, enrols as a student and opens the linked assignment", async () => {
    const l = await login(sim);
    const token = await sim.sign(sim.launchClaims(l.nonce, LEARNER));
    const res = await launch({ id_token: token, state: l.state }, l.cookie);
    expect(res.status, await res.clone().text()).toBe(303);
    expect(res.headers.get("location")).toBe(`${TOOL}/assignments/hello-tensor`);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith("authjs.session-token="))!;
    expect(session).toMatch(/HttpOnly/);
    const jwt = await decode({ token: session.split(";")[0]!.split("=")[1]!, secret: SECRET, salt: "authjs.session-token" });
    const [user] = await t.handle.db.select().from(users).where(sqlEq(users.email, "ada@uni.example"));
    expect(jwt?.sub).toBe(user!.id);
    expect(user!.role).toBe("student");
    const [enrolment] = await t.handle.db.select().from(enrolments).where(sqlEq(enrolments.userId, user!.id));
    expect(enrolment).toMatchObject({ offering: "default", role: "student", source: "lti" });
    // The state cookie is cleared.
    expect(cookies.some((c) => c.startsWith(l.cookie.split("=")[0]!) && /Max-Age=0/.test(c))).toBe(true);
  });

  it("an instructor's launch makes them the course's instructor; a second launch reuses the account", async () => {
    for (let i = 0; i < 2; i++) {
      const l = await login(sim);
      const res = await launch({ id_token: await sim.sign(sim.launchClaims(l.nonce, TEACHER)), state: l.state }, l.cookie);
      expect(res.status).toBe(303);
    }
    const rows = await t.handle.db.select().from(users).where(sqlEq(users.email, "prof@uni.example"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBe("instructor");
  });

  it("a TA sub-role is a TA (course staff), not an instructor", async () => {
    const l = await login(sim);
    const ta = { sub: "ta-1", email: "ta@uni.example", roles: [`${MEMBERSHIP}#Instructor`, `${MEMBERSHIP}/Instructor#TeachingAssistant`] };
    expect((await launch({ id_token: await sim.sign(sim.launchClaims(l.nonce, ta)), state: l.state }, l.cookie)).status).toBe(303);
    const [user] = await t.handle.db.select().from(users).where(sqlEq(users.email, "ta@uni.example"));
    expect(user!.role).toBe("ta");
    const [e] = await t.handle.db.select().from(enrolments).where(sqlEq(enrolments.userId, user!.id));
    expect(e!.role).toBe("ta");
  });

  describe("attacks: each refused with a clear error, nothing created", () => {
    const attacker = { sub: "mallory", email: "mallory@uni.example", roles: [`${MEMBERSHIP}#Instructor`] };
    async function refused(res: Response, pattern: RegExp, before: { users: number; enrolments: number }) {
      expect(res.status, await res.clone().text()).toBe(401);
      expect((await res.json()).error.message).toMatch(pattern);
      expect(await counts(t.handle.db)).toEqual(before);
      const rows = await t.handle.db.select().from(users).where(sqlEq(users.email, attacker.email));
      expect(rows).toHaveLength(0);
    }

    it("replayed launch (same state, token and cookie)", async () => {
      const l = await login(sim);
      const form = { id_token: await sim.sign(sim.launchClaims(l.nonce, { ...LEARNER, sub: "replay-1", email: "r1@uni.example" })), state: l.state };
      expect((await launch(form, l.cookie)).status).toBe(303);
      const before = await counts(t.handle.db);
      const res = await launch(form, l.cookie);
      expect(res.status).toBe(401);
      expect((await res.json()).error.message).toMatch(/already used/);
      expect(await counts(t.handle.db)).toEqual(before);
    });

    it("replayed id_token under a fresh login (its nonce is not the new state's)", async () => {
      const first = await login(sim);
      const token = await sim.sign(sim.launchClaims(first.nonce, attacker));
      const second = await login(sim);
      await refused(await launch({ id_token: token, state: second.state }, second.cookie), /nonce/, await counts(t.handle.db));
    });

    it("alg: none", async () => {
      const l = await login(sim);
      const claims = { ...sim.launchClaims(l.nonce, attacker), iss: sim.issuer, aud: sim.clientId, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 300 };
      await refused(await launch({ id_token: unsignedToken(claims), state: l.state }, l.cookie), /RS256, not none/, await counts(t.handle.db));
    });

    it("a token signed by another issuer's key", async () => {
      const l = await login(sim);
      const token = await sim.sign(sim.launchClaims(l.nonce, attacker), { key: other.keys[0] });
      await refused(await launch({ id_token: token, state: l.state }, l.cookie), /key of the platform|signature/, await counts(t.handle.db));
      const forged = await sim.sign(sim.launchClaims(l.nonce, attacker), { key: await makeKey() });
      const l2 = await login(sim);
      await refused(await launch({ id_token: forged, state: l2.state }, l2.cookie), /nonce|key|signature/, await counts(t.handle.db));
    });

    it("a token from another registered platform presented to this login", async () => {
      const l = await login(sim);
      const token = await other.sign(other.launchClaims(l.nonce, attacker));
      await refused(await launch({ id_token: token, state: l.state }, l.cookie), /issuer/, await counts(t.handle.db));
    });

    it("wrong aud, and several audiences without azp", async () => {
      const l = await login(sim);
      await refused(await launch({ id_token: await sim.sign(sim.launchClaims(l.nonce, attacker), { aud: "someone-else" }), state: l.state }, l.cookie), /not for this tool/, await counts(t.handle.db));
      const l2 = await login(sim);
      const multi = await sim.sign(sim.launchClaims(l2.nonce, attacker), { aud: [sim.clientId, "another-tool"] });
      await refused(await launch({ id_token: multi, state: l2.state }, l2.cookie), /azp/, await counts(t.handle.db));
    });

    it("unknown deployment_id", async () => {
      const l = await login(sim);
      const token = await sim.sign(sim.launchClaims(l.nonce, attacker, { [`${C}/deployment_id`]: "dep-unknown" }));
      await refused(await launch({ id_token: token, state: l.state }, l.cookie), /deployment "dep-unknown" is not registered/, await counts(t.handle.db));
    });

    it("expired token, and one issued in the future", async () => {
      const now = Math.floor(Date.now() / 1000);
      const l = await login(sim);
      const old = await sim.sign(sim.launchClaims(l.nonce, attacker), { iat: now - 900, exp: now - 300 });
      await refused(await launch({ id_token: old, state: l.state }, l.cookie), /expired/, await counts(t.handle.db));
      const l2 = await login(sim);
      const future = await sim.sign(sim.launchClaims(l2.nonce, attacker), { iat: now + 600, exp: now + 900 });
      await refused(await launch({ id_token: future, state: l2.state }, l2.cookie), /future|iat/, await counts(t.handle.db));
    });

    it("missing or mismatched state", async () => {
      const l = await login(sim);
      const token = await sim.sign(sim.launchClaims(l.nonce, attacker));
      await refused(await launch({ id_token: token, state: l.state }), /no state cookie/, await counts(t.handle.db));
      const elsewhere = await login(sim);
      await refused(await launch({ id_token: token, state: l.state }, elsewhere.cookie), /no state cookie|does not match/, await counts(t.handle.db));
      const forgedCookie = `${l.cookie.split("=")[0]}=${elsewhere.state}`;
      await refused(await launch({ id_token: token, state: l.state }, forgedCookie), /does not match/, await counts(t.handle.db));
      const bad = await launch({ id_token: token }, l.cookie);
      expect(bad.status).toBe(422);
      // The login that was attacked is still usable by its own browser: refusals consumed nothing.
      const [row] = await t.handle.db.select().from(ltiLoginStates).where(sqlEq(ltiLoginStates.state, l.state));
      expect(row!.usedAt).toBeNull();
    });

    it("a browser gets a readable page, not JSON", async () => {
      const res = await launchPost(
        new Request(`${TOOL}/api/lti/launch`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
          body: new URLSearchParams({ id_token: "x".repeat(20), state: "y".repeat(20) }),
        }),
      );
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
      expect(await res.text()).toMatch(/role="alert">LTI launch refused: this browser did not start the login/);
    });
  });

  it("a student's LMS role claim never reaches instructor rights", async () => {
    const l = await login(sim);
    // Custom parameters and a TA-looking institution role do not count: only the membership roles do.
    const claims = sim.launchClaims(l.nonce, {
      sub: "sneaky",
      email: "sneaky@uni.example",
      roles: [`${MEMBERSHIP}#Learner`, "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor"],
    }, { [`${C}/custom`]: { role: "instructor" } });
    expect((await launch({ id_token: await sim.sign(claims), state: l.state }, l.cookie)).status).toBe(303);
    const [user] = await t.handle.db.select().from(users).where(sqlEq(users.email, "sneaky@uni.example"));
    expect(user!.role).toBe("student");
    const { authorize } = await import("@/lib/context");
    expect(() => authorize({ id: user!.id, email: user!.email, name: null, role: user!.role }, "instructor")).toThrow(/instructors only/);
  });

  it("the platform rotates its key: the next launch fetches the new JWKS once", async () => {
    const keys = new PlatformKeyCache({ cooldownMs: 0 });
    const l = await login(sim);
    const first = await sim.sign(sim.launchClaims(l.nonce, LEARNER));
    await verifyLaunch(t.handle.db, { id_token: first, state: l.state }, l.state, { keys });
    const fetches = sim.jwksFetches;
    await sim.rotateKey();
    const l2 = await login(sim);
    const second = await sim.sign(sim.launchClaims(l2.nonce, LEARNER));
    const ok = await verifyLaunch(t.handle.db, { id_token: second, state: l2.state }, l2.state, { keys });
    expect(ok.claims.sub).toBe(LEARNER.sub);
    expect(sim.jwksFetches).toBe(fetches + 1);
  });

  it("JWKS: public keys only; a rotated key stays published beside the new one", async () => {
    const res = await jwksGet();
    const { keys } = (await res.json()) as { keys: Record<string, string>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(keys[0]!.d).toBeUndefined();
    const { rotateToolKey } = await import("@/lib/lti/keys");
    const rotated = await rotateToolKey(t.handle.db);
    expect(rotated.retired).toEqual([keys[0]!.kid]);
    const after = (await (await jwksGet()).json()) as { keys: Record<string, string>[] };
    expect(after.keys.map((k) => k.kid).sort()).toEqual([keys[0]!.kid, rotated.kid].sort());
    expect(after.keys.every((k) => k.d === undefined && k.p === undefined)).toBe(true);
  });
});

describe.each(testDbKinds)("LTI Deep Linking 2.0 (%s)", (kind) => {
  let t: TestDb;
  let sim: PlatformSimulator;
  const DLS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";
  const deepLinkClaims = (nonce: string, user: typeof TEACHER, data?: string) =>
    sim.launchClaims(nonce, user, {
      [`${C}/message_type`]: "LtiDeepLinkingRequest",
      [`${C}/resource_link`]: undefined,
      [`${C}/target_link_uri`]: `${TOOL}/api/lti/launch`,
      [DLS]: { deep_link_return_url: `${sim.base}/deep-link-return`, accept_types: ["ltiResourceLink"], accept_multiple: true, data },
    });

  beforeAll(async () => {
    vi.stubEnv("AUTH_SECRET", SECRET);
    t = await createTestDb(kind);
    state.db = t.handle.db;
    await insertUser(t.handle.db, { email: "admin@uni.example", name: null, role: "instructor", passwordHash: null });
    sim = await PlatformSimulator.start("canvas-dl");
    await t.handle.db.transaction((tx) => registerPlatform(tx, sim.registration, null));
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await sim?.close();
    await t?.cleanup();
  });
  beforeEach(() => {
    state.db = t.handle.db;
  });

  it("an instructor picks assignments; the signed response carries a resource link and line item for each", async () => {
    const l = await login(sim);
    const res = await launch({ id_token: await sim.sign(deepLinkClaims(l.nonce, TEACHER, "opaque-123")), state: l.state }, l.cookie);
    expect(res.status, await res.clone().text()).toBe(303);
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toMatch(/^\/lti\/deep-link\/[0-9a-f-]{36}$/);
    const id = location.pathname.split("/").at(-1)!;
    const { respondDeepLink } = await import("@/lib/lti/respond-deep-link");
    const [prof] = await t.handle.db.select().from(users).where(sqlEq(users.email, TEACHER.email));
    const actor = { id: prof!.id, email: prof!.email, name: prof!.name, role: prof!.role };
    const out = await respondDeepLink({
      ctx: { db: t.handle.db, actor },
      input: { id, assignments: ["hello-tensor", "clip-contrastive"], toolOrigin: TOOL },
    });
    expect(out.returnUrl).toBe(`${sim.base}/deep-link-return`);
    const { jwtVerify, createLocalJWKSet } = await import("jose");
    const { toolJwks } = await import("@/lib/lti/keys");
    const { payload } = await jwtVerify(out.jwt, createLocalJWKSet(await toolJwks(t.handle.db)), { issuer: sim.clientId, audience: sim.issuer });
    expect(payload[`${C}/message_type`]).toBe("LtiDeepLinkingResponse");
    expect(payload[`${C}/deployment_id`]).toBe(sim.deploymentId);
    expect(payload["https://purl.imsglobal.org/spec/lti-dl/claim/data"]).toBe("opaque-123");
    const items = payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as Record<string, unknown>[];
    expect(items.map((i) => i.custom)).toEqual([{ assignment: "hello-tensor" }, { assignment: "clip-contrastive" }]);
    expect(items[0]).toMatchObject({ type: "ltiResourceLink", url: `${TOOL}/assignments/hello-tensor`, lineItem: { scoreMaximum: 10, resourceId: "hello-tensor" } });
    // Single use; another instructor, a student or an unknown slug are refused.
    await expect(respondDeepLink({ ctx: { db: t.handle.db, actor }, input: { id, assignments: ["hello-tensor"], toolOrigin: TOOL } })).rejects.toThrow(/already sent/);
    await expect(
      respondDeepLink({ ctx: { db: t.handle.db, actor: { ...actor, role: "student" } }, input: { id, assignments: ["hello-tensor"], toolOrigin: TOOL } }),
    ).rejects.toThrow(/instructors only/);
  });

  it("the launch that follows a deep link opens the picked assignment (its custom parameter)", async () => {
    const l = await login(sim);
    const claims = sim.launchClaims(l.nonce, LEARNER, {
      [`${C}/target_link_uri`]: `${TOOL}/assignments/clip-contrastive`,
      [`${C}/custom`]: { assignment: "clip-contrastive" },
      [`${C}/resource_link`]: { id: "rl-dl-1" },
    });
    const res = await launch({ id_token: await sim.sign(claims), state: l.state }, l.cookie);
    expect(res.headers.get("location")).toBe(`${TOOL}/assignments/clip-contrastive`);
  });

  it("a student's deep-linking launch is refused and creates nothing", async () => {
    const before = await counts(t.handle.db);
    const l = await login(sim);
    const res = await launch({ id_token: await sim.sign(deepLinkClaims(l.nonce, { ...LEARNER, sub: "dl-student", email: "dls@uni.example" })), state: l.state }, l.cookie);
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(/only an instructor/);
    expect(await counts(t.handle.db)).toEqual(before);
  });
});
