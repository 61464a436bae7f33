import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { axeFindings, demosReady, signInInstructor, signUp, type AxeFinding } from "./support";

// WCAG 2.2 AA over every kind of page, in the light and the dark colour scheme: axe (wcag2a, wcag2aa, wcag21a,
// wcag21aa, wcag22aa) must find nothing. Findings are also written to test-reports/a11y.json.
const run = Date.now().toString(36);
const student = { email: `a11y-student-${run}@example.org`, password: "a11y-student-pass-2026" };
const lessons = (parse(fs.readFileSync("content/course.yaml", "utf8")) as { units: { lessons: string[] }[] }).units.flatMap((u) => u.lessons);
const SCHEMES = ["light", "dark"] as const;

/** The hello-tensor reference solution, read here on the Node side without its canary line. */
const solution = fs
  .readFileSync(path.join("content", "assignments", "hello-tensor", "hidden", "solution.ts"), "utf8")
  .split("\n")
  .filter((l) => !l.includes("unlabeled-hidden-"))
  .join("\n");

const all: AxeFinding[] = [];
const scanned: string[] = [];

/**
 * Opens `url`, waits for what `ready` says, and scans it in both colour schemes: loaded in the first, then switched
 * live to the second, as a reader's OS does at dusk (what draws colours in script follows: use-color-scheme.ts).
 */
async function scan(page: Page, url: string, ready?: (page: Page) => Promise<void>): Promise<AxeFinding[]> {
  const found: AxeFinding[] = [];
  await page.emulateMedia({ colorScheme: SCHEMES[0] });
  await page.goto(url);
  await expect(page.locator("main")).toBeVisible();
  if (ready) await ready(page);
  for (const scheme of SCHEMES) {
    if (scheme !== SCHEMES[0]) {
      await page.emulateMedia({ colorScheme: scheme });
      // Two frames: the change event re-renders what draws in script, then it paints.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    }
    found.push(...(await axeFindings(page, `${url} (${scheme})`)));
    scanned.push(`${url} (${scheme})`);
  }
  all.push(...found);
  return found;
}

const editorReady = async (page: Page) => {
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-state", "ready", { timeout: 60_000 });
  await expect(page.getByTestId("code-editor")).toHaveAttribute("data-types", "ready", { timeout: 60_000 });
};

async function waitGraded(page: Page, id: string) {
  await expect
    .poll(async () => (await (await page.request.get(`/api/submissions/${id}`)).json()).status, { timeout: 150_000, intervals: [1000] })
    .toMatch(/graded|failed/);
}

test.describe.serial("accessibility: axe finds no WCAG 2.2 AA violation", () => {
  let submissionId = "";
  let studentId = "";

  test.afterAll(() => {
    fs.mkdirSync("test-reports", { recursive: true });
    fs.writeFileSync("test-reports/a11y.json", JSON.stringify({ when: new Date().toISOString(), scanned, violations: all }, null, 2));
  });

  test("signed out: home, lesson index, every lesson, assignments, sign-in, sign-up, a workspace, 404", async ({ page }) => {
    test.setTimeout(600_000);
    const found: AxeFinding[] = [];
    for (const url of ["/", "/lessons", "/assignments", "/signin", "/signup", "/lessons/no-such-lesson"]) found.push(...(await scan(page, url)));
    for (const slug of lessons) found.push(...(await scan(page, `/lessons/${slug}`, demosReady)));
    found.push(...(await scan(page, "/assignments/hello-tensor", editorReady)));
    // The scan ended in the dark scheme, switched live: the editor followed it.
    await expect(page.locator('[data-testid="code-editor"] .monaco-editor').first()).toHaveClass(/vs-dark/);
    expect(found).toEqual([]);
  });

  test("a student: workspace with a graded result, history, one submission's result, progress, a leaderboard", async ({ page }) => {
    test.setTimeout(400_000);
    await signUp(page, student.email, student.password);
    const created = await page.request.post("/api/submissions", { data: { assignment: "hello-tensor", source: solution } });
    expect(created.status()).toBe(201);
    submissionId = (await created.json()).id;
    await waitGraded(page, submissionId);
    const starter = fs.readFileSync("content/assignments/autoencoder/starter.ts", "utf8");
    const lb = await page.request.post("/api/submissions", { data: { assignment: "autoencoder", source: starter } });
    expect(lb.status()).toBe(201);
    await waitGraded(page, (await lb.json()).id);

    const found: AxeFinding[] = [];
    found.push(
      ...(await scan(page, "/assignments/hello-tensor", async (p) => {
        await editorReady(p);
        await p.getByRole("tab", { name: "Submission" }).click();
        await expect(p.getByTestId("result-score")).toHaveText("9 / 9", { timeout: 30_000 });
      })),
    );
    found.push(...(await scan(page, "/assignments/hello-tensor/history", async (p) => expect(p.locator(".uplot canvas").first()).toBeVisible())));
    found.push(
      ...(await scan(page, `/assignments/hello-tensor/history/${submissionId}`, async (p) => {
        await expect(p.getByTestId("code-editor")).toHaveAttribute("data-state", "ready", { timeout: 60_000 });
        await expect(p.getByTestId("result-view")).toBeVisible();
      })),
    );
    found.push(...(await scan(page, "/progress")));
    found.push(...(await scan(page, "/assignments/autoencoder/leaderboard")));
    expect(found).toEqual([]);
  });

  test("the instructor console: dashboard, an assignment, term settings, a student, a submission, a leaderboard", async ({ page }) => {
    test.setTimeout(300_000);
    await signInInstructor(page);
    await page.goto("/instructor/assignments/hello-tensor");
    const link = page.getByTestId("students").getByRole("link", { name: student.email });
    studentId = (await link.getAttribute("href"))!.split("/").pop()!;
    const found: AxeFinding[] = [];
    found.push(...(await scan(page, "/instructor")));
    found.push(...(await scan(page, "/instructor/assignments/hello-tensor")));
    found.push(...(await scan(page, "/instructor/assignments/hello-tensor/settings")));
    found.push(...(await scan(page, `/instructor/assignments/hello-tensor/students/${studentId}`)));
    found.push(...(await scan(page, `/instructor/submissions/${submissionId}`, async (p) => expect(p.getByTestId("submission-source")).toBeVisible())));
    found.push(...(await scan(page, "/instructor/assignments/autoencoder")));
    found.push(...(await scan(page, "/instructor/lti")));
    found.push(...(await scan(page, "/assignments/autoencoder/leaderboard")));
    expect(found).toEqual([]);
  });
});

/** Where the keyboard focus is: inside Monaco, or the accessible name of the focused element. */
async function focused(page: Page): Promise<{ inEditor: boolean; tag: string; name: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { inEditor: !!el?.closest(".monaco-editor"), tag: el?.tagName.toLowerCase() ?? "", name: (el?.getAttribute("aria-label") ?? el?.textContent ?? "").trim().replace(/\s+/g, " ") };
  });
}

/** Presses `key` until `done` holds for the focused element; fails after `max` presses. */
async function pressUntil(page: Page, key: string, done: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 40): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    if (done(await focused(page))) return i;
  }
  throw new Error(`${key} ${max} times never reached the target; focus is on ${JSON.stringify(await focused(page))}`);
}

test.describe.serial("the workspace with the keyboard alone", () => {
  const keyboardUser = { email: `a11y-keys-${run}@example.org`, password: "a11y-keyboard-pass-2026" };
  const code = 'import * as tf from "@tensorflow/tfjs"; export function addTensors(a: tf.Tensor, b: tf.Tensor): tf.Tensor { return tf.add(a, b); }';

  test("reach the editor, type, leave it with Ctrl+M and Tab, run the public tests, submit, and hear the result", async ({ page }) => {
    test.setTimeout(300_000);
    await signUp(page, keyboardUser.email, keyboardUser.password);
    await page.goto("/assignments/hello-tensor");
    await editorReady(page);
    const announcer = page.getByTestId("workspace-announcer");
    // Everything the live region says, in order, recorded in the page.
    await page.evaluate(() => {
      const region = document.querySelector('[data-testid="workspace-announcer"]')!;
      (window as unknown as { heard: string[] }).heard = [];
      new MutationObserver(() => (window as unknown as { heard: string[] }).heard.push(region.textContent ?? "")).observe(region, { childList: true, characterData: true, subtree: true });
    });

    // From the top of the page, Tab reaches the editor (the skip link, the header, the README, the toolbar come first).
    await page.locator("body").focus();
    const tabsToEditor = await pressUntil(page, "Tab", (f) => f.inEditor, 80);
    await expect(page.getByTestId("tab-focus-state")).toHaveText("Tab indents");
    const label = await page.locator('[data-testid="code-editor"] .monaco-editor [role="textbox"]').first().getAttribute("aria-label");
    expect(label).toContain("Your solution (starter.ts)");
    const hint = await page.locator('[data-testid="code-editor"] .monaco-editor [role="textbox"]').first().getAttribute("aria-describedby");
    await expect(page.locator(`[id="${hint}"]`)).toContainText("Ctrl+M");

    // Type the solution over the starter.
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type(code, { delay: 5 });
    await page.keyboard.press("Escape"); // close a suggestion list, if one is open
    await expect.poll(() => page.evaluate(() => (document.querySelector(".monaco-editor .view-lines") as HTMLElement).innerText.replace(/\s+/g, " ").trim())).toBe(code);
    // Inside the editor Tab indents; after Ctrl+M it moves the focus out, as the hint says.
    await page.keyboard.press("Control+M");
    await expect(page.getByTestId("tab-focus-state")).toHaveText("Tab moves focus");
    await page.keyboard.press("Tab");
    expect((await focused(page)).inEditor).toBe(false);

    // Back up to the toolbar and run the public tests with Enter.
    await pressUntil(page, "Shift+Tab", (f) => f.tag === "button" && f.name.startsWith("Run public tests"));
    await page.keyboard.press("Enter");
    await expect(announcer).toHaveText("4 of 4 public tests pass.", { timeout: 120_000 });
    expect((await focused(page)).name).toMatch(/^Run public tests/); // the focus stayed on the button

    // Submit is the next button; grading progress and the result arrive in the live region.
    await pressUntil(page, "Tab", (f) => f.tag === "button" && f.name.startsWith("Submit"), 3);
    await page.keyboard.press("Enter");
    await expect(announcer).toHaveText("Graded: 9 of 9 points, passed.", { timeout: 150_000 });
    const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard);
    expect(heard).toContain("Running the public tests…");
    expect(heard.some((h) => h.startsWith("Grading: "))).toBe(true);

    // What a screen reader is given for the workspace now, for the walkthrough in the report.
    const snapshot = await page.getByRole("main").ariaSnapshot();
    expect(snapshot).toContain('tab "Submission" [selected]');
    fs.mkdirSync("test-reports", { recursive: true });
    fs.writeFileSync("test-reports/a11y-keyboard.json", JSON.stringify({ tabsToEditor, heard, snapshot }, null, 2));
  });
});
