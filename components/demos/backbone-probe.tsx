"use client";
import type { LayersModel } from "@tensorflow/tfjs";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { DIGITS } from "./digit-strokes";
import { BACKBONE_URL, compareProbes, loadBackbone, type ProbeComparison, randomWeightsLike } from "./fine-tune-math";
import type { Tf } from "./load-tf";
import { useTfComputation } from "./use-tf-computation";

const TEST_PER_CLASS = 20;

let encoders: Promise<{ pretrained: LayersModel; scratch: LayersModel }> | null = null;

/** The shipped encoder and a second copy of it whose weights are replaced by a fresh random initialisation. */
function loadEncoders(tf: Tf) {
  if (!encoders) {
    encoders = (async () => {
      const pretrained = await loadBackbone(tf, BACKBONE_URL);
      const scratch = await loadBackbone(tf, BACKBONE_URL);
      const fresh = randomWeightsLike(tf, scratch, 7);
      scratch.setWeights(fresh);
      tf.dispose(fresh);
      return { pretrained, scratch };
    })();
    encoders.catch(() => {
      encoders = null;
    });
  }
  return encoders;
}

/**
 * A linear probe with few labels: the same softmax head is trained on the frozen features of the pretrained MNIST
 * encoder and of a randomly initialised copy, on as many labelled digits as the student allows, and both are scored
 * on the same held-out digits.
 */
export function BackboneProbe() {
  const [labelled, setLabelled] = useState(16);
  const [seed, setSeed] = useState(1);
  const { state, result, error } = useTfComputation<ProbeComparison>(
    async (tf) => {
      const { pretrained, scratch } = await loadEncoders(tf);
      return compareProbes(tf, pretrained, scratch, { labelled, testPerClass: TEST_PER_CLASS, seed });
    },
    [labelled, seed],
  );
  return (
    <DemoFrame
      id="backbone-probe"
      title="Linear probe: pretrained encoder vs. the same network from scratch"
      description="Pick how many labelled digits you can afford; the same linear head is trained on both encoders' frozen features."
      state={state}
      status={
        state === "loading" || (state === "running" && !result)
          ? "Loading the pretrained encoder and training both heads…"
          : undefined
      }
      error={error}
    >
      <div className="demo-controls">
        <label>
          Labelled training digits = {labelled} ({labelled / DIGITS.length} per class)
          <input
            type="range"
            min={DIGITS.length}
            max={12 * DIGITS.length}
            step={DIGITS.length}
            value={labelled}
            onChange={(e) => setLabelled(Number(e.target.value))}
          />
        </label>
        <button type="button" onClick={() => setSeed((s) => s + 1)}>
          Draw other labelled digits
        </button>
      </div>
      {result ? (
        <>
          <p className="demo-row-label">Test accuracy of the same linear head on frozen features</p>
          <ul className="demo-bars">
            {(
              [
                ["pretrained", result.pretrained],
                ["random init", result.scratch],
              ] as const
            ).map(([name, acc]) => (
              <li key={name}>
                <span className="demo-bar-label">{name}</span>
                <span className="demo-bar" style={{ width: `${Math.max(1, 100 * acc)}%` }} />
                <span className="demo-bar-value">{(100 * acc).toFixed(0)}%</span>
              </li>
            ))}
          </ul>
          <dl className="demo-stats">
            <div>
              <dt>Test digits</dt>
              <dd>{TEST_PER_CLASS * DIGITS.length}</dd>
            </div>
            <div>
              <dt>Chance level</dt>
              <dd>{(100 / DIGITS.length).toFixed(1)}%</dd>
            </div>
          </dl>
        </>
      ) : null}
    </DemoFrame>
  );
}
