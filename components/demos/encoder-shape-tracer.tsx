"use client";
import { useState } from "react";
import { DemoFrame } from "./demo-frame";
import { encoderRows, samePadding, tfEncoderRows, type EncoderConfig, type LayerRow } from "./encoder-shapes";
import { useTfComputation } from "./use-tf-computation";

interface Result {
  rows: LayerRow[];
  tf: { shape: number[]; params: number }[];
}

/**
 * The lesson's CNN encoder with your kernel, stride and padding: each layer's output shape from the formula
 * n' = ⌊(n + 2p − k)/s⌋ + 1, checked against the model TensorFlow.js builds, and how much of the input survives.
 */
export function EncoderShapeTracer() {
  const [inputSize, setInputSize] = useState(28);
  const [kernel, setKernel] = useState(3);
  const [stride, setStride] = useState(1);
  const [padding, setPadding] = useState<"same" | "valid">("same");
  const config: EncoderConfig = { inputSize, channels: 1, kernel, stride, padding, filters: [16, 32, 64] };
  const computed = useTfComputation<Result>(
    (tf) => ({ rows: encoderRows(config), tf: tfEncoderRows(tf, config) }),
    [inputSize, kernel, stride, padding],
  );
  const r = computed.result;
  const same = r
    ? r.rows.every((row, i) => row.shape.join() === r.tf[i]!.shape.join() && row.params === r.tf[i]!.params)
    : false;
  const inputNumbers = inputSize * inputSize;
  const outputNumbers = r ? r.rows[r.rows.length - 1]!.shape[2] : 0;
  return (
    <DemoFrame
      id="encoder-shapes"
      title="Shapes through a CNN encoder"
      description="Change the convolutions and follow each feature map's shape down to one vector."
      state={computed.state}
      error={computed.error}
    >
      <div className="demo-controls">
        <label>
          Input side n
          <select value={inputSize} onChange={(e) => setInputSize(Number(e.target.value))}>
            {[28, 32, 64].map((n) => (
              <option key={n} value={n}>
                {n} × {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kernel k
          <select value={kernel} onChange={(e) => setKernel(Number(e.target.value))}>
            {[3, 5, 7].map((k) => (
              <option key={k} value={k}>
                {k} × {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Stride s
          <select value={stride} onChange={(e) => setStride(Number(e.target.value))}>
            {[1, 2].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Padding
          <select value={padding} onChange={(e) => setPadding(e.target.value as "same" | "valid")}>
            <option value="same">same (p = {samePadding(inputSize, kernel, stride)} on the input)</option>
            <option value="valid">valid (p = 0)</option>
          </select>
        </label>
      </div>
      {r ? (
        <>
          <table className="demo-table">
            <caption>Layer by layer: output shape [height, width, channels] and parameters</caption>
            <thead>
              <tr>
                <th scope="col">layer</th>
                <th scope="col">shape by the formula</th>
                <th scope="col">shape in TensorFlow.js</th>
                <th scope="col">parameters</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">input</th>
                <td>
                  [{inputSize}, {inputSize}, 1]
                </td>
                <td>
                  [{inputSize}, {inputSize}, 1]
                </td>
                <td>0</td>
              </tr>
              {r.rows.map((row, i) => (
                <tr key={i}>
                  <th scope="row">{row.name}</th>
                  <td>[{row.shape.join(", ")}]</td>
                  <td>[{r.tf[i]!.shape.join(", ")}]</td>
                  <td>{row.params.toLocaleString("en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="encoder-summary">
            {same
              ? "The formula and TensorFlow.js agree on every shape and parameter count."
              : "The formula and TensorFlow.js disagree: look at the rows above."}{" "}
            {inputNumbers.toLocaleString("en")} input numbers become a representation of {outputNumbers}, about{" "}
            {(inputNumbers / outputNumbers).toFixed(1)} times fewer: the training objective decides which information
            fits.
          </p>
        </>
      ) : null}
    </DemoFrame>
  );
}
