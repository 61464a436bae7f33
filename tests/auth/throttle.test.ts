import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { bumpThrottle } from "@/db/queries/auth-throttle";
import { authorizeCredentials, SignInThrottled } from "@/lib/auth/credentials";
import {
  assertSignUpAllowed,
  authLimits,
  clearSignInFailures,
  recordSignInFailure,
  recordSignUp,
  signInWait,
  tooManyMessage,
} from "@/lib/auth/sign-in-limiter";
import { createUser } from "@/lib/users/create-user";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";

const MIN = 60_000;
const t0 = new Date("2026-03-01T10:00:00Z");
const plus = (ms: number) => new Date(t0.getTime() + ms);
const env = { SIGNIN_LIMIT_PER_EMAIL: "10", SIGNIN_LIMIT_PER_IP: "25", SIGNUP_LIMIT_PER_IP: "3" };

describe.each(testDbKinds)("sign-in and sign-up limits in the database (%s)", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("blocks an email after 10 failures, says for how long, and lets it in again when the window closes", async () => {
    const db = t.handle.db;
    const who = { email: "victim@example.org", ip: "198.51.100.1" };
    for (let i = 0; i < 9; i++) await recordSignInFailure(db, who, plus(i * 1000), env);
    expect(await signInWait(db, who, plus(10_000), env)).toBe(0);
    await recordSignInFailure(db, who, plus(10_000), env);
    const wait = await signInWait(db, who, plus(11_000), env);
    expect(wait).toBe(15 * 60 - 11);
    expect(tooManyMessage("sign-in", wait)).toBe("Too many sign-in attempts; try again in 15 minutes.");
    // The same email from another IP is refused too (the attacker may use many addresses).
    expect(await signInWait(db, { ...who, ip: "203.0.113.9" }, plus(11_000), env)).toBeGreaterThan(0);
    // Window-based: once the window that opened at t0 closes, the email may try again; nothing is permanent.
    expect(await signInWait(db, who, plus(15 * MIN), env)).toBe(0);
    await recordSignInFailure(db, who, plus(15 * MIN), env);
    expect(await signInWait(db, who, plus(15 * MIN + 1), env)).toBe(0);
  });

  it("blocks an IP that sprays many emails, but not other IPs", async () => {
    const db = t.handle.db;
    for (let i = 0; i < 25; i++) await recordSignInFailure(db, { email: `spray${i}@example.org`, ip: "192.0.2.66" }, plus(i), env);
    expect(await signInWait(db, { email: "fresh@example.org", ip: "192.0.2.66" }, plus(100), env)).toBeGreaterThan(0);
    expect(await signInWait(db, { email: "fresh@example.org", ip: "192.0.2.67" }, plus(100), env)).toBe(0);
  });

  it("a correct password clears the email's count but not the IP's", async () => {
    const db = t.handle.db;
    const who = { email: "forgetful@example.org", ip: "192.0.2.80" };
    for (let i = 0; i < 10; i++) await recordSignInFailure(db, who, plus(i), { ...env, SIGNIN_LIMIT_PER_IP: "10" });
    await clearSignInFailures(db, who.email, env);
    expect(await signInWait(db, { ...who, ip: "192.0.2.81" }, plus(100), env)).toBe(0);
    expect(await signInWait(db, who, plus(100), { ...env, SIGNIN_LIMIT_PER_IP: "10" })).toBeGreaterThan(0);
  });

  it("limits accounts created per IP per hour with a clear 429", async () => {
    const db = t.handle.db;
    for (let i = 0; i < 3; i++) {
      await assertSignUpAllowed(db, "203.0.113.50", plus(i), env);
      await recordSignUp(db, "203.0.113.50", plus(i), env);
    }
    const refused = await assertSignUpAllowed(db, "203.0.113.50", plus(10), env).then(() => null, (e: unknown) => e);
    expect(refused).toMatchObject({ code: "rate_limited", status: 429, message: "Too many sign-up attempts; try again in 60 minutes." });
    await expect(assertSignUpAllowed(db, "203.0.113.51", plus(10), env)).resolves.toBeUndefined();
    await expect(assertSignUpAllowed(db, "203.0.113.50", plus(60 * MIN), env)).resolves.toBeUndefined();
  });

  it("the Credentials check counts failures, refuses a blocked email even with the right password, and clears on success", async () => {
    const db = t.handle.db;
    await createUser(db, { email: "real@example.org", password: "correct-horse-battery" });
    const headers = new Headers({ "x-forwarded-for": "192.0.2.200" });
    const user = await authorizeCredentials(db, { email: "Real@Example.org", password: "correct-horse-battery" }, headers);
    expect(user?.email).toBe("real@example.org");
    for (let i = 0; i < 10; i++) expect(await authorizeCredentials(db, { email: "real@example.org", password: `wrong-guess-${i}` }, headers)).toBeNull();
    await expect(authorizeCredentials(db, { email: "real@example.org", password: "correct-horse-battery" }, headers)).rejects.toBeInstanceOf(SignInThrottled);
    const err = await authorizeCredentials(db, { email: "real@example.org", password: "x" }, headers).catch((e: SignInThrottled) => e);
    expect(err).toMatchObject({ code: "rate_limited" });
  });

  it("rejects nonsense limits in the environment with a clear error", () => {
    expect(() => authLimits({ SIGNIN_LIMIT_PER_EMAIL: "lots" })).toThrow(/SIGNIN_LIMIT_PER_EMAIL must be a positive whole number/);
  });
});

// Two handles on one PostgreSQL database stand for two web processes: a limit must hold across them.
describe.runIf(testDbKinds.includes("postgres"))("limits across processes (two PostgreSQL handles)", () => {
  let t: TestDb;
  let second: DbHandle;
  beforeAll(async () => {
    t = await createTestDb("postgres");
    second = await openDb({ kind: "postgres", url: t.url! });
  });
  afterAll(async () => {
    await second.close();
    await t.cleanup();
  });

  it("failures recorded by one process block sign-in on the other", async () => {
    const who = { email: "shared@example.org", ip: "198.51.100.7" };
    for (let i = 0; i < 5; i++) await recordSignInFailure(t.handle.db, who, plus(i), env);
    for (let i = 5; i < 10; i++) await recordSignInFailure(second.db, who, plus(i), env);
    expect(await signInWait(second.db, who, plus(20), env)).toBeGreaterThan(0);
    expect(await signInWait(t.handle.db, who, plus(20), env)).toBeGreaterThan(0);
  });

  it("concurrent increments from both processes are never lost", async () => {
    const limit = authLimits(env).signInIp;
    const bumps = Array.from({ length: 40 }, (_, i) => bumpThrottle(i % 2 ? second.db : t.handle.db, limit.scope, "race", limit.windowMs, plus(i)));
    const counts = (await Promise.all(bumps)).map((r) => r.count).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
