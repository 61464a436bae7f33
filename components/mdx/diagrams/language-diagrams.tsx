import { Arrow, Box, Cells, Diagram, Label, type Tone } from "./diagram";

/** A context and the model's distribution over the next word. */
export function NextWordDiagram() {
  const context = ["the", "kettle", "began", "to"];
  const next = [
    ["whistle", 0.46],
    ["boil", 0.27],
    ["shake", 0.09],
    ["sing", 0.06],
    ["…", 0.12],
  ] as const;
  return (
    <Diagram
      id="dg-next-word"
      width={680}
      height={220}
      title="A language model's next-word distribution"
      description="The context 'the kettle began to' goes into a language model, which returns a probability for every word in its vocabulary: whistle 0.46, boil 0.27, shake 0.09, sing 0.06 and 0.12 spread over everything else."
      caption="A language model outputs a full probability distribution over the vocabulary, not a single word. Numbers are illustrative."
    >
      <Cells x={20} y={90} w={68} h={34} labels={context} small />
      <Arrow x1={310} y1={107} x2={350} y2={107} />
      <Box x={352} y={80} w={100} h={54} label={"language\nmodel"} tone="accent" small />
      <Arrow x1={452} y1={107} x2={482} y2={107} />
      {next.map(([w, p], i) => (
        <g key={w}>
          <Label x={548} y={40 + i * 34} anchor="end" small>
            {w}
          </Label>
          <rect x={556} y={30 + i * 34} width={200 * p} height={20} rx={3} className="dg-bar" />
          <Label x={562 + 200 * p} y={40 + i * 34} anchor="start" small muted>
            {p.toFixed(2)}
          </Label>
        </g>
      ))}
    </Diagram>
  );
}

/** The causal mask of a decoder-only model, and the shift between inputs and targets. */
export function CausalMaskDiagram() {
  const toks = ["<s>", "bees", "make", "honey"];
  const targets = ["bees", "make", "honey", "</s>"];
  const cell = 44;
  return (
    <Diagram
      id="dg-causal-mask"
      width={680}
      height={290}
      title="Causal attention mask and shifted targets"
      description="A four by four grid: row i is a query position and column j a key position. Cells on or below the diagonal are allowed; cells above it are blocked with minus infinity. Beside it, the input tokens start-of-sequence, bees, make, honey are paired with the targets bees, make, honey, end-of-sequence."
      caption="Position t may look at positions 1…t only. Because of that, one forward pass trains all T next-token predictions at once."
    >
      {toks.map((t, j) => (
        <Label key={`c${j}`} x={110 + j * cell + cell / 2} y={26} small>
          {t}
        </Label>
      ))}
      {toks.map((t, i) => (
        <g key={`r${i}`}>
          <Label x={100} y={44 + i * cell + cell / 2} anchor="end" small>
            {t}
          </Label>
          {toks.map((_, j) => (
            <Box
              key={j}
              x={110 + j * cell}
              y={44 + i * cell}
              w={cell - 4}
              h={cell - 4}
              label={j <= i ? "✓" : "−∞"}
              tone={j <= i ? "accent" : "muted"}
              small
            />
          ))}
        </g>
      ))}
      <Label x={196} y={244} small muted>
        keys (what can be looked at)
      </Label>
      <Label x={196} y={262} small muted>
        rows: queries
      </Label>
      <Label x={500} y={30} bold>
        inputs → targets
      </Label>
      {toks.map((t, i) => (
        <g key={`s${i}`}>
          <Box x={400} y={50 + i * 48} w={80} h={34} label={t} small />
          <Arrow x1={482} y1={67 + i * 48} x2={528} y2={67 + i * 48} />
          <Box x={530} y={50 + i * 48} w={80} h={34} label={targets[i]} tone="warm" small />
        </g>
      ))}
    </Diagram>
  );
}

/** An encoder-decoder model in the text-to-text format. */
export function EncoderDecoderDiagram() {
  return (
    <Diagram
      id="dg-encoder-decoder"
      width={680}
      height={260}
      title="An encoder-decoder transformer in text-to-text form"
      description="The input text 'summarize: the meeting moved to Friday because the room was booked' enters the encoder, which produces one vector per input token. The decoder generates the output 'meeting moved to Friday' one token at a time; each decoder layer reads its own earlier outputs through masked self-attention and the encoder's vectors through cross-attention."
      caption="The encoder reads the whole input at once; the decoder writes the output left to right and consults the encoder through cross-attention at every layer."
    >
      <Label x={160} y={20} bold>
        encoder (sees all input)
      </Label>
      <Box x={20} y={200} w={280} h={40} label={"summarize: the meeting moved to Friday …"} small />
      <Arrow x1={160} y1={198} x2={160} y2={162} />
      <Box x={40} y={60} w={240} h={100} label={"self-attention (no mask)\n+ feed-forward\n× N layers"} tone="accent" />
      <Label x={510} y={20} bold>
        decoder (writes left to right)
      </Label>
      <Box x={380} y={200} w={270} h={40} label={"<s> meeting moved to"} small />
      <Arrow x1={515} y1={198} x2={515} y2={162} />
      <Box
        x={400}
        y={60}
        w={230}
        h={100}
        label={"masked self-attention\n+ cross-attention\n+ feed-forward × N"}
        tone="warm"
      />
      <Arrow x1={282} y1={110} x2={398} y2={110} tone="accent" />
      <Label x={340} y={96} small muted>
        cross-attention
      </Label>
      <Label x={340} y={128} small muted>
        K, V from encoder
      </Label>
      <Arrow x1={515} y1={58} x2={515} y2={38} />
      <Label x={590} y={44} small>
        next: “Friday”
      </Label>
    </Diagram>
  );
}

/** Masked language modelling: hidden positions are predicted from both sides. */
export function MaskedLmDiagram() {
  const input = ["[CLS]", "bread", "is", "[MASK]", "in", "an", "oven", "[SEP]"];
  const tones: Tone[] = input.map((t) => (t === "[MASK]" ? "warm" : "plain"));
  const w = 70;
  const x0 = 40;
  const cx = (i: number) => x0 + i * (w + 6) + w / 2;
  return (
    <Diagram
      id="dg-masked-lm"
      width={680}
      height={250}
      title="Masked language modelling"
      description="The sentence 'bread is baked in an oven' with 'baked' replaced by a mask token goes into a bidirectional encoder. The output at the masked position must predict 'baked', using words on its left and on its right. Outputs at other positions are not scored."
      caption="Only the selected positions are scored, and each is predicted from context on both sides."
    >
      <Cells x={x0} y={200} w={w} h={32} labels={input} tones={tones} gap={6} small />
      {input.map((_, i) => (
        <Arrow key={i} x1={cx(i)} y1={198} x2={cx(i)} y2={166} tone="muted" />
      ))}
      <Box
        x={30}
        y={98}
        w={620}
        h={66}
        label={"bidirectional encoder: every position attends to every other"}
        tone="accent"
      />
      <Arrow x1={cx(1)} y1={182} x2={cx(3) - 12} y2={170} tone="accent" />
      <Arrow x1={cx(6)} y1={182} x2={cx(3) + 12} y2={170} tone="accent" />
      <Arrow x1={cx(3)} y1={96} x2={cx(3)} y2={64} />
      <Box x={cx(3) - 60} y={22} w={120} h={40} label={"predict: baked"} tone="green" small />
      <Label x={cx(6)} y={52} small muted>
        other outputs: not in the loss
      </Label>
    </Diagram>
  );
}

/** BERT's input for a sentence pair and the next-sentence head on [CLS]. */
export function SentencePairDiagram() {
  const toks = ["[CLS]", "rain", "fell", "[SEP]", "roads", "got", "wet", "[SEP]"];
  const seg = ["A", "A", "A", "A", "B", "B", "B", "B"];
  const w = 62;
  const x0 = 120;
  return (
    <Diagram
      id="dg-sentence-pair"
      width={680}
      height={280}
      title="Sentence-pair input and next-sentence prediction"
      description="The input is [CLS] rain fell [SEP] roads got wet [SEP]. Each token's embedding is the sum of a token embedding, a segment embedding (A for the first sentence, B for the second) and a position embedding. The encoder's output at [CLS] feeds a two-way classifier: IsNext or NotNext."
      caption="Three embeddings are added per position; the [CLS] output summarises the pair for the IsNext / NotNext decision."
    >
      <Label x={110} y={216} anchor="end" small>
        token
      </Label>
      <Cells x={x0} y={200} w={w} h={30} labels={toks} small gap={6} />
      <Label x={110} y={250} anchor="end" small>
        segment
      </Label>
      <Cells
        x={x0}
        y={236}
        w={w}
        h={26}
        labels={seg}
        tones={seg.map((s) => (s === "A" ? "accent" : "warm"))}
        small
        gap={6}
      />
      <Label x={110} y={180} anchor="end" small>
        position
      </Label>
      <Cells
        x={x0}
        y={166}
        w={w}
        h={26}
        labels={toks.map((_, i) => `P${i}`)}
        tones={toks.map(() => "muted")}
        small
        gap={6}
      />
      <Box
        x={x0}
        y={90}
        w={8 * (w + 6) - 6}
        h={56}
        label={"encoder (all positions see both sentences)"}
        tone="accent"
      />
      <Arrow x1={x0 + w / 2} y1={88} x2={x0 + w / 2} y2={60} />
      <Box x={x0 - 20} y={16} w={170} h={42} label={"IsNext / NotNext"} tone="green" small />
    </Diagram>
  );
}
