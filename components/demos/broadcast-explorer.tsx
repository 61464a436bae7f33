"use client";
import { useState } from "react";
import { broadcastSteps, parseShape } from "./broadcast-math";
import { DemoFrame } from "./demo-frame";
import { useTfComputation } from "./use-tf-computation";

interface Result {
  shape: number[] | null;
  values: number[] | number[][] | number | null;
  tfError: string | null;
}

const RULE: Record<string, string> = {
  equal: "sizes are equal",
  "a is 1": "A's size 1 is stretched",
  "b is 1": "B's size 1 is stretched",
  "a has no such axis": "A has no axis here: treated as 1",
  "b has no such axis": "B has no axis here: treated as 1",
  incompatible: "different sizes, neither is 1: error",
};

const show = (s: number[]) => `[${s.join(", ")}]`;

/**
 * Broadcasting, axis by axis: type two shapes, see the comparison from the last axis backwards, and the sum that
 * TensorFlow.js computes for A = 0, 1, 2, … and B = 0, 10, 20, … of those shapes (or its error message).
 */
export function BroadcastExplorer() {
  const [textA, setTextA] = useState("2, 3");
  const [textB, setTextB] = useState("3");
  const a = parseShape(textA);
  const b = parseShape(textB);
  const { state, result, error } = useTfComputation<Result | null>(
    (tf) => {
      if (!a || !b) return null;
      const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
      const ta = tf.range(0, size(a)).reshape(a);
      const tb = tf.range(0, size(b)).mul(10).reshape(b);
      try {
        const sum = tf.add(ta, tb);
        const out = { shape: sum.shape, values: sum.rank <= 2 ? (sum.arraySync() as number[][]) : null, tfError: null };
        sum.dispose();
        return out;
      } catch (err) {
        return { shape: null, values: null, tfError: err instanceof Error ? err.message : String(err) };
      } finally {
        tf.dispose([ta, tb]);
      }
    },
    [textA, textB],
  );
  const steps = a && b ? broadcastSteps(a, b) : null;
  const rows =
    result?.values === null || result?.values === undefined
      ? null
      : Array.isArray(result.values)
        ? Array.isArray(result.values[0])
          ? (result.values as number[][])
          : [result.values as number[]]
        : [[result.values]];
  return (
    <DemoFrame
      id="broadcast-explorer"
      title="Broadcasting, axis by axis"
      description="Type two shapes (up to four axes, sizes 1 to 6) and add tensors of those shapes."
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label>
          Shape of A
          <input type="text" value={textA} onChange={(e) => setTextA(e.target.value)} aria-invalid={!a} />
        </label>
        <label>
          Shape of B
          <input type="text" value={textB} onChange={(e) => setTextB(e.target.value)} aria-invalid={!b} />
        </label>
      </div>
      {!a || !b ? (
        <p role="alert">
          Write each shape as sizes from 1 to 6 separated by commas, for example 2, 3 (at most four axes).
        </p>
      ) : null}
      {steps ? (
        <table className="demo-table">
          <caption>
            Comparing {show(a!)} with {show(b!)} from the last axis backwards
          </caption>
          <thead>
            <tr>
              <th scope="col">axis from the end</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
              <th scope="col">rule</th>
              <th scope="col">result</th>
            </tr>
          </thead>
          <tbody>
            {steps.steps.map((s) => (
              <tr key={s.fromEnd}>
                <td>
                  {s.fromEnd === 0
                    ? "last"
                    : `${s.fromEnd + 1}th from last`.replace(/^2th/, "2nd").replace(/^3th/, "3rd")}
                </td>
                <td>{s.a ?? "—"}</td>
                <td>{s.b ?? "—"}</td>
                <td>{RULE[s.rule]}</td>
                <td>{s.result ?? "✗"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result ? (
        result.shape ? (
          <>
            <p data-testid="broadcast-result">
              A + B has shape <code>{show(result.shape)}</code>
              {steps?.shape && show(steps.shape) === show(result.shape) ? ", as the rule predicts." : "."}
            </p>
            {rows ? (
              <table className="demo-table">
                <caption>The values of A + B (A counts 0, 1, 2, …; B counts in tens)</caption>
                <tbody>
                  {rows.map((r, i) => (
                    <tr key={i}>
                      {r.map((v, j) => (
                        <td key={j}>{v}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="demo-description">The result has more than two axes, so only its shape is shown.</p>
            )}
          </>
        ) : (
          <p data-testid="broadcast-result">
            TensorFlow.js refuses: <code>{result.tfError}</code>
          </p>
        )
      ) : null}
    </DemoFrame>
  );
}
