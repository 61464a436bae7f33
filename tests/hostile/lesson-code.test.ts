// Isolation between courses (issue #17), the site side: a course package's lessons and READMEs are another
// instructor's text, rendered by the web server that holds every course's hidden files, the database URL and the
// auth secret. MDX could run JavaScript (expressions, import/export, attribute expressions); the platform's compiler
// strips all of it (next-mdx-remote's blockJS, and imports/exports removed), so a hostile lesson renders as text
// and runs nothing. This proves it on the real compile-and-render path of the site and of `course check`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderMdxFiles } from "@/lib/content/render-pages";

const SECRET = "unlabeled-test-secret-b7f1c2";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-lesson-"));
const flag = path.join(dir, "ran");

const hostile = `Before the attempts.

{process.env.UNLABELED_LESSON_SECRET}

{require("node:fs").writeFileSync(${JSON.stringify(flag)}, "expression")}

export const leaked = require("node:fs").writeFileSync(${JSON.stringify(flag)}, "export") || process.env.UNLABELED_LESSON_SECRET

import fs from "node:fs"

<span title={process.env.UNLABELED_LESSON_SECRET} data-x={(globalThis.__lessonRan = true)}>attribute</span>

<span {...{ title: process.env.UNLABELED_LESSON_SECRET }}>spread</span>

After the attempts.
`;

describe("a hostile lesson runs no code in the web server", () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("expressions, import/export and attribute expressions are stripped: nothing runs, nothing leaks", async () => {
    process.env.UNLABELED_LESSON_SECRET = SECRET;
    const file = path.join(dir, "README.mdx");
    fs.writeFileSync(file, hostile);
    try {
      const [r] = await renderMdxFiles([{ file, kind: "readme" }]);
      expect(r!.problems).toEqual([]);
      expect(r!.html).toContain("Before the attempts.");
      expect(r!.html).toContain("After the attempts.");
      expect(r!.html).toContain("attribute");
      expect(r!.html).not.toContain(SECRET);
      expect(fs.existsSync(flag)).toBe(false);
      expect((globalThis as { __lessonRan?: boolean }).__lessonRan).toBeUndefined();
    } finally {
      delete process.env.UNLABELED_LESSON_SECRET;
    }
  });
});
