/** Data: MNIST splits (stratified, disjoint, deterministic, labels kept on the trusted side) and generated sets. */
import { describe, expect, it } from "vitest";
import { charVocabulary, corpusSplits, CORPUS, decodeChars, encodeChars } from "@/graders/tf/data/corpus";
import {
  getSplit, imagesOnly, loadMnist, MNIST_CLASSES, MNIST_PIXELS, MNIST_SPLIT_FRACTIONS, MNIST_SPLITS, stratifiedSubset,
} from "@/graders/tf/data/mnist";
import { generateShapes } from "@/graders/tf/data/shapes";

function classCounts(labels: Uint8Array): number[] {
  const counts = new Array(MNIST_CLASSES).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

describe("MNIST", () => {
  it("loads all 10,000 digits once, bounded and finite", () => {
    const data = loadMnist();
    expect(data.count).toBe(10_000);
    expect(loadMnist()).toBe(data);
    expect(data.images.length).toBe(10_000 * MNIST_PIXELS);
    expect(data.images.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(classCounts(data.labels)[5]).toBe(863);
  });

  it("splits are disjoint and cover every digit exactly once", () => {
    const seen = new Uint8Array(10_000);
    for (const name of MNIST_SPLITS) for (const i of getSplit(name).indices) seen[i]++;
    expect(seen.every((c) => c === 1)).toBe(true);
  });

  it("splits are stratified by class", () => {
    const all = classCounts(loadMnist().labels);
    for (const name of MNIST_SPLITS) {
      const counts = classCounts(getSplit(name).labels);
      counts.forEach((c, d) => expect(Math.abs(c - all[d] * MNIST_SPLIT_FRACTIONS[name])).toBeLessThanOrEqual(1));
    }
  });

  it("labels and pixels travel together", () => {
    const data = loadMnist();
    const split = getSplit("validation");
    for (const i of [0, 17, split.count - 1]) {
      const src = split.indices[i];
      expect(split.labels[i]).toBe(data.labels[src]);
      expect(split.images.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS)).toEqual(
        data.images.subarray(src * MNIST_PIXELS, (src + 1) * MNIST_PIXELS),
      );
    }
  });

  it("is deterministic for a seed and changes with the seed", () => {
    const a = getSplit("test-private", { seed: 5 });
    expect(getSplit("test-private", { seed: 5 })).toBe(a);
    const b = getSplit("test-private", { seed: 6 });
    expect(Array.from(b.indices)).not.toEqual(Array.from(a.indices));
    expect(getSplit("train").indices.slice(0, 5)).toEqual(getSplit("train").indices.slice(0, 5));
  });

  it("hands the untrusted side images without labels", () => {
    const view = imagesOnly(getSplit("test-private"));
    expect(Object.keys(view).sort()).toEqual(["count", "images", "name"]);
    expect(view.images.length).toBe(view.count * MNIST_PIXELS);
  });

  it("takes balanced subsets", () => {
    const sub = stratifiedSubset(getSplit("train"), 2000);
    expect(sub.count).toBe(2000);
    expect(classCounts(sub.labels).every((c) => c === 200)).toBe(true);
    expect(() => stratifiedSubset(getSplit("train"), 0)).toThrow(/count/);
  });

  it("rejects an unknown split name", () => {
    expect(() => getSplit("test" as never)).toThrow(/unknown MNIST split/);
  });
});

describe("generated data", () => {
  it("shapes are deterministic, captioned and in range", () => {
    const a = generateShapes({ count: 12, seed: 3 });
    expect(generateShapes({ count: 12, seed: 3 }).images).toEqual(a.images);
    expect(generateShapes({ count: 12, seed: 4 }).images).not.toEqual(a.images);
    expect(a.images.length).toBe(12 * 32 * 32 * 3);
    expect(a.images.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(a.captions[0]).toMatch(/^a (small|large) \w+ (circle|square|triangle|cross) in the /);
  });

  it("a shape's colour dominates its pixels", () => {
    const { images, attributes, size } = generateShapes({ count: 40, seed: 9 });
    attributes.forEach((a, n) => {
      if (a.colour !== "red" && a.colour !== "blue") return;
      let red = 0;
      let blue = 0;
      for (let p = 0; p < size * size; p++) {
        red += images[(n * size * size + p) * 3];
        blue += images[(n * size * size + p) * 3 + 2];
      }
      expect(a.colour === "red" ? red > blue : blue > red).toBe(true);
    });
  });

  it("the corpus round-trips through the character vocabulary and splits by line", () => {
    const vocab = charVocabulary();
    expect(CORPUS.length).toBeGreaterThan(3000);
    expect(decodeChars(encodeChars(CORPUS, vocab), vocab)).toBe(CORPUS);
    const { train, validation } = corpusSplits();
    expect(train.split("\n").length + validation.split("\n").length).toBe(CORPUS.split("\n").length);
    expect(() => encodeChars("é", vocab)).toThrow(/not in the vocabulary/);
  });
});
