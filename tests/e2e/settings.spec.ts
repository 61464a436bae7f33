import { expect, test, type Page } from "@playwright/test";
import { axeFindings, signInInstructor, signOut, signUp } from "./support";

const student = { email: `settings-student-${Date.now()}@example.org`, password: "term-settings-pass-2026" };
const URL = "/instructor/assignments/nsp-pairs/settings";

const summaryRow = (page: Page, name: string) => page.getByTestId("settings-summary").getByRole("row", { name: new RegExp(`^${name}`) });

test("term settings: an instructor overrides quota, due date and rubric in the console; the student page follows; clearing restores the files", async ({ page }) => {
  test.setTimeout(180_000);
  await signInInstructor(page);
  await page.goto(URL);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Settings of");
  expect(await axeFindings(page, URL)).toEqual([]);
  await expect(summaryRow(page, "Daily quota")).toContainText("20—20");

  const quota = page.getByRole("group", { name: "Daily quota" });
  await quota.getByLabel("Graded submissions per UTC day").fill("3");
  await quota.getByLabel("Reason (for the audit log)").fill("shared cluster is busy");
  await quota.getByRole("button", { name: "Save quota" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Daily quota: override saved." })).toBeVisible();
  await expect(summaryRow(page, "Daily quota")).toContainText("2033");

  const due = page.getByRole("group", { name: "Due date" });
  await due.getByLabel("New due date (UTC)").fill("2020-01-01T00:00");
  await due.getByLabel("Reason (for the audit log)").fill("testing a past date");
  await due.getByRole("button", { name: "Save due date" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Warning \(due\): 2020-01-01T00:00:00.000Z is in the past/ })).toBeVisible();

  const rubric = page.getByRole("group", { name: "Rubric weights and visibility" });
  await expect(rubric.getByLabel(/^Points for .* \(public-tests\)$/)).toBeDisabled();
  await rubric.getByLabel(/^Points for .* \(determinism\)$/).fill("4");
  await rubric.getByLabel(/^Visibility of .* \(determinism\)$/).selectOption("visible");
  await rubric.getByLabel("Reason (for the audit log)").fill("reweigh");
  await rubric.getByRole("button", { name: "Save rubric" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rubric override saved." })).toContainText("regrades");
  await expect(summaryRow(page, "Points")).toContainText("11rubric override14");
  await expect(page.getByTestId("audit")).toContainText("settings.override");
  expect(await axeFindings(page, `${URL} after saving`)).toEqual([]);

  // Bad input is refused with the field named and nothing saved.
  const res = await page.request.put("/api/instructor/assignments/nsp-pairs/settings", { data: { set: { quota_daily: -2 }, reason: "x" } });
  expect(res.status()).toBe(422);
  expect((await res.json()).error.fields).toHaveProperty(["set.quota_daily"]);

  // What a student sees: the effective quota, due date and rubric.
  await signOut(page);
  await signUp(page, student.email, student.password);
  await page.goto("/assignments/nsp-pairs");
  const facts = page.getByRole("article").locator("p.muted").nth(1);
  await expect(facts).toContainText("14 points");
  await expect(facts).toContainText("2020-01-01 00:00 UTC");
  await expect(facts).toContainText("3 graded submissions a day");
  await expect(page.getByRole("article")).toContainText("determinism: 4 points");
  expect((await page.request.get("/api/instructor/assignments/nsp-pairs/settings")).status()).toBe(403);

  // Clearing every override brings the files' values back.
  await signOut(page);
  await signInInstructor(page);
  const cleared = await page.request.delete("/api/instructor/assignments/nsp-pairs/settings", { data: { reason: "end of the test" } });
  expect(cleared.status()).toBe(200);
  await page.goto(URL);
  await expect(summaryRow(page, "Daily quota")).toContainText("20—20");
  await expect(summaryRow(page, "Points")).toContainText("11—11");
});
