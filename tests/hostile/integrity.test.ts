// Issue #15's classes that need assignments other than hello-tensor, graded through the real engine: hidden targets
// and state kept across calls (class 4), deterministic "randomness" (class 5), measurements forged from inside the
// process (class 3) and garbage that used to crash a trusted check (class 7). Each fixture in
// tests/fixtures/hostile-assignments/<slug>/ names the attack; each test names the check it must fail and why.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { gradeSubmission } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";

const fixture = (slug: string, name: string) => readFileSync(`tests/fixtures/hostile-assignments/${slug}/${name}.ts`, "utf8");
const grade = (slug: string, name: string) => gradeSubmission({ slug, source: fixture(slug, name), seed: 13 });
const test_ = (r: GradeResult, id: string) => r.tests.find((t) => t.check === id)!;

function expectFailed(r: GradeResult, check: string, feedback: RegExp): void {
  const t = test_(r, check);
  expect(t.status, `${check}: ${t.output}`).toBe("failed");
  expect(t.score).toBe(0);
  expect(t.output).toMatch(feedback);
  expect(JSON.stringify(r)).not.toContain("unlabeled-hidden-");
}

describe("class 4: hidden targets and state kept across calls", { timeout: 300_000 }, () => {
  test("an autoencoder that stashes the test digits and decodes an index gets nothing back in the decoding process", async () => {
    const r = await grade("autoencoder", "stash-index");
    for (const cheap of ["shapes-and-range", "bottleneck", "parameter-budget"]) expect(test_(r, cheap).status, test_(r, cheap).output).toBe("passed");
    expectFailed(r, "reconstruction", /mean squared error on the public hidden digits is 0\.[1-9]/);
    expect(r.leaderboard.find((e) => e.name === "mse")!.value).toBeGreaterThan(0.05);
  });

  test("an attention that sees the future and replays remembered prefixes is caught with the perturbed inputs in a fresh process", async () => {
    expectFailed(await grade("causal-attention", "memo-future"), "no-future-leak", /information flows from the future/);
  });

  test("Math.random with answers remembered per rng seed fails the rng contract (mlm-masking)", async () => {
    expectFailed(await grade("mlm-masking", "memo-math-random"), "determinism", /different results when run again in a fresh process/);
  });

  test("Math.random with answers remembered per rng seed fails the rng contract (nsp-pairs)", async () => {
    expectFailed(await grade("nsp-pairs", "memo-math-random"), "determinism", /different pairs when run again in a fresh process/);
  });
});

describe("class 5: deterministic or low-discrepancy randomness", { timeout: 120_000 }, () => {
  test("golden-ratio masking with one draw per call: right rates, not independent draws", async () => {
    const r = await grade("mlm-masking", "golden-ratio");
    expectFailed(r, "selection-rate", /far too regular for independent draws|correlation between neighbours/);
    expect(test_(r, "selection-rate").output).toMatch(/only \d+ numbers were drawn from rng/);
  });

  test("a private generator seeded by one draw looks random but draws too little from rng", async () => {
    const r = await grade("mlm-masking", "hash-prng");
    expectFailed(r, "selection-rate", /only \d+ numbers were drawn from rng, but the specified process carries about \d+ bits/);
  });

  test("golden-ratio coins give exactly half positives in every call", async () => {
    expectFailed(await grade("nsp-pairs", "golden-coins"), "balance", /far too regular for independent draws|correlation between neighbours/);
  });

  test("rotation labels from a generator seeded by one draw", async () => {
    expectFailed(await grade("ssl-pretext", "one-draw-prng"), "label-balance", /only 1 numbers were drawn from rng/);
  });

  test("a stratified subset picked by a generator seeded by one draw", async () => {
    expectFailed(await grade("overfitting-10pct", "one-draw-prng"), "subset-deterministic", /only 1 numbers were drawn from rng/);
  });
});

describe("class 3: measurements the student would like to forge", { timeout: 120_000 }, () => {
  test("a leak hidden by patching tf.memory, the engine's counts and the tensor's data is still a leak", async () => {
    const r = await grade("hello-tensor", "leak-hidden");
    expect(test_(r, "same-shape").status).toBe("passed");
    expectFailed(r, "no-leaks", /left 2 new tensors in memory instead of 1/);
  });

  test("an input disposed and made to look alive again is a disposed input", async () => {
    const r = await grade("hello-tensor", "dispose-input-fake");
    expect(test_(r, "same-shape").status).toBe("passed");
    expectFailed(r, "no-leaks", /disposed one of its inputs/);
  });

  test("tokens written in place and hidden behind getters are a changed input", async () => {
    const r = await grade("mlm-masking", "mutation-getter");
    expectFailed(r, "no-mutation", /changed the tokens array it was given/);
  });
});

describe("class 7: garbage from the student is a graded failure, never a platform error", { timeout: 300_000 }, () => {
  test("a CLIP loss that is NaN only on training batches: a curve of NaN, a graded zero with the reason", async () => {
    const r = await grade("clip-contrastive", "nan-in-training");
    expect(test_(r, "matches-reference").status).toBe("passed");
    const t = test_(r, "zero-shot");
    expectFailed(r, "zero-shot", /The training loss became NaN or infinite/);
    const curve = t.artifacts.find((a) => a.kind === "curve");
    expect(curve && curve.kind === "curve" ? curve.series[0]!.name : "").toMatch(/non-finite points not drawn/);
  });

  test("an NT-Xent loss that is NaN only on training batches: a graded zero with the reason (simclr-nt-xent)", async () => {
    const r = await grade("simclr-nt-xent", "nan-in-training");
    expect(test_(r, "matches-reference").status).toBe("passed");
    expectFailed(r, "pretraining", /The training loss or the representations became NaN or infinite/);
  });

  test("an NT-Xent loss with the right value but no gradient on training batches gains nothing over the untrained encoder", async () => {
    const r = await grade("simclr-nt-xent", "frozen-in-training");
    for (const cheap of ["matches-reference", "gradients", "batch-sizes"]) expect(test_(r, cheap).status, test_(r, cheap).output).toBe("passed");
    expectFailed(r, "pretraining", /no better for classifying digits than random ones/);
  });

  test("a decoder that turns NaN only while training is a graded runtime failure of the training", async () => {
    const r = await grade("autoencoder", "nan-in-training");
    expect(test_(r, "bottleneck").status).toBe("passed");
    expectFailed(r, "reconstruction", /loss became NaN at epoch 0/);
    expect(test_(r, "reconstruction").error?.kind).toBe("runtime");
  });
});
