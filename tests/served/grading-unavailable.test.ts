/**
 * Issue #19, against the production build: `next start` in embedded mode on a machine without bubblewrap
 * (GRADER_BWRAP names a path that does not exist yet) serves pages, refuses submissions with 503 and the fix, shows
 * instructors the banner, and grades once bwrap appears and a re-check passes, without a restart. Also checks the
 * build output itself: the Edge build of instrumentation.ts carries none of its Node-only half.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { submissions } from "@/db/schema";
import { createUser } from "@/lib/users/create-user";
import { childEnv, freePortIn, signIn, spawnChild, type Child } from "../../scripts/bench/load-processes";
import { servedBuild } from "./support/served-env";

const build = servedBuild();
const skipReason = "skip" in build ? build.skip : null;
if (skipReason) console.warn(`[served] grading-unavailable skipped: ${skipReason}`);
const distDir = "dir" in build ? build.dir : "";
const realBwrap = ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"].find((f) => fs.existsSync(f));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, log: () => string, ms = 90_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms\n${log()}`);
    await sleep(100);
  }
}

describe.skipIf(!!skipReason)("build output", () => {
  it("the Edge build of instrumentation.ts holds no process.exit and no import of the Node-only half", () => {
    const dir = path.resolve(distDir, "server/edge/chunks");
    const chunks = fs.readdirSync(dir).filter((f) => f.endsWith(".js") && fs.existsSync(path.join(dir, `${f}.map`)));
    const instrumentation = chunks.filter((f) => fs.readFileSync(path.join(dir, `${f}.map`), "utf8").includes('"../../instrumentation.ts"'));
    expect(instrumentation.length).toBeGreaterThan(0);
    for (const f of instrumentation) {
      const code = fs.readFileSync(path.join(dir, f), "utf8");
      expect(code).not.toMatch(/process\.exit|register-node|lib_system/);
    }
  });
});

describe.skipIf(!!skipReason || !realBwrap)(`embedded server without bubblewrap${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-no-bwrap-"));
  const pgliteDir = path.join(root, "pglite");
  // Where bwrap will be "installed"; readable by the unprivileged uid the sandbox check runs as under root.
  const bin = path.join(root, "bin");
  const bwrap = path.join(bin, "bwrap");
  let server: Child | null = null;
  let baseUrl = "";

  beforeAll(async () => {
    fs.chmodSync(root, 0o755);
    fs.mkdirSync(bin, { mode: 0o755 });
    const handle = await openDb({ kind: "pglite", dir: pgliteDir });
    await createUser(handle.db, { email: "prof@example.org", password: "instructor-pass-1" }); // the first: instructor
    await createUser(handle.db, { email: "pupil@example.org", password: "student-pass-12" });
    await handle.close();
    const port = await freePortIn(3440, 3479);
    baseUrl = `http://127.0.0.1:${port}`;
    const env = childEnv({
      NODE_ENV: "production",
      NEXT_DIST_DIR: distDir,
      PGLITE_DIR: pgliteDir,
      AUTH_SECRET: "grading-unavailable-test-secret-0123456789",
      AUTH_TRUST_HOST: "true",
      GRADER_BWRAP: bwrap,
      GRADER_SANDBOX: "",
    });
    delete env.DATABASE_URL;
    delete env.UNLABELED_GRADING_REPORTED;
    server = spawnChild("web", [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], env);
    await until("the server reports that grading is unavailable", () => /grading is unavailable/.test(server!.log()), () => server!.log());
  });
  afterAll(async () => {
    await server?.stop(10_000);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("serves pages, refuses submissions with 503 and the fix, tells instructors, then grades once bwrap is installed", async () => {
    const line = server!.log().split("\n").find((l) => l.includes("grading is unavailable"))!;
    expect(line).toBe(
      `[unlabeled] grading is unavailable: bubblewrap (bwrap) is not installed (GRADER_BWRAP=${bwrap} does not exist); run \`${process.getuid?.() === 0 ? "" : "sudo "}apt-get install -y bubblewrap\` (pages are served; submissions are refused until this is fixed, checked every 60 s)`,
    );
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/`)).status).toBe(200);

    const student = await signIn(baseUrl, "pupil@example.org", "student-pass-12");
    const instructor = await signIn(baseUrl, "prof@example.org", "instructor-pass-1");
    const submitAs = (cookie: string) =>
      fetch(`${baseUrl}/api/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: baseUrl },
        body: JSON.stringify({ assignment: "hello-tensor", source: fs.readFileSync("content/assignments/hello-tensor/hidden/solution.ts", "utf8") }),
      });
    const refused = await submitAs(student);
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("unavailable");
    expect(body.error.message).toMatch(/^Grading is unavailable: bubblewrap \(bwrap\) is not installed .*; run `.*apt-get install -y bubblewrap`\. The submission was not stored; submit again once this is fixed\.$/);

    const status = async (cookie: string, init: RequestInit = {}) =>
      ((await (await fetch(`${baseUrl}/api/system/grading`, { ...init, headers: { cookie, origin: baseUrl, ...init.headers } })).json()) as { grading: { ok: boolean; message: string; fix: string | null } | null }).grading;
    expect(await status(student)).toBeNull();
    expect(await status(instructor)).toMatchObject({ ok: false, fix: expect.stringMatching(/apt-get install -y bubblewrap$/) });

    // The banner, in a browser, on a static page, for the instructor only; the student's workspace shows the refusal.
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
    try {
      for (const [cookie, shown] of [[instructor, true], [student, false]] as const) {
        const context = await browser.newContext({ baseURL: baseUrl });
        await context.addCookies(cookie.split("; ").map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: baseUrl })));
        const page = await context.newPage();
        await page.goto("/lessons");
        await page.getByTestId("signed-in-as").waitFor();
        if (shown) await expect(page.getByTestId("grading-fix").textContent({ timeout: 15_000 })).resolves.toMatch(/apt-get install -y bubblewrap$/);
        else {
          expect(await page.getByTestId("grading-banner").count()).toBe(0);
          // The workspace shows the refusal where a submission's errors go.
          await page.goto("/assignments/hello-tensor");
          await page.locator('[data-testid="code-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
          await page.getByRole("button", { name: /^Submit/ }).click();
          await expect(page.getByTestId("submit-error").textContent({ timeout: 15_000 })).resolves.toMatch(/^Grading is unavailable: bubblewrap \(bwrap\) is not installed/);
        }
        await context.close();
      }
    } finally {
      await browser.close();
    }

    // "apt-get install bubblewrap": the path appears; an instructor's Check again (or the next minute) sees it.
    fs.symlinkSync(realBwrap!, bwrap);
    expect(await status(instructor, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ recheck: true }) })).toMatchObject({ ok: true });
    await until("the grading workers start", () => /worker\(s\) polling the grading queue/.test(server!.log()), () => server!.log(), 30_000);
    const accepted = await submitAs(student);
    expect(accepted.status, await accepted.clone().text()).toBe(201);
    expect(await status(instructor)).toMatchObject({ ok: true });

    await server!.stop(10_000);
    server = null;
    const handle = await openDb({ kind: "pglite", dir: pgliteDir });
    try {
      expect(await handle.db.select({ id: submissions.id }).from(submissions)).toHaveLength(1); // the refused one was never stored
    } finally {
      await handle.close();
    }
  });
});
