"use client";
import type { Tensor3D, Tensor4D } from "@tensorflow/tfjs";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { PixelCanvas } from "./pixel-canvas";
import { DIGITS, rasterizeDigit, SIZE } from "./digit-strokes";
import { mulberry32 } from "./seeded-random";
import { useTfComputation } from "./use-tf-computation";

type Aug = "rotate" | "shift" | "scale" | "noise" | "cutout" | "flip";

const AUGS: Record<Aug, string> = {
  rotate: "rotate up to ±15°",
  shift: "shift up to ±3 px",
  scale: "zoom 85–115%",
  noise: "pixel noise",
  cutout: "cut out an 8×8 patch",
  flip: "mirror left–right (changes the meaning of a digit!)",
};

const VARIANTS = 8;

/** Random label-preserving transformations of a digit image, computed with tf.image ops one image at a time. */
export function AugmentationPreview() {
  const [digit, setDigit] = useState("7");
  const [on, setOn] = useState<Record<Aug, boolean>>({
    rotate: true,
    shift: true,
    scale: true,
    noise: false,
    cutout: false,
    flip: false,
  });
  const [seed, setSeed] = useState(1);
  const { state, result, error } = useTfComputation<Uint8ClampedArray[]>(
    async (tf) => {
      const rand = mulberry32(seed);
      const base = tf.tensor4d(rasterizeDigit(digit), [1, SIZE, SIZE, 1]);
      const images: Uint8ClampedArray[] = [await tf.browser.toPixels(base.reshape([SIZE, SIZE, 1]) as Tensor3D)];
      for (let v = 0; v < VARIANTS; v++) {
        const img = tf.tidy(() => {
          let x: Tensor4D = base;
          if (on.flip && rand() < 0.5) x = tf.image.flipLeftRight(x);
          if (on.rotate) x = tf.image.rotateWithOffset(x, ((rand() * 2 - 1) * 15 * Math.PI) / 180, 0);
          const s = on.scale ? 0.85 + 0.3 * rand() : 1;
          const tx = on.shift ? Math.round((rand() * 2 - 1) * 3) : 0;
          const ty = on.shift ? Math.round((rand() * 2 - 1) * 3) : 0;
          if (s !== 1 || tx || ty) {
            const c = SIZE / 2;
            // Maps each output pixel back to an input pixel: zoom by s about the centre, then shift.
            const m = tf.tensor2d([[1 / s, 0, c - c / s - tx, 0, 1 / s, c - c / s - ty, 0, 0]]);
            x = tf.image.transform(x, m, "bilinear", "constant", 0);
          }
          if (on.noise) x = x.add(tf.randomNormal(x.shape, 0, 0.18, "float32", seed * 97 + v)) as Tensor4D;
          if (on.cutout) {
            const r0 = Math.floor(rand() * (SIZE - 8));
            const c0 = Math.floor(rand() * (SIZE - 8));
            const mask = Array.from({ length: SIZE * SIZE }, (_, k) =>
              Math.floor(k / SIZE) - r0 >= 0 &&
              Math.floor(k / SIZE) - r0 < 8 &&
              (k % SIZE) - c0 >= 0 &&
              (k % SIZE) - c0 < 8
                ? 0
                : 1,
            );
            x = x.mul(tf.tensor4d(mask, [1, SIZE, SIZE, 1]));
          }
          return x.clipByValue(0, 1).reshape([SIZE, SIZE, 1]) as Tensor3D;
        });
        images.push(await tf.browser.toPixels(img));
        img.dispose();
      }
      base.dispose();
      return images;
    },
    [digit, on, seed],
  );
  return (
    <DemoFrame
      id="augmentation-preview"
      title="Data augmentation on a digit"
      description="One training image becomes many: each variant is a random draw from the transformations you switch on."
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
        {(Object.keys(AUGS) as Aug[]).map((a) => (
          <label key={a} className="demo-check">
            <input type="checkbox" checked={on[a]} onChange={(e) => setOn((o) => ({ ...o, [a]: e.target.checked }))} />{" "}
            {AUGS[a]}
          </label>
        ))}
        <button type="button" onClick={() => setSeed((s) => s + 1)}>
          New random draws
        </button>
      </div>
      {result ? (
        <ol className="demo-gallery">
          {result.map((px, i) => (
            <li key={i}>
              <PixelCanvas
                pixels={px}
                width={SIZE}
                height={SIZE}
                label={i === 0 ? `original ${digit}` : `augmented ${digit}, variant ${i}`}
              />
              <span>{i === 0 ? "original" : `#${i}`}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </DemoFrame>
  );
}
