/** The rush bench's figures (issue #20): latency percentiles, the cores a rush needs, each lab's measured costs. */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { LabModel, SimResult } from "./rush-model";
import type { Measurement } from "./rush-measure";

export interface LabFigures {
  submitted: number;
  graded: number;
  superseded: number;
  refused: number;
  p50S: number;
  p95S: number;
  maxS: number;
  /** 95th percentile of each student's first result. */
  firstP95S: number;
  meanCoreS: number;
}

export const r1 = (x: number) => Math.round(x * 10) / 10;

function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function figures(
  labs: Record<
    string,
    {
      latenciesS: number[];
      firstLatenciesS?: number[];
      submitted: number;
      superseded: number;
      refused: number;
      coreS?: number[];
    }
  >,
): Record<string, LabFigures> {
  return Object.fromEntries(
    Object.entries(labs).map(([lab, l]) => [
      lab,
      {
        submitted: l.submitted,
        graded: l.latenciesS.length,
        superseded: l.superseded,
        refused: l.refused,
        p50S: r1(pct(l.latenciesS, 50)),
        p95S: r1(pct(l.latenciesS, 95)),
        maxS: r1(Math.max(0, ...l.latenciesS)),
        firstP95S: r1(pct(l.firstLatenciesS ?? [], 95)),
        meanCoreS: r1(l.coreS?.length ? l.coreS.reduce((a, b) => a + b, 0) / l.coreS.length : NaN),
      },
    ]),
  );
}

/** The smallest core count whose simulated rush returns every result within targetS (binary search). */
export function coresNeeded(
  run: (cores: number) => SimResult,
  targetS: number,
  max = 4096,
): { cores: number; result: SimResult } | null {
  let hi = 1;
  let best: SimResult | null = null;
  for (; hi <= max; hi *= 2) {
    best = run(hi);
    if (best.maxLatencyS <= targetS) break;
  }
  if (hi > max || !best) return null;
  let lo = Math.floor(hi / 2) + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const r = run(mid);
    if (r.maxLatencyS <= targetS) {
      hi = mid;
      best = r;
    } else lo = mid + 1;
  }
  return { cores: hi, result: best.cores === hi ? best : run(hi) };
}

export function labModel(slug: string, m: Measurement, root: string = process.cwd()): LabModel {
  const doc = YAML.parse(
    fs.readFileSync(path.join(root, "content", "assignments", slug, "assignment.yaml"), "utf8"),
  ) as {
    quota: { daily: number; cooldown_seconds?: number };
  };
  const of = (kind: "trains" | "fails") =>
    m.samples.filter((s) => s.lab === slug && s.kind === kind && s.coreS !== null).map((s) => s.coreS!);
  const service = { trains: of("trains"), fails: of("fails") };
  if (!service.trains.length || !service.fails.length)
    throw new Error(
      `no measured grading of ${slug} (${service.trains.length} trained, ${service.fails.length} starter)`,
    );
  return { slug, daily: doc.quota.daily, cooldownS: doc.quota.cooldown_seconds ?? 0, service };
}

/** Per lab: the measured core-seconds of the reference solutions (cold and warm) and of the starter. */
export function labStats(measurement: Measurement, labs: string[], baselineCoreS: number | null) {
  return Object.fromEntries(
    labs.map((lab) => {
      const of = (kind: "trains" | "fails") => measurement.samples.filter((s) => s.lab === lab && s.kind === kind);
      const stat = (xs: number[]) => ({
        n: xs.length,
        mean: r1(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)),
        min: r1(Math.min(...xs)),
        max: r1(Math.max(...xs)),
      });
      const trains = of("trains");
      const fails = of("fails");
      const meanTrain = stat(trains.map((s) => s.coreS ?? NaN)).mean;
      // The first reference grading of the lab on each grader process ("cold": it trains what the process then
      // keeps, such as a seed bank's clean arms) and the later ones ("warm": the cost in a rush).
      const firsts = new Set(
        [...new Set(trains.map((s) => s.grader))].map(
          (g) => trains.filter((s) => s.grader === g).sort((a, b) => a.startedAt - b.startedAt)[0],
        ),
      );
      const cold = stat(trains.filter((s) => firsts.has(s)).map((s) => s.coreS ?? NaN));
      const warm = stat(trains.filter((s) => !firsts.has(s)).map((s) => s.coreS ?? NaN));
      return [
        lab,
        {
          training: measurement.training.includes(lab),
          trainsCoreS: stat(trains.map((s) => s.coreS ?? NaN)),
          trainsWallS: stat(trains.map((s) => s.wallS)),
          trainsColdCoreS: cold,
          trainsWarmCoreS: warm.n ? warm : null,
          coldToWarm: warm.n && warm.mean > 0 ? r1(cold.mean / warm.mean) : null,
          trainsScores: trains.map((s) => `${s.score}/${s.maxScore}${s.errorKind ? ` (${s.errorKind})` : ""}`),
          failsCoreS: stat(fails.map((s) => s.coreS ?? NaN)),
          failsScores: fails.map((s) => `${s.score}/${s.maxScore}${s.errorKind ? ` (${s.errorKind})` : ""}`),
          ratioToBaseline: baselineCoreS ? r1(meanTrain / baselineCoreS) : null,
        },
      ];
    }),
  );
}
