"use client";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { layerGradientNorms, type Activation, type GradientNorms as Result } from "./gradient-norms";
import { LineChart } from "./line-chart";
import { useTfComputation } from "./use-tf-computation";

/**
 * Builds two stacks of `depth` dense layers with identical weights, one plain (h ← act(hW + b)) and one residual
 * (h ← h + act(hW + b)), runs one batch through each and plots the norm of ∂loss/∂W for every layer.
 */
export function SkipGradients() {
  const [depth, setDepth] = useState(24);
  const [activation, setActivation] = useState<Activation>("sigmoid");
  const [seed, setSeed] = useState(1);
  const { state, result, error } = useTfComputation<Result>(
    (tf) => layerGradientNorms(tf, { depth, width: 32, batch: 64, activation, seed }),
    [depth, activation, seed],
  );
  const ratio = (xs: number[]) => (xs[0]! / xs[xs.length - 1]!).toExponential(1);
  return (
    <DemoFrame
      id="skip-gradients"
      title="Gradient norms with and without skip connections"
      description="Same weights, same batch: the only difference is whether each layer adds its input back to its output."
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label>
          Depth: {depth} layers
          <input
            type="range"
            min={4}
            max={48}
            step={2}
            value={depth}
            onChange={(e) => setDepth(Number(e.target.value))}
          />
        </label>
        <label>
          Activation
          <select value={activation} onChange={(e) => setActivation(e.target.value as Activation)}>
            <option value="sigmoid">sigmoid</option>
            <option value="tanh">tanh</option>
            <option value="relu">ReLU</option>
          </select>
        </label>
        <button type="button" onClick={() => setSeed((s) => s + 1)}>
          New weights
        </button>
      </div>
      {result ? (
        <>
          <LineChart
            title={`Norm of the loss gradient for each layer's weights, ${depth} layers with ${activation}, log scale`}
            xLabel="layer (1 = nearest the input)"
            yLabel="‖∂L/∂W‖ (log10)"
            log
            series={[
              { label: "plain stack", values: result.plain },
              { label: "with skip connections", values: result.residual, dashed: true },
            ]}
          />
          <p>
            Gradient norm at layer 1 divided by the norm at layer {depth}: plain <strong>{ratio(result.plain)}</strong>,
            residual <strong>{ratio(result.residual)}</strong>.
          </p>
        </>
      ) : null}
    </DemoFrame>
  );
}
