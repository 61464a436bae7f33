import fs from "node:fs";
import path from "node:path";
import { type BrowserContext, expect, test } from "@playwright/test";
import { listParamPages, listRoutes, listStaticUrls } from "../auth/routes";
import { INSTRUCTOR, signIn, signUp } from "./support";

const CANARY = "unlabeled-hidden-";

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Distinctive lines of every reference solution that appear in no public file of the course. */
function solutionFingerprints(): { file: string; line: string }[] {
  const isHidden = (f: string) => f.split(path.sep).includes("hidden");
  const publicText = walk("content").filter((f) => !isHidden(f)).map((f) => fs.readFileSync(f, "utf8")).join("\n");
  return walk("content")
    .filter((f) => isHidden(f) && /\/(solution|reference)[^/]*\.ts$/.test(f))
    .flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l.length >= 40 && !l.startsWith("//") && !l.startsWith("*") && !l.startsWith("/*") && !l.startsWith("import") && !publicText.includes(l))
        .map((line) => ({ file, line })),
    );
}

test("no browser bundle contains a hidden canary or reference-solution text", () => {
  const dist = process.env.NEXT_DIST_DIR ?? ".next";
  const files = walk(path.join(dist, "static")).filter((f) => /\.(js|css|json|html|txt|map)$/.test(f));
  expect(files.length).toBeGreaterThan(10);
  const prints = solutionFingerprints();
  expect(prints.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    expect(text.includes(CANARY), `${file} contains ${CANARY}`).toBe(false);
    for (const p of prints) expect(text.includes(p.line), `${file} contains a line of ${p.file}`).toBe(false);
  }
});

test("no page or API response a student can fetch contains a hidden canary", async ({ page, request }) => {
  await signUp(page, `leak-probe-${Date.now()}@example.org`, "curious-student-42");
  // Every page and GET route without an id, from the file system, so a new one is scanned the day it lands.
  const urls = new Set<string>(["/", "/assignments", "/progress", "/api/me", "/api/progress", ...listStaticUrls()]);
  for (const href of await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) urls.add(href);
  await page.goto("/assignments");
  for (const href of await page.locator("a[href^='/assignments/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) urls.add(href);
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  expect(urls.size).toBeGreaterThan(5);
  for (const url of urls) {
    const res = await request.get(url, { headers: { cookie } });
    const body = await res.text();
    expect(body.includes(CANARY), `${url} contains ${CANARY}`).toBe(false);
  }
});

// ---- After real graded submissions: every response a student can reach, and another student's ids. ----

const SLUG = "hello-tensor";
const stamp = Date.now().toString(36);
const marker = `alice-private-${stamp}`;
const body = (op: string) => `import * as tf from "@tensorflow/tfjs";\n// ${marker}\nexport function addTensors(a: tf.Tensor, b: tf.Tensor): tf.Tensor {\n  return tf.${op}(a, b);\n}\n`;
const boards = fs.readdirSync("content/assignments").filter((slug) => /^leaderboard:/m.test(fs.readFileSync(path.join("content/assignments", slug, "assignment.yaml"), "utf8")));

function checkClean(url: string, text: string, prints: { file: string; line: string }[]) {
  expect(text.includes(CANARY), `${url} contains ${CANARY}`).toBe(false);
  for (const p of prints) expect(text.includes(p.line), `${url} contains a line of ${p.file}`).toBe(false);
}

/** Reads an SSE stream for at most `ms`, then gives up on it. */
async function readEvents(url: string, cookie: string, ms: number): Promise<{ status: number; text: string }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const res = await fetch(url, { headers: { cookie }, signal: controller.signal });
  let text = "";
  try {
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
  } catch {
    // aborted after `ms`: what arrived is what we check
  } finally {
    clearTimeout(timer);
  }
  return { status: res.status, text };
}

test.describe.serial("after real graded submissions", () => {
  const ids: string[] = [];
  let aliceCookie = "";

  test("a student's graded results, source, events, drafts, quota, boards, pages and assets leak nothing hidden", async ({ browser, baseURL, request }) => {
    test.setTimeout(240_000);
    // The first account on a fresh database is the instructor: make sure that is not our student.
    await request.post("/api/signup", { data: { email: "prof@example.org", password: "self-supervised-2026" } });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signUp(page, `alice-leak-${stamp}@example.org`, "alice-leak-password-1");
    aliceCookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    expect((await context.request.put(`/api/drafts/${SLUG}`, { data: { source: `// draft ${marker}`, baseRevision: 0 } })).status()).toBe(200);
    // One after the other: a submission sent while the previous one still waits would supersede it (issue #20).
    for (const op of ["add", "mul"]) {
      const res = await context.request.post("/api/submissions", { data: { assignment: SLUG, source: body(op) } });
      expect(res.status(), await res.text()).toBe(201);
      const id = (await res.json()).id as string;
      ids.push(id);
      await expect
        .poll(async () => (await (await context.request.get(`/api/submissions/${id}`)).json()).status, { timeout: 180_000, intervals: [1000] })
        .toBe("graded");
    }
    const [right, wrong] = await Promise.all(ids.map(async (id) => (await (await context.request.get(`/api/submissions/${id}`)).json()).result));
    expect(right.score).toBe(right.max_score);
    expect(wrong.score).toBeLessThan(wrong.max_score);

    const prints = solutionFingerprints();
    expect(prints.length).toBeGreaterThan(0);
    const urls = new Set<string>([
      "/", "/assignments", "/progress", "/api/me", "/api/progress", `/assignments/${SLUG}`, `/assignments/${SLUG}/history`,
      `/api/drafts/${SLUG}`, `/api/assignments/${SLUG}/quota`, `/api/assignments/${SLUG}/submissions`,
      ...ids.flatMap((id) => [`/api/submissions/${id}`, `/api/submissions/${id}/source`, `/assignments/${SLUG}/history/${id}`]),
      ...boards.flatMap((slug) => [`/api/leaderboards/${slug}`, `/assignments/${slug}/leaderboard`, `/assignments/${slug}`]),
      // Instructor pages and APIs answer a student with 403; their HTML must not carry anything either.
      "/instructor", `/instructor/assignments/${SLUG}`, `/instructor/submissions/${ids[0]}`, `/api/instructor/submissions/${ids[0]}/result`,
      ...walk("public").map((f) => "/" + path.relative("public", f).split(path.sep).join("/")),
      ...listStaticUrls(),
    ]);
    for (const href of await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) urls.add(href);
    const assets = new Set<string>();
    let checked = 0;
    for (const url of urls) {
      for (const headers of [{ cookie: aliceCookie }, { cookie: aliceCookie, rsc: "1" }] as Record<string, string>[]) {
        const res = await request.get(url, { headers, maxRedirects: 0 });
        const text = (await res.body()).toString("latin1");
        checkClean(url, text, prints);
        checked++;
        for (const m of text.matchAll(/\/_next\/static\/[^"'\s)\\]+/g)) assets.add(m[0]);
        if (!url.startsWith("/assignments/") && !url.startsWith("/instructor")) break;
      }
    }
    expect(assets.size).toBeGreaterThan(5);
    for (const asset of assets) {
      const res = await request.get(asset);
      checkClean(asset, (await res.body()).toString("latin1"), prints);
      checked++;
    }
    for (const id of ids) {
      const events = await readEvents(`${baseURL}/api/submissions/${id}/events`, aliceCookie, 3000);
      expect(events.status).toBe(200);
      expect(events.text).toContain("event: result");
      checkClean(`events ${id}`, events.text, prints);
      checked++;
    }
    console.log(`[leaks] ${checked} responses and ${assets.size} build assets checked`);
    await context.close();
  });

  const aliceIdOf = async () => {
    const { decode } = await import("@auth/core/jwt");
    const token = /authjs\.session-token=([^;]+)/.exec(aliceCookie)![1]!;
    return (await decode({ token, secret: "e2e-only-secret-not-for-production-000000", salt: "authjs.session-token" }))!.sub!;
  };

  test("another student using these ids gets 404 or 403, identical to a made-up id, and none of the data", async ({ browser }) => {
    const bob = await browser.newContext();
    await signUp(await bob.newPage(), `bob-leak-${stamp}@example.org`, "bob-leak-password-22");
    await probeAsStranger(bob, await aliceIdOf());
    await bob.close();
  });

  test("a student and a TA of another offering reach none of the default offering's data on any route", async ({ browser }) => {
    test.setTimeout(180_000);
    const aliceId = await aliceIdOf();
    const offering = `leak-x-${stamp}`;
    const prof = await browser.newContext();
    await signIn(await prof.newPage(), INSTRUCTOR.email, INSTRUCTOR.password);
    const created = await prof.request.post("/api/instructor/offerings", { data: { slug: offering, title: "Another offering" } });
    expect(created.status(), await created.text()).toBe(201);
    const code = (await (await prof.request.post(`/api/instructor/offerings/${offering}/join-code`, { data: { action: "enable" } })).json()).joinCode as string;
    // Carol joins it with its code; Tara is its TA by roster import (her account exists first, so she keeps her password).
    const carol = await browser.newContext();
    await signUp(await carol.newPage(), `carol-leak-${stamp}@example.org`, "carol-leak-password-3");
    const joined = await carol.request.post("/api/offerings/join", { data: { code } });
    expect(joined.status(), await joined.text()).toBe(200);
    const tara = await browser.newContext();
    const taraEmail = `tara-leak-${stamp}@example.org`;
    await signUp(await tara.newPage(), taraEmail, "tara-leak-password-44");
    const imported = await prof.request.post(`/api/instructor/roster?offering=${offering}`, { data: { csv: `email,role\n${taraEmail},ta\n`, dryRun: false } });
    expect(imported.status(), await imported.text()).toBe(200);
    expect((await (await tara.request.post("/api/offerings/active", { data: { offering } })).json()).offering).toBe(offering);
    for (const who of [carol, tara]) {
      const me = await (await who.request.get("/api/me")).json();
      expect(me.user.offering).toBe(offering);
      // Naming the default offering explicitly: neither is in it (they have an enrolment elsewhere), so 403.
      for (const url of ["/api/me?offering=default", `/api/submissions/${ids[0]}?offering=default`, "/api/progress?offering=default", `/api/assignments/${SLUG}/submissions?offering=default`]) {
        expect((await who.request.get(url, { maxRedirects: 0 })).status(), url).toBe(403);
      }
    }
    await probeAsStranger(carol, aliceId);
    await probeAsOtherStaff(tara, aliceId, offering);
    for (const c of [prof, carol, tara]) await c.close();
  });

  /** Every route with an id or slug, as a student who is not Alice (of the default offering or another one). */
  async function probeAsStranger(bob: BrowserContext, aliceId: string) {
    const get = async (url: string, init: { method?: string; data?: unknown } = {}) => {
      const res = await bob.request.fetch(url, { maxRedirects: 0, ...init });
      return { status: res.status(), text: await res.text() };
    };
    const made = "00000000-0000-4000-8000-00000000beef";
    // An id the request itself names may be echoed (a 404 page shows its URL); everything else of Alice's must not be.
    const noData = (what: { text: string }, label: string) => {
      for (const secret of [marker, ...ids, aliceId].filter((x) => !label.includes(x))) expect(what.text.includes(secret), `${label} shows ${secret}`).toBe(false);
    };
    const sameAsMadeUp = async (pattern: string, status: number, init: { method?: string; data?: unknown } = {}) => {
      for (const id of ids) {
        const real = await get(pattern.replace("ID", id), init);
        const fake = await get(pattern.replace("ID", made), init);
        expect(real.status, pattern).toBe(status);
        expect(fake.status, pattern).toBe(status);
        noData(real, pattern.replace("ID", id));
        if (pattern.startsWith("/api/")) expect(real.text, `${pattern}: an existence oracle`).toBe(fake.text);
      }
    };
    const forbidden = async (url: string, init: { method?: string; data?: unknown } = {}) => {
      const res = await get(url, init);
      expect(res.status, url).toBe(403);
      noData(res, url);
    };
    const ownOnly = async (url: string) => {
      const res = await get(url);
      expect(res.status, url).toBeLessThan(400);
      noData(res, url);
    };
    const covered: Record<string, () => Promise<void>> = {
      "/api/[...path]": () => sameAsMadeUp("/api/users/ID", 404),
      "/api/auth/[...nextauth]": async () => ownOnly("/api/auth/session"),
      "/api/submissions/[id]": () => sameAsMadeUp("/api/submissions/ID", 404),
      "/api/submissions/[id]/source": () => sameAsMadeUp("/api/submissions/ID/source", 404),
      "/api/submissions/[id]/events": () => sameAsMadeUp("/api/submissions/ID/events", 404),
      "/api/instructor/submissions/[id]": () => forbidden(`/api/instructor/submissions/${ids[0]}`),
      "/api/instructor/submissions/[id]/result": () => forbidden(`/api/instructor/submissions/${ids[0]}/result`),
      "/api/instructor/regrades/[id]": () => forbidden(`/api/instructor/regrades/${ids[0]}`),
      // Similarity reports are staff-only: a student is refused before any lookup, real id or made-up.
      "/api/instructor/similarity/[id]": () => forbidden(`/api/instructor/similarity/${made}`),
      "/api/instructor/similarity/[id]/pairs/[pairId]": () => forbidden(`/api/instructor/similarity/${made}/pairs/${made}`),
      "/api/instructor/assignments/[slug]": () => forbidden(`/api/instructor/assignments/${SLUG}`),
      "/api/instructor/assignments/[slug]/settings": () => forbidden(`/api/instructor/assignments/${SLUG}/settings`),
      // Offerings: a student is refused before the slug is looked up (no way to tell an offering that exists).
      "/api/instructor/offerings/[slug]": () => forbidden("/api/instructor/offerings/default", { method: "PATCH", data: { title: "mine now" } }),
      "/api/instructor/offerings/[slug]/join-code": () => forbidden("/api/instructor/offerings/default/join-code", { method: "POST", data: { action: "regenerate" } }),
      "/api/instructor/offerings/[slug]/sections": () => forbidden("/api/instructor/offerings/default/sections"),
      "/instructor/offerings/[slug]/sections": () => forbidden("/instructor/offerings/default/sections"),
      "/api/instructor/leaderboards/[slug]": () => forbidden(`/api/instructor/leaderboards/${boards[0]}`, { method: "POST", data: { action: "reveal", force: true } }),
      "/api/drafts/[slug]": async () => {
        expect(JSON.parse((await get(`/api/drafts/${SLUG}`)).text).source).toBeNull();
        expect((await get(`/api/drafts/${SLUG}`, { method: "DELETE" })).status).toBe(200);
        const alices = await fetch(new URL(`/api/drafts/${SLUG}`, test.info().project.use.baseURL), { headers: { cookie: aliceCookie } });
        expect((await alices.json()).source).toBe(`// draft ${marker}`);
      },
      "/api/leaderboards/[slug]": async () => ownOnly(`/api/leaderboards/${boards[0]}`),
      "/api/leaderboards/[slug]/choice": async () => {
        const answers = new Set<string>();
        for (const id of [...ids, made]) {
          const res = await get(`/api/leaderboards/${boards[0]}/choice`, { method: "PUT", data: { submissionId: id } });
          expect(res.status, `choice ${id}`).toBe(404);
          answers.add(res.text);
          noData(res, "choice");
        }
        expect(answers.size, "the same answer for Alice's ids and a made-up one").toBe(1);
      },
      "/api/assignments/[slug]/submissions": async () => {
        await ownOnly(`/api/assignments/${SLUG}/submissions`);
        expect(JSON.parse((await get(`/api/assignments/${SLUG}/submissions`)).text).items).toEqual([]);
      },
      "/api/assignments/[slug]/quota": async () => {
        await ownOnly(`/api/assignments/${SLUG}/quota`);
        expect(JSON.parse((await get(`/api/assignments/${SLUG}/quota`)).text).used).toBe(0);
      },
      "/api/progress/lessons/[slug]": async () => {
        const before = await (await fetch(new URL("/api/progress", test.info().project.use.baseURL), { headers: { cookie: aliceCookie } })).text();
        expect((await get("/api/progress/lessons/getting-started", { method: "POST" })).status).toBe(204);
        const after = await (await fetch(new URL("/api/progress", test.info().project.use.baseURL), { headers: { cookie: aliceCookie } })).text();
        expect(after).toBe(before);
      },
      "/lessons/[slug]": () => ownOnly("/lessons/getting-started"),
      "/course-models/[name]/[file]": async () => {
        // Public course material: the model files are served, anything else (hidden files, paths out) is a 404.
        await ownOnly("/course-models/mnist-backbone/card.json");
        for (const url of ["/course-models/mnist-backbone/solution.ts", "/course-models/..%2Fassignments/model.json", "/course-models/nope/model.json"]) {
          const res = await get(url);
          expect(res.status, url).toBe(404);
          noData(res, url);
        }
      },
      "/assignments/[slug]": () => ownOnly(`/assignments/${SLUG}`),
      "/assignments/[slug]/history": () => ownOnly(`/assignments/${SLUG}/history`),
      "/assignments/[slug]/history/[id]": () => sameAsMadeUp(`/assignments/${SLUG}/history/ID`, 404),
      "/assignments/[slug]/leaderboard": () => ownOnly(`/assignments/${boards[0]}/leaderboard`),
      "/instructor/submissions/[id]": () => forbidden(`/instructor/submissions/${ids[0]}`),
      "/instructor/assignments/[slug]": () => forbidden(`/instructor/assignments/${SLUG}`),
      "/instructor/assignments/[slug]/settings": () => forbidden(`/instructor/assignments/${SLUG}/settings`),
      "/instructor/assignments/[slug]/similarity": () => forbidden(`/instructor/assignments/${SLUG}/similarity`),
      "/instructor/assignments/[slug]/students/[userId]": () => forbidden(`/instructor/assignments/${SLUG}/students/${aliceId}`),
      // LTI deep-linking requests belong to the instructor who launched them: a student is refused before any lookup.
      "/api/lti/deep-link/[id]": () => forbidden(`/api/lti/deep-link/${made}`, { method: "POST", data: {} }),
      "/lti/deep-link/[id]": () => forbidden(`/lti/deep-link/${made}`),
    };
    const withParams = [...listRoutes().filter((r) => r.params.length > 0).map((r) => r.pattern), ...listParamPages()];
    const missing = withParams.filter((p) => !(p in covered));
    expect(missing, "routes with an id or slug that this test does not cover yet").toEqual([]);
    for (const pattern of withParams) await covered[pattern]!();
  }

  /**
   * Every staff route with an id or slug, as a TA of another offering: Alice's submissions, her student page and her
   * results are 404 exactly like a made-up id; the TA's own offering's pages show none of her data; and what a TA
   * may not do anywhere (reading or changing settings, join codes, sections, reveals, roster imports) is 403.
   */
  async function probeAsOtherStaff(ta: BrowserContext, aliceId: string, offering: string) {
    const get = async (url: string, init: { method?: string; data?: unknown } = {}) => {
      const res = await ta.request.fetch(url, { maxRedirects: 0, ...init });
      return { status: res.status(), text: await res.text() };
    };
    const made = "00000000-0000-4000-8000-00000000beef";
    const noData = (what: { text: string }, label: string) => {
      for (const secret of [marker, ...ids, aliceId].filter((x) => !label.includes(x))) expect(what.text.includes(secret), `${label} shows ${secret}`).toBe(false);
    };
    const sameAsMadeUp = async (pattern: string, real: string[]) => {
      const fake = await get(pattern.replace("ID", made));
      expect(fake.status, pattern).toBe(404);
      for (const id of real) {
        const res = await get(pattern.replace("ID", id));
        expect(res.status, pattern.replace("ID", id)).toBe(404);
        noData(res, pattern.replace("ID", id));
        if (pattern.startsWith("/api/")) expect(res.text, `${pattern}: an existence oracle`).toBe(fake.text);
      }
    };
    const ownOnly = async (url: string) => {
      const res = await get(url);
      expect(res.status, url).toBeLessThan(400);
      noData(res, url);
    };
    const forbidden = async (url: string, init: { method?: string; data?: unknown } = {}) => {
      const res = await get(url, init);
      expect(res.status, url).toBe(403);
      noData(res, url);
    };
    const covered: Record<string, () => Promise<void>> = {
      "/api/instructor/submissions/[id]": () => sameAsMadeUp("/api/instructor/submissions/ID", ids),
      "/api/instructor/submissions/[id]/result": () => sameAsMadeUp("/api/instructor/submissions/ID/result", ids),
      "/api/instructor/regrades/[id]": () => sameAsMadeUp("/api/instructor/regrades/ID", []),
      "/api/instructor/similarity/[id]": () => sameAsMadeUp("/api/instructor/similarity/ID", []),
      "/api/instructor/similarity/[id]/pairs/[pairId]": () => sameAsMadeUp(`/api/instructor/similarity/ID/pairs/${made}`, []),
      "/api/instructor/assignments/[slug]": () => ownOnly(`/api/instructor/assignments/${SLUG}`),
      "/api/instructor/assignments/[slug]/settings": async () => {
        // Settings are the instructor's: a TA may neither read nor change them, in any offering.
        await forbidden(`/api/instructor/assignments/${SLUG}/settings`);
        await forbidden(`/api/instructor/assignments/${SLUG}/settings`, { method: "PUT", data: { maxSubmissionsPerDay: 99 } });
        await forbidden(`/api/instructor/assignments/${SLUG}/settings`, { method: "DELETE" });
      },
      "/api/instructor/offerings/[slug]": async () => {
        for (const slug of [offering, "default"]) await forbidden(`/api/instructor/offerings/${slug}`, { method: "PATCH", data: { archived: true } });
      },
      "/api/instructor/offerings/[slug]/join-code": async () => {
        for (const slug of [offering, "default"]) await forbidden(`/api/instructor/offerings/${slug}/join-code`, { method: "POST", data: { action: "regenerate" } });
      },
      "/api/instructor/offerings/[slug]/sections": () => forbidden(`/api/instructor/offerings/${offering}/sections`, { method: "POST", data: { action: "save-section", section: "x", title: "X" } }),
      "/instructor/offerings/[slug]/sections": async () => {
        for (const slug of [offering, "default"]) await forbidden(`/instructor/offerings/${slug}/sections`);
      },
      "/api/instructor/leaderboards/[slug]": () => forbidden(`/api/instructor/leaderboards/${boards[0]}`, { method: "POST", data: { action: "reveal", force: true } }),
      "/instructor/submissions/[id]": () => sameAsMadeUp("/instructor/submissions/ID", ids),
      "/instructor/assignments/[slug]": () => ownOnly(`/instructor/assignments/${SLUG}`),
      "/instructor/assignments/[slug]/settings": () => forbidden(`/instructor/assignments/${SLUG}/settings`),
      "/instructor/assignments/[slug]/similarity": () => ownOnly(`/instructor/assignments/${SLUG}/similarity`),
      "/instructor/assignments/[slug]/students/[userId]": () => sameAsMadeUp(`/instructor/assignments/${SLUG}/students/ID`, [aliceId]),
    };
    const staffRoutes = [...listRoutes().filter((r) => r.params.length > 0).map((r) => r.pattern), ...listParamPages()].filter((p) => /^\/(api\/)?instructor\//.test(p));
    const missing = staffRoutes.filter((p) => !(p in covered));
    expect(missing, "staff routes with an id or slug that this test does not cover yet").toEqual([]);
    for (const pattern of staffRoutes) await covered[pattern]!();
    // The roster, grade export and dashboard of the TA's offering do not list Alice either.
    for (const url of ["/api/instructor/grades?assignment=" + SLUG, "/instructor"]) {
      const res = await get(url);
      noData(res, url);
    }
    await forbidden("/api/instructor/roster", { method: "POST", data: { csv: "email,role\nx@example.org,student\n", dryRun: true } });
  }
});
