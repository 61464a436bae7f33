/**
 * Building blocks for the lesson diagrams: an accessible SVG frame (role="img", <title> and <desc>) and a few
 * shapes. Colours come from CSS classes (see components/mdx/mdx.css) so diagrams follow light and dark themes.
 */
import type { ReactNode } from "react";

export function Diagram(props: {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  caption?: string;
  children: ReactNode;
}) {
  return (
    <figure className="mdx-figure mdx-diagram">
      <svg
        className="dg"
        viewBox={`0 0 ${props.width} ${props.height}`}
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{props.description}</desc>
        {props.children}
      </svg>
      {props.caption ? <figcaption>{props.caption}</figcaption> : null}
    </figure>
  );
}

export type Tone = "plain" | "accent" | "warm" | "green" | "muted";

/** A rounded box with one or more centred lines of text ("\n" separates lines). */
export function Box(props: {
  x: number;
  y: number;
  w: number;
  h: number;
  label?: string;
  tone?: Tone;
  small?: boolean;
  dashed?: boolean;
}) {
  const lines = props.label ? props.label.split("\n") : [];
  const lh = props.small ? 14 : 17;
  const top = props.y + props.h / 2 - ((lines.length - 1) * lh) / 2;
  return (
    <g>
      <rect
        x={props.x}
        y={props.y}
        width={props.w}
        height={props.h}
        rx={6}
        className={`dg-box dg-${props.tone ?? "plain"}`}
        strokeDasharray={props.dashed ? "5 4" : undefined}
      />
      {lines.map((line, i) => (
        <text
          key={i}
          x={props.x + props.w / 2}
          y={top + i * lh}
          textAnchor="middle"
          dominantBaseline="middle"
          className={props.small ? "dg-text dg-small" : "dg-text"}
        >
          {line}
        </text>
      ))}
    </g>
  );
}

/** A straight arrow from (x1, y1) to (x2, y2) with a filled head. */
export function Arrow(props: {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  dashed?: boolean;
  tone?: "accent" | "muted";
}) {
  const angle = Math.atan2(props.y2 - props.y1, props.x2 - props.x1);
  const head = 9;
  const p = (a: number) => `${props.x2 - head * Math.cos(angle + a)},${props.y2 - head * Math.sin(angle + a)}`;
  const cls = `dg-arrow${props.tone ? ` dg-arrow-${props.tone}` : ""}`;
  return (
    <g className={cls}>
      <line
        x1={props.x1}
        y1={props.y1}
        x2={props.x2 - 6 * Math.cos(angle)}
        y2={props.y2 - 6 * Math.sin(angle)}
        strokeDasharray={props.dashed ? "5 4" : undefined}
      />
      <polygon points={`${props.x2},${props.y2} ${p(0.45)} ${p(-0.45)}`} />
    </g>
  );
}

/** A line of text; `anchor` as in SVG. */
export function Label(props: {
  x: number;
  y: number;
  children: ReactNode;
  anchor?: "start" | "middle" | "end";
  small?: boolean;
  muted?: boolean;
  bold?: boolean;
}) {
  const cls = ["dg-text", props.small ? "dg-small" : "", props.muted ? "dg-muted" : "", props.bold ? "dg-bold" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <text x={props.x} y={props.y} textAnchor={props.anchor ?? "middle"} dominantBaseline="middle" className={cls}>
      {props.children}
    </text>
  );
}

/** A row of equal cells with optional labels, e.g. a token sequence or a vector. */
export function Cells(props: {
  x: number;
  y: number;
  w: number;
  h?: number;
  labels: string[];
  tones?: Tone[];
  gap?: number;
  small?: boolean;
}) {
  const gap = props.gap ?? 4;
  const h = props.h ?? props.w;
  return (
    <g>
      {props.labels.map((label, i) => (
        <Box
          key={i}
          x={props.x + i * (props.w + gap)}
          y={props.y}
          w={props.w}
          h={h}
          label={label}
          tone={props.tones?.[i] ?? "plain"}
          small={props.small ?? true}
        />
      ))}
    </g>
  );
}
