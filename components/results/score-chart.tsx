"use client";
/** Score over time for one assignment's submissions (uPlot, time axis). */
import { useMemo } from "react";
import { CurveChart, type CurveSeries } from "./curve-chart";

export interface ScorePoint {
  createdAt: string;
  score: number | null;
  finalScore: number | null;
}

export function ScoreChart({ points, maxScore }: { points: ScorePoint[]; maxScore: number }) {
  const graded = useMemo(
    () => points.filter((p) => p.finalScore !== null).sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)),
    [points],
  );
  const series = useMemo<CurveSeries[]>(() => {
    const x = graded.map((p) => Date.parse(p.createdAt) / 1000);
    const out: CurveSeries[] = [{ name: "score", x, y: graded.map((p) => p.finalScore) }];
    if (graded.some((p) => p.score !== p.finalScore))
      out.push({ name: "before late penalty", x, y: graded.map((p) => p.score) });
    return out;
  }, [graded]);
  const range = useMemo<[number, number]>(() => [0, maxScore], [maxScore]);
  if (graded.length === 0) return <p className="muted">No graded submission yet.</p>;
  return <CurveChart title="Score over time" series={series} time yLabel="points" yRange={range} points height={220} />;
}
