"use client";
import { useState } from "react";
import { adaptationBudget, METHODS, tfBudget, type Budget, type Method } from "./adaptation-math";
import { DemoFrame } from "./demo-frame";
import { useTfComputation } from "./use-tf-computation";

interface Result {
  small: Budget & { frozenLayers: number };
}

const n = (x: number) => x.toLocaleString("en");
const share = (b: Budget) => `${((100 * b.trainable) / b.total).toPrecision(2)}%`;

/**
 * Which parameters train under each way of adapting a backbone: counted by TensorFlow.js on a small model built
 * here (with layer.trainable set as in the lesson's code), and by formula for a BERT-base-sized encoder.
 */
export function AdaptationBudget() {
  const [method, setMethod] = useState<Method>("linear-probe");
  const [classes, setClasses] = useState(10);
  const [rank, setRank] = useState(8);
  const { state, result, error } = useTfComputation<Result>(
    (tf) => ({ small: tfBudget(tf, { width: 128, layers: 4, classes, method, rank }) }),
    [method, classes, rank],
  );
  const big = adaptationBudget({ d: 768, layers: 12, classes, method, rank });
  return (
    <DemoFrame
      id="adaptation-budget"
      title="What does fine-tuning train?"
      description="Choose an adaptation method and count the parameters it updates, small model and large."
      state={state}
      error={error}
    >
      <fieldset className="demo-controls">
        <legend>Adaptation method</legend>
        {(Object.keys(METHODS) as Method[]).map((m) => (
          <label key={m} className="demo-check">
            <input
              type="radio"
              name="adaptation-method"
              value={m}
              checked={method === m}
              onChange={() => setMethod(m)}
            />{" "}
            {METHODS[m]}
          </label>
        ))}
      </fieldset>
      <div className="demo-controls">
        <label>
          Classes K
          <select value={classes} onChange={(e) => setClasses(Number(e.target.value))}>
            {[2, 10, 100, 1000].map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Rank r (low-rank updates)
          <select value={rank} onChange={(e) => setRank(Number(e.target.value))} disabled={method !== "lora"}>
            {[1, 4, 8, 16, 64].map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      </div>
      {result ? (
        <table className="demo-table">
          <caption>Trainable parameters for {METHODS[method]}</caption>
          <thead>
            <tr>
              <th scope="col">model</th>
              <th scope="col">all parameters</th>
              <th scope="col">trainable</th>
              <th scope="col">share</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">
                4 dense blocks of 128 units and a head, built and counted by TensorFlow.js ({result.small.frozenLayers}{" "}
                blocks frozen)
              </th>
              <td>{n(result.small.total)}</td>
              <td data-testid="small-trainable">{n(result.small.trainable)}</td>
              <td>{share(result.small)}</td>
            </tr>
            <tr>
              <th scope="row">
                12 transformer blocks of width 768 (BERT-base without embeddings) and a head, by formula
              </th>
              <td>{n(big.total)}</td>
              <td data-testid="big-trainable">{n(big.trainable)}</td>
              <td>{share(big)}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
      <p>
        A block of width d holds 12d² + 13d parameters (four attention matrices, a 4d-wide MLP, two layer norms):
        7,087,872 at d = 768. A linear head adds K(d + 1); a rank-r update of a d × d matrix adds 2dr.
      </p>
    </DemoFrame>
  );
}
