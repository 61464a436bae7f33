"use client";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { maskingFractions, maskTokens, type MaskAction as Action } from "./masking-math";
import { tokenize } from "./tokenize";
import { useTfComputation } from "./use-tf-computation";

interface Result {
  tokens: string[];
  actions: Action[];
  shown: string[];
  stats: { mask: number; random: number; same: number; ignored: number; draws: number };
}

const LABEL: Record<Action, string> = {
  keep: "not selected: no loss here",
  mask: "selected, replaced by [MASK]",
  random: "selected, replaced by a random word",
  same: "selected, left unchanged",
};

/**
 * BERT's masking recipe on your own sentence: each token is selected with probability `rate`; a selected token
 * becomes [MASK] 80% of the time, a random word 10% and stays itself 10%. The loss is computed only at selected
 * positions. A second computation draws 20,000 tokens to show the expected proportions.
 */
export function MaskingPlayground({
  text = "the quick brown fox jumps over the lazy dog near the quiet river bank",
}: {
  text?: string;
}) {
  const [input, setInput] = useState(text);
  const [rate, setRate] = useState(0.15);
  const [seed, setSeed] = useState(7);
  const { state, result, error } = useTfComputation<Result>(
    (tf) => {
      const tokens = tokenize(input).slice(0, 64);
      const { actions, shown } = maskTokens(tf, tokens, rate, seed);
      const draws = 20000;
      return { tokens, actions, shown, stats: { ...maskingFractions(tf, rate, seed + 3, draws), draws } };
    },
    [input, rate, seed],
  );
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return (
    <DemoFrame
      id="masking-playground"
      title="Masking playground"
      description="Type a sentence and watch which tokens BERT's recipe would hide, swap or keep."
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label className="demo-wide">
          Sentence
          <input type="text" value={input} maxLength={400} onChange={(e) => setInput(e.target.value)} />
        </label>
        <label>
          Selection rate: {pct(rate)}
          <input
            type="range"
            min={0.05}
            max={0.5}
            step={0.01}
            value={rate}
            onChange={(e) => setRate(Number(e.target.value))}
          />
        </label>
        <button type="button" onClick={() => setSeed((s) => s + 10)}>
          Draw again
        </button>
      </div>
      {result ? (
        <>
          <div className="demo-token-rows">
            <p className="demo-row-label">Original</p>
            <p className="demo-tokens">
              {result.tokens.map((t, i) => (
                <span key={i} className={`demo-token demo-token-${result.actions[i]}`}>
                  {t}
                </span>
              ))}
            </p>
            <p className="demo-row-label">What the model sees</p>
            <p className="demo-tokens">
              {result.shown.map((t, i) => (
                <span
                  key={i}
                  className={`demo-token demo-token-${result.actions[i]}`}
                  title={LABEL[result.actions[i]!]}
                >
                  {t}
                  {result.actions[i] !== "keep" ? (
                    <span className="sr-only"> ({LABEL[result.actions[i]!]})</span>
                  ) : null}
                </span>
              ))}
            </p>
            <p className="demo-row-label">Targets in the loss</p>
            <p className="demo-tokens">
              {result.tokens.map((t, i) => (
                <span
                  key={i}
                  className={`demo-token ${result.actions[i] === "keep" ? "demo-token-ignored" : "demo-token-target"}`}
                >
                  {result.actions[i] === "keep" ? "·" : t}
                </span>
              ))}
            </p>
          </div>
          <ul className="demo-legend" aria-label="Legend">
            {(["mask", "random", "same"] as const).map((a) => (
              <li key={a} className="demo-legend-item">
                <span className={`demo-token demo-token-${a}`}>
                  {a === "mask" ? "[MASK]" : a === "random" ? "swap" : "kept"}
                </span>{" "}
                {LABEL[a]}
              </li>
            ))}
          </ul>
          <p>
            In this sentence {result.actions.filter((a) => a !== "keep").length} of {result.tokens.length} tokens enter
            the loss. Over {result.stats.draws.toLocaleString("en")} simulated tokens:{" "}
            <strong>{pct(result.stats.mask)}</strong> become [MASK], <strong>{pct(result.stats.random)}</strong> a
            random word, <strong>{pct(result.stats.same)}</strong> stay unchanged but are still predicted, and{" "}
            <strong>{pct(result.stats.ignored)}</strong> are ignored by the loss (expected: {pct(rate * 0.8)},{" "}
            {pct(rate * 0.1)}, {pct(rate * 0.1)}, {pct(1 - rate)}).
          </p>
        </>
      ) : null}
    </DemoFrame>
  );
}
