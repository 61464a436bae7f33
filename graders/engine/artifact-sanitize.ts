/**
 * Makes the artifacts a check builds from student outputs storable whatever those outputs held: non-finite points
 * are left out of curves (and counted in the series name), non-finite matrix cells become 0, long series are
 * thinned to the schema's limits and long strings clipped. A check's score() can then draw NaN losses or a
 * runaway training curve without turning a graded zero into a platform error.
 */
import type { Artifact } from "./artifacts";

const MAX_POINTS = 10_000;
const MAX_NAME = 200;
const MAX_LABEL = 100;

const clip = (text: unknown, max: number): string => {
  const s = typeof text === "string" ? text : String(text);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

function finite(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

/** Every k-th index so that at most MAX_POINTS remain, always keeping the last. */
function thin<T>(items: T[]): T[] {
  if (items.length <= MAX_POINTS) return items;
  const step = Math.ceil(items.length / MAX_POINTS);
  const out = items.filter((_, i) => i % step === 0);
  if ((items.length - 1) % step !== 0) out[out.length - 1] = items[items.length - 1]!;
  return out;
}

function curve(a: Extract<Artifact, { kind: "curve" }>): Artifact {
  const series = (Array.isArray(a.series) ? a.series : []).slice(0, 20).map((s) => {
    const xs = Array.isArray(s?.x) ? s.x : [];
    const ys = Array.isArray(s?.y) ? s.y : [];
    const n = Math.min(xs.length, ys.length);
    const points: Array<[number, number]> = [];
    let dropped = 0;
    for (let i = 0; i < n; i++) {
      if (finite(xs[i]) && finite(ys[i])) points.push([xs[i]!, ys[i]!]);
      else dropped++;
    }
    const kept = thin(points);
    const name = dropped ? `${clip(s?.name ?? "series", MAX_NAME - 40)} (${dropped} non-finite points not drawn)` : clip(s?.name ?? "series", MAX_NAME);
    return { name: name || "series", x: kept.map((p) => p[0]), y: kept.map((p) => p[1]) };
  });
  return {
    ...a,
    name: clip(a.name, MAX_NAME) || "curve",
    ...(a.x_label === undefined ? {} : { x_label: clip(a.x_label, MAX_LABEL) }),
    ...(a.y_label === undefined ? {} : { y_label: clip(a.y_label, MAX_LABEL) }),
    series: series.length ? series : [{ name: "no data", x: [], y: [] }],
  };
}

function matrix(a: Extract<Artifact, { kind: "matrix" }>): Artifact {
  let replaced = 0;
  const values = (Array.isArray(a.values) ? a.values : []).slice(0, 100).map((row) =>
    (Array.isArray(row) ? row : []).slice(0, 100).map((v) => {
      if (finite(v)) return v;
      replaced++;
      return 0;
    }),
  );
  const name = replaced ? `${clip(a.name, MAX_NAME - 40)} (${replaced} non-finite cells shown as 0)` : clip(a.name, MAX_NAME);
  return {
    ...a,
    name: name || "matrix",
    values,
    ...(a.rows === undefined ? {} : { rows: a.rows.slice(0, 100).map((r) => clip(r, MAX_LABEL)) }),
    ...(a.columns === undefined ? {} : { columns: a.columns.slice(0, 100).map((c) => clip(c, MAX_LABEL)) }),
  };
}

export function sanitizeArtifact(a: Artifact): Artifact {
  if (a?.kind === "curve") return curve(a);
  if (a?.kind === "matrix") return matrix(a);
  if (a?.kind === "image-grid") {
    return { ...a, name: clip(a.name, MAX_NAME) || "images", images: (Array.isArray(a.images) ? a.images : []).slice(0, 256).map((img) => (img.caption === undefined ? img : { ...img, caption: clip(img.caption, MAX_NAME) })) };
  }
  return a;
}
