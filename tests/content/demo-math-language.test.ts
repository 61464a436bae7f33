/**
 * The language-unit demos compute what their lessons say: two tokenisers give one text two probabilities and
 * only text-level numbers compare; T5's span corruption; and the topic shortcut of next-sentence prediction.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, test } from "vitest";
import { BIGRAM_CORPUS } from "@/components/demos/bigram-corpus";
import { accuracy, DOCUMENTS, nspPairs, packPair, sopPairs, topicScores } from "@/components/demos/nsp-shortcut";
import { randomSegmentation, sentinel, spanCorrupt } from "@/components/demos/span-corruption";
import { CHARACTERS, compareTokenisers, scoreText, trainBigram, WORDS } from "@/components/demos/tokeniser-math";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("tokeniser comparison", () => {
  test("each model is a proper distribution: its next-token probabilities sum to 1", () => {
    for (const tok of [WORDS, CHARACTERS]) {
      const m = trainBigram(tf, BIGRAM_CORPUS, tok, 0.1);
      for (const row of m.logProbs) expect(row.reduce((s, l) => s + Math.exp(l), 0)).toBeCloseTo(1, 5);
    }
  });

  test("the same text gets different probabilities under the two tokenisers", () => {
    for (const text of ["the cat reads the map", "a model learns from the data", "the robot sleeps on the mat"]) {
      const [words, chars] = compareTokenisers(tf, text);
      expect(Math.abs(words!.bits - chars!.bits), text).toBeGreaterThan(1);
      expect(words!.steps).toBe(text.split(" ").length + 1);
      expect(chars!.steps).toBe(text.length + 1);
      for (const r of [words!, chars!]) {
        expect(r.bitsPerCharacter * text.length).toBeCloseTo(r.bits, 9);
        expect(r.perplexity).toBeCloseTo(2 ** (r.bits / r.steps), 9);
      }
    }
  });

  test("per-token perplexity can rank the models the wrong way round; bits per character follow the text's probability", () => {
    const [words, chars] = compareTokenisers(tf, "the cat reads the map"); // the demo's default
    expect(chars!.perplexity).toBeLessThan(words!.perplexity); // per token, characters look better…
    expect(words!.bitsPerCharacter).toBeLessThan(chars!.bitsPerCharacter); // …but the word model gives the text more probability
    expect(words!.bits).toBeLessThan(chars!.bits);
  });

  test("unseen words are reported: the word model scores them as <unk>", () => {
    const m = trainBigram(tf, BIGRAM_CORPUS, WORDS, 0.1);
    expect(scoreText(m, WORDS, "the dog reads").unknown).toEqual(["dog"]);
    expect(scoreText(trainBigram(tf, BIGRAM_CORPUS, CHARACTERS, 0.1), CHARACTERS, "the dog reads").unknown).toEqual([]);
  });
});

describe("span corruption playground", () => {
  test("random segmentation cuts n items into m non-empty runs", () => {
    for (const [n, m, seed] of [[10, 3, 1], [7, 7, 2], [20, 1, 3], [15, 4, 4]] as const) {
      const runs = randomSegmentation(tf, n, m, seed);
      expect(runs).toHaveLength(m);
      expect(runs.reduce((a, b) => a + b, 0)).toBe(n);
      expect(runs.every((r) => r >= 1)).toBe(true);
    }
  });

  test("about 15% of the tokens in about n·15%/3 spans; input and target together rebuild the sentence", () => {
    const tokens = "the old lighthouse keeper climbed the stairs every evening to light the lamp before the fishing boats came home and the harbour fell quiet".split(" ");
    for (let seed = 1; seed <= 20; seed++) {
      const r = spanCorrupt(tf, tokens, 0.15, 3, seed);
      expect(r.noiseTokens).toBe(Math.round(tokens.length * 0.15));
      expect(r.spans).toBe(Math.round(r.noiseTokens / 3));
      expect(r.noise.filter(Boolean)).toHaveLength(r.noiseTokens);
      const sentinels = r.encoderInput.filter((t) => /^<.+>$/.test(t));
      expect(sentinels).toEqual(Array.from({ length: r.spans }, (_, i) => sentinel(i)));
      expect(r.decoderTarget.at(-1)).toBe(sentinel(r.spans));
      expect(r.decoderTarget).toHaveLength(r.noiseTokens + r.spans + 1);
      // Fill each sentinel of the input with the tokens that follow it in the target: the original comes back.
      const fill = new Map<string, string[]>();
      let current = "";
      for (const t of r.decoderTarget) {
        if (/^<.+>$/.test(t)) fill.set((current = t), []);
        else fill.get(current)!.push(t);
      }
      expect(r.encoderInput.flatMap((t) => fill.get(t) ?? [t])).toEqual(tokens);
    }
  });
});

describe("next-sentence prediction and the topic shortcut", () => {
  test("pairs follow the recipe: IsNext is the true successor, NotNext comes from another document", () => {
    const pairs = nspPairs(DOCUMENTS, 3);
    expect(pairs).toHaveLength(DOCUMENTS.reduce((s, d) => s + d.length - 1, 0));
    const docOf = (s: string) => DOCUMENTS.findIndex((d) => d.includes(s));
    for (const p of pairs) {
      if (p.positive) expect(DOCUMENTS[docOf(p.a)]![DOCUMENTS[docOf(p.a)]!.indexOf(p.a) + 1]).toBe(p.b);
      else expect(docOf(p.b)).not.toBe(docOf(p.a));
    }
    expect(packPair("a b", "c")).toEqual({ tokens: ["[CLS]", "a", "b", "[SEP]", "c", "[SEP]"], segments: [0, 0, 0, 0, 1, 1] });
  });

  test("a detector that knows only topics solves next-sentence prediction and is at chance on sentence order", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const nsp = nspPairs(DOCUMENTS, seed);
      expect(accuracy(nsp, topicScores(tf, DOCUMENTS, nsp), 0.5), `seed ${seed}`).toBeGreaterThanOrEqual(0.9);
    }
    const sop = sopPairs(DOCUMENTS);
    const scores = topicScores(tf, DOCUMENTS, sop);
    for (let i = 0; i < sop.length; i += 2) expect(scores[i]).toBeCloseTo(scores[i + 1]!, 6); // (A, B) and (B, A) score the same
    for (const t of [0, 0.25, 0.5, 0.75, 0.95]) expect(accuracy(sop, scores, t)).toBe(0.5);
  });
});
