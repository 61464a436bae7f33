import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { parse } from "yaml";
import { INSTRUCTOR, signIn, signInInstructor, signOut, signUp } from "./support";

// The same instructor as accounts.spec.ts: created here when this file runs alone on a fresh database.
const instructor = INSTRUCTOR;
const student = { email: `cycle-student-${Date.now()}@example.org`, password: "contrastive-pairs-99" };
const ZERO = "00000000-0000-4000-8000-000000000000";
/** Every instructor API with a request an instructor could make. */
function instructorApis(submissionId: string) {
  const json = { headers: { "content-type": "application/json" } };
  return [
    ["GET", "/api/instructor/assignments/hello-tensor", {}],
    ["GET", `/api/instructor/submissions/${submissionId}`, {}],
    ["GET", `/api/instructor/submissions/${submissionId}/result`, {}],
    ["GET", `/api/instructor/regrades/${ZERO}`, {}],
    ["GET", "/api/instructor/grades?format=csv", {}],
    ["GET", "/api/instructor/grades?assignment=hello-tensor&format=json", {}],
    ["GET", "/api/instructor/audit", {}],
    ["POST", "/api/instructor/regrades", { ...json, data: { assignment: "hello-tensor" } }],
    ["POST", "/api/instructor/regrades", { headers: json.headers, data: Buffer.from("{not json") }],
    ["PUT", "/api/instructor/extensions", { ...json, data: { userId: "x", assignment: "hello-tensor", until: null, reason: "r" } }],
    ["PUT", "/api/instructor/quota-overrides", { ...json, data: { userId: "x", assignment: "hello-tensor", daily: 99, cooldownSeconds: 0, reason: "r" } }],
    ["PUT", "/api/instructor/adjustments", { ...json, data: { userId: "x", assignment: "hello-tensor", points: 5, reason: "r" } }],
    ["POST", "/api/instructor/leaderboards/hello-tensor", { ...json, data: { action: "reveal", force: true } }],
  ] as const;
}

async function call(request: APIRequestContext, [method, url, opts]: readonly [string, string, object]) {
  return request.fetch(url, { method, ...opts });
}

test.describe.serial("instructor console: a whole assignment cycle", () => {
  let submissionId = "";

  test("the instructor account exists before any student", async ({ page }) => {
    await signInInstructor(page);
    await signOut(page);
  });

  test("a student is refused every instructor page and API, submits, and gets graded", async ({ page, request }) => {
    test.setTimeout(180_000);
    await signUp(page, student.email, student.password, "Cycle Student");
    const source = fs.readFileSync(path.join("content", "assignments", "hello-tensor", "hidden", "solution.ts"), "utf8").replace(/^export const CANARY.*$/m, "");
    const created = await page.request.post("/api/submissions", { data: { assignment: "hello-tensor", source } });
    expect(created.status()).toBe(201);
    submissionId = (await created.json()).id;

    for (const url of ["/instructor", "/instructor/assignments/hello-tensor", `/instructor/assignments/hello-tensor/students/${ZERO}`, `/instructor/submissions/${submissionId}`]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(403);
      await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    }
    for (const api of instructorApis(submissionId)) {
      const res = await call(page.request, api);
      expect(res.status(), `${api[0]} ${api[1]}`).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
      // Signed out, the same call is 401.
      expect((await call(request, api)).status(), `anonymous ${api[1]}`).toBe(401);
    }

    await expect
      .poll(async () => (await (await page.request.get(`/api/submissions/${submissionId}`)).json()).status, { timeout: 150_000, intervals: [1000] })
      .toBe("graded");
    const mine = await (await page.request.get(`/api/submissions/${submissionId}`)).json();
    expect(mine.result.score).toBe(mine.result.max_score);
    expect(JSON.stringify(mine)).not.toContain("unlabeled-hidden-");
  });

  test("the instructor watches, extends, adjusts, regrades and exports from the browser", async ({ page }) => {
    test.setTimeout(300_000);
    await signInInstructor(page);
    await page.goto("/instructor");
    await page.getByRole("link", { name: "Hello, tensor" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Hello, tensor" })).toBeVisible();
    const row = page.getByTestId("students").getByRole("row").filter({ hasText: student.email });
    await expect(row).toContainText("10 / 10");

    // Per-student controls, each audited.
    await row.getByRole("link", { name: student.email }).click();
    const ext = page.getByRole("form", { name: "Deadline extension" });
    await ext.getByLabel("New deadline").fill("2027-07-15T12:00");
    await ext.getByLabel("Reason").fill("medical certificate");
    await ext.getByRole("button", { name: "Save extension" }).click();
    await expect(page.getByText("Extension saved.")).toBeVisible();
    const quota = page.getByRole("form", { name: "Quota override" });
    await quota.getByLabel("Daily submissions").fill("40");
    await quota.getByLabel("Reason").fill("retakes");
    await quota.getByRole("button", { name: "Save quota" }).click();
    await expect(page.getByText("Quota saved.")).toBeVisible();
    const adj = page.getByRole("form", { name: "Score adjustment" });
    await adj.getByLabel("Points").fill("-1.5");
    await adj.getByLabel("Reason").fill("late README");
    await adj.getByRole("button", { name: "Save adjustment" }).click();
    await expect(page.getByText("Adjustment saved.")).toBeVisible();
    await expect(page.getByTestId("student-grade")).toContainText("final 8.5");
    const audit = page.getByTestId("audit");
    await expect(audit).toContainText("extension.grant");
    await expect(audit).toContainText("quota.override");
    await expect(audit).toContainText("late README");

    // Drill-down: code, every check (hidden ones too) and the log; then a regrade of this submission.
    await page.getByRole("link", { name: /UTC/ }).first().click();
    await expect(page.getByTestId("submission-source")).toContainText("addTensors");
    await expect(page.getByTestId("result-tests")).toContainText("hidden");
    await expect(page.getByTestId("result-tests")).toContainText("random-inputs");
    await page.getByRole("button", { name: "Regrade this submission" }).click();
    await expect(page.getByTestId("regrade-one").getByTestId("regrade-progress")).toContainText("Regrade finished: 1 of 1 done", { timeout: 150_000 });
    const history = page.getByTestId("result-history");
    await expect(history.getByRole("row")).toHaveCount(3);
    await expect(history).toContainText("regrade");
    await expect(history).toContainText("history");

    const result = await page.request.get(`/api/instructor/submissions/${submissionId}/result`);
    expect(result.headers()["content-disposition"]).toContain("attachment");
    expect((await result.json()).tests.some((t: { visibility: string }) => t.visibility === "hidden")).toBe(true);

    // Regrade everything from the dashboard.
    await page.goto("/instructor/assignments/hello-tensor");
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Regrade all submissions" }).click();
    await expect(page.getByTestId("regrade-all").getByTestId("regrade-progress")).toContainText(/Regrade finished: (\d+) of \1 done/, { timeout: 200_000 });

    const csv = await page.request.get("/api/instructor/grades?assignment=hello-tensor&format=csv");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]).toBe("email,name,assignment,score,max_score,late_penalty,final");
    expect(lines).toContain(`${student.email},Cycle Student,hello-tensor,10,10,0,8.5`);
  });

  test("leaderboards: a student's board view and the instructor's controls", async ({ page }) => {
    await page.goto("/assignments/hello-tensor/leaderboard");
    await expect(page).toHaveURL(/\/signin\?next=/);
    await signIn(page, student.email, student.password);
    expect((await page.goto("/assignments/hello-tensor/leaderboard"))?.status()).toBe(404);
    const dir = path.join("content", "assignments");
    const slug = fs
      .readdirSync(dir)
      .find((s) => fs.existsSync(path.join(dir, s, "assignment.yaml")) && parse(fs.readFileSync(path.join(dir, s, "assignment.yaml"), "utf8"))?.leaderboard);
    test.skip(!slug, "no assignment in content/ has a leaderboard yet");
    await page.goto(`/assignments/${slug}/leaderboard`);
    await expect(page.getByTestId("my-standing")).toContainText("You appear as");
    await expect(page.getByTestId("my-standing")).not.toContainText(student.email);
    await signOut(page);
    await signInInstructor(page);
    await page.goto(`/instructor/assignments/${slug}`);
    await page.getByRole("button", { name: "Freeze leaderboard" }).click();
    await expect(page.getByText(/frozen at/)).toBeVisible();
    await page.getByRole("button", { name: "Unfreeze leaderboard" }).click();
    await expect(page.getByRole("button", { name: "Freeze leaderboard" })).toBeVisible();
    await page.getByRole("button", { name: "Reveal private leaderboard" }).click();
    // Before the due date the reveal is refused with a reason; after it, the board says it was revealed.
    await expect(page.getByRole("main").getByRole("alert").or(page.getByText(/private board revealed/))).toBeVisible();
  });
});
