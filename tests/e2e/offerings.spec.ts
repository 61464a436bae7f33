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
