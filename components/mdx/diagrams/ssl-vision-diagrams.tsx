import { Arrow, Box, Diagram, Label } from "./diagram";

/** SimCLR: two augmented views, a shared encoder and projection head, NT-Xent on the projections. */
export function SimclrDiagram() {
  const row = (y: number, view: string, z: string) => (
    <>
      <Box x={150} y={y} w={86} h={40} label={view} tone="warm" small />
      <Arrow x1={236} y1={y + 20} x2={272} y2={y + 20} />
      <Box x={274} y={y} w={100} h={40} label={"encoder f"} tone="accent" small />
      <Arrow x1={374} y1={y + 20} x2={410} y2={y + 20} />
      <Box x={412} y={y} w={96} h={40} label={"projection g"} tone="green" small />
      <Arrow x1={508} y1={y + 20} x2={544} y2={y + 20} />
      <Label x={560} y={y + 21} small>
        {z}
      </Label>
    </>
  );
  return (
    <Diagram
      id="dg-simclr"
      width={680}
      height={250}
      title="SimCLR's two-view pipeline"
      description="One image is augmented twice into two views. Both views pass through the same encoder f, giving representations h, and the same small projection head g, giving vectors z. The NT-Xent loss pulls the two z vectors of one image together and pushes them away from the views of the other images in the batch. After pretraining the projection head is thrown away and h is used."
      caption="Both branches share their weights. The loss sees z; downstream tasks use h, the encoder's output before the projection head."
    >
      <Box x={20} y={100} w={80} h={44} label={"image x"} small />
      <Arrow x1={100} y1={112} x2={148} y2={72} />
      <Arrow x1={100} y1={132} x2={148} y2={172} />
      <Label x={122} y={80} small muted>
        t₁
      </Label>
      <Label x={122} y={172} small muted>
        t₂
      </Label>
      {row(52, "view x̃₁", "z₁")}
      {row(152, "view x̃₂", "z₂")}
      <Box x={588} y={96} w={80} h={52} label={"NT-Xent\n(τ)"} tone="muted" small />
      <Arrow x1={574} y1={73} x2={610} y2={96} />
      <Arrow x1={574} y1={173} x2={610} y2={148} />
      <Label x={324} y={118} small muted>
        h = f(x̃), kept after training
      </Label>
      <Label x={340} y={230} small muted>
        shared weights in both branches; the other 2N − 2 views of the batch are the negatives
      </Label>
    </Diagram>
  );
}

/** MAE: patchify, drop 75%, encode the visible patches, insert mask tokens, decode, loss on masked patches. */
export function MaeDiagram() {
  const g = 4;
  const masked = new Set([0, 2, 3, 4, 5, 7, 8, 9, 11, 12, 14, 15]);
  const cell = 20;
  return (
    <Diagram
      id="dg-mae"
      width={680}
      height={230}
      title="A masked autoencoder"
      description="An image is cut into a four by four grid of sixteen patches. Twelve of them, three quarters, are hidden at random. Only the four visible patches go into the large encoder. Its outputs are put back in their places, the hidden positions are filled with a shared learned mask token, and a small decoder predicts the pixels of every patch. The loss compares prediction and image on the hidden patches only."
      caption="The encoder never sees mask tokens and works on a quarter of the patches; the light decoder does the filling in, and only the hidden patches count in the loss."
    >
      {Array.from({ length: g * g }, (_, i) => (
        <rect
          key={i}
          x={20 + (i % g) * (cell + 2)}
          y={60 + Math.floor(i / g) * (cell + 2)}
          width={cell}
          height={cell}
          className={masked.has(i) ? "dg-box dg-muted" : "dg-box dg-accent"}
        />
      ))}
      <Label x={64} y={40} small>
        16 patches, 12 hidden
      </Label>
      <Arrow x1={112} y1={104} x2={150} y2={104} />
      <Box x={152} y={70} w={60} h={68} label={"4 visible\npatches"} tone="accent" small />
      <Arrow x1={212} y1={104} x2={244} y2={104} />
      <Box x={246} y={62} w={110} h={84} label={"encoder\n(large ViT)"} tone="accent" />
      <Arrow x1={356} y1={104} x2={388} y2={104} />
      <Box x={390} y={70} w={92} h={68} label={"+ 12 mask\ntokens"} tone="muted" small />
      <Arrow x1={482} y1={104} x2={508} y2={104} />
      <Box x={510} y={74} w={74} h={60} label={"decoder\n(small)"} tone="green" small />
      <Arrow x1={584} y1={104} x2={606} y2={104} />
      <Box x={608} y={74} w={62} h={60} label={"pixels of\nall patches"} small />
      <Label x={400} y={190} small muted>
        loss: mean squared error on the 12 hidden patches only
      </Label>
    </Diagram>
  );
}

/** Adaptation recipes: which parts train in a linear probe, full fine-tuning, partial freezing and LP-FT. */
export function AdaptationRecipesDiagram() {
  const recipes: { name: string; blocks: ("frozen" | "train" | "slow")[]; head: string }[] = [
    { name: "linear probe", blocks: ["frozen", "frozen", "frozen", "frozen"], head: "train" },
    { name: "full fine-tuning", blocks: ["train", "train", "train", "train"], head: "train" },
    { name: "partial freezing", blocks: ["frozen", "frozen", "train", "train"], head: "train" },
    { name: "LP-FT, stage 2", blocks: ["slow", "slow", "slow", "slow"], head: "from stage 1" },
  ];
  const tone = { frozen: "muted", train: "accent", slow: "green" } as const;
  return (
    <Diagram
      id="dg-adaptation-recipes"
      width={680}
      height={240}
      title="Which layers train in each way of adapting a backbone"
      description="Four rows, each a backbone of four blocks followed by a head. Linear probe: all four blocks frozen, only the head trains. Full fine-tuning: all blocks and the head train. Partial freezing: the first two blocks are frozen, the last two and the head train. LP-FT: first a linear probe trains the head, then everything trains with a small learning rate, starting from that head."
      caption="Grey blocks are frozen, blue blocks train at the full learning rate, green blocks train with a small one."
    >
      {recipes.map((r, k) => {
        const y = 20 + k * 54;
        return (
          <g key={r.name}>
            <Label x={80} y={y + 21} small>
              {r.name}
            </Label>
            {r.blocks.map((b, i) => (
              <Box
                key={`${r.name}${i}`}
                x={160 + i * 92}
                y={y}
                w={84}
                h={40}
                label={`block ${i + 1}`}
                tone={tone[b]}
                small
              />
            ))}
            <Arrow x1={528} y1={y + 20} x2={552} y2={y + 20} />
            <Box
              x={554}
              y={y}
              w={110}
              h={40}
              label={`head (${r.head === "train" ? "trains" : r.head})`}
              tone={r.head === "train" ? "accent" : "green"}
              small
            />
          </g>
        );
      })}
    </Diagram>
  );
}
