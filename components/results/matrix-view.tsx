"use client";
/** A matrix artifact (similarity matrices, confusion matrices) as a canvas heatmap with its colour scale. */
import { useEffect, useRef } from "react";
import type { MatrixArtifact } from "./result-types";

/** Blue (low) → white → red (high) when the values straddle 0, else white → blue. */
export function heatColor(value: number, min: number, max: number): [number, number, number] {
  if (!Number.isFinite(value)) return [200, 200, 200];
  if (min < 0 && max > 0) {
    const m = Math.max(-min, max);
    const t = Math.max(-1, Math.min(1, value / m));
    return t >= 0
      ? [255, Math.round(255 * (1 - t)), Math.round(255 * (1 - t))]
      : [Math.round(255 * (1 + t)), Math.round(255 * (1 + t)), 255];
  }
  const t = max > min ? (value - min) / (max - min) : 0.5;
  return [Math.round(255 - 224 * t), Math.round(255 - 160 * t), Math.round(255 - 64 * t)];
}

export function MatrixView({ artifact }: { artifact: MatrixArtifact }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const rows = artifact.values.length;
  const cols = Math.max(0, ...artifact.values.map((r) => r.length));
  const flat = artifact.values.flat().filter(Number.isFinite);
  const min = flat.length ? Math.min(...flat) : 0;
  const max = flat.length ? Math.max(...flat) : 1;
  const cell = Math.max(6, Math.min(40, Math.floor(400 / Math.max(rows, cols, 1))));
  const labels = cell >= 28 && rows <= 12 && cols <= 12;
  useEffect(() => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx) return;
    ctx.font = "11px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    artifact.values.forEach((row, i) =>
      row.forEach((v, j) => {
        const [r, g, b] = heatColor(v, min, max);
        ctx.fillStyle = `rgb(${r},${g},${b})`;
        ctx.fillRect(j * cell, i * cell, cell, cell);
        if (labels) {
          ctx.fillStyle = r + g + b < 380 ? "#fff" : "#111";
          ctx.fillText(
            Math.abs(v) >= 100 ? v.toExponential(0) : v.toFixed(2),
            j * cell + cell / 2,
            i * cell + cell / 2,
          );
        }
      }),
    );
  }, [artifact, cell, labels, min, max]);
  const fmt = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : String(v));
  return (
    <figure className="result-figure" data-artifact="matrix">
      <figcaption>{artifact.name}</figcaption>
      <div className="matrix-view">
        {artifact.columns ? (
          <div
            className="matrix-columns"
            style={{ marginLeft: artifact.rows ? "6rem" : 0, gridTemplateColumns: `repeat(${cols}, ${cell}px)` }}
          >
            {artifact.columns.map((c, j) => (
              <span key={j} title={c}>
                {c}
              </span>
            ))}
          </div>
        ) : null}
        <div style={{ display: "flex" }}>
          {artifact.rows ? (
            <div className="matrix-rows" style={{ gridTemplateRows: `repeat(${rows}, ${cell}px)` }}>
              {artifact.rows.map((r, i) => (
                <span key={i} title={r}>
                  {r}
                </span>
              ))}
            </div>
          ) : null}
          <canvas
            ref={canvas}
            width={cols * cell}
            height={rows * cell}
            role="img"
            aria-label={`${artifact.name}: ${rows}×${cols} matrix, values from ${fmt(min)} to ${fmt(max)}`}
          />
        </div>
        <p className="muted matrix-scale">
          {rows}×{cols}, values from {fmt(min)} to {fmt(max)}
        </p>
      </div>
    </figure>
  );
}
