import { Arrow, Box, Cells, Diagram, Label } from "./diagram";

/** Tensors of rank 0 to 3 with their shapes. */
export function TensorShapesDiagram() {
  const grid = (x: number, y: number, rows: number, cols: number, tone: "plain" | "accent" = "plain") =>
    Array.from({ length: rows }, (_, r) => (
      <Cells
        key={r}
        x={x}
        y={y + r * 26}
        w={22}
        labels={Array.from({ length: cols }, () => "")}
        tones={Array.from({ length: cols }, () => tone)}
      />
    ));
  return (
    <Diagram
      id="dg-tensor-shapes"
      width={680}
      height={200}
      title="Tensors of rank 0, 1, 2 and 3"
      description="A single number has shape []; four numbers in a row have shape [4]; a 3 by 4 grid has shape [3, 4]; two such grids stacked have shape [2, 3, 4]."
      caption="A tensor's rank is how many indices you need to pick one number; its shape lists how far each index runs."
    >
      <Box x={30} y={70} w={26} h={26} label="7" tone="accent" small />
      <Label x={43} y={150}>
        rank 0
      </Label>
      <Label x={43} y={170} small muted>
        shape []
      </Label>
      <Cells x={110} y={70} w={22} labels={["1", "0", "4", "2"]} tones={["accent", "accent", "accent", "accent"]} />
      <Label x={161} y={150}>
        rank 1
      </Label>
      <Label x={161} y={170} small muted>
        shape [4]
      </Label>
      {grid(270, 44, 3, 4, "accent")}
      <Label x={321} y={150}>
        rank 2
      </Label>
      <Label x={321} y={170} small muted>
        shape [3, 4]
      </Label>
      {grid(470, 30, 3, 4)}
      {grid(452, 50, 3, 4, "accent")}
      <Label x={520} y={150}>
        rank 3
      </Label>
      <Label x={520} y={170} small muted>
        shape [2, 3, 4]
      </Label>
    </Diagram>
  );
}

function Car({ x, y }: { x: number; y: number }) {
  return (
    <g>
      <path
        d={`M${x + 8} ${y + 40} L${x + 20} ${y + 18} L${x + 70} ${y + 14} L${x + 88} ${y + 30} L${x + 112} ${y + 34} L${x + 112} ${y + 50} L${x + 8} ${y + 50} Z`}
        className="dg-shape"
      />
      <circle cx={x + 32} cy={y + 52} r={10} className="dg-shape-dark" />
      <circle cx={x + 92} cy={y + 52} r={10} className="dg-shape-dark" />
    </g>
  );
}

/** The same image annotated four ways, with rough costs per image or object. */
export function AnnotationCostDiagram() {
  const panels = [
    { title: "image label", cost: "≈ 1 s per image" },
    { title: "bounding box", cost: "≈ 10–40 s per object" },
    { title: "polygon outline", cost: "≈ 1 min per object" },
    { title: "pixel mask", cost: "up to ≈ 1.5 h per image" },
  ];
  return (
    <Diagram
      id="dg-annotation-cost"
      width={680}
      height={230}
      title="Four kinds of image annotation and their cost"
      description="One picture of a car annotated as a class label, a bounding box, a polygon and a per-pixel mask. The time a person needs grows from about a second to over an hour per image as the annotation gets finer."
      caption="Finer annotation teaches more per image but costs far more human time. Times are rough orders of magnitude reported for large public datasets."
    >
      {panels.map((p, i) => {
        const x = 10 + i * 168;
        return (
          <g key={p.title}>
            <rect
              x={x}
              y={20}
              width={156}
              height={120}
              rx={6}
              className={i === 3 ? "dg-box dg-muted" : "dg-box dg-plain"}
            />
            <Car x={x + 18} y={44} />
            {i === 0 ? <Box x={x + 96} y={26} w={52} h={22} label="car" tone="accent" small /> : null}
            {i === 1 ? (
              <rect x={x + 22} y={52} width={118} height={56} className="dg-outline" strokeDasharray="5 3" />
            ) : null}
            {i === 2 ? (
              <polygon
                points={`${x + 24},84 ${x + 38},60 ${x + 88},56 ${x + 108},72 ${x + 132},76 ${x + 132},104 ${x + 24},104`}
                className="dg-outline"
              />
            ) : null}
            {i === 3 ? (
              <path
                d={`M${x + 26} ${84} L${x + 38} ${62} L${x + 88} ${58} L${x + 106} ${74} L${x + 130} ${78} L${x + 130} ${106} L${x + 26} ${106} Z`}
                className="dg-mask"
              />
            ) : null}
            <Label x={x + 78} y={162} bold>
              {p.title}
            </Label>
            <Label x={x + 78} y={184} small muted>
              {p.cost}
            </Label>
          </g>
        );
      })}
      <Arrow x1={40} y1={212} x2={640} y2={212} tone="muted" />
      <Label x={340} y={224} small muted>
        more detail, more human time
      </Label>
    </Diagram>
  );
}

/** A pretext task: hide part of the data, predict it, and the data supplies the target. */
const tone = (i: number) => ["dg-accent", "dg-green", "dg-warm"][(i * 7) % 3];

export function PretextDiagram() {
  const patches = Array.from({ length: 9 }, (_, i) => i);
  const hidden = new Set([2, 4, 6]);
  return (
    <Diagram
      id="dg-pretext"
      width={680}
      height={230}
      title="How a pretext task makes its own labels"
      description="An unlabelled image is cut into nine patches. Three are hidden and the rest go into a model, which predicts the hidden patches. The hidden patches themselves are the targets, so no person has to label anything."
      caption="The data is split into a visible part (the input) and a hidden part (the target). Nothing outside the data is needed."
    >
      <Label x={80} y={20} bold>
        unlabelled image
      </Label>
      {patches.map((i) => (
        <rect
          key={i}
          x={35 + (i % 3) * 31}
          y={40 + Math.floor(i / 3) * 31}
          width={29}
          height={29}
          className={`dg-box ${tone(i)}`}
        />
      ))}
      <Arrow x1={140} y1={86} x2={185} y2={86} />
      <Label x={250} y={20} bold>
        visible part
      </Label>
      {patches.map((i) => (
        <rect
          key={i}
          x={205 + (i % 3) * 31}
          y={40 + Math.floor(i / 3) * 31}
          width={29}
          height={29}
          className={hidden.has(i) ? "dg-box dg-muted" : `dg-box ${tone(i)}`}
          strokeDasharray={hidden.has(i) ? "4 3" : undefined}
        />
      ))}
      <Arrow x1={310} y1={86} x2={350} y2={86} />
      <Box x={352} y={58} w={100} h={56} label={"model"} tone="plain" />
      <Arrow x1={452} y1={86} x2={492} y2={86} />
      <Label x={560} y={20} bold>
        prediction
      </Label>
      {[...hidden].map((i, k) => (
        <rect
          key={i}
          x={500 + k * 40}
          y={71}
          width={29}
          height={29}
          className={`dg-box ${tone(i)}`}
          strokeDasharray="4 2"
        />
      ))}
      <Box x={480} y={150} w={170} h={44} label={"loss(prediction, hidden)"} tone="green" small />
      <Arrow x1={565} y1={104} x2={565} y2={148} />
      <Arrow x1={266} y1={136} x2={478} y2={172} dashed tone="accent" />
      <Label x={300} y={196} small muted>
        the hidden patches are the target
      </Label>
    </Diagram>
  );
}
