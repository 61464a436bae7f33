import { expect, test } from "@playwright/test";
import { axeFindings, signInInstructor, signUp } from "./support";

const stamp = Date.now().toString(36);

test("the header's offering switcher: shown to a user in two offerings, switching changes the active offering", async ({ browser }) => {
  test.setTimeout(120_000);
  const prof = await browser.newContext();
  await signInInstructor(await prof.newPage());
  const codes: string[] = [];
  for (const slug of [`spring-${stamp}`, `autumn-${stamp}`]) {
    const made = await prof.request.post("/api/instructor/offerings", { data: { slug, title: `SSL ${slug}` } });
    expect(made.status(), await made.text()).toBe(201);
    const code = await prof.request.post(`/api/instructor/offerings/${slug}/join-code`, { data: { action: "enable" } });
    codes.push((await code.json()).joinCode as string);
  }

  // A student in one offering only (default: no enrolment anywhere) sees no switcher.
  const solo = await browser.newContext();
  const soloPage = await solo.newPage();
  await signUp(soloPage, `solo-${stamp}@example.org`, "solo-student-password-1");
  await soloPage.goto("/assignments");
  await expect(soloPage.getByTestId("signed-in-as")).toBeVisible();
  await expect(soloPage.getByTestId("offering-switcher")).toHaveCount(0);

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signUp(page, `two-offerings-${stamp}@example.org`, "two-offerings-password-2");
  for (const code of codes) expect((await ctx.request.post("/api/offerings/join", { data: { code } })).status()).toBe(200);
  await page.goto("/assignments");
  const switcher = page.getByRole("combobox", { name: "Offering" });
  // Joining makes that offering the active one: the last joined.
  await expect(switcher).toHaveValue(`autumn-${stamp}`);
  await expect(switcher.locator("option")).toHaveText([`SSL spring-${stamp}`, `SSL autumn-${stamp}`]);
  expect(await axeFindings(page, "/assignments with the switcher")).toEqual([]);

  await switcher.selectOption(`spring-${stamp}`);
  await expect(page.getByRole("combobox", { name: "Offering" })).toHaveValue(`spring-${stamp}`);
  expect((await (await ctx.request.get("/api/me")).json()).user.offering).toBe(`spring-${stamp}`);
  // The choice holds on the next page too (the cookie), and the keyboard reaches the switcher.
  await page.goto("/progress");
  await expect(page.getByRole("combobox", { name: "Offering" })).toHaveValue(`spring-${stamp}`);
  await page.getByRole("combobox", { name: "Offering" }).focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("combobox", { name: "Offering" })).toHaveValue(`autumn-${stamp}`);
  await expect.poll(async () => (await (await ctx.request.get("/api/me")).json()).user.offering).toBe(`autumn-${stamp}`);
  for (const c of [prof, solo, ctx]) await c.close();
});

test("the console edits and archives an offering; an archived one takes no submission and leaves the switcher", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = `archive-me-${stamp}`;
  const prof = await browser.newContext();
  const page = await prof.newPage();
  await signInInstructor(page);
  expect((await prof.request.post("/api/instructor/offerings", { data: { slug, title: "To archive" } })).status()).toBe(201);
  const code = (await (await prof.request.post(`/api/instructor/offerings/${slug}/join-code`, { data: { action: "enable" } })).json()).joinCode as string;
  const student = await browser.newContext();
  const studentPage = await student.newPage();
  await signUp(studentPage, `archived-${stamp}@example.org`, "archived-student-password-5");
  expect((await student.request.post("/api/offerings/join", { data: { code } })).status()).toBe(200);

  await page.goto("/instructor/offerings");
  await page.locator("summary").filter({ hasText: slug }).click();
  const form = page.getByTestId(`offering-edit-${slug}`);
  await form.getByLabel("Title").fill("Archived term");
  await form.getByLabel("Ends (ISO 8601)").fill("not a date");
  await form.getByRole("button", { name: `Save ${slug}` }).click();
  await expect(form.getByRole("alert")).toContainText("ISO 8601");
  await form.getByLabel("Ends (ISO 8601)").fill("2027-06-30T00:00:00Z");
  await form.getByRole("button", { name: `Save ${slug}` }).click();
  await expect(form.getByRole("status")).toHaveText("Saved Archived term.");
  await page.getByRole("button", { name: `Archive ${slug}` }).click();
  await expect(page.getByTestId("offerings").getByRole("row").filter({ hasText: slug })).toContainText("archived");

  const sent = await student.request.post(`/api/submissions?offering=${slug}`, { data: { assignment: "hello-tensor", source: "export const x = 1;" } });
  expect(sent.status()).toBe(403);
  expect((await sent.json()).error.message).toMatch(/archived/);
  // The student is in default no more (an enrolment elsewhere) and the archived one is active: one entry, no switcher.
  await studentPage.goto("/assignments");
  await expect(studentPage.getByTestId("signed-in-as")).toBeVisible();
  await expect(studentPage.getByTestId("offering-switcher")).toHaveCount(0);
  await page.getByRole("button", { name: `Reopen ${slug}` }).click();
  await expect(page.getByTestId("offerings").getByRole("row").filter({ hasText: slug })).toContainText("open");
  for (const c of [prof, student]) await c.close();
});
