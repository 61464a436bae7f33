"use client";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { accuracy, DOCUMENTS, nspPairs, packPair, sopPairs, topicScores, type Pair } from "./nsp-shortcut";
import { useTfComputation } from "./use-tf-computation";

interface Result {
  nsp: Pair[];
  nspScores: number[];
  sop: Pair[];
  sopScores: number[];
}

/**
 * Builds next-sentence pairs from four documents and scores them with a detector that only knows topics (which
 * documents a pair's words come from). It separates IsNext from NotNext almost perfectly, and is at chance on
 * sentence-order pairs, where both orders have the same words.
 */
export function NspTopicShortcut() {
  const [seed, setSeed] = useState(1);
  const [threshold, setThreshold] = useState(0.5);
  const [shown, setShown] = useState(0);
  const { state, result, error } = useTfComputation<Result>(
    (tf) => {
      const nsp = nspPairs(DOCUMENTS, seed);
      const sop = sopPairs(DOCUMENTS);
      return { nsp, nspScores: topicScores(tf, DOCUMENTS, nsp), sop, sopScores: topicScores(tf, DOCUMENTS, sop) };
    },
    [seed],
  );
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const pair = result?.nsp[shown % (result?.nsp.length || 1)];
  const packed = pair ? packPair(pair.a, pair.b) : null;
  return (
    <DemoFrame
      id="nsp-shortcut"
      title="Next-sentence prediction and the topic shortcut"
      description="Build IsNext and NotNext pairs from four documents, then judge them by topic alone."
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label>
          Topic threshold: {threshold.toFixed(2)}
          <input
            type="range"
            min={0}
            max={0.95}
            step={0.05}
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))}
          />
        </label>
        <button type="button" onClick={() => setSeed((s) => s + 1)}>
          Draw new pairs
        </button>
        <button type="button" className="secondary" onClick={() => setShown((s) => s + 1)}>
          Show the next pair
        </button>
      </div>
      {result && pair && packed ? (
        <>
          <p className="demo-row-label">
            Pair {(shown % result.nsp.length) + 1} of {result.nsp.length}, packed as BERT reads it (label:{" "}
            {pair.positive ? "IsNext" : "NotNext"}; topic score{" "}
            {result.nspScores[shown % result.nsp.length]!.toFixed(2)})
          </p>
          <p className="demo-tokens">
            {packed.tokens.map((t, i) => (
              <span key={i} className={`demo-token ${packed.segments[i] ? "demo-token-same" : "demo-token-mask"}`}>
                {t}
                <small> {packed.segments[i] ? "B" : "A"}</small>
              </span>
            ))}
          </p>
          <table className="demo-table">
            <caption>
              A detector that says &ldquo;positive&rdquo; when the topic score is above {threshold.toFixed(2)}
            </caption>
            <thead>
              <tr>
                <th scope="col">task</th>
                <th scope="col">pairs</th>
                <th scope="col">positives</th>
                <th scope="col">accuracy</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">next-sentence prediction</th>
                <td>{result.nsp.length}</td>
                <td>{result.nsp.filter((p) => p.positive).length}</td>
                <td data-testid="nsp-accuracy">{pct(accuracy(result.nsp, result.nspScores, threshold))}</td>
              </tr>
              <tr>
                <th scope="row">sentence-order prediction</th>
                <td>{result.sop.length}</td>
                <td>{result.sop.filter((p) => p.positive).length}</td>
                <td data-testid="sop-accuracy">{pct(accuracy(result.sop, result.sopScores, threshold))}</td>
              </tr>
            </tbody>
          </table>
          <p>
            The detector never looks at order, only at which documents a pair&apos;s words come from. A NotNext partner
            comes from another document, so topic gives it away; a swapped pair has exactly the same words as the right
            order, so on sentence-order pairs the detector cannot beat a coin.
          </p>
        </>
      ) : null}
    </DemoFrame>
  );
}
