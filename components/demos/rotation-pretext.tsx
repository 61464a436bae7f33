"use client";
import type { Tensor4D } from "@tensorflow/tfjs";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { DIGITS, rasterizeDigit, SIZE } from "./digit-strokes";
import { grayPixels } from "./gray-pixels";
import { PixelCanvas } from "./pixel-canvas";
import { confusableWith, rotateBy, rotationBatch, rotationDistances } from "./rotation-math";
import { mulberry32 } from "./seeded-random";
import { useTfComputation } from "./use-tf-computation";

interface Result {
  turns: number[][];
  distances: number[][];
  batch: { digit: string; k: number; pixels: number[] }[];
}

const ANGLE = ["0°", "90° counter-clockwise", "180°", "270° counter-clockwise (90° clockwise)"];

/**
 * The rotation pretext task on drawn digits: the four rotations of one digit with their labels, how different
 * they are from each other, and a training batch where every image gets its own random k.
 */
export function RotationPretext() {
  const [digit, setDigit] = useState("7");
  const [seed, setSeed] = useState(1);
  const { state, result, error } = useTfComputation<Result>(
    (tf) => {
      const image = tf.tensor4d(rasterizeDigit(digit), [1, SIZE, SIZE, 1]);
      const turns = [0, 1, 2, 3].map((k) => {
        const t = rotateBy(tf, image, k);
        const data = Array.from(t.dataSync());
        t.dispose();
        return data;
      });
      const distances = rotationDistances(tf, image);
      image.dispose();
      const pick = mulberry32(seed * 101);
      const digits = Array.from({ length: 8 }, () => DIGITS[Math.floor(pick() * DIGITS.length)]!);
      const images = tf.tensor4d(
        digits.flatMap((d) => rasterizeDigit(d)),
        [8, SIZE, SIZE, 1],
      ) as Tensor4D;
      const { x, y, ks } = rotationBatch(tf, images, mulberry32(seed));
      const flat = x.reshape([8, SIZE * SIZE]).arraySync() as number[][];
      tf.dispose([images, x, y]);
      return { turns, distances, batch: digits.map((d, i) => ({ digit: d, k: ks[i]!, pixels: flat[i]! })) };
    },
    [digit, seed],
  );
  const twins = result ? [1, 2, 3].filter((k) => confusableWith(result.distances, 0, 0.02).includes(k)) : [];
  return (
    <DemoFrame
      id="rotation-pretext"
      title="Rotation pretext task"
      description="Labels for free: turn each image by k quarter turns counter-clockwise and ask for k."
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
        <button type="button" onClick={() => setSeed((s) => s + 1)}>
          Draw a new batch
        </button>
      </div>
      {result ? (
        <>
          <ol className="demo-gallery" aria-label={`The four rotations of a ${digit}`}>
            {result.turns.map((px, k) => (
              <li key={k}>
                <PixelCanvas pixels={grayPixels(px)} width={SIZE} height={SIZE} label={`${digit} turned ${ANGLE[k]}`} />
                <span>k = {k}</span>
              </li>
            ))}
          </ol>
          <p data-testid="rotation-verdict">
            {twins.length
              ? `This ${digit} looks the same after ${twins.map((k) => ANGLE[k]).join(" and after ")}: those labels show one picture, so no model can learn to tell them apart.`
              : `All four rotations of this ${digit} differ (the smallest root-mean-square pixel difference is ${Math.min(...result.distances[0]!.slice(1)).toFixed(3)}), so each label has a learnable answer.`}{" "}
            Try 0, whose half turn is itself, and 6, whose half turn is a 9.
          </p>
          <p className="demo-row-label">A training batch: input image and its label k</p>
          <ol className="demo-gallery" aria-label="Training batch">
            {result.batch.map((b, i) => (
              <li key={i}>
                <PixelCanvas
                  pixels={grayPixels(b.pixels)}
                  width={SIZE}
                  height={SIZE}
                  label={`a ${b.digit} turned ${ANGLE[b.k]}`}
                />
                <span>y = {b.k}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </DemoFrame>
  );
}
