/**
 * One rush bench run (issue #20): measure real gradings of each lab (rush-measure.ts), simulate the deadline rush
 * with those service times for the fair queue and for first come, first served (rush-model.ts), find the grader
 * cores each needs so that every result is back within `targetS` of its submission, and check the simulation
 * against a time-compressed replay through the real queue code (rush-replay.ts).
 */
import os from "node:os";
import { measureBefore } from "./rush-before";
import { coresNeeded, figures, labModel, labStats, r1, type LabFigures } from "./rush-figures";
import { DEFAULT_BEHAVIOUR, simulate, type Behaviour } from "./rush-model";
import { measureLabs, type Measurement } from "./rush-measure";
import { replayRush, type ReplayResult } from "./rush-replay";

export { coresNeeded, figures, type LabFigures } from "./rush-figures";

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
  /**
   * A git ref ("today's code"): its graders, in a worktree, grade its own references and starters in the same run,
   * before this checkout's, and the report compares the two (rush-before.ts).
   */
  before?: string;
  behaviour?: Behaviour;
  log(m: string): void;
}

export async function runRush(opts: RushOptions) {
  const behaviour = opts.behaviour ?? DEFAULT_BEHAVIOUR;
  const t0 = Date.now();
  const before = opts.before ? await measureBefore(opts, behaviour) : null;
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
  const perLab = labStats(measurement, opts.labs, baseline?.coreS ?? null);
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
    before: before && {
      ...before,
      // Per lab, how many times fewer core-seconds this checkout's gradings take than REF's (mean over samples).
      ratios: Object.fromEntries(
        opts.labs.map((lab) => {
          const was = before.perLab[lab]!;
          const now = perLab[lab]!;
          const x = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? r1(a / b) : null);
          return [
            lab,
            {
              trains: x(was.trainsCoreS.mean, now.trainsCoreS.mean),
              warm: x(was.trainsWarmCoreS?.mean ?? NaN, now.trainsWarmCoreS?.mean ?? NaN),
              fails: x(was.failsCoreS.mean, now.failsCoreS.mean),
            },
          ];
        }),
      ),
    },
    wallS: Math.round((Date.now() - t0) / 100) / 10,
  };
}

export type RushReport = Awaited<ReturnType<typeof runRush>>;
