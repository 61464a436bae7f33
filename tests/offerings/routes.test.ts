import { NextRequest } from "next/server.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/context";
import { proxy } from "@/proxy";
import { makeUser } from "../instructor/helpers";
import { createTestDb, type TestDb } from "../support/test-db";

/** The offerings API end to end in process: the session is this suite's, the database the test one. */
const state = vi.hoisted(() => ({ db: undefined as unknown, userId: null as string | null }));
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (state.userId ? { user: { id: state.userId } } : null),
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
  signIn: async () => undefined,
  signOut: async () => undefined,
  githubEnabled: () => false,
}));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => state.db,
}));

const offerings = await import("@/app/api/instructor/offerings/route");
const joinCode = await import("@/app/api/instructor/offerings/[slug]/join-code/route");
const join = await import("@/app/api/offerings/join/route");
const active = await import("@/app/api/offerings/active/route");
const mine = await import("@/app/api/offerings/route");

const post = (url: string, body: unknown) =>
  new Request(`https://course.test${url}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
const slugParams = (slug: string) => ({ params: Promise.resolve({ slug }) });

let t: TestDb;
let prof: Actor;
let ann: Actor;
beforeAll(async () => {
  t = await createTestDb("pglite");
  state.db = t.handle.db;
  prof = await makeUser(t.handle.db, "prof@example.org", "instructor");
  ann = await makeUser(t.handle.db, "ann@example.org");
});
afterAll(async () => {
  await t?.cleanup();
});

describe("the offerings API", () => {
  it("creates an offering, turns its join code on, lets a student join and switch to it", async () => {
    state.userId = prof.id;
    const created = await offerings.POST(post("/api/instructor/offerings", { slug: "ssl-a", title: "SSL A" }));
    expect(created.status).toBe(201);
    const again = await offerings.POST(post("/api/instructor/offerings", { slug: "ssl-a", title: "SSL A" }));
    expect(again.status).toBe(409);
    const on = await joinCode.POST(post("/api/instructor/offerings/ssl-a/join-code", { action: "enable" }), slugParams("ssl-a"));
    const { joinCode: code } = (await on.json()) as { joinCode: string };
    expect(code).toMatch(/^[2-9A-Z]{10}$/);

    state.userId = ann.id;
    const refused = await active.POST(post("/api/offerings/active", { offering: "ssl-a" }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get("set-cookie")).toBeNull();
    const wrong = await join.POST(post("/api/offerings/join", { code: "NOPE" }));
    expect(wrong.status).toBe(404);
    const joined = await join.POST(post("/api/offerings/join", { code }));
    expect(joined.status).toBe(200);
    expect(joined.headers.get("set-cookie")).toMatch(/^unlabeled-offering=ssl-a; Path=\/; .*HttpOnly; SameSite=Lax; Secure$/);
    const switched = await active.POST(post("/api/offerings/active", { offering: "ssl-a" }));
    expect(await switched.json()).toEqual({ offering: "ssl-a", role: "student" });
    const list = (await (await mine.GET()).json()) as { offerings: { slug: string; joinCode?: string }[] };
    expect(list.offerings.map((o) => o.slug)).toEqual(["ssl-a"]);
    expect(JSON.stringify(list)).not.toContain(code);
  });

  it("refuses a student the instructor routes before reading the body", async () => {
    state.userId = ann.id;
    const res = await joinCode.POST(new Request("https://course.test/x", { method: "POST", body: "not json" }), slugParams("ssl-a"));
    expect(res.status).toBe(403);
  });
});

describe("proxy.ts and ?offering=", () => {
  it("hands the query parameter to server code as a request header, and drops a client's own", () => {
    const withParam = proxy(new NextRequest("https://course.test/api/me?offering=ssl-a"));
    expect(withParam?.headers.get("x-middleware-request-x-unlabeled-offering")).toBe("ssl-a");
    const spoofed = proxy(new NextRequest("https://course.test/api/me", { headers: { "x-unlabeled-offering": "ssl-b" } }));
    expect(spoofed?.headers.get("x-middleware-request-x-unlabeled-offering")).toBeNull();
    expect(spoofed?.headers.get("x-middleware-override-headers")).not.toContain("x-unlabeled-offering");
    expect(proxy(new NextRequest("https://course.test/api/me"))).toBeUndefined();
  });
});
