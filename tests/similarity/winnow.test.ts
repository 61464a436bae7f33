import { describe, expect, it } from "vitest";
import { tokenize } from "@/lib/similarity/tokenize";
import { fingerprint, kgramHashes, winnow } from "@/lib/similarity/winnow";

const kinds = (src: string) => tokenize(src).map((t) => t.kind);

describe("tokenize", () => {
  it("normalises identifiers, numbers and strings, keeps members and drops comments, semicolons and layout", () => {
    expect(kinds("const x = tf.matMul(a, 2); // note\nlet s = 'hi';")).toEqual(
      ["const", "<id>", "=", "<id>", ".", "matMul", "(", "<id>", ",", "<num>", ")", "let", "<id>", "=", "<str>"],
    );
  });
  it("renaming and reformatting do not change the token kinds", () => {
    const a = "function f(a, b) { return tf.add(a, b).mul(3); }";
    const b = "function   g(\n  left,\n  right,\n) {\n  /* sum */ return tf.add(left, right).mul(4)\n}";
    expect(kinds(b)).toEqual(kinds(a));
  });
  it("keeps offsets and lines of the original source", () => {
    const src = "a\n  + `x${1}`";
    const t = tokenize(src);
    expect(t.map((x) => [src.slice(x.start, x.end), x.line])).toEqual([["a", 1], ["+", 2], ["`x${1}`", 2]]);
  });
});

describe("winnow", () => {
  it("detects any shared run of at least w + k − 1 tokens", () => {
    const k = 5;
    const w = 4;
    const shared = Array.from({ length: w + k - 1 }, (_, i) => `x${i} =`).join(" ");
    const left = `${"a + b * ".repeat(20)} ${shared.replace(/x\d+/g, "q")}`;
    const right = `${"(c - d) / ".repeat(20)} ${shared.replace(/x\d+/g, "z")}`;
    const hl = new Set(fingerprint(tokenize(left), { k, w }).map((f) => f.hash));
    expect(fingerprint(tokenize(right), { k, w }).some((f) => hl.has(f.hash))).toBe(true);
  });
  it("keeps the rightmost minimum and one fingerprint while it stays minimal", () => {
    expect(winnow([5, 1, 1, 7, 8, 9], 3)).toEqual([
      { hash: 1, pos: 2 },
      { hash: 7, pos: 3 },
    ]);
    expect(winnow([3, 2], 4)).toEqual([{ hash: 2, pos: 1 }]);
    expect(kgramHashes(tokenize("a b"), 3)).toEqual([]);
  });
});
