"use client";
import { useId } from "react";

/**
 * An SVG matrix: cell opacity encodes the value between `min` and `max`; each cell prints its value.
 * Cells where `highlight(i, j)` is true get an outline (e.g. the positive pairs on a diagonal).
 */
export function Heatmap(props: {
  title: string;
  values: number[][];
  rowLabels: string[];
  colLabels: string[];
  rowHeader: string;
  colHeader: string;
  min: number;
  max: number;
  digits?: number;
  highlight?: (i: number, j: number) => boolean;
}) {
  const titleId = useId();
  const rows = props.values.length;
  const cols = props.values[0]?.length ?? 0;
  const cell = cols > 10 ? 34 : 44;
  const left = 8 + 7 * Math.max(4, ...props.rowLabels.map((l) => l.length));
  const top = 8 + 6.5 * Math.max(4, ...props.colLabels.map((l) => l.length));
  const W = left + cols * cell + 70;
  const H = top + rows * cell + 8;
  const digits = props.digits ?? 2;
  const span = props.max - props.min || 1;
  return (
    <>
      <svg
        className="demo-heatmap"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={titleId}
        style={{ maxWidth: `${W}px` }}
      >
        <title id={titleId}>{`${props.title}. Rows: ${props.rowHeader}; columns: ${props.colHeader}.`}</title>
        {props.colLabels.map((label, j) => (
          <text
            key={`c${j}`}
            transform={`translate(${left + j * cell + cell / 2 + 4} ${top - 6}) rotate(-55)`}
            className="demo-tick"
          >
            {label}
          </text>
        ))}
        {props.rowLabels.map((label, i) => (
          <text
            key={`r${i}`}
            x={left - 6}
            y={top + i * cell + cell / 2}
            className="demo-tick"
            textAnchor="end"
            dominantBaseline="middle"
          >
            {label}
          </text>
        ))}
        {props.values.map((row, i) =>
          row.map((v, j) => {
            const t = Math.min(1, Math.max(0, (v - props.min) / span));
            const strong = props.highlight?.(i, j) ?? false;
            return (
              <g key={`${i}-${j}`}>
                <rect
                  x={left + j * cell}
                  y={top + i * cell}
                  width={cell - 2}
                  height={cell - 2}
                  rx={3}
                  className="demo-cell-bg"
                />
                <rect
                  x={left + j * cell}
                  y={top + i * cell}
                  width={cell - 2}
                  height={cell - 2}
                  rx={3}
                  fill="var(--accent)"
                  fillOpacity={0.08 + 0.92 * t}
                  stroke={strong ? "var(--fg)" : "none"}
                  strokeWidth={strong ? 2 : 0}
                />
                <text
                  x={left + j * cell + (cell - 2) / 2}
                  y={top + i * cell + (cell - 2) / 2}
                  textAnchor="middle"
                  dominantBaseline="middle"
                  className={t > 0.55 ? "demo-cell-text demo-cell-text-strong" : "demo-cell-text"}
                >
                  {Number.isFinite(v) ? v.toFixed(digits) : "–"}
                </text>
              </g>
            );
          }),
        )}
      </svg>
      <details className="demo-chart-data">
        <summary>Data table: {props.title}</summary>
        <table className="demo-table">
          <thead>
            <tr>
              <th scope="col">{`${props.rowHeader} (rows) / ${props.colHeader} (columns)`}</th>
              {props.colLabels.map((l, j) => (
                <th key={j} scope="col">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.values.map((row, i) => (
              <tr key={i}>
                <th scope="row">{props.rowLabels[i]}</th>
                {row.map((v, j) => (
                  <td key={j}>{Number.isFinite(v) ? v.toFixed(digits) : "–"}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
