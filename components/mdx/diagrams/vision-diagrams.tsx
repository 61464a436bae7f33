import { Arrow, Box, Cells, Diagram, Label } from "./diagram";

/** A residual block: two weight layers compute F(x); the identity path adds x back. */
export function ResidualBlockDiagram() {
  return (
    <Diagram
      id="dg-residual"
      width={680}
      height={220}
      title="A residual block"
      description="The input x goes through a weight layer, a ReLU and a second weight layer, giving F(x). A skip connection carries x around those layers unchanged. The two are added, y = F(x) + x, and a ReLU follows."
      caption="The layers only have to learn the change F(x) = y − x. If the best thing to do is nothing, F can go to zero and the block passes x through."
    >
      <Label x={30} y={120} bold>
        x
      </Label>
      <Arrow x1={42} y1={120} x2={92} y2={120} />
      <Box x={94} y={96} w={110} h={48} label={"weight layer"} tone="accent" small />
      <Arrow x1={204} y1={120} x2={240} y2={120} />
      <Box x={242} y={100} w={64} h={40} label={"ReLU"} small />
      <Arrow x1={306} y1={120} x2={342} y2={120} />
      <Box x={344} y={96} w={110} h={48} label={"weight layer"} tone="accent" small />
      <Arrow x1={454} y1={120} x2={504} y2={120} />
      <circle cx={522} cy={120} r={16} className="dg-box dg-green" />
      <Label x={522} y={121} bold>
        +
      </Label>
      <Arrow x1={538} y1={120} x2={574} y2={120} />
      <Box x={576} y={100} w={64} h={40} label={"ReLU"} small />
      <path d="M60 120 C 60 30, 522 30, 522 98" className="dg-skip" />
      <polygon points="522,104 516,92 528,92" className="dg-skip-head" />
      <Label x={290} y={36} small>
        identity (skip connection): x
      </Label>
      <Label x={274} y={176} small muted>
        F(x): the residual the layers learn
      </Label>
      <Label x={560} y={176} small>
        y = F(x) + x
      </Label>
    </Diagram>
  );
}

/** Vision Transformer input: an image cut into patches, flattened and embedded as a sequence. */
export function PatchEmbeddingDiagram() {
  const n = 4;
  const p = 28;
  return (
    <Diagram
      id="dg-patches"
      width={680}
      height={240}
      title="Turning an image into a sequence of patch tokens"
      description="A square image is cut into a four by four grid of sixteen patches. Each patch is flattened and linearly projected into a token vector, a position embedding is added, and a learned class token is put in front. The resulting sequence of seventeen tokens goes into a transformer encoder."
      caption="To a transformer, an image is a sentence whose words are patches. Position embeddings tell it where each patch came from."
    >
      {Array.from({ length: n * n }, (_, i) => (
        <rect
          key={i}
          x={20 + (i % n) * (p + 2)}
          y={50 + Math.floor(i / n) * (p + 2)}
          width={p}
          height={p}
          className={i % 3 === 0 ? "dg-box dg-accent" : i % 3 === 1 ? "dg-box dg-warm" : "dg-box dg-green"}
        />
      ))}
      <Label x={80} y={30} small>
        image, 4 × 4 patches
      </Label>
      <Arrow x1={150} y1={110} x2={190} y2={110} />
      <Label x={420} y={30} small>
        flatten + linear projection + position embedding
      </Label>
      <Box x={196} y={92} w={30} h={36} label={"cls"} tone="muted" small />
      {Array.from({ length: n * n }, (_, i) => (
        <rect
          key={`t${i}`}
          x={230 + i * 27}
          y={92}
          width={24}
          height={36}
          rx={3}
          className={i % 3 === 0 ? "dg-box dg-accent" : i % 3 === 1 ? "dg-box dg-warm" : "dg-box dg-green"}
        />
      ))}
      <Cells
        x={196}
        y={136}
        w={24}
        h={16}
        labels={Array.from({ length: 17 }, (_, i) => String(i))}
        tones={Array.from({ length: 17 }, () => "plain")}
        gap={3}
        small
      />
      <Label x={430} y={166} small muted>
        + position 0…16
      </Label>
      <Arrow x1={420} y1={176} x2={420} y2={190} />
      <Box
        x={196}
        y={192}
        w={458}
        h={36}
        label={"transformer encoder → class from the cls output"}
        tone="accent"
        small
      />
    </Diagram>
  );
}

/** A convolution sees a local window; self-attention connects every patch with every other. */
export function LocalVsGlobalDiagram() {
  const grid = (x0: number, fill: (i: number) => string) =>
    Array.from({ length: 25 }, (_, i) => (
      <rect key={i} x={x0 + (i % 5) * 30} y={40 + Math.floor(i / 5) * 30} width={28} height={28} className={fill(i)} />
    ));
  const local = new Set([6, 7, 8, 11, 12, 13, 16, 17, 18]);
  return (
    <Diagram
      id="dg-local-global"
      width={680}
      height={220}
      title="Receptive field of a convolution versus self-attention"
      description="Left: in a 5 by 5 grid, a 3 by 3 convolution at the centre cell reads only its eight neighbours. Right: with self-attention, the centre patch is connected to all twenty-five patches in a single layer."
      caption="A convolution builds a global view slowly, layer by layer; attention has one in every layer, at a cost that grows with the square of the number of patches."
    >
      <Label x={100} y={22} bold>
        3 × 3 convolution
      </Label>
      {grid(25, (i) => (i === 12 ? "dg-box dg-warm" : local.has(i) ? "dg-box dg-accent" : "dg-box dg-plain"))}
      <Label x={100} y={204} small muted>
        one layer sees 9 cells
      </Label>
      <Label x={480} y={22} bold>
        self-attention
      </Label>
      {grid(405, (i) => (i === 12 ? "dg-box dg-warm" : "dg-box dg-accent"))}
      {Array.from({ length: 25 }, (_, i) =>
        i === 12 ? null : (
          <line
            key={i}
            x1={405 + 2 * 30 + 14}
            y1={40 + 2 * 30 + 14}
            x2={405 + (i % 5) * 30 + 14}
            y2={40 + Math.floor(i / 5) * 30 + 14}
            className="dg-thin"
          />
        ),
      )}
      <Label x={480} y={204} small muted>
        one layer sees all 25 patches
      </Label>
    </Diagram>
  );
}

/** CLIP training: two encoders and an N×N similarity matrix whose diagonal holds the true pairs. */
export function ClipDiagram() {
  const n = 4;
  const c = 38;
  return (
    <Diagram
      id="dg-clip"
      width={680}
      height={290}
      title="Contrastive image-text pretraining"
      description="A batch of four images goes through an image encoder giving vectors I1 to I4; their four captions go through a text encoder giving T1 to T4. All sixteen dot products Ii·Tj form a four by four matrix. The diagonal cells are the true pairs and are pulled up; all other cells are pushed down."
      caption="Every row and every column of the batch matrix is a classification problem whose right answer is on the diagonal."
    >
      <Box x={20} y={40} w={120} h={44} label={"N captions"} small />
      <Arrow x1={140} y1={62} x2={176} y2={62} />
      <Box x={178} y={40} w={110} h={44} label={"text encoder"} tone="warm" small />
      <Box x={20} y={190} w={120} h={44} label={"N images"} small />
      <Arrow x1={140} y1={212} x2={176} y2={212} />
      <Box x={178} y={190} w={110} h={44} label={"image encoder"} tone="accent" small />
      <Arrow x1={288} y1={62} x2={370} y2={62} />
      <Arrow x1={288} y1={212} x2={320} y2={150} />
      {Array.from({ length: n }, (_, j) => (
        <Box key={`t${j}`} x={380 + j * c} y={44} w={c - 4} h={28} label={`T${j + 1}`} tone="warm" small />
      ))}
      {Array.from({ length: n }, (_, i) => (
        <Box key={`i${i}`} x={330} y={84 + i * c} w={44} h={c - 4} label={`I${i + 1}`} tone="accent" small />
      ))}
      {Array.from({ length: n * n }, (_, k) => {
        const i = Math.floor(k / n);
        const j = k % n;
        return (
          <Box
            key={k}
            x={380 + j * c}
            y={84 + i * c}
            w={c - 4}
            h={c - 4}
            label={i === j ? "↑" : "↓"}
            tone={i === j ? "green" : "muted"}
            small
          />
        );
      })}
      <Label x={600} y={110} anchor="start" small>
        diagonal:
      </Label>
      <Label x={600} y={128} anchor="start" small>
        true pairs
      </Label>
      <Label x={600} y={170} anchor="start" small muted>
        elsewhere:
      </Label>
      <Label x={600} y={188} anchor="start" small muted>
        negatives
      </Label>
      <Label x={456} y={254} small muted>
        sᵢⱼ = cos(Iᵢ, Tⱼ) / τ
      </Label>
    </Diagram>
  );
}

/** Zero-shot classification with a contrastively trained model. */
export function ZeroShotDiagram() {
  const classes = ["a photo of a cat", "a photo of a bus", "a photo of a pear"];
  const scores = [0.12, 0.71, 0.17];
  return (
    <Diagram
      id="dg-zero-shot"
      width={680}
      height={220}
      title="Zero-shot classification by comparing against prompts"
      description="Each class name is put into a prompt such as 'a photo of a bus' and encoded by the text encoder. The test image is encoded by the image encoder. Softmax over the scaled cosine similarities gives 0.12 for cat, 0.71 for bus and 0.17 for pear, so the prediction is bus."
      caption="No classifier is trained: the class names, written as sentences, become the classifier's weights. Scores are illustrative."
    >
      {classes.map((t, i) => (
        <g key={t}>
          <Box x={20} y={20 + i * 52} w={160} h={38} label={t} small />
          <Arrow x1={180} y1={39 + i * 52} x2={216} y2={39 + i * 52} />
        </g>
      ))}
      <Box x={218} y={20} w={100} h={142} label={"text\nencoder"} tone="warm" small />
      <Box x={20} y={176} w={160} h={34} label={"test image"} small />
      <Arrow x1={180} y1={193} x2={216} y2={193} />
      <Box x={218} y={176} w={100} h={34} label={"image encoder"} tone="accent" small />
      <Arrow x1={318} y1={90} x2={380} y2={90} />
      <Arrow x1={318} y1={193} x2={380} y2={120} />
      <Box x={382} y={70} w={110} h={60} label={"cosine / τ\n→ softmax"} tone="plain" small />
      {scores.map((s, i) => (
        <g key={i}>
          <Label x={560} y={50 + i * 40} anchor="end" small>
            {["cat", "bus", "pear"][i]}
          </Label>
          <rect
            x={568}
            y={40 + i * 40}
            width={100 * s}
            height={20}
            rx={3}
            className={i === 1 ? "dg-bar" : "dg-bar dg-bar-muted"}
          />
          <Label x={574 + 100 * s} y={50 + i * 40} anchor="start" small muted>
            {s.toFixed(2)}
          </Label>
        </g>
      ))}
      <Arrow x1={492} y1={100} x2={520} y2={100} />
    </Diagram>
  );
}
