"use client";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { DIGITS, rasterizeDigit, SIZE } from "./digit-strokes";
import { grayPixels } from "./gray-pixels";
import {
  encoderAttentionCost,
  maskedMse,
  naiveReconstruction,
  patchify,
  randomPatchMask,
  unpatchify,
} from "./mae-math";
import { PixelCanvas } from "./pixel-canvas";
import { useTfComputation } from "./use-tf-computation";

interface Result {
  original: number[];
  input: number[];
  filled: number[];
  visible: number;
  total: number;
  loss: number;
}

/** A masked patch is drawn mid-grey with a dark frame so that it reads as "missing", not as "black". */
function showMasked(pixels: number[], masked: boolean[], patch: number): number[] {
  const g = SIZE / patch;
  return pixels.map((v, i) => {
    const r = Math.floor(i / SIZE);
    const c = i % SIZE;
    if (!masked[Math.floor(r / patch) * g + Math.floor(c / patch)]) return v;
    const edge = r % patch === 0 || c % patch === 0;
    return edge ? 0.15 : 0.35;
  });
}

/**
 * MAE's input pipeline on a 28 × 28 digit: cut it into patches, hide a random subset at the chosen ratio, and show
 * what the encoder receives. A decoder that learns nothing (each hidden patch gets its neighbours' mean) shows how
 * much of the digit the visible patches alone pin down; the loss counts hidden patches only.
 */
export function MaeMasking() {
  const [digit, setDigit] = useState("3");
  const [ratio, setRatio] = useState(0.75);
  const [patch, setPatch] = useState(4);
  const [seed, setSeed] = useState(11);
  const { state, result, error } = useTfComputation<Result>(
    (tf) => {
      const original = rasterizeDigit(digit);
      const patches = patchify(original, SIZE, patch);
      const masked = randomPatchMask(tf, patches.length, ratio, seed);
      const recon = naiveReconstruction(patches, masked);
      const visible = masked.filter((m) => !m).length;
      return {
        original,
        input: showMasked(original, masked, patch),
        filled: unpatchify(recon, SIZE, patch),
        visible,
        total: patches.length,
        loss: maskedMse(patches, recon, masked),
      };
    },
    [digit, ratio, patch, seed],
  );
  return (
    <DemoFrame
      id="mae-masking"
      title="What a masked autoencoder sees"
      description="Hide a fraction of a digit's patches and look at what is left for the encoder."
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
          Mask ratio = {(100 * ratio).toFixed(0)}%
          <input
            type="range"
            min={0}
            max={0.95}
            step={0.05}
            value={ratio}
            onChange={(e) => setRatio(Number(e.target.value))}
          />
        </label>
        <label>
          Patch size
          <select value={patch} onChange={(e) => setPatch(Number(e.target.value))}>
            <option value={2}>2 × 2 (196 patches)</option>
            <option value={4}>4 × 4 (49 patches)</option>
            <option value={7}>7 × 7 (16 patches)</option>
          </select>
        </label>
        <button type="button" onClick={() => setSeed((s) => s + 1)}>
          New mask
        </button>
      </div>
      {result ? (
        <>
          <ul className="demo-gallery">
            <li>
              <PixelCanvas
                pixels={grayPixels(result.original)}
                width={SIZE}
                height={SIZE}
                label={`the digit ${digit}`}
              />
              original
            </li>
            <li>
              <PixelCanvas
                pixels={grayPixels(result.input)}
                width={SIZE}
                height={SIZE}
                label="the digit with masked patches shown grey"
              />
              encoder input (visible patches)
            </li>
            <li>
              <PixelCanvas
                pixels={grayPixels(result.filled)}
                width={SIZE}
                height={SIZE}
                label="hidden patches filled with their neighbours' mean"
              />
              untrained fill-in
            </li>
          </ul>
          <dl className="demo-stats">
            <div>
              <dt>Tokens given to the encoder</dt>
              <dd>
                {result.visible} of {result.total}
              </dd>
            </div>
            <div>
              <dt>Encoder self-attention cost vs. all patches</dt>
              <dd>{(100 * encoderAttentionCost(result.visible, result.total)).toFixed(1)}%</dd>
            </div>
            <div>
              <dt>Fill-in error on hidden patches only (MSE)</dt>
              <dd>{result.loss.toFixed(4)}</dd>
            </div>
          </dl>
        </>
      ) : null}
    </DemoFrame>
  );
}
