"use client";
import { useMemo } from "react";
import { CurveChart } from "./curve-chart";
import { ImageGrid } from "./image-grid";
import { MatrixView } from "./matrix-view";
import type { ArtifactView as Artifact } from "./result-types";

export function ArtifactView({ artifact }: { artifact: Artifact }) {
  const series = useMemo(() => (artifact.kind === "curve" ? artifact.series : []), [artifact]);
  if (artifact.kind === "curve")
    return <CurveChart title={artifact.name} series={series} xLabel={artifact.x_label} yLabel={artifact.y_label} />;
  if (artifact.kind === "image-grid") return <ImageGrid artifact={artifact} />;
  return <MatrixView artifact={artifact} />;
}
