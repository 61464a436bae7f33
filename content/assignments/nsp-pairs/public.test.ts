import { expect, test } from "unlabeled:test";
import { makeNspPairs } from "./starter";

// A small generator with a seed, so that every run of these tests sees the same numbers.
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const docs = [
  ["the boat left early.", "it reached the island at noon.", "everyone went ashore."],
  ["rain fell all night.", "the path became a stream."],
  ["bread is best warm."],
];

test("one pair per sentence that has a successor, in order", () => {
  const pairs = makeNspPairs(docs, { rng: seeded(1) });
  expect(pairs.map((p) => p.a)).toEqual(["the boat left early.", "it reached the island at noon.", "rain fell all night."]);
});

test("positive pairs are consecutive, negative pairs come from another document", () => {
  for (let seed = 0; seed < 20; seed++) {
    for (const p of makeNspPairs(docs, { rng: seeded(seed) })) {
      const own = docs.find((d) => d.includes(p.a))!;
      if (p.isNext) expect(own[own.indexOf(p.a) + 1]).toBe(p.b);
      else expect(own.includes(p.b)).toBe(false);
    }
  }
});

test("about half of the pairs are positive", () => {
  let positive = 0;
  let total = 0;
  for (let seed = 0; seed < 200; seed++) {
    for (const p of makeNspPairs(docs, { rng: seeded(seed * 7919 + 1) })) {
      total++;
      if (p.isNext) positive++;
    }
  }
  expect(positive > 0.35 * total && positive < 0.65 * total).toBe(true);
});

test("with a single document every pair is positive", () => {
  expect(makeNspPairs([docs[0]!], { rng: seeded(3) })).toEqual([
    { a: "the boat left early.", b: "it reached the island at noon.", isNext: true },
    { a: "it reached the island at noon.", b: "everyone went ashore.", isNext: true },
  ]);
});

test("the same generator seed gives the same pairs", () => {
  expect(makeNspPairs(docs, { rng: seeded(5) })).toEqual(makeNspPairs(docs, { rng: seeded(5) }));
});
