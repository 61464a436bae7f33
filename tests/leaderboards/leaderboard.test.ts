import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { chooseSubmission } from "@/lib/leaderboards/choose-submission";
import { controlLeaderboard } from "@/lib/leaderboards/control-leaderboard";
import { getLeaderboard } from "@/lib/leaderboards/get-leaderboard";
import { grantExtension } from "@/lib/instructor/grant-extension";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { at, board, contentDir, expectAppError, insertGraded, makeUser } from "../instructor/helpers";

// lb-accuracy: metric accuracy, desc, 2 decimals, due 2026-03-01. lb-mse: metric mse, asc, 3 decimals.
describe.each(testDbKinds)("leaderboards on %s", (kind) => {
  let t: TestDb;
  let prof: Actor;
  let s: Record<"ann" | "ben" | "cam" | "dee", Actor>;
  const subs: Record<string, string> = {};
  const before = at("2026-02-15T00:00:00Z");
  const after = at("2026-03-05T00:00:00Z");
  const ctx = (actor: Actor, now = before) => ({ db: t.handle.db, actor, contentDir, now });
  const view = (actor: Actor, assignment = "lb-accuracy") => getLeaderboard({ ctx: ctx(actor), input: { assignment } });

  beforeAll(async () => {
    t = await createTestDb(kind);
    const db = t.handle.db;
    prof = await makeUser(db, "prof@example.org", "instructor");
    s = {
      ann: await makeUser(db, "ann@example.org", "student", "Ann Real"),
      ben: await makeUser(db, "ben@example.org"),
      cam: await makeUser(db, "cam@example.org"),
      dee: await makeUser(db, "dee@example.org"),
    };
    const add = async (key: string, who: Actor, day: string, pub: number, priv: number, assignment = "lb-accuracy") => {
      const metric = assignment === "lb-accuracy" ? "accuracy" : "mse";
      subs[key] = await insertGraded(db, { userId: who.id, assignment, createdAt: at(`2026-02-${day}T00:00:00Z`), score: 5, leaderboard: board(metric, pub, priv) });
    };
    await add("ann1", s.ann, "01", 0.801, 0.9);
    await add("ann2", s.ann, "03", 0.86, 0.7);
    await add("ben1", s.ben, "02", 0.8549, 0.95); // 0.8549 rounds to 0.85: ties cam1 and is earlier
    await add("cam1", s.cam, "04", 0.85, 0.8);
    await add("cam2", s.cam, "20", 0.9, 0.91); // after the freeze point used below
    // A run with no leaderboard entries (compile error) is not on the board.
    subs.dee1 = await insertGraded(db, { userId: s.dee.id, assignment: "lb-accuracy", createdAt: at("2026-02-05T00:00:00Z"), score: 0, errorKind: "compile" });
    await add("mse-ann", s.ann, "01", 0.02, 0.03, "lb-mse");
    await add("mse-ben", s.ben, "01", 0.01, 0.05, "lb-mse");
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("ranks public values with pseudonyms and marks the viewer's own row", async () => {
    const v = await view(s.ben);
    expect(v.viewer).toBe("student");
    expect(v.rows.map((r) => [r.rank, r.public, r.mine])).toEqual([
      [1, 0.9, false], // cam2
      [2, 0.86, false], // ann2
      [3, 0.85, true], // ben1 (earlier than cam1, which cam2 supersedes anyway)
    ]);
    expect(v.me).toMatchObject({ rank: 3, hidden: false, choice: null });
    expect(v.me.submissions).toEqual([expect.objectContaining({ id: subs.ben1, public: 0.85, chosen: false })]);
    expect(v.me.submissions[0]).not.toHaveProperty("private");
    const aliases = v.rows.map((r) => r.alias);
    expect(new Set(aliases).size).toBe(3);
    for (const a of aliases) expect(a).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d\d$/);
    // Pseudonyms are stable across views and differ per assignment.
    expect((await view(s.ben)).rows.map((r) => r.alias)).toEqual(aliases);
    expect(JSON.stringify(v)).not.toMatch(/@example\.org|Ann Real|:private/);
    for (const r of v.rows) expect(Object.keys(r).sort()).toEqual(["alias", "entries", "mine", "public", "rank"]);
  });

  it("ranks lower-is-better metrics ascending", async () => {
    const v = await view(s.ann, "lb-mse");
    expect(v.rows.map((r) => [r.public, r.mine])).toEqual([
      [0.01, false],
      [0.02, true],
    ]);
  });

  it("shows instructors identities and private values, but not students", async () => {
    const v = await view(prof);
    expect(v.viewer).toBe("instructor");
    expect(v.rows.map((r) => [r.email, r.submissionId, r.private])).toEqual([
      ["cam@example.org", subs.cam2, 0.91],
      ["ann@example.org", subs.ann2, 0.7],
      ["ben@example.org", subs.ben1, 0.95],
    ]);
  });

  it("counts a student's chosen submission, only their own, with a leaderboard score", async () => {
    await chooseSubmission({ ctx: ctx(s.ann), input: { assignment: "lb-accuracy", submissionId: subs.ann1 } });
    await expectAppError(chooseSubmission({ ctx: ctx(s.ann), input: { assignment: "lb-accuracy", submissionId: subs.ben1 } }), "not_found");
    await expectAppError(chooseSubmission({ ctx: ctx(s.dee), input: { assignment: "lb-accuracy", submissionId: subs.dee1 } }), "conflict", /no leaderboard score/);
    await expectAppError(chooseSubmission({ ctx: ctx(s.ann), input: { assignment: "lb-mse", submissionId: subs.ann1 } }), "not_found");
    const v = await view(s.ann);
    expect(v.rows.find((r) => r.mine)).toMatchObject({ rank: 3, public: 0.8 });
    expect(v.me.choice).toBe(subs.ann1);
  });

  it("freezes the board: later submissions stop counting until unfrozen", async () => {
    await controlLeaderboard({ ctx: ctx(prof, at("2026-02-10T00:00:00Z")), input: { assignment: "lb-accuracy", action: "freeze" } });
    const frozen = await view(s.ben);
    expect(frozen.frozenAt).toEqual(at("2026-02-10T00:00:00Z"));
    expect(frozen.rows.map((r) => r.public)).toEqual([0.85, 0.85, 0.8]); // ben1, cam1 (tie: ben earlier), ann1 (chosen)
    expect(frozen.rows[0]!.mine).toBe(true);
    await expectAppError(chooseSubmission({ ctx: ctx(s.cam), input: { assignment: "lb-accuracy", submissionId: subs.cam2 } }), "conflict", /frozen/);
    // Freezing again keeps the first freeze instant.
    await controlLeaderboard({ ctx: ctx(prof, at("2026-02-12T00:00:00Z")), input: { assignment: "lb-accuracy", action: "freeze" } });
    expect((await view(s.ben)).frozenAt).toEqual(at("2026-02-10T00:00:00Z"));
    await controlLeaderboard({ ctx: ctx(prof), input: { assignment: "lb-accuracy", action: "unfreeze" } });
    expect((await view(s.ben)).rows).toHaveLength(3);
  });

  it("hides a row from students but not from instructors", async () => {
    await expectAppError(controlLeaderboard({ ctx: ctx(prof), input: { assignment: "lb-accuracy", action: "hide-row", userId: s.cam.id } }), "validation");
    await controlLeaderboard({ ctx: ctx(prof), input: { assignment: "lb-accuracy", action: "hide-row", userId: s.cam.id, reason: "shared code" } });
    await expectAppError(controlLeaderboard({ ctx: ctx(prof), input: { assignment: "lb-accuracy", action: "hide-row", userId: s.cam.id, reason: "again" } }), "conflict");
    const student = await view(s.ben);
    expect(student.rows.map((r) => [r.rank, r.public])).toEqual([
      [1, 0.85],
      [2, 0.8],
    ]);
    expect((await view(s.cam)).me).toMatchObject({ rank: null, hidden: true });
    const instr = await view(prof);
    expect(instr.rows.map((r) => [r.rank, r.email, r.hidden])).toEqual([
      [1, "ben@example.org", false],
      [2, "ann@example.org", false],
      [null, "cam@example.org", true],
    ]);
    await controlLeaderboard({ ctx: ctx(prof), input: { assignment: "lb-accuracy", action: "show-row", userId: s.cam.id } });
    await expectAppError(controlLeaderboard({ ctx: ctx(prof), input: { assignment: "lb-accuracy", action: "show-row", userId: s.cam.id } }), "not_found");
    expect((await view(s.ben)).rows).toHaveLength(3);
  });

  it("reveals the private board only after the deadline and once extensions are over (or forced)", async () => {
    await expectAppError(controlLeaderboard({ ctx: ctx(prof, before), input: { assignment: "lb-accuracy", action: "reveal" } }), "conflict", /after the due date/);
    await grantExtension({ ctx: ctx(prof), input: { userId: s.dee.id, assignment: "lb-accuracy", until: "2026-03-07T00:00:00Z", reason: "travel" } });
    await expectAppError(controlLeaderboard({ ctx: ctx(prof, after), input: { assignment: "lb-accuracy", action: "reveal" } }), "conflict", /1 student\(s\) still have/);
    const setting = await controlLeaderboard({ ctx: ctx(prof, after), input: { assignment: "lb-accuracy", action: "reveal", force: true } });
    expect(setting.revealedAt).toEqual(after);
    const v = await view(s.ann);
    // Ranked by private now: ben1 0.95, cam2 0.91, ann1 0.9 (ann's choice).
    expect(v.rows.map((r) => [r.rank, r.public, r.private, r.mine])).toEqual([
      [1, 0.85, 0.95, false],
      [2, 0.9, 0.91, false],
      [3, 0.8, 0.9, true],
    ]);
    expect(v.me.submissions.find((x) => x.id === subs.ann2)).toMatchObject({ public: 0.86, private: 0.7 });
    await expectAppError(chooseSubmission({ ctx: ctx(s.ann), input: { assignment: "lb-accuracy", submissionId: subs.ann2 } }), "conflict", /revealed/);
    const actions = (await t.handle.db.select().from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["leaderboard.freeze", "leaderboard.unfreeze", "leaderboard.hide-row", "leaderboard.show-row", "leaderboard.reveal"]));
  });

  it("refuses assignments without a leaderboard", async () => {
    await expectAppError(getLeaderboard({ ctx: ctx(s.ann), input: { assignment: "late-demo" } }), "not_found", /no leaderboard/);
    await expectAppError(controlLeaderboard({ ctx: ctx(prof), input: { assignment: "late-demo", action: "freeze" } }), "not_found");
  });
});
