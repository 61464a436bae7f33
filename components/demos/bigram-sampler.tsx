"use client";
import type { Tensor2D } from "@tensorflow/tfjs";
import { useMemo, useState } from "react";
import { corpusTokens, END, START } from "./bigram-corpus";
import { DemoFrame } from "./demo-frame";
import { useTfComputation } from "./use-tf-computation";

interface Result {
  /** Top next words after the context word, with probabilities at the chosen temperature. */
  top: { word: string; p: number }[];
  sample: { word: string; p: number }[];
  logProb: number;
}

const ALPHA = 0.05;

/**
 * A bigram language model p(w_t | w_{t-1}) counted from a tiny corpus with tfjs (one-hot matrices multiplied
 * together), smoothed with add-α. Sampling uses p^(1/T), renormalised: the temperature T sharpens or flattens it.
 */
export function BigramSampler() {
  const sentences = useMemo(corpusTokens, []);
  const vocab = useMemo(() => Array.from(new Set(sentences.flat())), [sentences]);
  const [context, setContext] = useState("the");
  const [temperature, setTemperature] = useState(1);
  const [seed, setSeed] = useState(1);
  const { state, result, error } = useTfComputation<Result>(
    (tf) => {
      const index = new Map(vocab.map((w, i) => [w, i]));
      const prev = sentences.flatMap((s) => s.slice(0, -1).map((w) => index.get(w)!));
      const next = sentences.flatMap((s) => s.slice(1).map((w) => index.get(w)!));
      const V = vocab.length;
      const logProbs = tf.tidy(() => {
        const counts = tf
          .oneHot(tf.tensor1d(prev, "int32"), V)
          .transpose()
          .matMul(tf.oneHot(tf.tensor1d(next, "int32"), V))
          .add(ALPHA);
        return counts.div(counts.sum(1, true)).log();
      });
      const probsAt = (row: number) =>
        tf.tidy(
          () =>
            tf
              .softmax(logProbs.gather([row]).div(temperature))
              .reshape([-1])
              .arraySync() as number[],
        );
      const ctx = index.get(context) ?? 0;
      const pCtx = probsAt(ctx);
      const top = pCtx
        .map((p, i) => ({ word: vocab[i]!, p }))
        .filter((e) => e.word !== START)
        .sort((a, b) => b.p - a.p)
        .slice(0, 8);
      const sample: { word: string; p: number }[] = [];
      let cur = index.get(START)!;
      let logProb = 0;
      for (let t = 0; t < 14; t++) {
        const drawn = tf.tidy(() =>
          tf.multinomial(logProbs.gather([cur]).div(temperature) as Tensor2D, 1, seed * 31 + t, false),
        );
        const nextIdx = (drawn.arraySync() as number[][])[0]![0]!;
        drawn.dispose();
        const p = probsAt(cur)[nextIdx]!;
        logProb += Math.log(p);
        sample.push({ word: vocab[nextIdx]!, p });
        cur = nextIdx;
        if (vocab[nextIdx] === END) break;
      }
      logProbs.dispose();
      return { top, sample, logProb };
    },
    [context, temperature, seed, vocab, sentences],
  );
  const contexts = vocab.filter((w) => w !== END);
  return (
    <DemoFrame
      id="bigram-sampler"
      title="A bigram language model"
      description="Counts of word pairs from eighteen short sentences give p(next word | previous word); sample from it at different temperatures."
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label>
          Previous word
          <select value={context} onChange={(e) => setContext(e.target.value)}>
            {contexts.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <label>
          Temperature T = {temperature.toFixed(2)}
          <input
            type="range"
            min={0.2}
            max={3}
            step={0.05}
            value={temperature}
            onChange={(e) => setTemperature(Number(e.target.value))}
          />
        </label>
        <button type="button" onClick={() => setSeed((s) => s + 1)}>
          Sample again
        </button>
      </div>
      {result ? (
        <div className="demo-columns">
          <div>
            <p className="demo-row-label">
              Most likely words after “{context}” at T = {temperature.toFixed(2)}
            </p>
            <ul className="demo-bars">
              {result.top.map((e) => (
                <li key={e.word}>
                  <span className="demo-bar-label">{e.word}</span>
                  <span className="demo-bar" style={{ width: `${Math.max(1, 100 * e.p)}%` }} />
                  <span className="demo-bar-value">{e.p.toFixed(3)}</span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <p className="demo-row-label">A sampled sentence, one token at a time</p>
            <p className="demo-tokens">
              {result.sample.map((e, i) => (
                <span key={i} className="demo-token" title={`p = ${e.p.toFixed(3)}`}>
                  {e.word} <small>{e.p.toFixed(2)}</small>
                </span>
              ))}
            </p>
            <p>
              Under the distribution it was sampled from, log p(sentence) = Σ log p(w<sub>t</sub> | w<sub>t−1</sub>) ={" "}
              <strong>{result.logProb.toFixed(2)}</strong>; per-token perplexity{" "}
              <strong>{Math.exp(-result.logProb / result.sample.length).toFixed(2)}</strong>.
            </p>
          </div>
        </div>
      ) : null}
    </DemoFrame>
  );
}
