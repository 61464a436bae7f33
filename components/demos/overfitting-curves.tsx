"use client";
import { useMemo, useState } from "react";
import { BoundaryCanvas } from "./boundary-canvas";
import { DemoFrame } from "./demo-frame";
import { LineChart } from "./line-chart";
import { makeMoons } from "./moons-data";
import { trainMlp, type TrainLog } from "./train-mlp";
import { useTfComputation } from "./use-tf-computation";

type Mode = "full" | "small" | "small-aug";

const MODES: Record<Mode, { label: string; fraction: number; augment: boolean }> = {
  full: { label: "100% of the training set (400 points)", fraction: 1, augment: false },
  small: { label: "10% of the training set (40 points)", fraction: 0.1, augment: false },
  "small-aug": { label: "10% + augmentation (jittered copies)", fraction: 0.1, augment: true },
};

const EPOCHS = 240;

/**
 * Trains the same small network on all of a noisy two-moons training set, on 10% of it, and on 10% with
 * jitter augmentation, and plots training and validation loss against epochs.
 */
export function OverfittingCurves({ initial = "small" }: { initial?: string }) {
  const [mode, setMode] = useState<Mode>(initial in MODES ? (initial as Mode) : "small");
  const [runs, setRuns] = useState<Partial<Record<Mode, TrainLog>>>({});
  const full = useMemo(() => makeMoons(400, 11), []);
  const val = useMemo(() => makeMoons(600, 99), []);
  const cfg = MODES[mode];
  const train = useMemo(
    () => ({ x: full.x.slice(0, Math.round(400 * cfg.fraction)), y: full.y.slice(0, Math.round(400 * cfg.fraction)) }),
    [full, cfg.fraction],
  );
  const { state, result, error } = useTfComputation<TrainLog | null>(
    async (tf, isCurrent) => {
      const log = await trainMlp(tf, train, val, {
        epochs: EPOCHS,
        hidden: 48,
        seed: 5,
        augmentCopies: cfg.augment ? 4 : 0,
        jitter: 0.15,
        logEvery: 6,
        isCurrent,
      });
      if (log) setRuns((r) => ({ ...r, [mode]: log }));
      return log;
    },
    [mode],
  );
  const last = (xs: number[]) => xs[xs.length - 1] ?? NaN;
  return (
    <DemoFrame
      id="overfitting-curves"
      title="Training and validation curves"
      description="The same network, trained from the same start, on different amounts of a noisy dataset. Watch the gap between the curves."
      state={state}
      error={error}
      status={state === "running" ? `Training on ${cfg.label}…` : undefined}
    >
      <fieldset className="demo-controls">
        <legend>Training data</legend>
        {(Object.keys(MODES) as Mode[]).map((m) => (
          <label key={m} className="demo-check">
            <input
              type="radio"
              name="overfit-mode"
              value={m}
              checked={mode === m}
              onChange={() => setMode(m)}
              disabled={state === "running"}
            />{" "}
            {MODES[m].label}
          </label>
        ))}
      </fieldset>
      {result ? (
        <>
          <LineChart
            title={`Cross-entropy loss per epoch, ${MODES[mode].label}`}
            xLabel="epoch"
            yLabel="loss"
            x={result.epochs}
            yMin={0}
            series={[
              { label: "training loss", values: result.trainLoss },
              { label: "validation loss", values: result.valLoss, dashed: true },
            ]}
          />
          <div className="demo-columns">
            <BoundaryCanvas
              grid={result.grid}
              size={result.gridSize}
              points={train}
              label={`Decision regions learned from ${train.x.length} training points, which are drawn as dots`}
            />
            <p>
              The map shows the class the network predicts at each point of the plane (orange or blue; paler means less
              sure), with the {train.x.length} training points it learned from. About 15% of all labels are flipped at
              random, so a region that bends around a single point is memorised noise.
            </p>
          </div>
        </>
      ) : null}
      <table className="demo-table">
        <caption>Final numbers of the runs so far</caption>
        <thead>
          <tr>
            <th scope="col">training data</th>
            <th scope="col">train acc.</th>
            <th scope="col">validation acc.</th>
            <th scope="col">train loss</th>
            <th scope="col">validation loss</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(MODES) as Mode[]).map((m) => {
            const r = runs[m];
            return (
              <tr key={m}>
                <th scope="row">{MODES[m].label}</th>
                <td>{r ? `${(100 * last(r.trainAcc)).toFixed(1)}%` : "not run"}</td>
                <td>{r ? `${(100 * last(r.valAcc)).toFixed(1)}%` : "–"}</td>
                <td>{r ? last(r.trainLoss).toFixed(3) : "–"}</td>
                <td>{r ? last(r.valLoss).toFixed(3) : "–"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </DemoFrame>
  );
}
