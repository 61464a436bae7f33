import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { watchForeignRequests } from "./support";

interface Course {
  units: { title: string; lessons: string[] }[];
}

const course = parse(readFileSync("content/course.yaml", "utf8")) as Course;
const slugs = course.units.flatMap((u) => u.lessons);

function titleOf(slug: string): string {
  const frontmatter = /^---\n([\s\S]*?)\n---/.exec(readFileSync(`content/lessons/${slug}.mdx`, "utf8"))![1]!;
  return (parse(frontmatter) as { title: string }).title;
}

/** Console errors and uncaught exceptions. The site has no favicon yet; the browser's own request for one is not the lesson's. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    if (/\/favicon\.ico$/.test(msg.location().url)) return;
    errors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (err) => errors.push(`uncaught: ${err.message}`));
  return errors;
}

test.describe("lessons", () => {
  test("the lesson index lists every lesson of course.yaml in order", async ({ page, baseURL }) => {
    const foreign = watchForeignRequests(page, baseURL!);
    const errors = watchErrors(page);
    await page.goto("/lessons");
    const hrefs = await page.locator('main ol a[href^="/lessons/"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(slugs.map((s) => `/lessons/${s}`));
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  for (const [i, slug] of slugs.entries()) {
    test(`${slug}: renders without console errors, loads nothing from another origin, and its demos become ready`, async ({ page, baseURL }) => {
      const foreign = watchForeignRequests(page, baseURL!);
      const errors = watchErrors(page);
      const response = await page.goto(`/lessons/${slug}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(titleOf(slug));

      const toc = page.getByRole("navigation", { name: "On this page" });
      await expect(toc.getByRole("link", { name: "Self-check" })).toHaveAttribute("href", "#self-check");
      await expect(page.locator(".katex").first()).toBeVisible();
      const pager = page.getByRole("navigation", { name: "Previous and next lesson" });
      if (i > 0) await expect(pager.locator('a[rel="prev"]')).toHaveAttribute("href", `/lessons/${slugs[i - 1]}`);
      if (i < slugs.length - 1) await expect(pager.locator('a[rel="next"]')).toHaveAttribute("href", `/lessons/${slugs[i + 1]}`);

      const demos = page.locator("[data-demo]");
      for (let d = 0; d < (await demos.count()); d++) {
        await expect(demos.nth(d)).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
      }
      const answer = page.locator("details.mdx-answer").first();
      await answer.locator("summary").click();
      await expect(answer).toHaveAttribute("open", "");
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    });
  }

  test("demos recompute when their controls change", async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto("/lessons/overfitting-with-small-data");
    const demo = page.locator('[data-demo="overfitting-curves"]');
    await expect(demo).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    const fullRow = demo.getByRole("row", { name: /100% of the training set/ });
    await expect(fullRow).toContainText("not run");
    await demo.getByLabel(/100% of the training set/).check();
    await expect(fullRow).not.toContainText("not run", { timeout: 60_000 });
    await expect(demo).toHaveAttribute("data-state", "ready");

    await page.goto("/lessons/bert-masked-language-modelling");
    const masking = page.locator('[data-demo="masking-playground"]');
    await expect(masking).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    await masking.getByLabel("Sentence").fill("one two three four five six seven eight nine ten");
    await expect(masking.locator(".demo-tokens").first()).toContainText("seven");
    await expect(masking).toHaveAttribute("data-state", "ready");
    expect(errors).toEqual([]);
  });

  test("an unknown lesson is a 404", async ({ page }) => {
    const response = await page.goto("/lessons/no-such-lesson");
    expect(response?.status()).toBe(404);
  });
});
