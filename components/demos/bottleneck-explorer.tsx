"use client";
import { useMemo, useState } from "react";
import {
  digitSet,
  dropPixels,
  fitLinearCode,
  meanSquaredError,
  reconstruct,
  reconstructionCurve,
  type LinearCode,
} from "./bottleneck-math";
import { DemoFrame } from "./demo-frame";
import { DIGITS, rasterizeDigit, SIZE } from "./digit-strokes";
import { grayPixels } from "./gray-pixels";
import { LineChart } from "./line-chart";
import { PixelCanvas } from "./pixel-canvas";
import { useTfComputation } from "./use-tf-computation";

const MAX_CODE = 24;

interface Result {
  code: LinearCode;
  /** Mean squared error on held-out digits for code sizes 0..MAX_CODE. */
  curve: number[];
}

/**
 * A linear autoencoder (the best one: principal components of 64 drawn digits) with a bottleneck of k numbers.
 * Move k and watch the reconstruction; corrupt the input and watch the decoder repair it.
 */
export function BottleneckExplorer() {
  const [k, setK] = useState(8);
  const [digit, setDigit] = useState("3");
  const [drop, setDrop] = useState(0);
  const fit = useTfComputation<Result>((tf) => {
    const code = fitLinearCode(tf, digitSet(8, 3).images, MAX_CODE);
    return { code, curve: reconstructionCurve(code, digitSet(2, 99).images) };
  }, []);
  const clean = useMemo(() => rasterizeDigit(digit, { dx: 1, dy: -1, width: 1.05 }), [digit]);
  const input = useMemo(() => (drop > 0 ? dropPixels(clean, drop, 7) : clean), [clean, drop]);
  const shown = useTfComputation<number[] | null>(
    (tf) => (fit.result ? reconstruct(tf, fit.result.code, [input], k)[0]! : null),
    [fit.result, input, k],
  );
  const out = shown.result;
  return (
    <DemoFrame
      id="bottleneck"
      title="Bottleneck explorer"
      description="Squeeze a 784-pixel digit through k numbers and decode it again; optionally hide pixels first."
      state={fit.state !== "ready" ? fit.state : out ? shown.state : "running"}
      error={fit.error ?? shown.error}
    >
      <div className="demo-controls">
        <label>
          Digit
          <select value={digit} onChange={(e) => setDigit(e.target.value)}>
            {DIGITS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          Code size k: {k}
          <input
            type="range"
            min={1}
            max={MAX_CODE}
            step={1}
            value={k}
            onChange={(e) => setK(Number(e.target.value))}
          />
        </label>
        <label>
          Hidden pixels: {Math.round(drop * 100)}%
          <input
            type="range"
            min={0}
            max={0.7}
            step={0.1}
            value={drop}
            onChange={(e) => setDrop(Number(e.target.value))}
          />
        </label>
      </div>
      {out && fit.result ? (
        <>
          <div className="demo-gallery">
            <figure className="demo-chart">
              <PixelCanvas pixels={grayPixels(clean)} width={SIZE} height={SIZE} label={`the original ${digit}`} />
              <figcaption>original</figcaption>
            </figure>
            <figure className="demo-chart">
              <PixelCanvas
                pixels={grayPixels(input)}
                width={SIZE}
                height={SIZE}
                label={
                  drop
                    ? `the encoder's input: ${Math.round(drop * 100)}% of the pixels hidden`
                    : "the encoder's input: the original"
                }
              />
              <figcaption>encoder input</figcaption>
            </figure>
            <figure className="demo-chart">
              <PixelCanvas
                pixels={grayPixels(out)}
                width={SIZE}
                height={SIZE}
                label={`decoded from a code of ${k} numbers`}
              />
              <figcaption>decoded from {k} numbers</figcaption>
            </figure>
          </div>
          <p data-testid="bottleneck-errors">
            Error of this reconstruction against the original:{" "}
            <strong>{meanSquaredError([out], [clean]).toFixed(4)}</strong> per pixel
            {drop ? <> (the corrupted input itself is {meanSquaredError([input], [clean]).toFixed(4)} away)</> : null}.
            The code keeps {k} of 784 numbers.
          </p>
          <LineChart
            title="Reconstruction error on held-out digits against the code size"
            series={[{ label: "mean squared error per pixel", values: fit.result.curve }]}
            x={fit.result.curve.map((_, j) => j)}
            xLabel="code size k (0 = always draw the average digit)"
            yLabel="error"
            yMin={0}
          />
        </>
      ) : null}
    </DemoFrame>
  );
}
