import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserById } from "@/db/queries/users";
import { revokeSessions, sessionStillValid } from "@/lib/auth/session-floor";
import { signUp } from "@/lib/users/sign-up";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";

describe.each(testDbKinds)("session revocation and sign-up roles (%s)", (kind) => {
  let t: TestDb;
  let first: string;
  beforeAll(async () => {
    t = await createTestDb(kind);
    // The very first account is the course's instructor; every later public sign-up is a student.
    first = (await signUp({ ctx: { db: t.handle.db, actor: null }, input: { email: "owner@example.org", password: "first-account-pass" } })).id;
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("a session signed in before sign-out is refused afterwards; one signed in later works", async () => {
    const db = t.handle.db;
    const before = Date.now() - 5;
    expect(await sessionStillValid(db, first, before)).toBe(true);
    await revokeSessions(db, first, new Date(before + 1));
    expect(await sessionStillValid(db, first, before)).toBe(false);
    expect(await sessionStillValid(db, first, undefined)).toBe(false);
    expect(await sessionStillValid(db, first, before + 2)).toBe(true);
    // The floor never moves backwards (a late, stale sign-out cannot revive old tokens).
    await revokeSessions(db, first, new Date(before - 1000));
    expect(await sessionStillValid(db, first, before)).toBe(false);
  });

  it("public sign-up cannot choose a role, by any field name", async () => {
    const db = t.handle.db;
    for (const extra of [{ role: "instructor" }, { isAdmin: true }, { roles: ["instructor"] }]) {
      const input = { email: `sneaky${Object.keys(extra)[0]}@example.org`, password: "student-wants-power", ...extra };
      await expect(signUp({ ctx: { db, actor: null }, input })).rejects.toMatchObject({ code: "validation", status: 422 });
    }
    const plain = await signUp({ ctx: { db, actor: null }, input: { email: "plain@example.org", password: "student-wants-power" } });
    expect((await findUserById(db, plain.id))?.role).toBe("student");
  });

  it("a signed-in student cannot sign up again (no second account minted from a session)", async () => {
    const db = t.handle.db;
    const actor = { id: first, email: "owner@example.org", name: null, role: "student" as const };
    await expect(signUp({ ctx: { db, actor }, input: { email: "again@example.org", password: "student-wants-power" } })).rejects.toMatchObject({ code: "conflict" });
  });
});
