import { expect, test } from "@playwright/test";
import { signIn, signOut, signUp, watchForeignRequests } from "./support";

// Runs first (file order): the fresh database's first account must become the instructor.
test.describe.serial("accounts, lessons and the instructor page", () => {
  const instructor = { email: "prof@example.org", password: "self-supervised-2026" };
  const student = { email: "student@example.org", password: "masked-tokens-15pct" };

  test("the first sign-up becomes the instructor and reaches the instructor page", async ({ page, baseURL }) => {
    const foreign = watchForeignRequests(page, baseURL!);
    await signUp(page, instructor.email, instructor.password, "Professor Prof");
    await expect(page.getByTestId("signed-in-as")).toContainText("instructor");
    const response = await page.goto("/instructor");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Instructor console" })).toBeVisible();
    await signOut(page);
    expect(foreign).toEqual([]);
  });

  test("a student signs up, signs in again, opens a lesson and is refused the instructor page", async ({ page, baseURL }) => {
    const foreign = watchForeignRequests(page, baseURL!);
    await signUp(page, student.email, student.password);
    await expect(page.getByTestId("signed-in-as")).toContainText("student");
    await signOut(page);
    await signIn(page, student.email, student.password);

    await page.goto("/");
    const firstLesson = page.locator('a[href^="/lessons/"]').first();
    const title = (await firstLesson.textContent())?.trim() ?? "";
    await firstLesson.click();
    await expect(page).toHaveURL(/\/lessons\//);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(title.slice(0, 20));

    const refused = await page.goto("/instructor");
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Instructor" })).toHaveCount(0);
    expect(foreign).toEqual([]);
  });

  test("bad input gets clear messages and proper status codes", async ({ page, request }) => {
    await page.goto("/signup");
    await page.getByLabel("Email").fill(student.email);
    await page.getByLabel("Password").fill("another-good-pass");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("already exists");

    await page.getByLabel("Email").fill("new-person@example.org");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("at least 10 characters");

    await page.goto("/signin");
    await page.getByLabel("Email").fill(student.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Wrong email or password");

    const malformed = await request.post("/api/signup", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/not valid JSON/);
    const duplicate = await request.post("/api/signup", { data: { email: student.email, password: "another-good-pass" } });
    expect(duplicate.status()).toBe(409);
    const oversized = await request.post("/api/signup", { data: { email: "big@example.org", password: "x".repeat(100_000) } });
    expect(oversized.status()).toBe(413);
    const weak = await request.post("/api/signup", { data: { email: "weak@example.org", password: "password123" } });
    expect(weak.status()).toBe(422);
    expect((await weak.json()).error.fields.password).toMatch(/common/);

    const unknownPage = await page.goto("/no/such/page");
    expect(unknownPage?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    const unknownApi = await request.get("/api/no-such-route");
    expect(unknownApi.status()).toBe(404);
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("signed-out visitors are sent to sign in from the instructor page", async ({ page }) => {
    await page.goto("/instructor");
    await expect(page).toHaveURL(/\/signin\?next=%2Finstructor/);
  });
});
