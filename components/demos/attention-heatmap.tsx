"use client";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { Heatmap } from "./heatmap";
import { tokenize } from "./tokenize";
import { hashString } from "./seeded-random";
import { useTfComputation } from "./use-tf-computation";

interface Result {
  tokens: string[];
  weights: number[][];
  entropy: number;
}

/**
 * Scaled dot-product attention on a short sentence with random (but fixed) word vectors and projections:
 * softmax(QKᵀ/√d + M)V. Toggle the causal mask M and the 1/√d scaling and change d to see their effect.
 */
export function AttentionHeatmap({
  causal = "on",
  text = "the robot lifted the box because it was light",
}: {
  causal?: string;
  text?: string;
}) {
  const [input, setInput] = useState(text);
  const [masked, setMasked] = useState(causal !== "off");
  const [scaled, setScaled] = useState(true);
  const [dim, setDim] = useState(16);
  const { state, result, error } = useTfComputation<Result>(
    (tf) => {
      const tokens = tokenize(input).slice(0, 12);
      const T = Math.max(tokens.length, 1);
      const out = tf.tidy(() => {
        const words = tokens.length ? tokens : ["…"];
        const emb = tf.stack(words.map((w) => tf.randomNormal([dim], 0, 1, "float32", hashString(w))));
        const pos = tf.tensor2d(
          Array.from({ length: T }, (_, t) =>
            Array.from({ length: dim }, (_, k) =>
              (k % 2 ? Math.cos : Math.sin)(t / 10000 ** ((2 * Math.floor(k / 2)) / dim)),
            ),
          ),
        );
        const x = emb.add(pos.mul(0.5));
        const wq = tf.randomNormal([dim, dim], 0, 1 / Math.sqrt(dim), "float32", 17);
        const wk = tf.randomNormal([dim, dim], 0, 1 / Math.sqrt(dim), "float32", 18);
        let scores = x.matMul(wq).matMul(x.matMul(wk), false, true);
        if (scaled) scores = scores.div(Math.sqrt(dim));
        if (masked)
          scores = scores.add(
            tf.linalg
              .bandPart(tf.ones([T, T]), -1, 0)
              .sub(1)
              .mul(1e9),
          );
        const weights = tf.softmax(scores, 1);
        const entropy = weights.mul(weights.add(1e-12).log()).sum(1).neg().mean();
        return [weights, entropy];
      });
      const [w, e] = out.map((t) => t.arraySync());
      tf.dispose(out);
      return { tokens: tokens.length ? tokens : ["…"], weights: w as number[][], entropy: e as number };
    },
    [input, masked, scaled, dim],
  );
  return (
    <DemoFrame
      id="attention-heatmap"
      title="Scaled dot-product attention"
      description="Row i shows how much query token i attends to each key token; every row sums to 1."
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label className="demo-wide">
          Sentence (up to 12 tokens)
          <input type="text" value={input} maxLength={200} onChange={(e) => setInput(e.target.value)} />
        </label>
        <label className="demo-check">
          <input type="checkbox" checked={masked} onChange={(e) => setMasked(e.target.checked)} /> Causal mask
        </label>
        <label className="demo-check">
          <input type="checkbox" checked={scaled} onChange={(e) => setScaled(e.target.checked)} /> Divide by √d
        </label>
        <label>
          Key dimension d = {dim}
          <input type="range" min={4} max={256} step={4} value={dim} onChange={(e) => setDim(Number(e.target.value))} />
        </label>
      </div>
      {result ? (
        <>
          <Heatmap
            title="Attention weights"
            values={result.weights}
            rowLabels={result.tokens.map((t, i) => `${i + 1} ${t}`)}
            colLabels={result.tokens.map((t, i) => `${i + 1} ${t}`)}
            rowHeader="queries"
            colHeader="keys"
            min={0}
            max={1}
          />
          <p>
            Mean entropy of a row: <strong>{result.entropy.toFixed(2)} nats</strong> (a uniform row over all{" "}
            {result.tokens.length} tokens would have {Math.log(result.tokens.length).toFixed(2)}; a one-hot row has 0).
          </p>
        </>
      ) : null}
    </DemoFrame>
  );
}
