/**
 * What an assignment's README promises about passing must be what its assignment.yaml grades. A README that says
 * "you pass with 70%" over a pass_threshold of 1 tells a correct-looking but incomplete submission it passed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, test } from "vitest";

interface Config {
  points: number;
  pass_threshold: number;
  rubric: { check: string; points: number }[];
}

interface PassClaim {
  /** The sentence, on one line. */
  text: string;
  /** Points needed to pass, as the sentence states them (null when it states none). */
  needed: number | null;
  /** The total the sentence names ("of the 12 points"), when it names one. */
  total: number | null;
  /** The sentence says a submission must get every (scored) check right. */
  everyCheck: boolean;
}

/** Every sentence of a README that says what passing takes: "You pass with …", "You pass only with …". */
function passClaims(readme: string): PassClaim[] {
  const prose = readme.replace(/^---[\s\S]*?---/, "").replace(/\s+/g, " ");
  const sentences = prose.match(/\b[Yy]ou pass\b[^.]*(?:\.\d[^.]*)*\./g) ?? [];
  return sentences.map((text) => {
    const pct = /(\d+(?:\.\d+)?)\s*% of the (\d+(?:\.\d+)?) points/.exec(text);
    const frac = /(\d+(?:\.\d+)?) of (?:the )?(\d+(?:\.\d+)?) points/.exec(text);
    const total = pct ? Number(pct[2]) : frac ? Number(frac[2]) : null;
    const needed = pct ? (Number(pct[1]) / 100) * Number(pct[2]) : frac ? Number(frac[1]) : null;
    const everyCheck = /every (?:scored )?check (?:must pass|right)/.test(text);
    return { text, needed, total, everyCheck };
  });
}

const slugs = readdirSync("content/assignments").filter((s) => !s.startsWith("."));

describe("README pass statements agree with assignment.yaml", () => {
  test.each(slugs)("%s", (slug) => {
    const config = parse(readFileSync(`content/assignments/${slug}/assignment.yaml`, "utf8")) as Config;
    const claims = passClaims(readFileSync(`content/assignments/${slug}/README.mdx`, "utf8"));
    expect(claims.length, `${slug}/README.mdx says what it takes to pass`).toBeGreaterThan(0);
    const threshold = config.pass_threshold * config.points;
    for (const claim of claims) {
      if (claim.total !== null) expect(claim.total, claim.text).toBe(config.points);
      if (claim.needed !== null) expect(claim.needed, claim.text).toBeCloseTo(threshold, 6);
      // A number in brackets restates the points needed ("80% of the 12 points (9.6)").
      for (const m of claim.text.matchAll(/\((\d+(?:\.\d+)?)\)/g)) expect(Number(m[1]), claim.text).toBeCloseTo(threshold, 6);
      if (claim.everyCheck) {
        // Losing the smallest scored check must already fail.
        const smallest = Math.min(...config.rubric.map((r) => r.points).filter((p) => p > 0));
        expect(config.points - smallest, claim.text).toBeLessThan(threshold - 1e-9);
      }
      expect(claim.needed !== null || claim.everyCheck, `${claim.text}: says how many points or that every check must pass`).toBe(true);
    }
  });

  test.each(slugs)("%s: no level-1 heading (the workspace page's title is the page's only h1)", (slug) => {
    const body = readFileSync(`content/assignments/${slug}/README.mdx`, "utf8").replace(/^---[\s\S]*?---/, "").replace(/```[\s\S]*?```/g, "");
    expect(body.match(/^# .*$/gm) ?? []).toEqual([]);
  });

  test("the parser reads the forms the READMEs use", () => {
    const [seventy, ...rest] = passClaims("You pass with 70% of the 12 points. Next.");
    expect(rest).toEqual([]);
    expect(seventy).toMatchObject({ text: "You pass with 70% of the 12 points.", total: 12, everyCheck: false });
    expect(seventy!.needed).toBeCloseTo(8.4, 9);
    expect(passClaims("Each check is all or nothing; you pass with 8.5 of 10 points.")[0]).toMatchObject({ needed: 8.5, total: 10 });
    expect(passClaims("You pass with 9.5 of 10 points, so every check must\npass.")[0]).toMatchObject({ needed: 9.5, total: 10, everyCheck: true });
    expect(passClaims("You pass with every scored check right (10 of 10 points).")[0]).toMatchObject({ needed: 10, total: 10, everyCheck: true });
    expect(passClaims("You pass with 80% of the 12 points (9.6): every check matters.")[0]).toMatchObject({ total: 12, everyCheck: false });
    expect(passClaims("You pass only with all 12 of 12 points: every check must pass.")[0]).toMatchObject({ needed: 12, total: 12, everyCheck: true });
    expect(passClaims("Nothing about it here.")).toEqual([]);
  });
});
