"use client";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { contrastiveBatch, type ContrastiveResult as Result } from "./contrastive-math";
import { Heatmap } from "./heatmap";
import { useTfComputation } from "./use-tf-computation";

const CAPTIONS = [
  "a dog on a beach",
  "a red bicycle",
  "a bowl of soup",
  "a snowy peak",
  "a city at night",
  "a cat on a sofa",
  "a small sailboat",
  "sunflowers",
];
const DIM = 32;

/**
 * A CLIP-style batch: N image embeddings and N caption embeddings on the unit sphere. Caption i is image i plus
 * noise, so the diagonal holds the positive pairs. The demo computes the cosine matrix, the softmax over each
 * row at temperature τ, and the symmetric InfoNCE loss.
 */
export function ContrastiveBatch() {
  const [n, setN] = useState(6);
  const [noise, setNoise] = useState(1.2);
  const [logTau, setLogTau] = useState(Math.log10(0.1));
  const [hard, setHard] = useState(false);
  const [seed, setSeed] = useState(3);
  const [view, setView] = useState<"cosine" | "probs">("probs");
  const tau = 10 ** logTau;
  const { state, result, error } = useTfComputation<Result>(
    (tf) => contrastiveBatch(tf, { n, dim: DIM, noise, tau, hardNegative: hard, seed }),
    [n, noise, tau, hard, seed],
  );
  const labels = CAPTIONS.slice(0, n);
  const loss = result ? (result.lossImageToText + result.lossTextToImage) / 2 : 0;
  return (
    <DemoFrame
      id="contrastive-batch"
      title="Similarity matrix of a contrastive batch"
      description="Each image should match its own caption (the outlined diagonal) and no other caption in the batch."
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label>
          Batch size N = {n}
          <input type="range" min={3} max={8} step={1} value={n} onChange={(e) => setN(Number(e.target.value))} />
        </label>
        <label>
          Caption noise σ = {noise.toFixed(2)}
          <input
            type="range"
            min={0}
            max={2}
            step={0.05}
            value={noise}
            onChange={(e) => setNoise(Number(e.target.value))}
          />
        </label>
        <label>
          Temperature τ = {tau.toFixed(3)}
          <input
            type="range"
            min={-2}
            max={0}
            step={0.05}
            value={logTau}
            onChange={(e) => setLogTau(Number(e.target.value))}
          />
        </label>
        <label className="demo-check">
          <input type="checkbox" checked={hard} onChange={(e) => setHard(e.target.checked)} disabled={n < 6} /> Hard
          negative (dog ≈ cat)
        </label>
        <label>
          Show
          <select value={view} onChange={(e) => setView(e.target.value as "cosine" | "probs")}>
            <option value="probs">softmax over each row</option>
            <option value="cosine">cosine similarity</option>
          </select>
        </label>
        <button type="button" onClick={() => setSeed((s) => s + 1)}>
          New batch
        </button>
      </div>
      {result ? (
        <>
          <Heatmap
            title={
              view === "probs"
                ? "Row-wise softmax of cosine similarity divided by temperature"
                : "Cosine similarity between image and caption embeddings"
            }
            values={view === "probs" ? result.probs : result.cosine}
            rowLabels={labels.map((_, i) => `image ${i + 1}`)}
            colLabels={labels}
            rowHeader="images"
            colHeader="captions"
            min={view === "probs" ? 0 : -1}
            max={1}
            highlight={(i, j) => i === j}
          />
          <dl className="demo-stats">
            <div>
              <dt>InfoNCE, image → caption</dt>
              <dd>{result.lossImageToText.toFixed(3)}</dd>
            </div>
            <div>
              <dt>InfoNCE, caption → image</dt>
              <dd>{result.lossTextToImage.toFixed(3)}</dd>
            </div>
            <div>
              <dt>Symmetric loss (chance level log N = {Math.log(n).toFixed(3)})</dt>
              <dd>{loss.toFixed(3)}</dd>
            </div>
            <div>
              <dt>Zero-shot top-1 accuracy in the batch</dt>
              <dd>{(100 * result.accuracy).toFixed(0)}%</dd>
            </div>
          </dl>
        </>
      ) : null}
    </DemoFrame>
  );
}
