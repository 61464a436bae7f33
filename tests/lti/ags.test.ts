import PgBoss from "pg-boss";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { insertUser } from "@/db/queries/users";
import { ltiPlatforms as ltiPlatformsTable, ltiScores, scoreAdjustments, users } from "@/db/schema";
import { registerPlatform } from "@/lib/lti/add-platform";
import { collectScores } from "@/lib/lti/ags/collect-scores";
import { ensureLtiQueues, LTI_SCORE_QUEUE, queueScoreSends, SCORE_RETRY, startLtiWorkers } from "@/lib/lti/ags/queue";
import { scoresUrl, sendScore } from "@/lib/lti/ags/send-score";
import { clearTokenCache } from "@/lib/lti/ags/token";
import { toolJwks } from "@/lib/lti/keys";
import { PlatformKeyCache } from "@/lib/lti/platform-keys";
import { completeLaunch } from "@/lib/lti/complete-launch";
import { startLogin } from "@/lib/lti/start-login";
import { verifyLaunch } from "@/lib/lti/verify-launch";
import { insertGraded } from "../instructor/helpers";
import { createTestDb, type TestDb, testDbKinds } from "../support/test-db";
import { MEMBERSHIP, PlatformSimulator } from "./platform-simulator";

const TOOL = "http://tool.test";

describe.each(testDbKinds)("AGS: final scores reach the LMS's line item (%s)", (kind) => {
  let t: TestDb;
  let sim: PlatformSimulator;
  let userId: string;
  const keys = new PlatformKeyCache({ cooldownMs: 0 });

  async function launchAs(sub: string, email: string) {
    const db = t.handle.db;
    const { location, state } = await startLogin(db, { iss: sim.issuer, login_hint: sub, target_link_uri: `${TOOL}/assignments/hello-tensor` }, TOOL);
    const nonce = new URL(location).searchParams.get("nonce")!;
    const token = await sim.sign(sim.launchClaims(nonce, { sub, email, roles: [`${MEMBERSHIP}#Learner`] }));
    return completeLaunch(db, await verifyLaunch(db, { id_token: token, state }, state, { keys }));
  }

  beforeAll(async () => {
    vi.stubEnv("AUTH_SECRET", "lti-test-secret-0123456789abcdef0123456789");
    t = await createTestDb(kind);
    await insertUser(t.handle.db, { email: "admin@uni.example", name: null, role: "instructor", passwordHash: null });
    sim = await PlatformSimulator.start("canvas");
    sim.toolJwks = () => toolJwks(t.handle.db);
    await t.handle.db.transaction((tx) => registerPlatform(tx, sim.registration, null));
    userId = (await launchAs("student-7", "grace@uni.example")).user.id;
    clearTokenCache();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await sim?.close();
    await t?.cleanup();
  });

  it("nothing is sent before anything is graded", async () => {
    expect(await collectScores(t.handle.db)).toEqual([]);
  });

  it("a graded submission is published; an LMS that is down gets it later, never lost", async () => {
    const db = t.handle.db;
    await insertGraded(db, { userId, assignment: "hello-tensor", createdAt: new Date("2026-11-01T10:00:00Z"), score: 8 });
    const pending = await collectScores(db);
    expect(pending).toEqual([{ platformId: expect.any(String), lineItemUrl: `${sim.base}/lineitems/1`, userId }]);
    sim.down = true;
    await expect(sendScore(db, pending[0]!)).rejects.toThrow(/HTTP 503/);
    let [row] = await db.select().from(ltiScores);
    expect(row).toMatchObject({ status: "pending", attempts: 1, scoreGiven: 8, scoreMaximum: 10 });
    expect(row!.lastError).toMatch(/503/);
    // Still pending on the next collection (the retry is not lost), and not duplicated.
    expect(await collectScores(db)).toHaveLength(1);
    sim.down = false;
    expect(await sendScore(db, pending[0]!)).toBe("sent");
    [row] = await db.select().from(ltiScores);
    expect(row).toMatchObject({ status: "sent", sentScore: 8, lastError: null });
    expect(sim.scores).toHaveLength(1);
    expect(sim.scores[0]!.body).toMatchObject({
      userId: "student-7",
      scoreGiven: 8,
      scoreMaximum: 10,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
    });
    expect(sim.tokenRequests.filter((r) => r.ok).map((r) => r.scope)).toEqual(["https://purl.imsglobal.org/spec/lti-ags/scope/score"]);
    expect(sim.tokenRequests.every((r) => r.ok)).toBe(true);
    // Unchanged: nothing more to send.
    expect(await collectScores(db)).toEqual([]);
    expect(await sendScore(db, pending[0]!)).toBe("unchanged");
  });

  it("an adjustment changes the final grade: the new one is sent", async () => {
    const db = t.handle.db;
    const [admin] = await db.select().from(users).where(eq(users.email, "admin@uni.example"));
    await db.insert(scoreAdjustments).values({ userId, assignment: "hello-tensor", points: 1.5, reason: "regrade request", adjustedBy: admin!.id });
    const pending = await collectScores(db);
    expect(pending).toHaveLength(1);
    expect(await sendScore(db, pending[0]!)).toBe("sent");
    expect(sim.scores.at(-1)!.body.scoreGiven).toBe(9.5);
  });

  it("the pg-boss publisher sends queued scores, one queued job per score", async () => {
    const db = t.handle.db;
    const boss = new PgBoss({ db: { executeSql: (text, values) => t.handle.executeSql(text, values) }, schema: "pgboss", supervise: false, schedule: false });
    await boss.start();
    try {
      await ensureLtiQueues(boss);
      const queue = await boss.getQueue(LTI_SCORE_QUEUE);
      expect(queue).toMatchObject({ policy: "short", retryLimit: SCORE_RETRY.retryLimit, retryBackoff: true });
      const other = await launchAs("student-8", "hopper@uni.example");
      await insertGraded(db, { userId: other.user.id, assignment: "hello-tensor", createdAt: new Date("2026-11-02T10:00:00Z"), score: 6 });
      const pending = await collectScores(db);
      expect(pending).toHaveLength(1);
      expect(await queueScoreSends(boss, pending)).toBe(1);
      expect(await queueScoreSends(boss, pending)).toBe(0);
      const before = sim.scores.length;
      await startLtiWorkers(boss, db, { cron: "0 0 1 1 *" });
      for (let i = 0; i < 100 && sim.scores.length === before; i++) await new Promise((r) => setTimeout(r, 100));
      expect(sim.scores.at(-1)!.body).toMatchObject({ userId: "student-8", scoreGiven: 6 });
    } finally {
      await boss.stop({ graceful: false, close: false, wait: true });
    }
  });

  it("the console's overview lists the platform, the LMS course and every score with its status", async () => {
    const { getLtiOverview } = await import("@/lib/lti/get-lti-overview");
    const [admin] = await t.handle.db.select().from(users).where(eq(users.email, "admin@uni.example"));
    const o = await getLtiOverview({ ctx: { db: t.handle.db, actor: { ...admin!, role: "instructor" } } });
    expect(o.platforms.map((p) => p.issuer)).toEqual([sim.issuer]);
    expect(o.contexts).toEqual([expect.objectContaining({ contextId: "ctx-1", roster: true, offering: "default" })]);
    expect(o.counts).toEqual({ pending: 0, sent: 2, failed: 0 });
    await expect(getLtiOverview({ ctx: { db: t.handle.db, actor: { ...admin!, role: "student" } } })).rejects.toThrow(/instructors only/);
  });

  it("the scores URL keeps the line item's query", () => {
    expect(scoresUrl("https://lms.example/api/lti/courses/1/line_items/7?type=x")).toBe("https://lms.example/api/lti/courses/1/line_items/7/scores?type=x");
  });
});

describe.each(testDbKinds)("NRPS: the LMS roster enrols the course (%s)", (kind) => {
  let t: TestDb;
  let sim: PlatformSimulator;
  const keys = new PlatformKeyCache({ cooldownMs: 0 });

  beforeAll(async () => {
    vi.stubEnv("AUTH_SECRET", "lti-test-secret-0123456789abcdef0123456789");
    t = await createTestDb(kind);
    await insertUser(t.handle.db, { email: "admin@uni.example", name: null, role: "instructor", passwordHash: null });
    sim = await PlatformSimulator.start("moodle");
    sim.toolJwks = () => toolJwks(t.handle.db);
    await t.handle.db.transaction((tx) => registerPlatform(tx, sim.registration, null));
    clearTokenCache();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await sim?.close();
    await t?.cleanup();
  });

  it("reads every page, enrols active members with their roles, reports inactive and invalid ones; a rerun changes nothing", async () => {
    const db = t.handle.db;
    // A launch tells the tool the context's memberships URL.
    const { location, state } = await startLogin(db, { iss: sim.issuer, login_hint: "p", target_link_uri: `${TOOL}/` }, TOOL);
    const nonce = new URL(location).searchParams.get("nonce")!;
    const token = await sim.sign(sim.launchClaims(nonce, { sub: "prof-9", email: "prof9@uni.example", roles: [`${MEMBERSHIP}#Instructor`] }));
    await completeLaunch(db, await verifyLaunch(db, { id_token: token, state }, state, { keys }));
    sim.members = [
      { user_id: "prof-9", roles: [`${MEMBERSHIP}#Instructor`], email: "prof9@uni.example", status: "Active" },
      { user_id: "s-1", roles: [`${MEMBERSHIP}#Learner`], email: "s1@uni.example", name: "Sam One" },
      { user_id: "ta-1", roles: [`${MEMBERSHIP}/Instructor#TeachingAssistant`], email: "ta1@uni.example" },
      { user_id: "s-2", roles: [`${MEMBERSHIP}#Learner`], email: "s2@uni.example", status: "Inactive" },
      { roles: [`${MEMBERSHIP}#Learner`], email: "broken@uni.example" },
    ];
    const { runRosterSync, syncRoster } = await import("@/lib/lti/nrps/sync-roster");
    const input = { platformId: (await db.select().from(ltiPlatformsTable))[0]!.id, deploymentId: sim.deploymentId, contextId: "ctx-1" };
    const report = await runRosterSync(db, input);
    expect(report).toMatchObject({ members: 4, enrolled: 2, unchanged: 1, inactive: 1 });
    expect(report.invalid).toHaveLength(1);
    expect(report.invalid[0]).toMatch(/page 3, member 1: user_id/);
    const emails = (await db.select().from(users)).map((u) => u.email).sort();
    expect(emails).toEqual(["admin@uni.example", "prof9@uni.example", "s1@uni.example", "ta1@uni.example"]);
    expect(await runRosterSync(db, input)).toMatchObject({ enrolled: 0, changed: 0, unchanged: 3 });
    // A student cannot sync; an LMS that is down changes nothing and says so.
    const student = (await db.select().from(users).where(eq(users.email, "s1@uni.example")))[0]!;
    await expect(syncRoster({ ctx: { db, actor: { ...student, role: "student" } }, input })).rejects.toThrow(/instructors only/);
    sim.down = true;
    await expect(runRosterSync(db, input)).rejects.toThrow(/HTTP 503; nothing was changed/);
    sim.down = false;
  });
});
