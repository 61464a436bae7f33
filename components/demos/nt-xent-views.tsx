"use client";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { Heatmap } from "./heatmap";
import { makeViews, type NtXentResult, ntXentTf, positiveOf } from "./nt-xent-math";
import { useTfComputation } from "./use-tf-computation";

const COLOURS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];

/**
 * SimCLR's loss on a toy batch: N images, two augmented views each, embedded on the unit circle. Every view is an
 * anchor whose positive is its sibling and whose negatives are the other 2N − 2 views. The temperature sets how
 * sharply each anchor's softmax picks out its nearest neighbours.
 */
export function NtXentViews() {
  const [n, setN] = useState(4);
  const [spread, setSpread] = useState(0.25);
  const [logTau, setLogTau] = useState(Math.log10(0.2));
  const [collapse, setCollapse] = useState(false);
  const [seed, setSeed] = useState(1);
  const [anchor, setAnchor] = useState(0);
  const tau = 10 ** logTau;
  const batch = makeViews(n, spread, seed, collapse);
  const { state, result, error } = useTfComputation<NtXentResult>(
    (tf) => ntXentTf(tf, batch.points, tau),
    [n, spread, tau, collapse, seed],
  );
  const a = Math.min(anchor, 2 * n - 1);
  const labels = batch.image.map((k, i) => `${k + 1}${i % 2 ? "b" : "a"}`);
  const R = 90;
  return (
    <DemoFrame
      id="nt-xent-views"
      title="NT-Xent over the views of a batch"
      description="Two views per image on the unit circle; each view must pick out its sibling among all the other views."
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label>
          Images N = {n} (2N = {2 * n} views)
          <input type="range" min={2} max={6} step={1} value={n} onChange={(e) => setN(Number(e.target.value))} />
        </label>
        <label>
          Augmentation strength = {spread.toFixed(2)} rad
          <input
            type="range"
            min={0}
            max={1.2}
            step={0.05}
            value={spread}
            onChange={(e) => setSpread(Number(e.target.value))}
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
        <label>
          Anchor
          <select value={a} onChange={(e) => setAnchor(Number(e.target.value))}>
            {labels.map((l, i) => (
              <option key={l} value={i}>
                view {l}
              </option>
            ))}
          </select>
        </label>
        <label className="demo-check">
          <input type="checkbox" checked={collapse} onChange={(e) => setCollapse(e.target.checked)} /> Collapse (every
          view maps to one point)
        </label>
        <button type="button" onClick={() => setSeed((s) => s + 1)}>
          New batch
        </button>
      </div>
      {result ? (
        <div className="demo-columns">
          <svg
            viewBox="-120 -120 240 240"
            width={240}
            height={240}
            role="img"
            aria-label="Views on the unit circle; lines from the anchor to every other view, thicker for higher probability"
          >
            <circle cx={0} cy={0} r={R} fill="none" stroke="currentColor" strokeOpacity={0.25} />
            {batch.points.map((p, j) =>
              j === a ? null : (
                <line
                  key={`l${labels[j]}`}
                  x1={R * batch.points[a]![0]}
                  y1={-R * batch.points[a]![1]}
                  x2={R * p[0]}
                  y2={-R * p[1]}
                  stroke={j === positiveOf(a) ? "#16a34a" : "#dc2626"}
                  strokeOpacity={0.25 + 0.75 * result.probs[a]![j]!}
                  strokeWidth={1 + 8 * result.probs[a]![j]!}
                />
              ),
            )}
            {batch.points.map((p, j) => (
              <g key={labels[j]}>
                <circle
                  cx={R * p[0]}
                  cy={-R * p[1]}
                  r={j === a ? 8 : 6}
                  fill={COLOURS[batch.image[j]! % COLOURS.length]}
                  stroke={j === a ? "currentColor" : "none"}
                  strokeWidth={2}
                />
                <text
                  x={1.22 * R * p[0]}
                  y={-1.22 * R * p[1] + 4}
                  textAnchor="middle"
                  fontSize={11}
                  fill="currentColor"
                >
                  {labels[j]}
                </text>
              </g>
            ))}
          </svg>
          <div>
            <Heatmap
              title="Softmax of each anchor over the other views (cosine divided by temperature)"
              values={result.probs}
              rowLabels={labels.map((l) => `anchor ${l}`)}
              colLabels={labels}
              rowHeader="anchors"
              colHeader="other views"
              min={0}
              max={1}
              digits={2}
              highlight={(i, j) => j === positiveOf(i)}
            />
            <dl className="demo-stats">
              <div>
                <dt>Anchor {labels[a]}: probability of its positive</dt>
                <dd>{result.probs[a]![positiveOf(a)]!.toFixed(3)}</dd>
              </div>
              <div>
                <dt>
                  NT-Xent, mean over {2 * n} anchors (chance log(2N − 1) = {Math.log(2 * n - 1).toFixed(3)})
                </dt>
                <dd>{result.loss.toFixed(3)}</dd>
              </div>
              <div>
                <dt>Anchors whose nearest view is their positive</dt>
                <dd>{(100 * result.accuracy).toFixed(0)}%</dd>
              </div>
            </dl>
          </div>
        </div>
      ) : null}
    </DemoFrame>
  );
}
