"use client";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { spanCorrupt, type SpanCorruption } from "./span-corruption";
import { tokenize } from "./tokenize";
import { useTfComputation } from "./use-tf-computation";

interface Result extends SpanCorruption {
  tokens: string[];
}

/**
 * T5's span corruption on your sentence: about 15% of the tokens, in short spans, each span replaced by one
 * sentinel in the encoder's input; the decoder's target lists the sentinels and what they hid.
 */
export function SpanCorruptionPlayground({
  text = "the old lighthouse keeper climbed the stairs every evening to light the lamp before the fishing boats came home",
}: {
  text?: string;
}) {
  const [input, setInput] = useState(text);
  const [rate, setRate] = useState(0.15);
  const [meanSpan, setMeanSpan] = useState(3);
  const [seed, setSeed] = useState(1);
  const { state, result, error } = useTfComputation<Result>(
    (tf) => {
      const tokens = tokenize(input).slice(0, 80);
      return { tokens, ...spanCorrupt(tf, tokens, rate, meanSpan, seed) };
    },
    [input, rate, meanSpan, seed],
  );
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  return (
    <DemoFrame
      id="span-corruption"
      title="Span corruption playground"
      description="Drop spans of your sentence as T5 does, and see what the encoder reads and what the decoder must write."
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label className="demo-wide">
          Sentence
          <input type="text" value={input} maxLength={500} onChange={(e) => setInput(e.target.value)} />
        </label>
        <label>
          Corrupted tokens: {pct(rate)}
          <input
            type="range"
            min={0.05}
            max={0.5}
            step={0.05}
            value={rate}
            onChange={(e) => setRate(Number(e.target.value))}
          />
        </label>
        <label>
          Mean span length: {meanSpan}
          <input
            type="range"
            min={1}
            max={5}
            step={1}
            value={meanSpan}
            onChange={(e) => setMeanSpan(Number(e.target.value))}
          />
        </label>
        <button type="button" onClick={() => setSeed((s) => s + 1)}>
          Draw again
        </button>
      </div>
      {result ? (
        <>
          <div className="demo-token-rows">
            <p className="demo-row-label">Original, dropped tokens marked</p>
            <p className="demo-tokens">
              {result.tokens.map((t, i) => (
                <span key={i} className={`demo-token ${result.noise[i] ? "demo-token-mask" : ""}`}>
                  {t}
                  {result.noise[i] ? <span className="sr-only"> (dropped)</span> : null}
                </span>
              ))}
            </p>
            <p className="demo-row-label">Encoder input</p>
            <p className="demo-tokens" data-testid="span-encoder-input">
              {result.encoderInput.map((t, i) => (
                <span key={i} className={`demo-token ${/^<.+>$/.test(t) ? "demo-token-random" : ""}`}>
                  {t}
                </span>
              ))}
            </p>
            <p className="demo-row-label">Decoder target</p>
            <p className="demo-tokens" data-testid="span-decoder-target">
              {result.decoderTarget.map((t, i) => (
                <span key={i} className={`demo-token ${/^<.+>$/.test(t) ? "demo-token-random" : "demo-token-target"}`}>
                  {t}
                </span>
              ))}
            </p>
          </div>
          <p>
            {result.noiseTokens} of {result.tokens.length} tokens dropped in {result.spans}{" "}
            {result.spans === 1 ? "span" : "spans"}. The encoder reads {result.encoderInput.length} tokens and the
            decoder writes {result.decoderTarget.length}; a decoder asked to rewrite the whole sentence would write{" "}
            {result.tokens.length}. Short targets are why span corruption pretrains cheaply.
          </p>
        </>
      ) : null}
    </DemoFrame>
  );
}
