import { Arrow, Box, Diagram, Label } from "./diagram";

/** Typical loss curves on a small training set: training keeps falling, validation turns back up. */
export function GeneralizationGapDiagram() {
  const W = 600;
  const x = (t: number) => 60 + t * (W - 80);
  const y = (v: number) => 30 + (1 - v) * 170;
  const curve = (f: (t: number) => number) =>
    Array.from({ length: 41 }, (_, i) => i / 40)
      .map((t) => `${x(t).toFixed(1)},${y(f(t)).toFixed(1)}`)
      .join(" ");
  const train = (t: number) => 0.05 + 0.85 * Math.exp(-5 * t);
  const val = (t: number) => 0.32 + 0.58 * Math.exp(-7 * t) + 0.45 * Math.max(0, t - 0.3) ** 1.5;
  const best = Array.from({ length: 101 }, (_, i) => i / 100).reduce((a, t) => (val(t) < val(a) ? t : a), 0);
  return (
    <Diagram
      id="dg-gap"
      width={680}
      height={250}
      title="The generalisation gap"
      description="Loss against training time. The training loss falls steadily towards zero. The validation loss falls at first, reaches its minimum about a third of the way through, then rises again. The vertical distance between them is the generalisation gap, which widens as the model memorises the training set."
      caption="Where validation loss bottoms out is where the model stops learning patterns and starts learning the particular training examples."
    >
      <line x1={60} y1={200} x2={W - 10} y2={200} className="dg-axis" />
      <line x1={60} y1={20} x2={60} y2={200} className="dg-axis" />
      <Label x={W - 10} y={236} anchor="end" small muted>
        training time (epochs) →
      </Label>
      <text transform="translate(30 110) rotate(-90)" textAnchor="middle" className="dg-text dg-small dg-muted">
        loss
      </text>
      <polyline points={curve(train)} className="dg-line-accent" />
      <polyline points={curve(val)} className="dg-line-warm" />
      <line x1={x(best)} y1={y(val(best))} x2={x(best)} y2={200} className="dg-thin" strokeDasharray="4 3" />
      <Label x={x(best)} y={214} small>
        best validation loss (stop here)
      </Label>
      <line x1={x(0.9)} y1={y(train(0.9))} x2={x(0.9)} y2={y(val(0.9))} className="dg-gap-line" />
      <Label x={x(0.9) - 8} y={(y(train(0.9)) + y(val(0.9))) / 2} anchor="end" small>
        gap
      </Label>
      <Label x={x(0.62)} y={y(train(0.62)) - 12} small>
        training loss
      </Label>
      <Label x={x(0.62)} y={y(val(0.62)) - 16} small>
        validation loss
      </Label>
    </Diagram>
  );
}

/** Augmentation: random label-preserving transformations of one example. */
export function AugmentationDiagram() {
  const views = [
    { label: "rotate 10°", transform: "rotate(10 30 30)" },
    { label: "shift", transform: "translate(6 -4)" },
    { label: "zoom out", transform: "translate(6 6) scale(0.8)" },
    { label: "crop + zoom", transform: "translate(-8 -6) scale(1.25)" },
  ];
  const seven = "M14 14 L46 14 L26 50";
  return (
    <Diagram
      id="dg-augmentation"
      width={680}
      height={210}
      title="Data augmentation"
      description="One training image of the digit seven is transformed four ways: rotated by ten degrees, shifted, zoomed out, and cropped and zoomed in. All four keep the label seven. Each training epoch draws new random transformations."
      caption="Each view is a new training example with the old label, as long as the transformation cannot change what the label should be."
    >
      <g transform="translate(30 70)">
        <rect width={60} height={60} rx={4} className="dg-box dg-plain" />
        <path d={seven} className="dg-stroke" />
      </g>
      <Label x={60} y={150} small>
        original “7”
      </Label>
      <Box x={130} y={78} w={130} h={44} label={"random T ~ 𝒯"} tone="accent" small />
      <Arrow x1={92} y1={100} x2={128} y2={100} />
      <Arrow x1={260} y1={100} x2={292} y2={100} />
      <path d="M300 50 L300 42 L636 42 L636 50" className="dg-thin" fill="none" />
      <Label x={468} y={30} small muted>
        four independent draws (new ones every epoch)
      </Label>
      {views.map((v, i) => (
        <g key={v.label}>
          <g transform={`translate(${300 + i * 92} 60)`}>
            <rect width={60} height={60} rx={4} className="dg-box dg-plain" />
            <svg width={60} height={60} viewBox="0 0 60 60" aria-hidden="true">
              <path d={seven} className="dg-stroke" transform={v.transform} />
            </svg>
          </g>
          <Label x={330 + i * 92} y={140} small>
            {v.label}
          </Label>
          <Label x={330 + i * 92} y={160} small muted>
            label: 7
          </Label>
        </g>
      ))}
    </Diagram>
  );
}
