"use client";
/** Line charts with uPlot: learning curves, score over time. Series with different x values share one x axis. */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useColorScheme } from "../site/use-color-scheme";

export interface CurveSeries {
  name: string;
  x: number[];
  y: (number | null)[];
}

export const PALETTE = ["#1f5fbf", "#d9480f", "#2b8a3e", "#862e9c", "#c2255c", "#0b7285", "#5c940d", "#e67700"];

/** Merges series onto the sorted union of their x values (null where a series has no point). */
export function alignSeries(series: CurveSeries[]): uPlot.AlignedData {
  const xs = [...new Set(series.flatMap((s) => s.x))].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const column: (number | null)[] = new Array(xs.length).fill(null);
    s.x.forEach((x, i) => {
      const y = s.y[i];
      column[index.get(x)!] = typeof y === "number" && Number.isFinite(y) ? y : null;
    });
    return column;
  });
  return [xs, ...ys] as uPlot.AlignedData;
}

export function CurveChart(props: {
  title: string;
  series: CurveSeries[];
  xLabel?: string;
  yLabel?: string;
  /** Treat x as Unix seconds and label it as dates. */
  time?: boolean;
  height?: number;
  yRange?: [number, number];
  points?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const { title, series, xLabel, yLabel, time, height = 240, yRange, points } = props;
  const dark = useColorScheme() === "dark";
  useEffect(() => {
    const el = host.current;
    if (!el || series.length === 0) return;
    const axisColor = dark ? "#9aa4b0" : "#5b6470";
    const gridColor = dark ? "#2c333b" : "#e5e8ec";
    const axis = (label?: string): uPlot.Axis => ({
      label,
      stroke: axisColor,
      grid: { stroke: gridColor, width: 1 },
      ticks: { stroke: gridColor, width: 1 },
    });
    const width = Math.max(240, el.clientWidth || 480);
    const chart = new uPlot(
      {
        width,
        height,
        scales: { x: { time: !!time }, y: yRange ? { range: yRange } : {} },
        axes: [axis(xLabel), axis(yLabel)],
        legend: { show: true },
        series: [
          { label: xLabel ?? "x" },
          ...series.map((s, i) => ({
            label: s.name,
            stroke: PALETTE[i % PALETTE.length],
            width: 2,
            spanGaps: true,
            points: { show: points ?? s.x.length <= 40 },
          })),
        ],
      },
      alignSeries(series),
      el,
    );
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(240, el.clientWidth), height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [series, xLabel, yLabel, time, height, yRange, points, dark]);
  return (
    <figure className="result-figure" data-artifact="curve">
      <figcaption>{title}</figcaption>
      <div
        ref={host}
        className="curve-chart"
        role="img"
        aria-label={`${title}: ${series.map((s) => s.name).join(", ")}; the values are in the data table below`}
      />
      <CurveTable title={title} series={series} xLabel={xLabel} time={time} />
    </figure>
  );
}

const cell = (v: number | null | undefined) =>
  typeof v === "number" && Number.isFinite(v) ? String(Number(v.toPrecision(4))) : "—";

/** The chart's numbers as a table (WCAG 1.1.1: a text alternative that carries the same information). */
function CurveTable({
  title,
  series,
  xLabel,
  time,
}: {
  title: string;
  series: CurveSeries[];
  xLabel?: string;
  time?: boolean;
}) {
  const [xs, ...ys] = alignSeries(series) as unknown as [number[], ...(number | null)[][]];
  return (
    <details className="chart-data">
      <summary>Data table: {title}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{time ? "time (UTC)" : (xLabel ?? "x")}</th>
            {series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {xs.map((x, i) => (
            <tr key={i}>
              <th scope="row">{time ? new Date(x * 1000).toISOString().slice(0, 19).replace("T", " ") : cell(x)}</th>
              {ys.map((col, j) => (
                <td key={j}>{cell(col[i])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
