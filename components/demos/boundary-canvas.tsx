"use client";
import { useEffect, useRef } from "react";
import type { Points } from "./moons-data";

export const EXTENT = { min: -2, max: 2 };
const COLORS = [
  [217, 72, 15],
  [31, 95, 191],
] as const;

/** Paints a grid of class-1 probabilities as a two-colour field and the training points on top. */
export function BoundaryCanvas({
  grid,
  size,
  points,
  label,
}: {
  grid: number[];
  size: number;
  points: Points;
  label: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    const px = canvas.width;
    const cellPx = px / size;
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const p = grid[r * size + c] ?? 0.5;
        const [a, b] = [COLORS[0], COLORS[1]];
        const mix = (k: number) => Math.round(a[k]! * (1 - p) + b[k]! * p);
        ctx.fillStyle = `rgba(${mix(0)}, ${mix(1)}, ${mix(2)}, ${0.08 + 0.27 * Math.abs(2 * p - 1)})`;
        ctx.fillRect(c * cellPx, r * cellPx, Math.ceil(cellPx), Math.ceil(cellPx));
      }
    }
    const span = EXTENT.max - EXTENT.min;
    points.x.forEach(([x, y], i) => {
      const cx = ((x! - EXTENT.min) / span) * px;
      const cy = (1 - (y! - EXTENT.min) / span) * px;
      const col = COLORS[points.y[i] === 1 ? 1 : 0];
      ctx.beginPath();
      ctx.arc(cx, cy, 4, 0, 2 * Math.PI);
      ctx.fillStyle = `rgb(${col[0]}, ${col[1]}, ${col[2]})`;
      ctx.fill();
      ctx.strokeStyle = "#111";
      ctx.lineWidth = 1.2;
      ctx.stroke();
    });
  }, [grid, size, points]);
  return <canvas ref={ref} width={320} height={320} className="demo-canvas" role="img" aria-label={label} />;
}
