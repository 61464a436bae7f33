"use client";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { rasterizeDigit, SIZE } from "./digit-strokes";
import { GALLERY, nearestNeighbours, type Neighbours } from "./feature-neighbours";
import { grayPixels } from "./gray-pixels";
import { PixelCanvas } from "./pixel-canvas";
import { useTfComputation } from "./use-tf-computation";

/**
 * Nearest-neighbour classification of a shifted digit, once in raw pixel space and once in the space of a small
 * hand-made encoder (recentre, blur, pool): the same cosine similarity, two very different neighbourhoods.
 */
export function NearestNeighbours() {
  const [digit, setDigit] = useState("4");
  const [shift, setShift] = useState(6);
  const { state, result, error } = useTfComputation<Neighbours>(
    (tf) => nearestNeighbours(tf, digit, shift),
    [digit, shift],
  );
  const query = rasterizeDigit(digit, { dx: shift, dy: shift / 2 });
  return (
    <DemoFrame
      id="nearest-neighbours"
      title="Nearest neighbours: pixels or features?"
      description="Shift a digit and ask which labelled example is closest, by cosine similarity, in two spaces."
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label>
          Query digit
          <select value={digit} onChange={(e) => setDigit(e.target.value)}>
            {GALLERY.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          Shift: {shift} px right, {shift / 2} px down
          <input
            type="range"
            min={0}
            max={8}
            step={1}
            value={shift}
            onChange={(e) => setShift(Number(e.target.value))}
          />
        </label>
      </div>
      <div className="demo-gallery">
        <figure className="demo-chart">
          <PixelCanvas
            pixels={grayPixels(query)}
            width={SIZE}
            height={SIZE}
            label={`query: a ${digit} shifted ${shift} pixels right and ${shift / 2} down`}
          />
          <figcaption>query</figcaption>
        </figure>
        {GALLERY.map((d) => (
          <figure key={d} className="demo-chart">
            <PixelCanvas
              pixels={grayPixels(rasterizeDigit(d))}
              width={SIZE}
              height={SIZE}
              label={`labelled example: ${d}, centred`}
            />
            <figcaption>{d}</figcaption>
          </figure>
        ))}
      </div>
      {result ? (
        <>
          <table className="demo-table">
            <caption>Cosine similarity of the query to each labelled example</caption>
            <thead>
              <tr>
                <th scope="col">space</th>
                {GALLERY.map((d) => (
                  <th key={d} scope="col">
                    {d}
                  </th>
                ))}
                <th scope="col">nearest</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ["raw pixels (784 numbers)", result.pixel, result.pixelBest],
                  ["encoder features (49 numbers)", result.feature, result.featureBest],
                ] as const
              ).map(([name, sims, best]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  {sims.map((s, i) => (
                    <td key={i} className={GALLERY[i] === best ? "demo-token-target" : undefined}>
                      {s.toFixed(2)}
                    </td>
                  ))}
                  <td>
                    <strong>{best}</strong> {best === digit ? "(right)" : "(wrong)"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="neighbour-verdict">
            In pixel space the nearest example is a <strong>{result.pixelBest}</strong>; in the encoder&apos;s space it
            is a <strong>{result.featureBest}</strong>.{" "}
            {shift === 0
              ? "Unshifted, both spaces agree."
              : "A shift moves every stroke pixel, so raw pixels stop overlapping; the encoder recentres and blurs first, so the shift barely changes its features."}
          </p>
        </>
      ) : null}
    </DemoFrame>
  );
}
