import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enrolments, submissions, users } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { parseCsv } from "@/lib/grades/csv";
import { exportGrades } from "@/lib/grades/export-grades";
import { getDashboard } from "@/lib/instructor/get-dashboard";
import { getSubmissionDetail } from "@/lib/instructor/get-submission-detail";
import { getStudentDetail } from "@/lib/instructor/get-student-detail";
import { grantExtension } from "@/lib/instructor/grant-extension";
import { getLeaderboard } from "@/lib/leaderboards/get-leaderboard";
import { resolveActiveOffering } from "@/lib/offerings/active-offering";
import { createOffering } from "@/lib/offerings/create-offering";
import { setJoinCode } from "@/lib/offerings/join-code";
import { BAD_JOIN_CODE, joinOffering } from "@/lib/offerings/join-offering";
import { listMyOfferings } from "@/lib/offerings/list-offerings";
import { NOT_IN_OFFERING } from "@/lib/offerings/membership";
import { listOfferingSections, saveSection } from "@/lib/offerings/sections";
import { importRoster } from "@/lib/rosters/import-roster";
import { getSubmission } from "@/lib/submissions/get-submission";
import { getSubmissionSource } from "@/lib/submissions/history-source";
import { listAssignmentGrades } from "@/lib/submissions/list-assignment-grades";
import { submit } from "@/lib/submissions/submit";
import { updateOffering } from "@/lib/offerings/update-offering";
import { listUsers } from "@/lib/users/list-users";
import { at, board, contentDir, expectAppError, makeUser } from "../instructor/helpers";
import { createTestDb, testDbKinds, type TestDb } from "../support/test-db";
import { inOffering, insertGradedIn } from "./support";

describe.each(testDbKinds)("two offerings of the bundled course side by side on %s", (kind) => {
  let t: TestDb;
  let prof: Actor;
  let ann: Actor; // student of A
  let bob: Actor; // student of B
  let tina: Actor; // TA of A, student of B
  let old: Actor; // an account from before offerings: no enrolment, in default
  const now = at("2026-03-10T00:00:00Z");
  const ctx = (actor: Actor) => ({ db: t.handle.db, actor, contentDir, now, enqueue: async () => undefined });
  const as = (user: Actor, offering: string) => inOffering(t.handle.db, user, offering);
  const csvRows = async (actor: Actor, assignment: string) =>
    parseCsv((await exportGrades({ ctx: ctx(actor), input: { assignment } })).body).slice(1);

  beforeAll(async () => {
    t = await createTestDb(kind);
    const db = t.handle.db;
    prof = await makeUser(db, "prof@example.org", "instructor");
    ann = await makeUser(db, "ann@example.org");
    bob = await makeUser(db, "bob@example.org");
    tina = await makeUser(db, "tina@example.org");
    old = await makeUser(db, "old@example.org");
    for (const slug of ["ssl-a", "ssl-b"])
      await createOffering({ ctx: ctx(prof), input: { slug, title: `SSL ${slug}`, term: "Spring 2027" } });
    const codes: Record<string, string> = {};
    for (const slug of ["ssl-a", "ssl-b"]) {
      const r = await setJoinCode({ ctx: ctx(prof), input: { offering: slug, action: "enable" } });
      codes[slug] = r.joinCode!;
    }
    await joinOffering({ ctx: ctx(ann), input: { code: codes["ssl-a"] } });
    await joinOffering({ ctx: ctx(bob), input: { code: codes["ssl-b"]!.toLowerCase() } });
    await joinOffering({ ctx: ctx(tina), input: { code: codes["ssl-b"] } });
    const profA = await as(prof, "ssl-a");
    await importRoster({ ctx: ctx(profA), input: { csv: "email,role\ntina@example.org,ta\n" } });
    await insertGradedIn(db, "ssl-a", { userId: ann.id, assignment: "late-demo", createdAt: at("2026-02-20T00:00:00Z"), score: 7 });
    await insertGradedIn(db, "ssl-b", { userId: bob.id, assignment: "late-demo", createdAt: at("2026-02-20T00:00:00Z"), score: 9 });
    const lb = { assignment: "lb-accuracy", createdAt: at("2026-02-20T00:00:00Z"), score: 5 };
    await insertGradedIn(db, "ssl-a", { ...lb, userId: ann.id, leaderboard: board("accuracy", 0.8, 0.7) });
    await insertGradedIn(db, "ssl-b", { ...lb, userId: bob.id, leaderboard: board("accuracy", 0.9, 0.6) });
    await insertGradedIn(db, "default", { ...lb, userId: old.id, leaderboard: board("accuracy", 0.5, 0.5) });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("keeps separate rosters: each offering's grade export lists its own students and scores only", async () => {
    expect(await csvRows(await as(prof, "ssl-a"), "late-demo")).toEqual([
      ["ann@example.org", "", "late-demo", "7", "10", "0", "7"],
    ]);
    expect(await csvRows(await as(prof, "ssl-b"), "late-demo")).toEqual([
      ["bob@example.org", "", "late-demo", "9", "10", "0", "9"],
      ["tina@example.org", "", "late-demo", "0", "10", "0", "0"],
    ]);
    // The default offering keeps the accounts that never joined one (today's installs), and nobody else.
    expect((await csvRows(prof, "late-demo")).map((r) => r[0])).toEqual(["old@example.org"]);
  });

  it("keeps separate leaderboards", async () => {
    const a = await getLeaderboard({ ctx: ctx(await as(ann, "ssl-a")), input: { assignment: "lb-accuracy" } });
    expect(a.rows.map((r) => [r.public, r.mine])).toEqual([[0.8, true]]);
    const b = await getLeaderboard({ ctx: ctx(await as(prof, "ssl-b")), input: { assignment: "lb-accuracy" } });
    expect(b.rows.map((r) => r.email)).toEqual(["bob@example.org"]);
    const d = await getLeaderboard({ ctx: ctx(old), input: { assignment: "lb-accuracy" } });
    expect(d.rows.map((r) => r.public)).toEqual([0.5]);
  });

  it("shows a student the grades of the selected offering only", async () => {
    const mine = await listAssignmentGrades({ ctx: ctx(await as(ann, "ssl-a")) });
    expect(mine.find((g) => g.slug === "late-demo")?.best?.score).toBe(7);
    const bobs = await listAssignmentGrades({ ctx: ctx(await as(bob, "ssl-b")) });
    expect(bobs.find((g) => g.slug === "lb-accuracy")?.best?.score).toBe(5);
  });

  it("refuses a student an offering they are not in, exactly as one that does not exist", async () => {
    const user = { id: ann.id, role: ann.role };
    for (const requested of ["ssl-b", "no-such-offering", "Not A Slug"]) {
      await expectAppError(resolveActiveOffering(t.handle.db, user, { requested }), "forbidden", /^There is no such offering, or you are not enrolled in it\.$/);
    }
    // A stale cookie falls back instead of refusing: the student's own offering.
    expect(await resolveActiveOffering(t.handle.db, user, { cookie: "ssl-b" })).toEqual({ offering: "ssl-a", role: "student" });
    expect(await resolveActiveOffering(t.handle.db, { id: old.id, role: "student" }, {})).toEqual({ offering: "default", role: "student" });
    expect(NOT_IN_OFFERING).toMatch(/no such offering/);
  });

  it("refuses a student of A a submission to B, and stores A's with its offering", async () => {
    const annInB = { ...(await as(ann, "ssl-a")), offering: "ssl-b" };
    await expectAppError(submit({ ctx: ctx(annInB), input: { assignment: "lb-mse", source: "x" } }), "forbidden", /not enrolled/);
    await expectAppError(getLeaderboard({ ctx: ctx(annInB), input: { assignment: "lb-accuracy" } }), "forbidden");
    const made = await submit({ ctx: { ...ctx(await as(ann, "ssl-a")), now: at("2026-02-25T00:00:00Z") }, input: { assignment: "lb-mse", source: "x" } });
    const [row] = await t.handle.db.select({ offering: submissions.offering }).from(submissions).where(eq(submissions.id, made.id));
    expect(row?.offering).toBe("ssl-a");
    // Quotas count per offering: A's submission is in A's history only.
    const annA = await listAssignmentGrades({ ctx: ctx(await as(ann, "ssl-a")) });
    expect(annA.find((g) => g.slug === "late-demo")?.submissions).toBe(1);
  });

  it("edits and archives an offering: an archived one takes no submission and no join, and the default one stays open", async () => {
    const db = t.handle.db;
    await createOffering({ ctx: ctx(prof), input: { slug: "ssl-old", title: "SSL old", term: "Autumn 2026" } });
    const code = (await setJoinCode({ ctx: ctx(prof), input: { offering: "ssl-old", action: "enable" } })).joinCode!;
    const olga = await makeUser(db, "olga@example.org");
    await joinOffering({ ctx: ctx(olga), input: { code } });
    const edit = (actor: Actor, input: Record<string, unknown>) => updateOffering({ ctx: ctx(actor), input: { offering: "ssl-old", ...input } });
    expect(await edit(prof, { title: "SSL, autumn 2026", startsAt: "2026-09-01T00:00:00Z", endsAt: "2027-01-31T00:00:00Z" })).toMatchObject({ title: "SSL, autumn 2026", archived: false });
    const bad = await expectAppError(edit(prof, { endsAt: "2026-08-01T00:00:00Z" }), "validation", /later than the start/);
    expect(bad.fields).toEqual({ endsAt: "must be later than startsAt" });
    await expectAppError(edit(prof, {}), "validation", /changes nothing/);
    await expectAppError(edit(prof, { archived: "yes" }), "validation");
    // A TA, a student and an instructor of another offering only are refused alike.
    const taOld = await as(tina, "ssl-b");
    for (const who of [await as(olga, "ssl-old"), taOld]) await expectAppError(edit(who, { archived: true }), "forbidden");
    await expectAppError(updateOffering({ ctx: ctx(prof), input: { offering: "default", archived: true } }), "validation", /default offering cannot be archived/);

    const olgaIn = await as(olga, "ssl-old");
    const submissionsOf = async () => (await db.select({ n: count() }).from(submissions).where(eq(submissions.userId, olga.id)))[0]!.n;
    expect(await edit(prof, { archived: true })).toMatchObject({ archived: true });
    await expectAppError(submit({ ctx: { ...ctx(olgaIn), now: at("2026-02-25T00:00:00Z") }, input: { assignment: "lb-mse", source: "x" } }), "forbidden", /archived/);
    expect(await submissionsOf()).toBe(0);
    const late = await makeUser(db, "late-joiner@example.org");
    await expectAppError(joinOffering({ ctx: ctx(late), input: { code } }), "not_found");
    expect((await listMyOfferings({ ctx: ctx(olgaIn) })).offerings.find((o) => o.slug === "ssl-old")).toMatchObject({ archived: true, title: "SSL, autumn 2026" });
    // Unarchived, it takes work again.
    await edit(prof, { archived: false });
    await submit({ ctx: { ...ctx(olgaIn), now: at("2026-02-25T00:00:00Z") }, input: { assignment: "lb-mse", source: "x" } });
    expect(await submissionsOf()).toBe(1);
  });

  it("makes a TA of A staff in A only (global role unchanged)", async () => {
    const [u] = await t.handle.db.select({ role: users.role }).from(users).where(eq(users.id, tina.id));
    expect(u?.role).toBe("student");
    const inA = await as(tina, "ssl-a");
    expect(inA.role).toBe("ta");
    const dash = await getDashboard({ ctx: ctx(inA), input: { assignment: "late-demo" } });
    expect(dash.grades.map((g) => g.email)).toEqual(["ann@example.org"]);
    const inB = await as(tina, "ssl-b");
    expect(inB.role).toBe("student");
    await expectAppError(getDashboard({ ctx: ctx(inB), input: { assignment: "late-demo" } }), "forbidden");
    await expectAppError(exportGrades({ ctx: ctx(inB), input: {} }), "forbidden");
    // A submission of B is not A's staff's to read.
    const [bobs] = await t.handle.db.select({ id: submissions.id }).from(submissions).where(eq(submissions.offering, "ssl-b")).limit(1);
    await expectAppError(getSubmission({ ctx: ctx(inA), input: { id: bobs!.id } }), "not_found");
    await expectAppError(getSubmissionSource({ ctx: ctx(inA), input: { id: bobs!.id } }), "not_found");
    await expectAppError(getSubmissionDetail({ ctx: ctx(inA), input: { id: bobs!.id } }), "not_found");
    const [anns] = await t.handle.db.select({ id: submissions.id }).from(submissions).where(eq(submissions.offering, "ssl-a")).limit(1);
    expect((await getSubmissionSource({ ctx: ctx(inA), input: { id: anns!.id } })).id).toBe(anns!.id);
    // Not in the default offering at all: enrolled elsewhere only.
    await expectAppError(as(tina, "default"), "forbidden");
    // B's people look like nobody to A's staff, and A's roster lists A's people only.
    await expectAppError(getStudentDetail({ ctx: ctx(inA), input: { assignment: "late-demo", userId: bob.id } }), "not_found", /no such user/);
    await expectAppError(
      grantExtension({ ctx: ctx(inA), input: { userId: bob.id, assignment: "late-demo", until: "2026-04-01T00:00:00Z", reason: "x" } }),
      "not_found",
    );
    const people = await listUsers({ ctx: ctx(inA), input: {} });
    expect(people.rows.map((u) => u.email).sort()).toEqual(["ann@example.org", "prof@example.org", "tina@example.org"]);
  });

  it("lets only an installation instructor create offerings, and an offering's instructor manage only that one", async () => {
    const profOfA = await makeUser(t.handle.db, "pa@example.org");
    const profA = await as(prof, "ssl-a");
    await importRoster({ ctx: ctx(profA), input: { csv: "email,role\npa@example.org,instructor\n" } });
    const inA = await as(profOfA, "ssl-a");
    expect(inA.role).toBe("instructor");
    await expectAppError(createOffering({ ctx: ctx(inA), input: { slug: "mine", title: "Mine" } }), "forbidden");
    await expectAppError(setJoinCode({ ctx: ctx(inA), input: { offering: "ssl-b", action: "disable" } }), "forbidden");
    await expectAppError(
      importRoster({ ctx: ctx(inA), input: { csv: "email\nx@example.org\n", offering: "ssl-b" } }),
      "forbidden",
    );
    expect((await setJoinCode({ ctx: ctx(inA), input: { offering: "ssl-a", action: "disable" } })).joinEnabled).toBe(false);
    await setJoinCode({ ctx: ctx(inA), input: { offering: "ssl-a", action: "enable" } });
    const list = await listMyOfferings({ ctx: ctx(inA) });
    expect(list.offerings.map((o) => [o.slug, o.role])).toEqual([["ssl-a", "instructor"]]);
    await expectAppError(as(profOfA, "ssl-b"), "forbidden");
  });

  it("validates offering creation and refuses a taken slug", async () => {
    await expectAppError(createOffering({ ctx: ctx(prof), input: { slug: "Bad Slug", title: "x" } }), "validation");
    await expectAppError(
      createOffering({ ctx: ctx(prof), input: { slug: "ok", title: "x", startsAt: "2027-02-01T00:00:00Z", endsAt: "2027-01-01T00:00:00Z" } }),
      "validation",
      /endsAt/,
    );
    await expectAppError(createOffering({ ctx: ctx(prof), input: { slug: "ssl-a", title: "again" } }), "conflict");
    await expectAppError(createOffering({ ctx: ctx(ann), input: { slug: "x", title: "x" } }), "forbidden");
  });

  it("join codes: wrong, disabled and replaced codes are refused alike and create nothing; joining twice is idempotent", async () => {
    const db = t.handle.db;
    const cara = await makeUser(db, "cara@example.org");
    const enrolled = async () =>
      (await db.select({ n: count() }).from(enrolments).where(eq(enrolments.userId, cara.id)))[0]!.n;
    await expectAppError(joinOffering({ ctx: ctx(cara), input: { code: "WRONGCODE1" } }), "not_found", new RegExp(`^${BAD_JOIN_CODE.replace(/[.,]/g, "\\$&")}$`));
    const on = await setJoinCode({ ctx: ctx(prof), input: { offering: "ssl-b", action: "enable" } });
    await setJoinCode({ ctx: ctx(prof), input: { offering: "ssl-b", action: "disable" } });
    await expectAppError(joinOffering({ ctx: ctx(cara), input: { code: on.joinCode! } }), "not_found", /not valid, or joining/);
    await setJoinCode({ ctx: ctx(prof), input: { offering: "ssl-b", action: "enable" } });
    const fresh = await setJoinCode({ ctx: ctx(prof), input: { offering: "ssl-b", action: "regenerate" } });
    expect(fresh.joinCode).not.toBe(on.joinCode);
    await expectAppError(joinOffering({ ctx: ctx(cara), input: { code: on.joinCode! } }), "not_found");
    expect(await enrolled()).toBe(0);
    const first = await joinOffering({ ctx: ctx(cara), input: { code: ` ${fresh.joinCode!.slice(0, 5)}-${fresh.joinCode!.slice(5)} ` } });
    expect(first).toMatchObject({ offering: "ssl-b", joined: true, role: "student" });
    expect(await joinOffering({ ctx: ctx(cara), input: { code: fresh.joinCode! } })).toMatchObject({ joined: false });
    expect(await enrolled()).toBe(1);
    // A TA who joins with the code stays a TA.
    expect(await joinOffering({ ctx: ctx(tina), input: { code: fresh.joinCode! } })).toMatchObject({ joined: false });
  });

  it("join codes are throttled: 10 wrong codes per account and 100 per IP in 15 minutes, then 429 even for a right code", async () => {
    const db = t.handle.db;
    const [gus, hal, ivy] = await Promise.all(["gus", "hal", "ivy"].map((n) => makeUser(db, `${n}@example.org`)));
    const right = (await setJoinCode({ ctx: ctx(prof), input: { offering: "ssl-a", action: "enable" } })).joinCode!;
    const wrong = (i: number) => `WRONG${String(i).padStart(5, "0")}`;
    const join = (actor: Actor, code: string, extra: { now?: Date; clientIp?: string } = {}) =>
      joinOffering({ ctx: { ...ctx(actor), ...extra }, input: { code } });
    for (let i = 0; i < 10; i++) await expectAppError(join(gus, wrong(i)), "not_found");
    await expectAppError(join(gus, right), "rate_limited", /^Too many wrong join codes; try again in 15 minutes\.$/);
    expect((await db.select({ n: count() }).from(enrolments).where(eq(enrolments.userId, gus.id)))[0]!.n).toBe(0);
    // Another account is not held back by gus's guesses, and a right code clears its own count.
    for (let i = 0; i < 9; i++) await expectAppError(join(hal, wrong(i)), "not_found");
    expect(await join(hal, right)).toMatchObject({ offering: "ssl-a", joined: true });
    for (let i = 0; i < 10; i++) await expectAppError(join(hal, wrong(i)), "not_found");
    // The window closes on its own.
    expect(await join(gus, right, { now: new Date(now.getTime() + 16 * 60_000) })).toMatchObject({ joined: true });
    // Per IP: accounts behind one address share 100 wrong codes.
    const ip = "203.0.113.7";
    const many = await Promise.all(Array.from({ length: 10 }, (_, k) => makeUser(db, `ip${k}@example.org`)));
    for (const u of many) for (let i = 0; i < 10; i++) await expectAppError(join(u, wrong(i), { clientIp: ip }), "not_found");
    await expectAppError(join(ivy, right, { clientIp: ip }), "rate_limited");
    expect(await join(ivy, right, { clientIp: "198.51.100.2" })).toMatchObject({ joined: true });
  });

  it("keeps a default-offering student's work on default's roster when they join another offering", async () => {
    const db = t.handle.db;
    const dee = await makeUser(db, "dee@example.org");
    await insertGradedIn(db, "default", { userId: dee.id, assignment: "late-demo", createdAt: at("2026-02-20T00:00:00Z"), score: 4 });
    const code = (await setJoinCode({ ctx: ctx(prof), input: { offering: "ssl-a", action: "enable" } })).joinCode!;
    await joinOffering({ ctx: ctx(dee), input: { code } });
    const rows = await db.select({ o: enrolments.offering }).from(enrolments).where(and(eq(enrolments.userId, dee.id)));
    expect(rows.map((r) => r.o).sort()).toEqual(["default", "ssl-a"]);
    expect((await csvRows(prof, "late-demo")).map((r) => r[0])).toContain("dee@example.org");
  });
});

describe.each(testDbKinds)("section deadlines on %s", (kind) => {
  let t: TestDb;
  let prof: Actor;
  const now = at("2026-03-10T00:00:00Z");
  const ctx = (actor: Actor) => ({ db: t.handle.db, actor, contentDir, now, enqueue: async () => undefined });

  beforeAll(async () => {
    t = await createTestDb(kind);
    prof = await makeUser(t.handle.db, "prof@example.org", "instructor");
    await createOffering({ ctx: ctx(prof), input: { slug: "ssl-s", title: "Sections" } });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("changes the late penalty for that section's students only, and an extension still wins", async () => {
    const db = t.handle.db;
    const p = await inOffering(db, prof, "ssl-s");
    await importRoster({
      ctx: ctx(p),
      input: { csv: "email,role,section\nsam@example.org,student,evening\nsue@example.org,student,\nsid@example.org,student,evening\n" },
    });
    await saveSection({ ctx: ctx(p), input: { action: "save-section", offering: "ssl-s", section: "evening", title: "Evening" } });
    await expectAppError(
      saveSection({ ctx: ctx(p), input: { action: "set-deadline", offering: "ssl-s", section: "nope", assignment: "late-demo", dueAt: "2026-03-05T00:00:00Z" } }),
      "not_found",
    );
    // late-demo: due 2026-03-01, 10% per started day; the evening section is due 2026-03-05.
    await saveSection({ ctx: ctx(p), input: { action: "set-deadline", offering: "ssl-s", section: "evening", assignment: "late-demo", dueAt: "2026-03-05T00:00:00Z" } });
    // The console's sections page lists the section, its people (sue has no section) and its own due date.
    const view = await listOfferingSections({ ctx: ctx(p), input: { offering: "ssl-s" } });
    expect(view.sections.map((x) => [x.slug, x.title])).toEqual([["evening", "Evening"]]);
    expect(view.members).toEqual({ evening: 2 });
    expect(view.deadlines.map((d) => [d.section, d.assignment, d.dueAt.toISOString()])).toEqual([["evening", "late-demo", "2026-03-05T00:00:00.000Z"]]);
    const ids = Object.fromEntries((await db.select({ id: users.id, email: users.email }).from(users)).map((u) => [u.email, u.id]));
    for (const email of ["sam@example.org", "sue@example.org"])
      await insertGradedIn(db, "ssl-s", { userId: ids[email]!, assignment: "late-demo", createdAt: at("2026-03-06T12:00:00Z"), score: 10 });
    const rows = parseCsv((await exportGrades({ ctx: ctx(p), input: { assignment: "late-demo" } })).body).slice(1);
    const byEmail = Object.fromEntries(rows.map((r) => [r[0], r]));
    expect(byEmail["sam@example.org"]!.slice(5)).toEqual(["2", "8"]); // 1.5 days after the section's date: 2 started days
    expect(byEmail["sue@example.org"]!.slice(5)).toEqual(["3", "7"]); // 5.5 days after the offering's date: capped at 30%
    // The student's own view agrees.
    const sam = await inOffering(db, { id: ids["sam@example.org"]!, email: "sam@example.org", name: null, role: "student" }, "ssl-s");
    const g = (await listAssignmentGrades({ ctx: ctx(sam) })).find((x) => x.slug === "late-demo")!;
    expect(g.due).toBe("2026-03-05T00:00:00.000Z");
    expect(g.best?.penalty).toBe(0.2);
    // An extension is above the section's date.
    await grantExtension({
      ctx: ctx(p),
      input: { userId: sam.id, assignment: "late-demo", until: "2026-03-07T00:00:00Z", reason: "ill" },
    });
    const after = parseCsv((await exportGrades({ ctx: ctx(p), input: { assignment: "late-demo" } })).body).slice(1);
    expect(after.find((r) => r[0] === "sam@example.org")!.slice(5)).toEqual(["0", "10"]);
    // The default offering's export never saw the section, the students or the extension.
    expect(parseCsv((await exportGrades({ ctx: ctx(prof), input: { assignment: "late-demo" } })).body).slice(1)).toEqual([]);
  });
});
