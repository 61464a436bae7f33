"use client";
import { useId, useState } from "react";
import {
  ANNOTATION_PRESETS,
  annotationCost,
  errorAt,
  labelsForError,
  learningCurve,
  type AnnotationKind,
  type PowerLaw,
} from "./annotation-cost";
import { DemoFrame } from "./demo-frame";
import { LineChart } from "./line-chart";
import { useTfComputation } from "./use-tf-computation";

const SIZES = [1_000, 10_000, 100_000, 1_000_000, 10_000_000];
const TARGETS = [0.2, 0.1, 0.05];
const FLOOR = 0.02;

const num = (x: number, digits = 0) =>
  Number.isFinite(x) ? x.toLocaleString("en", { maximumFractionDigits: digits }) : "never";

/**
 * What a labelled dataset costs: annotation time per image or per object (published ballpark figures), times
 * the number of images and of annotators per item; and, with a power-law learning curve, how many labels (and
 * how much money) each further drop in error takes.
 */
export function AnnotationCostCalculator() {
  const [kind, setKind] = useState<AnnotationKind>("box");
  const [images, setImages] = useState(100_000);
  const [objects, setObjects] = useState(5);
  const [annotators, setAnnotators] = useState(1);
  const [wage, setWage] = useState(15);
  const [alpha, setAlpha] = useState(0.3);
  const ids = useId();
  const law: PowerLaw = { alpha, floor: FLOOR, a: (0.25 - FLOOR) * 1000 ** alpha };
  const { state, result, error } = useTfComputation((tf) => learningCurve(tf, law, 2, 8), [alpha]);
  const job = { images, objectsPerImage: objects, kind, annotatorsPerItem: annotators, hourlyWage: wage };
  const cost = annotationCost(job);
  const perImage = annotationCost({ ...job, images: 1 }).cost;
  const preset = ANNOTATION_PRESETS[kind];
  return (
    <DemoFrame
      id="annotation-cost"
      title="What do labels cost?"
      description="Pick a kind of annotation and a dataset size; then see how many more labels each drop in error needs."
      state={state}
      error={error}
    >
      <div className="demo-controls">
        <label>
          Annotation
          <select value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind)}>
            {Object.entries(ANNOTATION_PRESETS).map(([k, p]) => (
              <option key={k} value={k}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Images
          <select value={images} onChange={(e) => setImages(Number(e.target.value))}>
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {num(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Objects per image
          <input
            type="number"
            min={1}
            max={100}
            value={objects}
            disabled={preset.perObject === 0}
            onChange={(e) => setObjects(Math.min(100, Math.max(1, Number(e.target.value) || 1)))}
          />
        </label>
        <label>
          Annotators per item
          <input
            type="number"
            min={1}
            max={5}
            value={annotators}
            onChange={(e) => setAnnotators(Math.min(5, Math.max(1, Number(e.target.value) || 1)))}
          />
        </label>
        <label>
          Wage per hour
          <input
            type="number"
            min={1}
            max={500}
            value={wage}
            onChange={(e) => setWage(Math.min(500, Math.max(1, Number(e.target.value) || 1)))}
          />
        </label>
      </div>
      <p className="demo-description" id={`${ids}-source`}>
        Time per item: {preset.perImage ? `${num(preset.perImage)} s per image` : `${preset.perObject} s per object`},{" "}
        {preset.source}.
      </p>
      <dl className="demo-stats" aria-describedby={`${ids}-source`}>
        <div>
          <dt>Annotation time</dt>
          <dd data-testid="annotation-hours">{num(cost.hours)} hours</dd>
        </div>
        <div>
          <dt>Full-time working years</dt>
          <dd>{num(cost.personYears, 1)}</dd>
        </div>
        <div>
          <dt>Labour cost</dt>
          <dd>{num(cost.cost)}</dd>
        </div>
      </dl>
      <div className="demo-controls">
        <label>
          Learning-curve exponent α: {alpha.toFixed(2)}
          <input
            type="range"
            min={0.1}
            max={0.6}
            step={0.05}
            value={alpha}
            onChange={(e) => setAlpha(Number(e.target.value))}
          />
        </label>
      </div>
      {result ? (
        <div className="demo-columns">
          <LineChart
            title={`Test error against the number of labelled images, ε(N) = a·N^(−${alpha.toFixed(2)}) + ${FLOOR}`}
            series={[{ label: "test error ε(N)", values: result.error }]}
            x={result.n.map((n) => Math.log10(n))}
            xLabel="log₁₀ of labelled images N"
            yLabel="test error"
            yMin={0}
          />
          <table className="demo-table">
            <caption>Labels needed for a target error, and their cost with the settings above</caption>
            <thead>
              <tr>
                <th scope="col">target error</th>
                <th scope="col">labelled images</th>
                <th scope="col">cost</th>
              </tr>
            </thead>
            <tbody>
              {TARGETS.map((t) => {
                const n = labelsForError(law, t);
                return (
                  <tr key={t}>
                    <td>{t}</td>
                    <td>{num(Math.ceil(n))}</td>
                    <td>{num(n * perImage)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <p>
        Halving the reducible error needs {num(2 ** (1 / alpha), 1)} times as many labels at α = {alpha.toFixed(2)}.
        With {num(images)} images the model reaches an error of about {errorAt(law, images).toFixed(3)}; the floor ε∞ ={" "}
        {FLOOR} never goes away, whatever the budget.
      </p>
    </DemoFrame>
  );
}
