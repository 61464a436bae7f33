"use client";
import type { Tensor3D } from "@tensorflow/tfjs";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { DIGITS, rasterizeDigit, SIZE } from "./digit-strokes";
import { PixelCanvas } from "./pixel-canvas";
import { useTfComputation } from "./use-tf-computation";

interface Result {
  patches: Uint8ClampedArray[];
  shape: number[];
}

/**
 * Cuts a 28×28 digit into P×P patches with a reshape and a transpose, the first step of a Vision Transformer,
 * and shows the resulting sequence of patch tokens in reading order.
 */
export function PatchSequence() {
  const [patch, setPatch] = useState(7);
  const [digit, setDigit] = useState("4");
  const { state, result, error } = useTfComputation<Result>(
    async (tf) => {
      const n = SIZE / patch;
      const tokens = tf.tidy(() =>
        tf
          .tensor4d(rasterizeDigit(digit), [1, SIZE, SIZE, 1])
          .reshape([1, n, patch, n, patch, 1])
          .transpose([0, 1, 3, 2, 4, 5])
          .reshape([1, n * n, patch * patch * 1]),
      );
      const shape = tokens.shape;
      const patches: Uint8ClampedArray[] = [];
      const rows = tf.unstack(tokens.squeeze([0]));
      for (const row of rows) {
        const img = row.reshape([patch, patch, 1]) as Tensor3D;
        patches.push(await tf.browser.toPixels(img));
        img.dispose();
        row.dispose();
      }
      tokens.dispose();
      return { patches, shape };
    },
    [patch, digit],
  );
  return (
    <DemoFrame
      id="patch-sequence"
      title="From an image to a sequence of patches"
      description="A Vision Transformer reads an image as a sequence: cut it into P×P patches and flatten each one into a token."
      state={state}
      error={error}
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
          Patch size P
          <select value={patch} onChange={(e) => setPatch(Number(e.target.value))}>
            {[4, 7, 14].map((p) => (
              <option key={p} value={p}>
                {p} × {p}
              </option>
            ))}
          </select>
        </label>
      </div>
      {result ? (
        <>
          <p>
            Token tensor shape <code>[{result.shape.join(", ")}]</code>: {result.shape[1]} tokens of {result.shape[2]}{" "}
            numbers each. Halving P quadruples the number of tokens, and attention's cost grows with the square of that
            number.
          </p>
          <ol className="demo-gallery demo-patches">
            {result.patches.map((px, i) => (
              <li key={i}>
                <PixelCanvas pixels={px} width={patch} height={patch} className="demo-patch" label={`patch ${i + 1}`} />
                <span>{i + 1}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </DemoFrame>
  );
}
