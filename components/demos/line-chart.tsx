"use client";
import { useId } from "react";

export interface Series {
  label: string;
  values: number[];
  /** A CSS colour; defaults by position. */
  color?: string;
  dashed?: boolean;
}

const COLORS = ["var(--accent)", "#d9480f", "#2b8a3e", "#862e9c"];

function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const step = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / nice) * nice; v <= max + nice * 1e-9; v += nice) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

function formatTick(v: number, log: boolean): string {
  if (log) return `1e${Math.round(v)}`;
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(0) : String(Number(v.toPrecision(3)));
}

/**
 * A small SVG line chart. With `log`, values are plotted as log10 (non-positive values are dropped).
 * `x` gives the x value of each index (defaults to 1, 2, …).
 */
export function LineChart(props: {
  title: string;
  series: Series[];
  xLabel: string;
  yLabel: string;
  x?: number[];
  log?: boolean;
  height?: number;
  yMin?: number;
  yMax?: number;
}) {
  const titleId = useId();
  const W = 560;
  const H = props.height ?? 260;
  const pad = { l: 56, r: 12, t: 12, b: 40 };
  const toY = (v: number) => (props.log ? (v > 0 ? Math.log10(v) : NaN) : v);
  const n = Math.max(1, ...props.series.map((s) => s.values.length));
  const xs = props.x ?? Array.from({ length: n }, (_, i) => i + 1);
  const all = props.series.flatMap((s) => s.values.map(toY)).filter(Number.isFinite);
  let lo = props.yMin ?? (all.length ? Math.min(...all) : 0);
  let hi = props.yMax ?? (all.length ? Math.max(...all) : 1);
  if (props.log) {
    lo = Math.floor(lo);
    hi = Math.ceil(hi);
  }
  if (hi - lo < 1e-9) hi = lo + 1;
  const x0 = xs[0] ?? 0;
  const x1 = xs[xs.length - 1] ?? 1;
  const sx = (v: number) => pad.l + ((v - x0) / (x1 - x0 || 1)) * (W - pad.l - pad.r);
  const sy = (v: number) => pad.t + (1 - (v - lo) / (hi - lo)) * (H - pad.t - pad.b);
  const yTicks = props.log
    ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i).filter((_, i, a) => a.length <= 8 || i % 2 === 0)
    : niceTicks(lo, hi);
  const xTicks = niceTicks(x0, x1, 6);
  return (
    <figure className="demo-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{props.title}</title>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={pad.l} x2={W - pad.r} y1={sy(t)} y2={sy(t)} className="demo-grid" />
            <text x={pad.l - 6} y={sy(t)} className="demo-tick" textAnchor="end" dominantBaseline="middle">
              {formatTick(t, !!props.log)}
            </text>
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} x={sx(t)} y={H - pad.b + 16} className="demo-tick" textAnchor="middle">
            {formatTick(t, false)}
          </text>
        ))}
        <line x1={pad.l} x2={W - pad.r} y1={H - pad.b} y2={H - pad.b} className="demo-axis" />
        <line x1={pad.l} x2={pad.l} y1={pad.t} y2={H - pad.b} className="demo-axis" />
        <text x={(pad.l + W - pad.r) / 2} y={H - 4} className="demo-axis-label" textAnchor="middle">
          {props.xLabel}
        </text>
        <text
          transform={`translate(14 ${(pad.t + H - pad.b) / 2}) rotate(-90)`}
          className="demo-axis-label"
          textAnchor="middle"
        >
          {props.yLabel}
        </text>
        {props.series.map((s, i) => {
          const pts = s.values
            .map((v, j) => [xs[j] ?? j + 1, toY(v)] as const)
            .filter(([, v]) => Number.isFinite(v))
            .map(([xv, v]) => `${sx(xv).toFixed(1)},${sy(Math.min(hi, Math.max(lo, v))).toFixed(1)}`);
          return (
            <polyline
              key={s.label}
              points={pts.join(" ")}
              fill="none"
              stroke={s.color ?? COLORS[i % COLORS.length]}
              strokeWidth={2}
              strokeDasharray={s.dashed ? "6 4" : undefined}
            />
          );
        })}
      </svg>
      <details className="demo-chart-data">
        <summary>Data table: {props.title}</summary>
        <table className="demo-table">
          <thead>
            <tr>
              <th scope="col">{props.xLabel}</th>
              {props.series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {xs.map((xv, j) => (
              <tr key={j}>
                <th scope="row">{Number(xv.toPrecision(4))}</th>
                {props.series.map((s) => (
                  <td key={s.label}>{Number.isFinite(s.values[j]) ? Number(s.values[j]!.toPrecision(4)) : "—"}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <figcaption className="demo-legend">
        {props.series.map((s, i) => (
          <span key={s.label} className="demo-legend-item">
            <svg width="24" height="10" aria-hidden="true">
              <line
                x1="0"
                x2="24"
                y1="5"
                y2="5"
                stroke={s.color ?? COLORS[i % COLORS.length]}
                strokeWidth={2}
                strokeDasharray={s.dashed ? "6 4" : undefined}
              />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
