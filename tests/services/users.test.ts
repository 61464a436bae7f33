import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByEmail } from "@/db/queries/users";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { authorize, type Actor } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { addUser } from "@/lib/users/add-user";
import { listUsers } from "@/lib/users/list-users";
import { signUp } from "@/lib/users/sign-up";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";

async function expectAppError(promise: Promise<unknown>, code: AppError["code"], field?: string) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (field) expect((err as AppError).fields?.[field]).toBeTruthy();
  return err as AppError;
}

describe.each(testDbKinds)("accounts on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t?.cleanup();
  });
  const ctx = () => ({ db: t.handle.db, actor: null });

  it("makes the first account the instructor and later ones students", async () => {
    const first = await signUp({ ctx: ctx(), input: { email: "Ada@Example.org", password: "analytical-engine-1843" } });
    expect(first.role).toBe("instructor");
    expect(first.email).toBe("ada@example.org");
    const second = await signUp({ ctx: ctx(), input: { email: "grace@example.org", password: "compiler-cobol-1959", name: "Grace" } });
    expect(second.role).toBe("student");
    expect(second.name).toBe("Grace");
  });

  it("stores an argon2id hash, never the password", async () => {
    const rows = await t.handle.executeSql("select password_hash from \"user\" where email = $1", ["grace@example.org"]);
    const hash = String(rows.rows[0]?.password_hash);
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(hash).not.toContain("compiler-cobol-1959");
  });

  it("refuses a duplicate email with a conflict, case-insensitively", async () => {
    await expectAppError(signUp({ ctx: ctx(), input: { email: "GRACE@example.org", password: "another-long-pass" } }), "conflict", "email");
  });

  it("refuses weak passwords, bad emails and oversized fields with field messages", async () => {
    await expectAppError(signUp({ ctx: ctx(), input: { email: "x@example.org", password: "short" } }), "validation", "password");
    await expectAppError(signUp({ ctx: ctx(), input: { email: "x@example.org", password: "password123" } }), "validation", "password");
    await expectAppError(signUp({ ctx: ctx(), input: { email: "x@example.org", password: "aaaaaaaaaaaa" } }), "validation", "password");
    await expectAppError(signUp({ ctx: ctx(), input: { email: "not-an-email", password: "long-enough-pass" } }), "validation", "email");
    await expectAppError(
      signUp({ ctx: ctx(), input: { email: `${"a".repeat(300)}@example.org`, password: "long-enough-pass" } }),
      "validation",
      "email",
    );
    await expectAppError(
      signUp({ ctx: ctx(), input: { email: "y@example.org", password: "long-enough-pass", name: "n".repeat(101) } }),
      "validation",
      "name",
    );
    await expectAppError(signUp({ ctx: ctx(), input: { email: "marvin@example.org", password: "Marvin-the-android" } }), "validation", "password");
    await expectAppError(signUp({ ctx: ctx(), input: "not an object" }), "validation");
    await expectAppError(signUp({ ctx: ctx(), input: { email: "z@example.org", password: "long-enough-pass", role: "instructor" } }), "validation");
    expect(await findUserByEmail(t.handle.db, "x@example.org")).toBeNull();
  });

  it("checks credentials without revealing which part was wrong", async () => {
    expect((await verifyCredentials(t.handle.db, { email: "grace@example.org", password: "compiler-cobol-1959" }))?.role).toBe("student");
    expect(await verifyCredentials(t.handle.db, { email: "grace@example.org", password: "wrong-password!" })).toBeNull();
    expect(await verifyCredentials(t.handle.db, { email: "nobody@example.org", password: "compiler-cobol-1959" })).toBeNull();
    expect(await verifyCredentials(t.handle.db, { email: 42, password: null })).toBeNull();
  });

  it("creates accounts with an explicit role from the shell verb", async () => {
    const u = await addUser({ db: t.handle.db, input: { email: "ta@example.org", password: "teaching-assistant", role: "instructor" } });
    expect(u.role).toBe("instructor");
    await expectAppError(addUser({ db: t.handle.db, input: { email: "x2@example.org", password: "teaching-assistant", role: "admin" } }), "validation", "role");
  });

  it("lets instructors list people and refuses students and anonymous callers", async () => {
    const ada = await findUserByEmail(t.handle.db, "ada@example.org");
    const grace = await findUserByEmail(t.handle.db, "grace@example.org");
    const asActor = (u: NonNullable<typeof ada>): Actor => ({ id: u.id, email: u.email, name: u.name, role: u.role });
    const result = await listUsers({ ctx: { db: t.handle.db, actor: asActor(ada!) }, input: {} });
    expect(result.counts).toEqual({ instructor: 2, ta: 0, student: 1 });
    expect(result.rows.map((r) => r.email)).toContain("grace@example.org");
    await expectAppError(listUsers({ ctx: { db: t.handle.db, actor: asActor(grace!) }, input: {} }), "forbidden");
    await expectAppError(listUsers({ ctx: { db: t.handle.db, actor: null }, input: {} }), "unauthenticated");
    expect(() => authorize(asActor(grace!), "instructor")).toThrow(AppError);
  });

  it("refuses sign-up for someone already signed in", async () => {
    const grace = await findUserByEmail(t.handle.db, "grace@example.org");
    await expectAppError(
      signUp({ ctx: { db: t.handle.db, actor: { ...grace!, name: grace!.name } }, input: { email: "new@example.org", password: "long-enough-pass" } }),
      "conflict",
    );
  });
});

describe.each(testDbKinds)("first-account race on %s", (kind) => {
  it("gives the instructor role to exactly one of two simultaneous first sign-ups", async () => {
    const t = await createTestDb(kind);
    try {
      const results = await Promise.all([
        signUp({ ctx: { db: t.handle.db, actor: null }, input: { email: "one@example.org", password: "first-in-line-1" } }),
        signUp({ ctx: { db: t.handle.db, actor: null }, input: { email: "two@example.org", password: "first-in-line-2" } }),
      ]);
      expect(results.map((u) => u.role).sort()).toEqual(["instructor", "student"]);
    } finally {
      await t.cleanup();
    }
  });
});
