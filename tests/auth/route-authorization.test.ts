import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/context";
import { createTestDb, type TestDb } from "../support/test-db";
import { makeUser } from "../instructor/helpers";
import { routeAccess } from "./route-access";
import { listPages, listRoutes } from "./routes";

/**
 * Every route handler and page under app/, found on the file system, must have an entry in tests/auth/route-access.ts,
 * and every protected one is called here, in process, as an anonymous visitor and as a student: routes must answer
 * 401 / 403 JSON, pages must redirect to sign-in / throw Next's 403. A signed-in student and an instructor are let
 * through GET routes and pages (whatever the fake ids then lead to), so the refusals are not an artefact of the harness.
 */

const state = vi.hoisted(() => ({ db: undefined as unknown, userId: null as string | null }));

// The session is whatever this suite says; the database handle is the test database.
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => (state.userId ? { user: { id: state.userId } } : null),
  handlers: { GET: async () => new Response(null, { status: 204 }), POST: async () => new Response(null, { status: 204 }) },
  signIn: async () => undefined,
  signOut: async () => undefined,
  githubEnabled: () => false,
}));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => state.db,
}));

const routes = listRoutes();
const pages = listPages();

const ZERO = "00000000-0000-4000-8000-000000000000";
const paramValue = (name: string) => (name === "id" ? ZERO : name === "userId" ? "nobody" : "no-such-slug");
function params(pattern: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const m of pattern.matchAll(/\[(\.\.\.)?([^\]]+)\]/g)) out[m[2]!] = m[1] ? ["x"] : paramValue(m[2]!);
  return out;
}
const url = (pattern: string) =>
  pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_m, rest: string | undefined, name: string) => (rest ? "x" : paramValue(name)));

let t: TestDb;
let student: Actor;
let instructor: Actor;
let ta: Actor;

beforeAll(async () => {
  // next.config.ts sets experimental.authInterrupts; this is how Next tells forbidden() so.
  vi.stubEnv("__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS", "true");
  t = await createTestDb("pglite");
  state.db = t.handle.db;
  instructor = await makeUser(t.handle.db, "prof@example.org", "instructor");
  student = await makeUser(t.handle.db, "student@example.org", "student");
  ta = await makeUser(t.handle.db, "ta@example.org", "ta");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await t?.cleanup();
});

type Handler = (request: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

async function callRoute(file: string, pattern: string, method: string, as: Actor | null): Promise<Response> {
  state.userId = as?.id ?? null;
  const mod = (await import(path.resolve(file))) as Record<string, Handler>;
  const init: RequestInit = { method, headers: { "content-type": "application/json", host: "course.test" } };
  if (method !== "GET" && method !== "HEAD") init.body = "{}";
  const request = new NextRequest(new URL(url(pattern), "http://course.test"), init as ConstructorParameters<typeof NextRequest>[1]);
  return mod[method]!(request, { params: Promise.resolve(params(pattern)) });
}

/** What a page did: rendered (returned), redirected (to where), or threw Next's 403/404, or another error. */
async function callPage(file: string, pattern: string, as: Actor | null): Promise<string> {
  state.userId = as?.id ?? null;
  const mod = (await import(path.resolve(file))) as { default: (props: unknown) => unknown };
  try {
    await mod.default({ params: Promise.resolve(params(pattern)), searchParams: Promise.resolve({}) });
    return "rendered";
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) return `redirect ${digest.split(";")[2]}`;
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;")) return `http ${digest.split(";")[1]}`;
    return `error ${err instanceof Error ? err.message : String(err)}`;
  }
}

describe("the access table covers every route and page on the file system", () => {
  it("finds the app's routes and pages", () => {
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect(pages.length).toBeGreaterThanOrEqual(12);
    expect(routes.map((r) => r.pattern)).toContain("/api/submissions");
    expect(pages.map((p) => p.pattern)).toContain("/instructor");
  });

  it("has an entry for every route and page (a new one must say who may reach it)", () => {
    const missing = [...routes, ...pages].map((r) => r.pattern).filter((p) => !(p in routeAccess));
    expect(missing, "add these to tests/auth/route-access.ts").toEqual([]);
  });

  it("has no entry without a route or page (a removed one leaves no stale promise)", () => {
    const found = new Set([...routes, ...pages].map((r) => r.pattern));
    expect(Object.keys(routeAccess).filter((p) => !found.has(p) && !routeAccess[p]!.inFlight)).toEqual([]);
  });

  it("finds every route file's exported methods", () => {
    for (const r of routes) expect(r.methods.length, r.file).toBeGreaterThan(0);
  });
});

const protectedRoutes = routes.flatMap((r) => {
  const access = routeAccess[r.pattern]?.access;
  return access && access !== "public" ? r.methods.map((method) => ({ ...r, method, access })) : [];
});

describe("protected routes refuse before they do anything", () => {
  it.each(protectedRoutes)("$method $pattern ($access): anonymous → 401", async ({ file, pattern, method }) => {
    const res = await callRoute(file, pattern, method, null);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  });

  const staffOrInstructor = protectedRoutes.filter((r) => r.access === "instructor" || r.access === "staff");
  it.each(staffOrInstructor)("$method $pattern ($access): student → 403", async ({ file, pattern, method, access }) => {
    const res = await callRoute(file, pattern, method, student);
    expect(res.status).toBe(403);
    const message = access === "instructor" ? "This is for instructors only." : "This is for course staff only.";
    expect((await res.json()).error).toMatchObject({ code: "forbidden", message });
  });

  it.each(protectedRoutes.filter((r) => r.access === "instructor"))("$method $pattern: teaching assistant → 403", async ({ file, pattern, method }) => {
    const res = await callRoute(file, pattern, method, ta);
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "forbidden", message: "This is for instructors only." });
  });

  // Reads only: a write let through would act (the fake ids make most fail validation, but not every route reads a body).
  const reads = protectedRoutes.filter((r) => r.method === "GET");
  it.each(reads)("$method $pattern ($access): the right actor is let through", async ({ file, pattern, method, access }) => {
    const res = await callRoute(file, pattern, method, access === "signed-in" ? student : instructor);
    expect([401, 403], `${method} ${pattern} refused its own audience`).not.toContain(res.status);
  });

  it.each(reads.filter((r) => r.access === "staff" || r.access === "signed-in"))(
    "$method $pattern ($access): a teaching assistant is let through",
    async ({ file, pattern, method }) => {
      const res = await callRoute(file, pattern, method, ta);
      expect([401, 403], `${method} ${pattern} refused a TA`).not.toContain(res.status);
    },
  );

  const answering = routes.filter((r) => routeAccess[r.pattern]?.anonymous && r.methods.includes("GET"));
  it.each(answering)("GET $pattern (public) answers an anonymous visitor as documented", async ({ file, pattern }) => {
    const want = routeAccess[pattern]!.anonymous!;
    const res = await callRoute(file, pattern, "GET", null);
    expect(res.status).toBe(want.status);
    if (want.body !== undefined) expect(await res.json()).toEqual(want.body);
  });
});

const protectedPages = pages.flatMap((p) => {
  const access = routeAccess[p.pattern]?.access;
  return access && access !== "public" ? [{ ...p, access }] : [];
});

describe("protected pages refuse before they render", () => {
  it("are read from page files that call requireActorPage / requireInstructorPage", () => {
    for (const p of protectedPages) {
      const text = fs.readFileSync(p.file, "utf8");
      const guard = { instructor: /requireInstructorPage\(/, staff: /requireStaffPage\(/ }[p.access as string];
      expect(text, p.file).toMatch(guard ?? /require(Actor|Staff|Instructor)Page\(/);
    }
  });

  it.each(protectedPages)("$pattern ($access): anonymous → sign-in, and back", async ({ file, pattern }) => {
    expect(await callPage(file, pattern, null)).toBe(`redirect /signin?next=${encodeURIComponent(url(pattern))}`);
  });

  it.each(protectedPages.filter((p) => p.access === "instructor" || p.access === "staff"))("$pattern ($access): student → 403 page", async ({ file, pattern }) => {
    expect(await callPage(file, pattern, student)).toBe("http 403");
  });

  it.each(protectedPages.filter((p) => p.access === "instructor"))("$pattern: teaching assistant → 403 page", async ({ file, pattern }) => {
    expect(await callPage(file, pattern, ta)).toBe("http 403");
  });

  it.each(protectedPages)("$pattern ($access): the right actor is let through", async ({ file, pattern, access }) => {
    const outcome = await callPage(file, pattern, access === "signed-in" ? student : instructor);
    expect(outcome).not.toMatch(/^redirect \/signin|^http 403/);
  });

  it.each(protectedPages.filter((p) => p.access !== "instructor"))("$pattern ($access): a teaching assistant is let through", async ({ file, pattern }) => {
    expect(await callPage(file, pattern, ta)).not.toMatch(/^redirect \/signin|^http 403/);
  });
});
