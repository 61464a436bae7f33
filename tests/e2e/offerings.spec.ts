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

test("the console's sections page: add a section, give it its own due date (a student in it sees that date), remove it", async ({ browser }) => {
  test.setTimeout(120_000);
  const slug = `sections-${stamp}`;
  const prof = await browser.newContext();
  const page = await prof.newPage();
  await signInInstructor(page);
  expect((await prof.request.post("/api/instructor/offerings", { data: { slug, title: "With sections" } })).status()).toBe(201);
  const student = await browser.newContext();
  const email = `sectioned-${stamp}@example.org`;
  await signUp(await student.newPage(), email, "sectioned-student-password-6");
  const quota = async () => {
    const res = await student.request.get(`/api/assignments/hello-tensor/quota?offering=${slug}`);
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()).deadline as string;
  };

  await page.goto("/instructor/offerings");
  await page.getByTestId("offerings").getByRole("row").filter({ hasText: slug }).getByRole("link", { name: "sections", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Sections of ${slug}`);
  await expect(page.getByTestId("no-sections")).toBeVisible();
  const save = page.getByTestId("section-save");
  await save.getByLabel(/^Section/).fill("lab-a");
  await save.getByLabel("Title").fill("Lab A, Tuesdays");
  await save.getByRole("button", { name: "Save the section" }).click();
  await expect(save.getByRole("status")).toHaveText("Saved section lab-a.");
  await expect(page.getByTestId("sections").getByRole("row").filter({ hasText: "lab-a" })).toContainText("Lab A, Tuesdays");

  // The roster import puts the student in the section; the page counts them.
  const imported = await prof.request.post(`/api/instructor/roster?offering=${slug}`, { data: { csv: `email,role,section\n${email},student,lab-a\n`, dryRun: false } });
  expect(imported.status(), await imported.text()).toBe(200);
  const before = await quota();
  await page.reload();
  const row = page.getByTestId("sections").getByRole("row").filter({ hasText: "lab-a" });
  await expect(row.getByRole("cell").nth(2)).toHaveText("1");

  const due = page.getByTestId("section-deadline");
  await due.getByLabel("Assignment").selectOption("hello-tensor");
  await due.getByLabel(/^Due/).fill("next tuesday");
  await due.getByRole("button", { name: "Set the section's due date" }).click();
  await expect(due.getByRole("alert")).toContainText("ISO 8601");
  await expect(due.getByLabel(/^Due/)).toHaveValue("next tuesday");
  await due.getByLabel(/^Due/).fill("2031-03-04T23:59:00Z");
  await due.getByRole("button", { name: "Set the section's due date" }).click();
  await expect(due.getByRole("status")).toHaveText("lab-a is due 2031-03-04T23:59:00Z for hello-tensor.");
  await expect(page.getByTestId("section-due-lab-a-hello-tensor")).toBeVisible();
  expect(await quota()).toBe("2031-03-04T23:59:00.000Z");
  // The workspace shows the student their own deadline (the section's), in the offering they work in.
  const sp = await student.newPage();
  await sp.goto(`/assignments/hello-tensor?offering=${slug}`);
  await expect(sp.getByTestId("quota-deadline")).toHaveText("· your deadline 2031-03-04 23:59 UTC");
  expect(await axeFindings(page, `/instructor/offerings/${slug}/sections`)).toEqual([]);

  await due.getByRole("button", { name: /Remove it/ }).click();
  await expect(due.getByRole("status")).toHaveText("lab-a follows the offering's due date for hello-tensor again.");
  await expect(row).toContainText("none (the offering's apply)");
  expect(await quota()).toBe(before);
  for (const c of [prof, student]) await c.close();
});

test("a second course package: an offering of it serves and grades that package only, and the default offering never sees it", async ({ browser }) => {
  test.setTimeout(180_000);
  const slug = `fixture-${stamp}`;
  const prof = await browser.newContext();
  const page = await prof.newPage();
  await signInInstructor(page);
  await page.goto("/instructor/offerings");
  const form = page.getByTestId("offering-create");
  await form.getByLabel(/^Slug/).fill(slug);
  await form.getByLabel("Title").fill("Fixture, spring");
  await form.getByLabel("Course package").selectOption("fixture");
  await form.getByRole("button", { name: "Create the offering" }).click();
  await expect(form.getByRole("status")).toHaveText(`Created ${slug}.`);
  await expect(page.getByTestId("offerings").getByRole("row").filter({ hasText: slug })).toContainText("fixture");
  const code = (await (await prof.request.post(`/api/instructor/offerings/${slug}/join-code`, { data: { action: "enable" } })).json()).joinCode as string;
  await page.goto("/instructor/course");
  await expect(page.getByTestId("course-packages").getByRole("row").filter({ hasText: "fixture" })).toContainText("served from its folder");

  const student = await browser.newContext();
  const sp = await student.newPage();
  await signUp(sp, `fixture-student-${stamp}@example.org`, "fixture-student-password-7");
  expect((await student.request.post("/api/offerings/join", { data: { code } })).status()).toBe(200);
  await sp.goto("/");
  await expect(sp.getByRole("heading", { level: 1 })).toHaveText("Fixture course");
  await sp.goto("/assignments");
  await expect(sp.getByRole("link", { name: "Add one" })).toBeVisible();
  await expect(sp.getByRole("link", { name: /Hello/ })).toHaveCount(0);
  const workspace = await sp.goto("/assignments/add-one");
  expect(workspace?.status()).toBe(200);
  await expect(sp.getByRole("heading", { level: 1 })).toHaveText("Add one");
  expect(await sp.content()).not.toContain("unlabeled-hidden-");
  expect((await sp.goto("/assignments/hello-tensor"))?.status()).toBe(404);

  const sent = await student.request.post("/api/submissions", { data: { assignment: "add-one", source: "export function addOne(x: number): number {\n  return x + 1;\n}\n" } });
  expect(sent.status(), await sent.text()).toBe(201);
  const id = (await sent.json()).id as string;
  await expect.poll(async () => (await (await student.request.get(`/api/submissions/${id}`)).json()).status, { timeout: 120_000, intervals: [1000] }).toBe("graded");
  const graded = await (await student.request.get(`/api/submissions/${id}`)).json();
  expect([graded.result.score, graded.result.max_score]).toEqual([10, 10]);
  expect(JSON.stringify(graded)).not.toContain("unlabeled-hidden-");

  // A student of the default offering: the bundled course, and no way to the fixture's assignment.
  const other = await browser.newContext();
  const op = await other.newPage();
  await signUp(op, `default-student-${stamp}@example.org`, "default-student-password-8");
  await op.goto("/assignments");
  await expect(op.getByRole("link", { name: "Add one" })).toHaveCount(0);
  expect((await op.goto("/assignments/add-one"))?.status()).toBe(404);
  const refused = await other.request.post("/api/submissions", { data: { assignment: "add-one", source: "export const x = 1;" } });
  expect(refused.status()).toBe(404);
  for (const c of [prof, student, other]) await c.close();
});
