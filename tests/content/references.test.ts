/**
 * Primary sources: every lesson ends with a "## References" section whose entries name their authors and year, and
 * the prose names its studies instead of writing "one study found" or "researchers showed".
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

const slugs = readdirSync("content/lessons")
  .filter((f) => f.endsWith(".mdx"))
  .map((f) => f.replace(/\.mdx$/, ""));

/** The text after the last "## References" heading, or null when the lesson has none. */
function referencesOf(source: string): string | null {
  const at = source.lastIndexOf("\n## References\n");
  return at < 0 ? null : source.slice(at + "\n## References\n".length);
}

describe("references", () => {
  test("there are lessons to check", () => {
    expect(slugs.length).toBeGreaterThanOrEqual(20);
  });

  test.each(slugs)("%s: ends with a References section of entries with authors and a year", (slug) => {
    const source = readFileSync(`content/lessons/${slug}.mdx`, "utf8");
    const refs = referencesOf(source);
    expect(refs, `${slug} has a "## References" section`).not.toBeNull();
    // It is the last section: no heading follows it.
    expect(refs).not.toMatch(/^#{1,6} /m);
    const entries = refs!.split("\n").filter((line) => line.startsWith("- "));
    expect(entries.length, `${slug} lists at least one reference`).toBeGreaterThanOrEqual(1);
    for (const entry of entries) {
      // "Surname, I." authors, then "(YYYY)".
      expect(entry, entry).toMatch(/^- [A-Za-z][^,]*, [A-Z]\./);
      expect(entry, entry).toMatch(/\((1[89]\d\d|20\d\d)\)/);
      for (const url of entry.matchAll(/\]\((https?:[^)]*)\)/g)) expect(url[1], entry).toMatch(/^https:\/\//);
    }
    // Every line of the section is an entry or blank: no prose hides there.
    for (const line of refs!.split("\n")) expect(line === "" || line.startsWith("- "), line).toBe(true);
  });

  test.each(slugs)("%s: names its studies", (slug) => {
    const prose = readFileSync(`content/lessons/${slug}.mdx`, "utf8")
      .replace(/```[\s\S]*?```/g, " ")
      .replace(/\s+/g, " ");
    expect(prose).not.toMatch(/\b(one|a|another) (systematic |famous |recent )?stud(y|ies) (found|showed|shows)|\bresearchers (have )?(showed|shown|found)|\bstudies (have )?(shown|found)/i);
  });

  test("the rule catches a lesson without references and an entry without a year", () => {
    expect(referencesOf("## Assignment\n\nText.\n")).toBeNull();
    expect("- Someone, A. *A paper*.").not.toMatch(/\((1[89]\d\d|20\d\d)\)/);
  });
});
