import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/context";
import { isAppError } from "@/lib/errors";
import { defineVerb } from "@/lib/verb";

const student: Actor = { id: "s1", email: "s@example.org", name: null, role: "student" };
const instructor: Actor = { id: "i1", email: "i@example.org", name: null, role: "instructor" };

/** A stand-in handle that records what ran inside and outside its transactions. */
function fakeDb(log: string[]) {
  return {
    transaction: async <T>(fn: (tx: unknown) => Promise<T>) => {
      log.push("begin");
      try {
        const out = await fn("TX");
        log.push("commit");
        return out;
      } catch (err) {
        log.push("rollback");
        throw err;
      }
    },
  } as unknown as Db;
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isAppError(err)) return err.code;
    throw err;
  }
  return "ok";
}

const schema = z.strictObject({ n: z.number({ error: "is required" }).int().min(1) });

describe("defineVerb", () => {
  it("refuses anonymous callers, then the wrong role, before it looks at the input", async () => {
    const log: string[] = [];
    const verb = defineVerb({ role: "instructor", input: schema, run: async (_ctx, data) => data.n });
    const db = fakeDb(log);
    expect(await code(verb({ ctx: { db, actor: null }, input: "garbage" }))).toBe("unauthenticated");
    const refused = await verb({ ctx: { db, actor: student }, input: "garbage" }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "forbidden", message: "This is for instructors only." });
    expect(await verb({ ctx: { db, actor: instructor }, input: { n: 3 } })).toBe(3);
    const signedIn = defineVerb({ input: schema, run: async (ctx) => ctx.actor.id });
    expect(await code(signedIn({ ctx: { db, actor: null }, input: { n: 1 } }))).toBe("unauthenticated");
    expect(await signedIn({ ctx: { db, actor: student }, input: { n: 1 } })).toBe("s1");
    const open = defineVerb({ role: "anyone", run: async (ctx) => ctx.actor?.id ?? "nobody" });
    expect(await open({ ctx: { db, actor: null } })).toBe("nobody");
    expect(log).toEqual([]);
  });

  it("turns a zod failure into one 422 validation error naming each field", async () => {
    const verb = defineVerb({ input: schema, run: async (_ctx, data) => data.n });
    const err = await verb({ ctx: { db: fakeDb([]), actor: student }, input: { n: 0, extra: 1 } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "validation", status: 422 });
    expect(Object.keys((err as { fields: Record<string, string> }).fields).sort()).toEqual(["input", "n"]);
    expect(await code(verb({ ctx: { db: fakeDb([]), actor: student }, input: undefined }))).toBe("validation");
    const optional = defineVerb({ input: z.object({ page: z.number().default(1) }), inputOptional: true, run: async (_c, d) => d.page });
    expect(await optional({ ctx: { db: fakeDb([]), actor: student }, input: undefined })).toBe(1);
    expect(await optional({ ctx: { db: fakeDb([]), actor: student }, input: null })).toBe(1);
  });

  it("runs prepare outside, run inside one transaction, afterCommit after the commit; a throw rolls back", async () => {
    const log: string[] = [];
    const verb = defineVerb({
      input: schema,
      transaction: true,
      prepare: async (_ctx, data) => {
        log.push("prepare");
        return { twice: data.n * 2 };
      },
      run: async (_ctx, data, tx, { twice }) => {
        log.push(`run ${String(tx)}`);
        if (data.n === 13) throw new Error("unlucky");
        return twice + 1;
      },
      afterCommit: async (_ctx, _data, committed, { twice }) => {
        log.push("after");
        return { committed, twice };
      },
    });
    const ctx = { db: fakeDb(log), actor: student };
    expect(await verb({ ctx, input: { n: 2 } })).toEqual({ committed: 5, twice: 4 });
    expect(log).toEqual(["prepare", "begin", "run TX", "commit", "after"]);
    log.length = 0;
    await expect(verb({ ctx, input: { n: 13 } })).rejects.toThrow("unlucky");
    expect(log).toEqual(["prepare", "begin", "run TX", "rollback"]);
    log.length = 0;
    const plain = defineVerb({ transaction: true, run: async () => "done" });
    expect(await plain({ ctx })).toBe("done");
    expect(log).toEqual(["begin", "commit"]);
  });
});
