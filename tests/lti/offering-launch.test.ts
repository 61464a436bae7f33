/**
 * Issue #17's attack "a launch for one context trying to read another offering": a platform whose deployment is
 * linked to offering ssl-a launches a learner; the launch enrols them in ssl-a only and makes it their active
 * offering. Asking for ssl-b (or the default offering, where they are not) is refused exactly like an offering that
 * does not exist, a submission there is refused, and ssl-b's grades, board and roster never show them.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { enrolments, ltiDeployments, users } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { exportGrades } from "@/lib/grades/export-grades";
import { registerPlatform } from "@/lib/lti/add-platform";
import { resolveActiveOffering } from "@/lib/offerings/active-offering";
import { createOffering } from "@/lib/offerings/create-offering";
import { NOT_IN_OFFERING } from "@/lib/offerings/membership";
import { submit } from "@/lib/submissions/submit";
import { contentDir, expectAppError, makeUser } from "../instructor/helpers";
import { inOffering } from "../offerings/support";
import { createTestDb, type TestDb } from "../support/test-db";
import { MEMBERSHIP, PlatformSimulator } from "./platform-simulator";

const state = vi.hoisted(() => ({ db: undefined as unknown }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => state.db,
}));

const { GET: loginGet } = await import("@/app/api/lti/login/route");
const { POST: launchPost } = await import("@/app/api/lti/launch/route");

const TOOL = "http://tool.test";
const LEARNER = { sub: "eve-1", email: "eve@uni.example", roles: [`${MEMBERSHIP}#Learner`] };

describe("an LTI launch into one offering cannot reach another", () => {
  let t: TestDb;
  let sim: PlatformSimulator;
  let prof: Actor;
  let eve: Actor;
  let launchCookies: string[] = [];

  beforeAll(async () => {
    vi.stubEnv("AUTH_SECRET", "lti-offering-test-secret-0123456789abcdef");
    t = await createTestDb("pglite");
    state.db = t.handle.db;
    prof = await makeUser(t.handle.db, "prof@uni.example", "instructor");
    const ctx = { db: t.handle.db, actor: prof, contentDir };
    for (const slug of ["ssl-a", "ssl-b"]) await createOffering({ ctx, input: { slug, title: slug, term: "Spring 2027" } });
    sim = await PlatformSimulator.start("canvas");
    await t.handle.db.transaction((tx) => registerPlatform(tx, { ...sim.registration, offering: "ssl-a" }, prof.id));

    const q = new URLSearchParams({ iss: sim.issuer, login_hint: "h", target_link_uri: `${TOOL}/assignments/hello-tensor`, client_id: sim.clientId });
    const login = await loginGet(new Request(`${TOOL}/api/lti/login?${q}`));
    const location = new URL(login.headers.get("location")!);
    const stateCookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const token = await sim.sign(sim.launchClaims(location.searchParams.get("nonce")!, LEARNER));
    const res = await launchPost(
      new Request(`${TOOL}/api/lti/launch`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: stateCookie },
        body: new URLSearchParams({ id_token: token, state: location.searchParams.get("state")! }),
      }),
    );
    expect(res.status, await res.clone().text()).toBe(303);
    launchCookies = res.headers.getSetCookie();
    const [row] = await t.handle.db.select().from(users).where(eq(users.email, LEARNER.email));
    eve = { id: row!.id, email: row!.email, name: row!.name, role: row!.role };
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await sim?.close();
    await t?.cleanup();
  });

  it("registering a deployment for an offering that does not exist is refused and stores nothing", async () => {
    const deployments = async () => (await t.handle.db.select({ n: count() }).from(ltiDeployments))[0]!.n;
    const before = await deployments();
    const err = await expectAppError(
      t.handle.db.transaction((tx) => registerPlatform(tx, { ...sim.registration, deploymentId: "dep-typo", offering: "ssl-c" }, prof.id)),
      "validation",
      /There is no offering 'ssl-c'/,
    );
    expect(err.fields).toEqual({ offering: "no such offering" });
    expect(await deployments()).toBe(before);
  });

  it("enrols the learner in the deployment's offering only, and makes it the active one", async () => {
    const rows = await t.handle.db.select().from(enrolments).where(eq(enrolments.userId, eve.id));
    expect(rows.map((r) => [r.offering, r.role, r.source])).toEqual([["ssl-a", "student", "lti"]]);
    expect(launchCookies.some((c) => c.startsWith("unlabeled-offering=ssl-a"))).toBe(true);
    expect(await resolveActiveOffering(t.handle.db, eve, {})).toEqual({ offering: "ssl-a", role: "student" });
  });

  it("asking for another offering (or the default one) is refused like an offering that does not exist", async () => {
    for (const requested of ["ssl-b", "default", "no-such-offering"]) {
      const err = await expectAppError(resolveActiveOffering(t.handle.db, eve, { requested }), "forbidden");
      expect(err.message).toBe(NOT_IN_OFFERING);
    }
    // A cookie naming ssl-b (planted or stale) is ignored: the request stays in ssl-a.
    expect(await resolveActiveOffering(t.handle.db, eve, { cookie: "ssl-b" })).toEqual({ offering: "ssl-a", role: "student" });
  });

  it("a submission to another offering is refused and stores nothing; that offering's grades never list them", async () => {
    const forged: Actor = { ...eve, role: "student", offering: "ssl-b" };
    await expectAppError(
      submit({ ctx: { db: t.handle.db, actor: forged, contentDir, enqueue: async () => undefined }, input: { assignment: "lb-mse", source: "x" } }),
      "forbidden",
      /not enrolled/,
    );
    const profB = await inOffering(t.handle.db, prof, "ssl-b");
    const csv = (await exportGrades({ ctx: { db: t.handle.db, actor: profB, contentDir }, input: { assignment: "lb-mse" } })).body;
    expect(csv).not.toContain(LEARNER.email);
    const profA = await inOffering(t.handle.db, prof, "ssl-a");
    const inA = (await exportGrades({ ctx: { db: t.handle.db, actor: profA, contentDir }, input: { assignment: "lb-mse" } })).body;
    expect(inA).toContain(LEARNER.email);
  });
});
