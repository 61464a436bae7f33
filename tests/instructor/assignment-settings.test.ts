import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assignmentSettings, auditLog } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { clearAssignmentSettings } from "@/lib/instructor/clear-assignment-settings";
import { getAssignmentSettings } from "@/lib/instructor/get-assignment-settings";
import { saveAssignmentSettings } from "@/lib/instructor/save-assignment-settings";
import { engineRefusal } from "@/lib/instructor/settings-checks";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { at, expectAppError, makeUser } from "./helpers";
import { settingsContent } from "./settings-helpers";

describe.each(testDbKinds)("term settings verbs on %s", (kind) => {
  let t: TestDb;
  let prof: Actor;
  let sam: Actor;
  const ctx = (actor: Actor | null, contentDir: string | null = settingsContent) => ({
    db: t.handle.db,
    actor,
    contentDir: contentDir ?? undefined,
    now: at("2026-02-10T00:00:00Z"),
  });
  const save = (input: unknown, actor: Actor | null = prof) => saveAssignmentSettings({ ctx: ctx(actor), input });
  const stored = () => t.handle.db.select().from(assignmentSettings);
  const audits = () => t.handle.db.select().from(auditLog);

  beforeAll(async () => {
    t = await createTestDb(kind);
    prof = await makeUser(t.handle.db, "prof@example.org", "instructor");
    sam = await makeUser(t.handle.db, "sam@example.org");
  });
  beforeEach(async () => {
    await t.handle.db.delete(assignmentSettings);
    await t.handle.db.delete(auditLog);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("saves overrides key by key, shows each default beside its override, and audits every change in its transaction", async () => {
    const first = await save({
      assignment: "term-demo",
      set: { due: "2026-03-08T12:00:00Z", quota_daily: 5 },
      reason: "snow week",
    });
    expect(first.warnings).toEqual([]);
    expect(first.effective).toMatchObject({
      due: at("2026-03-08T12:00:00Z"),
      quota_daily: 5,
      cooldown_seconds: 60,
      late_policy: null,
      points: 10,
    });
    await save({
      assignment: "term-demo",
      set: {
        late_policy: { penalty_per_day: 0.2, max_penalty: 0.6 },
        rubric: { shapes: { points: 6 }, secret: { visibility: "visible" } },
      },
      reason: "reweigh",
    });
    const view = await getAssignmentSettings({ ctx: ctx(prof), input: { assignment: "term-demo" } });
    expect(view.defaults).toMatchObject({
      due: at("2026-03-01T00:00:00Z"),
      quota_daily: 2,
      cooldown_seconds: 60,
      late_policy: null,
      points: 10,
    });
    expect(view.overrides).toEqual({
      due: "2026-03-08T12:00:00Z",
      quota_daily: 5,
      late_policy: { penalty_per_day: 0.2, max_penalty: 0.6, grace_minutes: 0 },
      rubric: { shapes: { points: 6 }, secret: { visibility: "visible" } },
    });
    expect(view.effective).toMatchObject({
      quota_daily: 5,
      points: 12,
      late_policy: { penalty_per_day: 0.2, max_penalty: 0.6, grace_minutes: 0 },
    });
    expect(view.rubric.map((r) => [r.check, r.defaults, r.override, r.effective, r.publicTests])).toEqual([
      ["public-tests", { points: 0, visibility: "visible" }, null, { points: 0, visibility: "visible" }, true],
      ["shapes", { points: 4, visibility: "visible" }, { points: 6 }, { points: 6, visibility: "visible" }, false],
      [
        "secret",
        { points: 3, visibility: "hidden" },
        { visibility: "visible" },
        { points: 3, visibility: "visible" },
        false,
      ],
      ["final", { points: 3, visibility: "after_due_date" }, null, { points: 3, visibility: "after_due_date" }, false],
    ]);
    expect(view.updatedBy).toBe("prof@example.org");
    expect(view.rubricNote).toMatch(/keep their scores.*regrades/);
    const rows = (await audits()).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(rows.map((r) => [r.action, r.assignment, r.actorId, r.subjectUserId])).toEqual([
      ["settings.override", "term-demo", prof.id, null],
      ["settings.override", "term-demo", prof.id, null],
    ]);
    expect(rows[0]!.details).toMatchObject({
      changed: ["due", "quota_daily"],
      before: {},
      after: { due: "2026-03-08T12:00:00Z", quota_daily: 5 },
      defaults: { quota_daily: 2 },
      reason: "snow week",
    });
    expect(rows[1]!.details).toMatchObject({
      changed: ["late_policy", "rubric"],
      before: { quota_daily: 5 },
      reason: "reweigh",
    });
    expect(view.audit.map((a) => a.action)).toEqual(["settings.override", "settings.override"]);
  });

  it("clears one override or all of them, audited as settings.remove; the file defaults apply again", async () => {
    await save({
      assignment: "term-demo",
      set: { due: "2026-03-08T12:00:00Z", cooldown_seconds: 0, rubric: { final: { visibility: "visible" } } },
      reason: "x",
    });
    const one = await clearAssignmentSettings({
      ctx: ctx(prof),
      input: { assignment: "term-demo", keys: ["cooldown_seconds"], reason: "back to normal" },
    });
    expect(one.overrides).toEqual({ due: "2026-03-08T12:00:00Z", rubric: { final: { visibility: "visible" } } });
    expect(one.effective.cooldown_seconds).toBe(60);
    const all = await clearAssignmentSettings({
      ctx: ctx(prof),
      input: { assignment: "term-demo", reason: "term over" },
    });
    expect(all.overrides).toEqual({});
    expect(all.notes.join(" ")).toMatch(/regrade/);
    expect(await stored()).toEqual([]);
    const removes = (await audits()).filter((a) => a.action === "settings.remove");
    expect(removes).toHaveLength(2);
    expect(removes.map((r) => (r.details as { removed: string[] }).removed).sort()).toEqual([
      ["cooldown_seconds"],
      ["due", "rubric"],
    ]);
  });

  it("saves a due date in the past with a warning, and a daily quota of 0 with one", async () => {
    const past = await save({
      assignment: "term-demo",
      set: { due: "2026-02-01T00:00:00Z" },
      reason: "typo in the file",
    });
    expect(past.warnings).toEqual([
      { field: "due", message: expect.stringMatching(/in the past and there is no late policy/) },
    ]);
    const zero = await save({ assignment: "term-demo", set: { quota_daily: 0 }, reason: "pause" });
    expect(zero.warnings.map((w) => w.field)).toEqual(["quota_daily"]);
    expect((await stored())[0]!.overrides).toEqual({ due: "2026-02-01T00:00:00Z", quota_daily: 0 });
    const [row] = (await audits()).filter((a) => (a.details as { changed: string[] }).changed.includes("due"));
    expect((row!.details as { warnings: string[] }).warnings[0]).toMatch(/^due: /);
  });

  it("refuses bad input with a 422 naming the field, and saves and audits nothing", async () => {
    const bad: [unknown, string, RegExp][] = [
      [{ set: { due: "next friday" } }, "set.due", /ISO 8601/],
      [{ set: { quota_daily: -1 } }, "set.quota_daily", /0 or more/],
      [{ set: { quota_daily: 2.5 } }, "set.quota_daily", /whole number/],
      [{ set: { cooldown_seconds: 90_000 } }, "set.cooldown_seconds", /at most 86400/],
      [{ set: { late_policy: { penalty_per_day: 2, max_penalty: 0.5 } } }, "set.late_policy.penalty_per_day", /./],
      [{ set: { rubric: { shapes: { points: -1 } } } }, "set.rubric.shapes.points", /0 or more/],
      [{ set: { rubric: { shapes: { visibility: "secret" } } } }, "set.rubric.shapes.visibility", /./],
      [
        { set: { rubric: { nope: { points: 1 } } } },
        "set.rubric.nope",
        /not a check of this assignment \(its checks: public-tests, shapes, secret, final\)/,
      ],
      [{ set: { rubric: { "public-tests": { points: 2 } } } }, "set.rubric.public-tests.points", /must stay 0/],
      [
        { set: { rubric: { shapes: { points: 0 }, secret: { points: 0 }, final: { points: 0 } } } },
        "set.rubric",
        /0 points in all/,
      ],
      [{ set: {} }, "set", /at least one setting/],
      [{ set: { deadline: "2026-03-08T00:00:00Z" } }, "set", /./],
      [{ set: { quota_daily: 3 }, reason: " " }, "reason", /required/],
    ];
    for (const [input, field, message] of bad) {
      const err = await expectAppError(
        save({ assignment: "term-demo", reason: "x", ...(input as object) }),
        "validation",
      );
      expect(err.status).toBe(422);
      expect(Object.keys(err.fields ?? {}), JSON.stringify(input)).toContain(field);
      expect(err.fields![field], field).toMatch(message);
      expect(err.message).toContain(`${field}: `);
    }
    await expectAppError(
      clearAssignmentSettings({ ctx: ctx(prof), input: { assignment: "term-demo", keys: ["deadline"], reason: "x" } }),
      "validation",
      /keys\.0: must be one of/,
    );
    await expectAppError(save({ assignment: "no-such", set: { quota_daily: 3 }, reason: "x" }), "not_found");
    expect(await stored()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it("refuses a student and an anonymous caller, reading or writing, before looking at the input", async () => {
    await save({ assignment: "term-demo", set: { quota_daily: 4 }, reason: "x" });
    const calls = (a: Actor | null) => [
      getAssignmentSettings({ ctx: ctx(a), input: { assignment: "term-demo" } }),
      save({ assignment: "term-demo", set: { quota_daily: 99 }, reason: "x" }, a),
      save("garbage", a),
      clearAssignmentSettings({ ctx: ctx(a), input: { assignment: "term-demo", reason: "x" } }),
    ];
    for (const p of calls(sam)) await expectAppError(p, "forbidden", /instructors only/);
    for (const p of calls(null)) await expectAppError(p, "unauthenticated");
    expect((await stored())[0]!.overrides).toEqual({ quota_daily: 4 });
    expect(await audits()).toHaveLength(1);
  });

  it("asks the grading engine about the served course: its public-tests check keeps 0 points, unknown checks are refused", async () => {
    const live = (input: unknown) => saveAssignmentSettings({ ctx: ctx(prof, null), input });
    const view = await getAssignmentSettings({ ctx: ctx(prof, null), input: { assignment: "hello-tensor" } });
    expect(view.problem).toBeNull();
    expect(view.checksSource).toBe("engine");
    expect(view.rubric.filter((r) => r.publicTests).map((r) => r.check)).toEqual(["public-tests"]);
    const err = await expectAppError(
      live({ assignment: "hello-tensor", set: { rubric: { "public-tests": { points: 1 } } }, reason: "x" }),
      "validation",
    );
    expect(err.fields).toHaveProperty(["set.rubric.public-tests.points"]);
    await expectAppError(
      live({ assignment: "hello-tensor", set: { rubric: { "made-up": { points: 1 } } }, reason: "x" }),
      "validation",
      /set\.rubric\.made-up/,
    );
    // The engine's own verdict, which the save verb also asks for (it would catch what assignment.yaml cannot tell).
    expect(await engineRefusal("hello-tensor", { "public-tests": { points: 1 } })).toMatch(/public tests.*0 points/);
    expect(await engineRefusal("hello-tensor", { broadcasting: { points: 1, visibility: "hidden" } })).toBeNull();
    expect(await engineRefusal("term-demo", { nope: { points: 1 } }, settingsContent)).toBeNull();
    expect(await stored()).toEqual([]);
    const ok = await live({
      assignment: "hello-tensor",
      set: { rubric: { "same-shape": { points: 5 } } },
      reason: "x",
    });
    expect(ok.effective.points).toBe(11);
  });
});
