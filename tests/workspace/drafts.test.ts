import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { deleteDraft } from "@/lib/drafts/delete-draft";
import { getDraft } from "@/lib/drafts/get-draft";
import { MAX_DRAFT_BYTES, saveDraft } from "@/lib/drafts/save-draft";
import { createUser } from "@/lib/users/create-user";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";

const contentDir = path.resolve("tests/workspace/fixtures/content");

async function rejects(promise: Promise<unknown>, code: string, pattern?: RegExp) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (pattern) expect((err as AppError).message).toMatch(pattern);
  return err as AppError;
}

describe.each(testDbKinds)("drafts on %s", (kind) => {
  let t: TestDb;
  let alice: Actor;
  let bob: Actor;
  beforeAll(async () => {
    t = await createTestDb(kind);
    await createUser(t.handle.db, { email: "prof@example.org", password: "instructor-pass-1" });
    const a = await createUser(t.handle.db, { email: "alice@example.org", password: "student-pass-12" });
    const b = await createUser(t.handle.db, { email: "bob@example.org", password: "student-pass-34" });
    alice = { id: a.id, email: a.email, name: a.name, role: a.role };
    bob = { id: b.id, email: b.email, name: b.name, role: b.role };
  });
  afterAll(async () => t?.cleanup());

  const ctx = (actor: Actor | null) => ({ db: t.handle.db, actor, contentDir });

  it("starts without a draft, saves revisions, and keeps each student's draft to themselves", async () => {
    expect(await getDraft({ ctx: ctx(alice), input: { assignment: "open-demo" } })).toMatchObject({ source: null, revision: 0, updatedAt: null });
    const first = await saveDraft({ ctx: ctx(alice), input: { assignment: "open-demo", source: "export const a = 1;", baseRevision: 0 } });
    expect(first).toMatchObject({ source: "export const a = 1;", revision: 1 });
    const second = await saveDraft({ ctx: ctx(alice), input: { assignment: "open-demo", source: "export const a = 2;", baseRevision: 1 } });
    expect(second.revision).toBe(2);
    // Saving the same text again changes nothing.
    expect((await saveDraft({ ctx: ctx(alice), input: { assignment: "open-demo", source: "export const a = 2;", baseRevision: 2 } })).revision).toBe(2);
    expect(await getDraft({ ctx: ctx(alice), input: { assignment: "open-demo" } })).toMatchObject({ source: "export const a = 2;", revision: 2 });
    expect((await getDraft({ ctx: ctx(bob), input: { assignment: "open-demo" } })).source).toBeNull();
    expect((await getDraft({ ctx: ctx(alice), input: { assignment: "late-demo" } })).source).toBeNull();
  });

  it("refuses a save based on an older revision and keeps the stored draft", async () => {
    await saveDraft({ ctx: ctx(bob), input: { assignment: "late-demo", source: "machine A", baseRevision: 0 } });
    await saveDraft({ ctx: ctx(bob), input: { assignment: "late-demo", source: "machine B", baseRevision: 1 } });
    const err = await rejects(saveDraft({ ctx: ctx(bob), input: { assignment: "late-demo", source: "machine A again", baseRevision: 1 } }), "conflict", /changed elsewhere/);
    expect(err.fields?.baseRevision).toMatch(/revision 2/);
    expect((await getDraft({ ctx: ctx(bob), input: { assignment: "late-demo" } })).source).toBe("machine B");
  });

  it("lets exactly one of two racing first saves win", async () => {
    const results = await Promise.allSettled(
      ["tab one", "tab two"].map((source) => saveDraft({ ctx: ctx(alice), input: { assignment: "late-demo", source, baseRevision: 0 } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((lost.reason as AppError).code).toBe("conflict");
    expect((await getDraft({ ctx: ctx(alice), input: { assignment: "late-demo" } })).revision).toBe(1);
  });

  it("resets to the starter by deleting the draft", async () => {
    expect(await deleteDraft({ ctx: ctx(alice), input: { assignment: "open-demo" } })).toEqual({ assignment: "open-demo", deleted: true });
    expect(await getDraft({ ctx: ctx(alice), input: { assignment: "open-demo" } })).toMatchObject({ source: null, revision: 0 });
    expect((await deleteDraft({ ctx: ctx(alice), input: { assignment: "open-demo" } })).deleted).toBe(false);
    const again = await saveDraft({ ctx: ctx(alice), input: { assignment: "open-demo", source: "fresh", baseRevision: 0 } });
    expect(again.revision).toBe(1);
  });

  it("rejects bad input with clear errors", async () => {
    await rejects(getDraft({ ctx: ctx(null), input: { assignment: "open-demo" } }), "unauthenticated");
    await rejects(saveDraft({ ctx: ctx(null), input: { assignment: "open-demo", source: "x", baseRevision: 0 } }), "unauthenticated");
    await rejects(getDraft({ ctx: ctx(alice), input: { assignment: "no-such-assignment" } }), "not_found", /no assignment 'no-such-assignment'/);
    await rejects(getDraft({ ctx: ctx(alice), input: { assignment: "../etc" } }), "validation", /assignment/);
    const big = await rejects(
      saveDraft({ ctx: ctx(alice), input: { assignment: "open-demo", source: "x".repeat(MAX_DRAFT_BYTES + 1), baseRevision: 1 } }),
      "validation",
    );
    expect(big.fields?.source).toMatch(/larger than/);
    const missing = await rejects(saveDraft({ ctx: ctx(alice), input: { assignment: "open-demo", source: "x" } }), "validation");
    expect(missing.fields?.baseRevision).toMatch(/required/);
    await rejects(saveDraft({ ctx: ctx(alice), input: { assignment: "open-demo", source: 42, baseRevision: 1 } }), "validation");
  });
});
