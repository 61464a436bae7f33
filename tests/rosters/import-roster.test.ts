import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, enrolments, users } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { importRoster } from "@/lib/rosters/import-roster";
import { expectAppError, makeUser } from "../instructor/helpers";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";

describe.each(testDbKinds)("roster import on %s", (kind) => {
  let t: TestDb;
  let prof: Actor;
  let ta: Actor;
  beforeAll(async () => {
    t = await createTestDb(kind);
    prof = await makeUser(t.handle.db, "prof@example.org", "instructor");
    ta = await makeUser(t.handle.db, "ta@example.org", "ta");
    await makeUser(t.handle.db, "old@example.org", "student");
  });
  afterAll(async () => {
    await t?.cleanup();
  });
  const run = (actor: Actor, input: unknown) => importRoster({ ctx: { db: t.handle.db, actor }, input });
  const count = async () => ({
    users: (await t.handle.db.select().from(users)).length,
    enrolments: (await t.handle.db.select().from(enrolments)).length,
    audit: (await t.handle.db.select().from(auditLog)).length,
  });

  const bad = '\uFEFFemail,name,role,section\r\nnot-an-email,X,student,\r\ndup@example.org,A,student,A1\r\nDUP@example.org,B,student,A2\r\nz@example.org,Z,professor,\r\ngood@example.org,"Good, Name",ta,"S ""1"""\r\n';

  it("refuses a TA (and checks before it parses)", async () => {
    const before = await count();
    await expectAppError(run(ta, { csv: "email\nx@example.org\n" }), "forbidden");
    await expectAppError(run(ta, { csv: 42 }), "forbidden");
    expect(await count()).toEqual(before);
  });

  it("reports every bad row with its line and imports nothing without confirmGoodRows; a dry run writes nothing", async () => {
    const before = await count();
    const report = await run(prof, { csv: bad });
    expect(report.imported).toBe(false);
    expect(report.bad.map((b) => [b.line, b.reason])).toEqual([
      [2, "'not-an-email' is not a valid email address"],
      [4, "duplicate email dup@example.org (first on line 3)"],
      [5, "unknown role 'professor' (use instructor, ta or student)"],
    ]);
    expect(report.rows.map((r) => [r.line, r.email, r.action, r.section])).toEqual([
      [3, "dup@example.org", "create", "A1"],
      [6, "good@example.org", "create", 'S "1"'],
    ]);
    const dry = await run(prof, { csv: bad, dryRun: true, confirmGoodRows: true });
    expect(dry).toMatchObject({ dryRun: true, imported: false });
    expect(await count()).toEqual(before);
  });

  it("imports only the good rows with confirmGoodRows, in one audited transaction", async () => {
    const before = await count();
    const report = await run(prof, { csv: bad, confirmGoodRows: true });
    expect(report).toMatchObject({ imported: true, counts: { create: 2, bad: 3 } });
    expect(await count()).toEqual({ users: before.users + 2, enrolments: before.enrolments + 2, audit: before.audit + 1 });
    const [good] = await t.handle.db.select().from(users).where(eq(users.email, "good@example.org"));
    expect(good).toMatchObject({ name: "Good, Name", role: "ta", passwordHash: null });
    const [e] = await t.handle.db.select().from(enrolments).where(eq(enrolments.userId, good!.id));
    expect(e).toMatchObject({ offering: "default", role: "ta", section: 'S "1"', source: "roster" });
    const [a] = await t.handle.db.select().from(auditLog).where(eq(auditLog.action, "roster.import"));
    expect(a!.actorId).toBe(prof.id);
  });

  it("raises roles, keeps them otherwise unless setRoles, never demotes the last instructor", async () => {
    const csv = "email,role\nold@example.org,ta\ngood@example.org,student\nprof@example.org,student\n";
    const report = await run(prof, { csv, dryRun: true });
    expect(report.rows.map((r) => [r.email, r.action, r.previousRole, r.role])).toEqual([
      ["old@example.org", "update-role", "student", "ta"],
      ["good@example.org", "enrol", "ta", "ta"],
      ["prof@example.org", "enrol", "instructor", "instructor"],
    ]);
    const forced = await run(prof, { csv, dryRun: true, setRoles: true });
    expect(forced.bad).toEqual([{ line: 4, email: "prof@example.org", reason: "would demote the last instructor" }]);
    expect(forced.rows.find((r) => r.email === "good@example.org")).toMatchObject({ action: "update-role", role: "student" });
    const clean = await run(prof, { csv: "email,role\nold@example.org,ta\n" });
    expect(clean).toMatchObject({ imported: true, counts: { "update-role": 1, bad: 0 } });
    const again = await run(prof, { csv: "email,role\nold@example.org,ta\n", dryRun: true });
    expect(again.rows[0]!.action).toBe("unchanged");
  });

  it("refuses a file without a header, with too many rows, or with an open quote", async () => {
    await expectAppError(run(prof, { csv: "a@example.org,A,student,\n" }), "validation");
    await expectAppError(run(prof, { csv: `email\n${Array.from({ length: 5001 }, (_, i) => `u${i}@example.org`).join("\n")}\n` }), "validation");
    await expectAppError(run(prof, { csv: 'email,name\nq@example.org,"open\n' }), "validation");
  });
});
