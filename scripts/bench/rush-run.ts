/**
 * One rush bench run (issue #20): measure real gradings of each lab (rush-measure.ts), simulate the deadline rush
 * with those service times for the fair queue and for first come, first served (rush-model.ts), find the grader
 * cores each needs so that every result is back within `targetS` of its submission, and check the simulation
 * against a time-compressed replay through the real queue code (rush-replay.ts).
 */
import os from "node:os";
import YAML from "yaml";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_BEHAVIOUR, simulate, type Behaviour, type LabModel, type SimResult } from "./rush-model";
import { measureLabs, type Measurement } from "./rush-measure";
import { replayRush, type ReplayResult } from "./rush-replay";

export interface RushOptions {
  adminUrl: string;
  students: number;
  labs: string[];
  windowS: number;
  graders: number;
  samples: number;
  /** A light assignment graded once in the same measurement: every cost is also given as a ratio to it. */
  baseline: string;
  targetS: number;
  seed: number;
  /** 0: no replay. */
  compress: number;
  measureTimeoutS: number;
  /** Reuse the measurement of an earlier run (its --json report) instead of grading again. */
  measured?: Measurement;
  behaviour?: Behaviour;
  log(m: string): void;
}

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

const r1 = (x: number) => Math.round(x * 10) / 10;

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

function labModel(slug: string, m: Measurement): LabModel {
  const doc = YAML.parse(fs.readFileSync(path.join("content", "assignments", slug, "assignment.yaml"), "utf8")) as {
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

export async function runRush(opts: RushOptions) {
  const behaviour = opts.behaviour ?? DEFAULT_BEHAVIOUR;
  const t0 = Date.now();
  const measurement =
    opts.measured ??
    (await measureLabs({
      adminUrl: opts.adminUrl,
      labs: [opts.baseline, ...opts.labs],
      samples: opts.samples,
      graders: opts.graders,
      timeoutS: opts.measureTimeoutS,
      log: opts.log,
    }));
  const baseline = measurement.samples.find((s) => s.lab === opts.baseline && s.kind === "trains");
  const models = opts.labs.map((slug) => labModel(slug, measurement));
  const sim = (cores: number, fair: boolean) =>
    simulate({
      students: opts.students,
      labs: models,
      windowS: opts.windowS,
      cores,
      fair,
      training: measurement.training,
      seed: opts.seed,
      behaviour,
    });
  opts.log(`[rush] simulating ${opts.students} students × ${opts.labs.length} labs over ${opts.windowS} s`);
  const needFair = coresNeeded((c) => sim(c, true), opts.targetS);
  const needFifo = coresNeeded((c) => sim(c, false), opts.targetS);
  const atGraders = { fair: sim(opts.graders, true), fifo: sim(opts.graders, false) };
  // Both policies at the core count the fair queue needs, for a like-for-like comparison.
  const sameCores = needFair?.cores ?? opts.graders;
  const atSame = { fair: sim(sameCores, true), fifo: sim(sameCores, false) };
  let replay: { result: ReplayResult; simulated: Record<string, LabFigures>; simulatedMaxS: number } | null = null;
  if (opts.compress > 0 && needFair) {
    const arrivals = needFair.result.arrivals;
    opts.log(
      `[rush] replaying ${arrivals.length} submissions through the real queue on ${needFair.cores} slots, time ÷ ${opts.compress}`,
    );
    const result = await replayRush({
      adminUrl: opts.adminUrl,
      labs: opts.labs,
      training: measurement.training,
      arrivals,
      students: opts.students,
      windowS: opts.windowS,
      cores: needFair.cores,
      compress: opts.compress,
      log: opts.log,
    });
    const open = simulate({
      students: opts.students,
      labs: models,
      windowS: opts.windowS,
      cores: needFair.cores,
      fair: true,
      training: measurement.training,
      seed: opts.seed,
      script: arrivals,
    });
    replay = { result, simulated: figures(open.labs), simulatedMaxS: r1(open.maxLatencyS) };
  }
  const perLab = Object.fromEntries(
    opts.labs.map((lab) => {
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
          ratioToBaseline: baseline?.coreS ? r1(meanTrain / baseline.coreS) : null,
        },
      ];
    }),
  );
  return {
    config: {
      students: opts.students,
      labs: opts.labs,
      windowS: opts.windowS,
      graders: opts.graders,
      samples: opts.samples,
      baseline: opts.baseline,
      targetS: opts.targetS,
      seed: opts.seed,
      compress: opts.compress,
      behaviour,
    },
    machine: { cores: os.cpus().length, loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    measured: {
      reused: !!opts.measured,
      wallS: measurement.wallS,
      graders: measurement.graders,
      training: measurement.training,
      baseline: baseline ? { lab: opts.baseline, coreS: baseline.coreS, wallS: baseline.wallS } : null,
      perLab,
      samples: measurement.samples,
    },
    simulation: {
      coresNeeded: { fair: needFair?.cores ?? null, fifo: needFifo?.cores ?? null },
      atNeeded: {
        fair: needFair
          ? { cores: needFair.cores, maxS: r1(needFair.result.maxLatencyS), labs: figures(needFair.result.labs) }
          : null,
        fifo: needFifo
          ? { cores: needFifo.cores, maxS: r1(needFifo.result.maxLatencyS), labs: figures(needFifo.result.labs) }
          : null,
      },
      atSameCores: { cores: sameCores, fair: figures(atSame.fair.labs), fifo: figures(atSame.fifo.labs) },
      atGraders: {
        cores: opts.graders,
        fair: figures(atGraders.fair.labs),
        fifo: figures(atGraders.fifo.labs),
        lastResultS: { fair: r1(atGraders.fair.lastResultS), fifo: r1(atGraders.fifo.lastResultS) },
      },
    },
    replay,
    wallS: Math.round((Date.now() - t0) / 100) / 10,
  };
}

export type RushReport = Awaited<ReturnType<typeof runRush>>;
