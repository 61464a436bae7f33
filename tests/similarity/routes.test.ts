import path from "node:path";
import { NextRequest } from "next/server.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { similarityReports } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { runSimilarityReport } from "@/lib/similarity/run-report";
import { makeUser } from "../instructor/helpers";
import { createTestDb, type TestDb } from "../support/test-db";

/** The similarity routes as thin adapters: status codes, the 202, and nothing stored for bad input. */

const state = vi.hoisted(() => ({ db: undefined as unknown, userId: null as string | null, queued: [] as string[] }));
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (state.userId ? { user: { id: state.userId } } : null),
  handlers: {},
  signIn: async () => undefined,
  signOut: async () => undefined,
  githubEnabled: () => false,
}));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => state.db,
}));
vi.mock("@/lib/similarity/runtime", () => ({
  serverEnqueueSimilarity: async (id: string) => {
    state.queued.push(id);
  },
}));

const contentDir = path.resolve("tests/fixtures/similarity-course/content");
const ZERO = "00000000-0000-4000-8000-000000000000";
let t: TestDb;
let prof: Actor;

beforeAll(async () => {
  vi.stubEnv("COURSE_DIR", contentDir);
  t = await createTestDb("pglite");
  state.db = t.handle.db;
  prof = await makeUser(t.handle.db, "prof@example.org", "instructor");
  state.userId = prof.id;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await t?.cleanup();
});

const req = (url: string, body?: unknown) =>
  new NextRequest(new URL(url, "http://course.test"), {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", host: "course.test" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe("similarity routes", () => {
  it("POST answers 422 for a threshold of 2 and 404 for an unknown assignment, storing nothing", async () => {
    const { POST } = await import("@/app/api/instructor/similarity/route");
    const bad = await POST(req("/api/instructor/similarity", { assignment: "sim-demo", threshold: 2 }));
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toHaveProperty("threshold");
    const unknown = await POST(req("/api/instructor/similarity", { assignment: "no-such-assignment" }));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toBe("There is no assignment 'no-such-assignment'.");
    expect(await t.handle.db.select().from(similarityReports)).toEqual([]);
    expect(state.queued).toEqual([]);
  });

  it("POST queues a report (202), GET lists it and reads it once computed", async () => {
    const { POST, GET } = await import("@/app/api/instructor/similarity/route");
    const res = await POST(req("/api/instructor/similarity", { assignment: "sim-demo", threshold: 0.4 }));
    expect(res.status).toBe(202);
    const { id, status } = await res.json();
    expect(status).toBe("queued");
    expect(state.queued).toEqual([id]);
    const list = await GET(req("/api/instructor/similarity?assignment=sim-demo"));
    expect((await list.json()).reports.map((r: { id: string }) => r.id)).toEqual([id]);
    await runSimilarityReport(t.handle.db, id, { contentDir });
    const one = await import("@/app/api/instructor/similarity/[id]/route");
    const got = await one.GET(req(`/api/instructor/similarity/${id}`), { params: Promise.resolve({ id }) });
    expect(got.status).toBe(200);
    expect((await got.json()).report).toMatchObject({ status: "done", counts: { submissions: 0 } });
    const pair = await import("@/app/api/instructor/similarity/[id]/pairs/[pairId]/route");
    const missing = await pair.GET(req(`/api/instructor/similarity/${id}/pairs/${ZERO}`), {
      params: Promise.resolve({ id, pairId: ZERO }),
    });
    expect(missing.status).toBe(404);
  });
});
