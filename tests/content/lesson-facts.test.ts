/**
 * Facts that lessons once got wrong (issue #19), pinned so they cannot come back: each test fails on the old wording
 * and checks that the corrected text names its primary sources. Claims about numbers are checked by computation in
 * the demo-math tests (different tokenisers give a text different probabilities; the course's masking rule).
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";

/** A lesson's prose on one line, without frontmatter and code blocks. */
function prose(slug: string): string {
  return readFileSync(`content/lessons/${slug}.mdx`, "utf8")
    .replace(/^---[\s\S]*?---/, "")
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\s+/g, " ");
}

describe("lesson facts", () => {
  test("foundation-models: reusing ImageNet-pretrained networks was standard in vision from about 2014, with its sources", () => {
    const text = prose("foundation-models");
    expect(text).not.toMatch(/before (roughly|about|around)? ?2018,? most models were trained from random initiali[sz]ation/i);
    expect(text).toMatch(/ImageNet/);
    expect(text).toMatch(/2014/);
    for (const source of [/Donahue et al\. \(2014/, /Girshick et al\. \(2014/, /Yosinski et al\. \(2014/, /Devlin et al\., 2019/, /Bommasani et al\. \(2021\)/]) expect(text).toMatch(source);
  });

  test("language-models: the tokeniser changes the model and the probability; bits per character compare across tokenisers", () => {
    const text = prose("language-models");
    expect(text).not.toMatch(/probability of a text is the same whichever tokeni[sz]ation/i);
    expect(text).toMatch(/generally assign the same text \*\*different\*\* probabilities/);
    expect(text).toMatch(/bits per character/);
    expect(text).toMatch(/bits per byte/);
    expect(text).toMatch(/Sennrich, Haddow and Birch \(2016\)/);
    expect(text).toContain("<TokeniserComparison />");
  });

  test("decoder-only-models: transformers train faster by parallel computation over positions, not by teacher forcing", () => {
    const text = prose("decoder-only-models");
    expect(text).not.toMatch(/teacher forcing\*\*[^.]*\.[^.]*It is why transformers train/);
    expect(text).toMatch(/recurrent language models are trained the same way/);
    expect(text).toMatch(/\*\*parallelism over positions\*\*/);
    expect(text).toMatch(/Williams and Zipser, 1989/);
    expect(text).toMatch(/Vaswani et al\., 2017/);
  });

  test("bert-masked-language-modelling: non-special replacements are the course's rule; BERT and Hugging Face use the whole vocabulary", () => {
    const text = prose("bert-masked-language-modelling");
    expect(text).not.toMatch(/\| 10% \| a random token from the vocabulary \|/);
    expect(text).toMatch(/BERT \(Devlin et al\., 2019\) draws it uniformly from the whole vocabulary/);
    expect(text).toMatch(/Hugging Face/);
    expect(text).toMatch(/In this course we make a different choice, and the assignment requires it: the replacement is a uniformly random \*\*non-special\*\* token id/);
    // The course's rule, as the assignment states it.
    const readme = readFileSync("content/assignments/mlm-masking/README.mdx", "utf8").replace(/\s+/g, " ");
    expect(readme).toContain("a uniformly random **non-special** token id in `[0, vocabSize)` with probability 0.1 (it may happen to equal the original token)");
    expect(text).toMatch(/\(it may happen to equal the original token\)/);
    const starter = readFileSync("content/assignments/mlm-masking/starter.ts", "utf8");
    expect(starter).toMatch(/a random non-special id \(10%\)/);
  });
});
