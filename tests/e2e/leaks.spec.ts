import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signUp } from "./support";

const CANARY = "unlabeled-hidden-";

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Distinctive lines of every reference solution that appear in no public file of the course. */
function solutionFingerprints(): { file: string; line: string }[] {
  const publicText = walk("content").map((f) => fs.readFileSync(f, "utf8")).join("\n");
  return walk("graders")
    .filter((f) => /\/(solution|reference)[^/]*\.ts$/.test(f))
    .flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l.length >= 40 && !l.startsWith("//") && !l.startsWith("*") && !l.startsWith("/*") && !l.startsWith("import") && !publicText.includes(l))
        .map((line) => ({ file, line })),
    );
}

test("no browser bundle contains a hidden canary or reference-solution text", () => {
  const dist = process.env.NEXT_DIST_DIR ?? ".next";
  const files = walk(path.join(dist, "static")).filter((f) => /\.(js|css|json|html|txt|map)$/.test(f));
  expect(files.length).toBeGreaterThan(10);
  const prints = solutionFingerprints();
  expect(prints.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    expect(text.includes(CANARY), `${file} contains ${CANARY}`).toBe(false);
    for (const p of prints) expect(text.includes(p.line), `${file} contains a line of ${p.file}`).toBe(false);
  }
});

test("no page or API response a student can fetch contains a hidden canary", async ({ page, request }) => {
  await signUp(page, `leak-probe-${Date.now()}@example.org`, "curious-student-42");
  const urls = new Set<string>(["/", "/assignments", "/progress", "/api/me", "/api/progress"]);
  for (const href of await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) urls.add(href);
  await page.goto("/assignments");
  for (const href of await page.locator("a[href^='/assignments/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) urls.add(href);
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  expect(urls.size).toBeGreaterThan(5);
  for (const url of urls) {
    const res = await request.get(url, { headers: { cookie } });
    const body = await res.text();
    expect(body.includes(CANARY), `${url} contains ${CANARY}`).toBe(false);
  }
});
