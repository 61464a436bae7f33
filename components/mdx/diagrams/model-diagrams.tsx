import { Arrow, Box, Cells, Diagram, Label } from "./diagram";

/** Pretraining a backbone on unlabelled data, then reusing it with a small task head. */
export function BackboneHeadDiagram() {
  return (
    <Diagram
      id="dg-backbone-head"
      width={680}
      height={270}
      title="Pretraining and fine-tuning with a backbone and a head"
      description="Stage one: a large unlabelled dataset trains a backbone with a pretext head. Stage two: the pretext head is thrown away, the backbone's weights are copied, and a small new task head is trained on a small labelled dataset, with the backbone frozen or updated slowly."
      caption="The backbone is trained once on a lot of unlabelled data; each new task only adds a small head and a small labelled set."
    >
      <Label x={20} y={20} anchor="start" bold>
        1 · pretraining
      </Label>
      <Box x={20} y={40} w={150} h={60} label={"huge unlabelled\ndataset"} tone="muted" />
      <Arrow x1={170} y1={70} x2={215} y2={70} />
      <Box x={217} y={32} w={200} h={76} label={"backbone\n(most of the parameters)"} tone="accent" />
      <Arrow x1={417} y1={70} x2={460} y2={70} />
      <Box x={462} y={45} w={120} h={50} label={"pretext head"} tone="plain" small />
      <Label x={620} y={70} small muted>
        self-made
      </Label>
      <Label x={620} y={86} small muted>
        targets
      </Label>
      <Arrow x1={317} y1={110} x2={317} y2={160} dashed tone="accent" />
      <Label x={327} y={135} anchor="start" small muted>
        copy the weights
      </Label>
      <Label x={20} y={150} anchor="start" bold>
        2 · fine-tuning
      </Label>
      <Box x={20} y={170} w={150} h={60} label={"small labelled\ndataset"} tone="green" />
      <Arrow x1={170} y1={200} x2={215} y2={200} />
      <Box x={217} y={162} w={200} h={76} label={"backbone\n(frozen, or slow updates)"} tone="accent" />
      <Arrow x1={417} y1={200} x2={460} y2={200} />
      <Box x={462} y={175} w={120} h={50} label={"task head\n(new, small)"} tone="warm" small />
      <Arrow x1={582} y1={200} x2={620} y2={200} />
      <Label x={650} y={200}>
        label
      </Label>
    </Diagram>
  );
}

/** An encoder maps inputs to points where similar inputs land close together. */
export function FeatureSpaceDiagram() {
  const cluster = (cx: number, cy: number, seed: number) =>
    Array.from({ length: 7 }, (_, i) => {
      const a = seed + i * 2.4;
      const r = 8 + ((i * 37) % 17);
      return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as const;
    });
  return (
    <Diagram
      id="dg-feature-space"
      width={680}
      height={260}
      title="Inputs mapped to a feature space"
      description="Raw inputs of three kinds, shown as small grids of numbers, pass through an encoder and become points in a two-dimensional feature space. Points of the same kind form clusters; the angle between two vectors measures how similar they are."
      caption="A good representation turns 'these inputs mean similar things' into 'these vectors are close'."
    >
      <Label x={80} y={20} bold>
        raw inputs
      </Label>
      {["photo of a cat", "photo of a dog", "photo of a car"].map((t, i) => (
        <g key={t}>
          <Cells
            x={20}
            y={40 + i * 70}
            w={14}
            labels={["", "", "", "", "", "", ""]}
            tones={
              i === 0
                ? ["accent", "plain", "accent", "plain", "accent", "plain", "accent"]
                : i === 1
                  ? ["plain", "accent", "accent", "plain", "plain", "accent", "accent"]
                  : ["warm", "warm", "plain", "plain", "warm", "plain", "warm"]
            }
            gap={2}
          />
          <Label x={20} y={68 + i * 70} anchor="start" small muted>
            {t}
          </Label>
        </g>
      ))}
      <Arrow x1={140} y1={120} x2={200} y2={120} />
      <Box x={202} y={90} w={100} h={60} label={"encoder"} tone="accent" />
      <Arrow x1={302} y1={120} x2={360} y2={120} />
      <rect x={362} y={20} width={300} height={220} rx={6} className="dg-box dg-plain" />
      <Label x={512} y={36} small muted>
        feature space (2 of many dimensions)
      </Label>
      {cluster(440, 90, 0).map(([x, y], i) => (
        <circle key={`a${i}`} cx={x} cy={y} r={5} className="dg-dot-accent" />
      ))}
      {cluster(500, 120, 1).map(([x, y], i) => (
        <circle key={`b${i}`} cx={x} cy={y} r={5} className="dg-dot-green" />
      ))}
      {cluster(600, 200, 2).map(([x, y], i) => (
        <circle key={`c${i}`} cx={x} cy={y} r={5} className="dg-dot-warm" />
      ))}
      <Label x={420} y={60} small>
        cats
      </Label>
      <Label x={530} y={92} small>
        dogs
      </Label>
      <Label x={610} y={170} small>
        cars
      </Label>
      <Arrow x1={390} y1={225} x2={436} y2={96} tone="muted" />
      <Arrow x1={390} y1={225} x2={596} y2={202} tone="muted" />
      <Label x={420} y={200} small muted>
        θ
      </Label>
    </Diagram>
  );
}

/** An encoder: many input numbers in, a compact representation out (pooled or one vector per token). */
export function EncoderDiagram() {
  const tokens = ["the", "dog", "ran", "home"];
  return (
    <Diagram
      id="dg-encoder"
      width={680}
      height={250}
      title="An encoder"
      description="Four input tokens enter a stack of encoder layers. Out come four contextual vectors, one per token, and they can be pooled into a single vector that summarises the whole input."
      caption="An encoder turns an input into vectors: one per position (contextual embeddings) or one for the whole input (pooled)."
    >
      <Cells x={40} y={190} w={70} h={30} labels={tokens} tones={["plain", "plain", "plain", "plain"]} small />
      {tokens.map((_, i) => (
        <Arrow key={`i${i}`} x1={75 + i * 74} y1={188} x2={75 + i * 74} y2={162} />
      ))}
      <Box x={30} y={90} w={310} h={70} label={"encoder layers\n(every position can use every other)"} tone="accent" />
      {tokens.map((t, i) => (
        <g key={`o${i}`}>
          <Arrow x1={75 + i * 74} y1={90} x2={75 + i * 74} y2={64} />
          <Cells
            x={52 + i * 74}
            y={40}
            w={10}
            h={22}
            labels={["", "", "", ""]}
            tones={["warm", "warm", "warm", "warm"]}
            gap={2}
          />
          <Label x={75 + i * 74} y={28} small muted>{`h(${t})`}</Label>
        </g>
      ))}
      <Arrow x1={345} y1={52} x2={440} y2={52} />
      <Label x={392} y={40} small muted>
        pool (mean or [CLS])
      </Label>
      <Cells
        x={452}
        y={40}
        w={14}
        h={26}
        labels={["", "", "", ""]}
        tones={["green", "green", "green", "green"]}
        gap={3}
      />
      <Label x={486} y={84} small>
        one vector for
      </Label>
      <Label x={486} y={100} small>
        the whole input
      </Label>
    </Diagram>
  );
}

/** An autoencoder: encoder to a bottleneck code, decoder back to a reconstruction. */
export function AutoencoderDiagram() {
  return (
    <Diagram
      id="dg-autoencoder"
      width={680}
      height={220}
      title="An autoencoder"
      description="An input x goes through an encoder that narrows to a small code z, then through a decoder that widens back to a reconstruction x-hat. The loss compares x-hat with x."
      caption="The decoder turns the code back into data; the reconstruction loss is what forces the code to keep the information that matters."
    >
      <Label x={60} y={24} bold>
        x
      </Label>
      <rect x={20} y={40} width={80} height={120} rx={4} className="dg-box dg-accent" />
      <Arrow x1={100} y1={100} x2={140} y2={100} />
      <polygon points="142,30 282,70 282,130 142,170" className="dg-box dg-plain" />
      <Label x={210} y={100}>
        encoder
      </Label>
      <Arrow x1={282} y1={100} x2={312} y2={100} />
      <rect x={314} y={78} width={48} height={44} rx={4} className="dg-box dg-green" />
      <Label x={338} y={100} bold>
        z
      </Label>
      <Label x={338} y={142} small muted>
        bottleneck
      </Label>
      <Arrow x1={362} y1={100} x2={392} y2={100} />
      <polygon points="394,70 534,30 534,170 394,130" className="dg-box dg-plain" />
      <Label x={466} y={100}>
        decoder
      </Label>
      <Arrow x1={534} y1={100} x2={570} y2={100} />
      <rect x={572} y={40} width={80} height={120} rx={4} className="dg-box dg-warm" />
      <Label x={612} y={24} bold>
        x̂
      </Label>
      <Label x={340} y={200} small muted>
        loss = ‖x − x̂‖² (or cross-entropy for discrete data)
      </Label>
    </Diagram>
  );
}
