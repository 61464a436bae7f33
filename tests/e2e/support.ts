import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Records every request the page makes to an origin other than the site's own. */
export function watchForeignRequests(page: Page, baseURL: string): string[] {
  const origin = new URL(baseURL).origin;
  const foreign: string[] = [];
  page.on("request", (req) => {
    const url = req.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

export async function signUp(page: Page, email: string, password: string, name?: string) {
  await page.goto("/signup");
  if (name) await page.getByLabel("Name (optional)").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toContainText(email.split("@")[0]!.slice(0, 3), { ignoreCase: true });
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-as")).toBeVisible();
}

/** The course's instructor in every spec: accounts.spec.ts creates it first (it is the fresh database's first account). */
export const INSTRUCTOR = { email: "prof@example.org", password: "self-supervised-2026" };

/** Signs the instructor in, creating the account when this spec runs alone on a fresh database. */
export async function signInInstructor(page: Page) {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(INSTRUCTOR.email);
  await page.getByLabel("Password").fill(INSTRUCTOR.password);
  await page.getByRole("button", { name: "Create account" }).click();
  const exists = page.getByRole("main").getByRole("alert").filter({ hasText: "already exists" });
  await expect(page.getByTestId("signed-in-as").or(exists)).toBeVisible();
  if (await exists.isVisible()) await signIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
  await expect(page.getByTestId("signed-in-as")).toContainText("instructor");
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** The WCAG 2.2 AA rule set: every level-A and level-AA rule axe has for WCAG 2.0, 2.1 and 2.2. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export interface AxeFinding {
  page: string;
  rule: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
  summary: string;
}

/** Runs axe (WCAG 2.2 AA tags) over the whole page: one entry per violated rule, with up to six offending elements. */
export async function axeFindings(page: Page, label: string): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => ({
    page: label,
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 6).map((n) => n.target.join(" ")),
    summary: v.nodes[0]?.failureSummary?.split("\n").slice(0, 3).join(" ") ?? "",
  }));
}

/** Waits until every live demo on the page has computed (data-state="ready"). */
export async function demosReady(page: Page): Promise<void> {
  const demos = page.locator("[data-demo]");
  const n = await demos.count();
  for (let d = 0; d < n; d++) await expect(demos.nth(d)).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
}
