import { describe, expect, it } from "vitest";
import { compareAll, MAX_PAIRS } from "@/lib/similarity/compare";
import { highlightRuns } from "@/lib/similarity/highlight";

const params = { k: 5, window: 4, threshold: 0 };

const original = `export function normalise(values: number[]): number[] {
  const total = values.reduce((sum, v) => sum + v, 0);
  const mean = total / values.length;
  const spread = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  return values.map((v) => (v - mean) / (spread + 1e-8));
}
`;

// The same code with every name changed, comments added and the layout reformatted.
const renamed = `// my own work
export function scale(xs: number[]): number[] {
  const acc = xs.reduce((a, x) => a + x, 0)
  const mu = acc / xs.length
  const sd = Math.sqrt(
    xs.reduce((q, x) => q + (x - mu) ** 2, 0) / xs.length,
  )
  return xs.map((x) => (x - mu) / (sd + 1e-8))
}
`;

const independent = `class Counter {
  private seen = new Map<string, number>();
  add(word: string): void {
    this.seen.set(word, (this.seen.get(word) ?? 0) + 1);
  }
  top(): string | undefined {
    let best: string | undefined;
    for (const [w, c] of this.seen) if (!best || c > this.seen.get(best)!) best = w;
    return best;
  }
}
`;

const pairOf = (r: ReturnType<typeof compareAll>, a: string, b: string) =>
  r.pairs.find((p) => (p.left === a && p.right === b) || (p.left === b && p.right === a));

describe("compareAll", () => {
  it("scores identical sources 1.0 with one fragment covering all of both", () => {
    const r = compareAll([{ id: "a", source: original }, { id: "b", source: original }], { params });
    const p = pairOf(r, "a", "b")!;
    expect(p.similarity).toBe(1);
    expect(p.fragments).toHaveLength(1);
    // Winnowing keeps one k-gram per window, so a fragment runs from the first kept k-gram to the end of the last.
    expect(p.fragments[0]!.left).toMatchObject({ startLine: 1, endLine: 5 });
    expect(p.fragments[0]!.left).toEqual(p.fragments[0]!.right);
    expect(p.longest).toBe(p.overlap);
  });

  it("scores disjoint sources 0 (no pair listed)", () => {
    const r = compareAll([{ id: "a", source: original }, { id: "c", source: independent }], { params });
    expect(pairOf(r, "a", "c")).toBeUndefined();
    expect(r.candidates).toBe(0);
  });

  it("still detects a copy with renamed identifiers, comments and new layout", () => {
    const r = compareAll(
      [{ id: "a", source: original }, { id: "b", source: renamed }, { id: "c", source: independent }],
      { params },
    );
    expect(pairOf(r, "a", "b")!.similarity).toBeGreaterThan(0.9);
    expect(pairOf(r, "a", "c")?.similarity ?? 0).toBeLessThan(0.2);
    expect(pairOf(r, "b", "c")?.similarity ?? 0).toBeLessThan(0.2);
  });

  it("ignores whatever the starter holds: two students who only kept the starter share nothing", () => {
    const a = `${original}\nconst mine = 1 + 2 * 3 - 4;\n`;
    const b = `${original}\nwhile (true) { break; }\n`;
    const withStarter = compareAll([{ id: "a", source: a }, { id: "b", source: b }], { params, starter: original });
    expect(pairOf(withStarter, "a", "b")).toBeUndefined();
    expect(withStarter.ignoredStarter).toBeGreaterThan(0);
    const without = compareAll([{ id: "a", source: a }, { id: "b", source: b }], { params });
    expect(pairOf(without, "a", "b")!.similarity).toBeGreaterThan(0.5);
  });

  it("maps fragments to the lines they cover in both sources", () => {
    const filler = Array.from({ length: 6 }, (_, i) => `let unrelated${i} = "x".repeat(${i}) + [${i}].join();`).join("\n");
    const left = `${original}`;
    const right = `${filler}\n\n${renamed}`;
    const r = compareAll([{ id: "l", source: left }, { id: "r", source: right }], { params });
    const p = pairOf(r, "l", "r")!;
    const f = p.fragments[0]!;
    const [leftFile, rightFile] = p.left === "l" ? [f.left, f.right] : [f.right, f.left];
    expect(leftFile.startLine).toBe(1);
    expect(leftFile.endLine).toBeGreaterThanOrEqual(5);
    // renamed starts at line 8 of `right` (six filler lines, a blank line); its code starts after the comment.
    expect(rightFile.startLine).toBe(9);
    expect(rightFile.endLine).toBeGreaterThanOrEqual(13);
    expect(right.slice(rightFile.start, rightFile.end)).toContain("xs.reduce((a, x) => a + x, 0)");
    expect(left.slice(leftFile.start, leftFile.end)).toContain("values.reduce((sum, v) => sum + v, 0)");
  });

  it("ignores hashes most files share once there are enough files, and never in a small class", () => {
    const files = Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, source: `${original}\nconst own${i} = ${"[1]".repeat(i + 1)};` }));
    expect(compareAll(files, { params: { ...params, maxShare: 0.5 } }).ignoredCommon).toBeGreaterThan(0);
    expect(compareAll(files.slice(0, 3), { params: { ...params, maxShare: 0.5 } }).ignoredCommon).toBe(0);
  });
});

describe("highlightRuns", () => {
  it("splits a source into plain and covered runs, numbering fragments from 1 and marking where each starts", () => {
    const src = "abcdefghij";
    expect(highlightRuns(src, [{ start: 2, end: 6 }, { start: 4, end: 8 }, { start: 9, end: 99 }])).toEqual([
      { text: "ab", fragments: [], starts: [] },
      { text: "cd", fragments: [1], starts: [1] },
      { text: "ef", fragments: [1, 2], starts: [2] },
      { text: "gh", fragments: [2], starts: [] },
      { text: "i", fragments: [], starts: [] },
      { text: "j", fragments: [3], starts: [3] },
    ]);
    expect(highlightRuns("", [])).toEqual([]);
  });
});

describe("compareAll bounds", () => {
  it("keeps at most MAX_PAIRS pairs, the most similar, and counts all above the threshold", () => {
    const files = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, source: `${original}\nconst own${i} = ${"[1]".repeat(i + 1)};` }));
    const r = compareAll(files, { params: { ...params, maxShare: 1 } });
    expect(r.above).toBe((50 * 49) / 2);
    expect(r.pairs).toHaveLength(MAX_PAIRS);
    expect(r.pairs[0]!.similarity).toBeGreaterThanOrEqual(r.pairs[MAX_PAIRS - 1]!.similarity);
  });
});
