"use client";
import { useState } from "react";
import { BIGRAM_CORPUS } from "./bigram-corpus";
import { DemoFrame } from "./demo-frame";
import { compareTokenisers, type TextScore } from "./tokeniser-math";
import { useTfComputation } from "./use-tf-computation";

/**
 * Two bigram models trained on the same eighteen sentences, one over words and one over characters, score the
 * same text: different probabilities, per-token perplexities that cannot be compared, and bits per character that can.
 */
export function TokeniserComparison() {
  const [text, setText] = useState("the cat reads the map");
  const { state, result, error } = useTfComputation<TextScore[]>(
    (tf) => compareTokenisers(tf, text.toLowerCase()),
    [text],
  );
  const better = (key: "perplexity" | "bitsPerCharacter") =>
    result ? (result[0]![key] < result[1]![key] ? result[0]!.tokeniser : result[1]!.tokeniser) : "";
  return (
    <DemoFrame
      id="tokeniser-comparison"
      title="One text, two tokenisers"
      description={`A word-level and a character-level bigram model, both trained on the same ${BIGRAM_CORPUS.length} sentences, score your text.`}
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label className="demo-wide">
          Text to score
          <input type="text" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
        </label>
      </div>
      {result ? (
        <>
          <table className="demo-table">
            <caption>The same text under two models</caption>
            <thead>
              <tr>
                <th scope="col">model</th>
                <th scope="col">prediction steps</th>
                <th scope="col">−log₂ p(text)</th>
                <th scope="col">per-token perplexity</th>
                <th scope="col">bits per character</th>
              </tr>
            </thead>
            <tbody>
              {result.map((r) => (
                <tr key={r.tokeniser}>
                  <th scope="row">{r.tokeniser}</th>
                  <td>{r.steps}</td>
                  <td>{r.bits.toFixed(1)} bits</td>
                  <td>{r.perplexity.toFixed(2)}</td>
                  <td>{r.bitsPerCharacter.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result[0]!.unknown.length ? (
            <p role="note">
              The word-level model never saw {result[0]!.unknown.map((w) => `“${w}”`).join(", ")} and scores{" "}
              {result[0]!.unknown.length === 1 ? "it" : "them"} as one unknown-word token, so its number is not really
              the probability of this text; the character-level model can spell anything.
            </p>
          ) : null}
          <p data-testid="tokeniser-verdict">
            The two models give this text different probabilities. Per token, the{" "}
            <strong>{better("perplexity")}</strong> model looks better; per character, which both share, the{" "}
            <strong>{better("bitsPerCharacter")}</strong> model is better.{" "}
            {better("perplexity") !== better("bitsPerCharacter")
              ? "The per-token view gets it backwards: a character is an easier step than a word, but it takes many more of them."
              : ""}
          </p>
        </>
      ) : null}
    </DemoFrame>
  );
}
