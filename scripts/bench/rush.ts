/**
 * `npm run bench -- rush`: the deadline rush (issue #20). Real training labs take 30–120 s of a core each, so a
 * rush of hundreds of students is not run in real time on a 2-core machine: it is measured, then simulated, then
 * the simulation is checked against a time-compressed replay through the real queue code (scripts/bench/rush-run.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";
import { DEFAULT_BEHAVIOUR } from "./rush-model";
import { runRush, type LabFigures, type RushReport } from "./rush-run";

function intFlag(
  flags: Record<string, string | boolean>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = flags[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

const n = (x: number) => (Number.isFinite(x) ? String(x) : "—");
const row = (lab: string, f: LabFigures) =>
  `    ${lab.padEnd(20)} ${String(f.submitted).padStart(5)} ${String(f.graded).padStart(6)} ${String(f.superseded).padStart(5)} ${String(f.refused).padStart(5)}  p50 ${n(f.p50S).padStart(6)} s  p95 ${n(f.p95S).padStart(6)} s  max ${n(f.maxS).padStart(6)} s  first-result p95 ${n(f.firstP95S).padStart(6)} s`;
const header = `    ${"lab".padEnd(20)} ${"sent".padStart(5)} ${"graded".padStart(6)} ${"supsd".padStart(5)} ${"refsd".padStart(5)}  submit → result`;

function table(title: string, labs: Record<string, LabFigures>) {
  console.log(`  ${title}`);
  console.log(header);
  for (const [lab, f] of Object.entries(labs)) console.log(row(lab, f));
}

export function printRushReport(r: RushReport): void {
  const c = r.config;
  console.log(
    `\nrush: ${c.students} students, labs ${c.labs.join(", ")}, the last ${c.windowS} s before a shared deadline; target: every result within ${c.targetS} s`,
  );
  console.log(
    `  SCALED DOWN IN TIME: real gradings are measured (${r.measured.samples.length} of them, ${r.measured.graders} grader process(es), ${r.measured.wallS} s${r.measured.reused ? ", reused from an earlier run" : ""}), the rush itself is`,
  );
  console.log(
    `  a discrete-event simulation with those service times on N single-job cores; a replay through the real queue code, time ÷ ${c.compress || "—"}, checks it.`,
  );
  console.log(
    `  machine: ${r.machine.cores} cores, load average ${r.machine.loadAverage.join(" / ")} at the end (shared: wall times are inflated, core-seconds are not)`,
  );
  const b = r.measured.baseline;
  console.log(
    `\n  measured cost per grading (core-seconds = CPU of the grader process and its sandbox; baseline ${b?.lab}: ${b?.coreS ?? "n/a"} core-s, ${b?.wallS ?? "n/a"} s wall)`,
  );
  for (const [lab, m] of Object.entries(r.measured.perLab)) {
    console.log(
      `    ${lab.padEnd(20)} ${m.training ? "training" : "light   "}  reference solution: ${m.trainsCoreS.mean} core-s (${m.trainsCoreS.min}–${m.trainsCoreS.max}, n=${m.trainsCoreS.n}; ${m.trainsWallS.mean} s wall; ${m.ratioToBaseline ?? "n/a"}× ${b?.lab}; scored ${m.trainsScores.join(", ")})  starter: ${m.failsCoreS.mean} core-s (scored ${m.failsScores.join(", ")})`,
    );
    if (m.trainsWarmCoreS) {
      console.log(
        `      first grading on a grader process ${m.trainsColdCoreS.mean} core-s (n=${m.trainsColdCoreS.n}), later ones ${m.trainsWarmCoreS.mean} core-s (${m.trainsWarmCoreS.min}–${m.trainsWarmCoreS.max}, n=${m.trainsWarmCoreS.n}): ${m.coldToWarm}× cheaper once warm`,
      );
    }
  }
  const s = r.simulation;
  const bh = c.behaviour;
  console.log(
    `\n  student model (not measured): first submission at window·√u; trains with p ${bh.pTrainFirst} (resubmission ${bh.pTrainAgain}); resubmits after a result with p ${bh.pAgain} after ${bh.thinkS.join("–")} s; impatient resubmission with p ${bh.pImpatient} after ${bh.impatienceS.join("–")} s without a result; quota and cooldown from assignment.yaml; seed ${c.seed}`,
  );
  console.log(
    `\n  grader cores needed for every result within ${c.targetS} s: fair queue ${s.coresNeeded.fair ?? "> 4096"}, first come first served ${s.coresNeeded.fifo ?? "> 4096"}`,
  );
  if (s.atNeeded.fair)
    table(`fair queue on ${s.atNeeded.fair.cores} cores (max ${s.atNeeded.fair.maxS} s):`, s.atNeeded.fair.labs);
  if (s.atNeeded.fifo)
    table(
      `first come first served on ${s.atNeeded.fifo.cores} cores (max ${s.atNeeded.fifo.maxS} s):`,
      s.atNeeded.fifo.labs,
    );
  table(`first come first served on the fair queue's ${s.atSameCores.cores} cores:`, s.atSameCores.fifo);
  table(
    `fair queue on --graders ${s.atGraders.cores} core(s) (last result ${s.atGraders.lastResultS.fair} s after the window opened):`,
    s.atGraders.fair,
  );
  table(
    `first come first served on ${s.atGraders.cores} core(s) (last result ${s.atGraders.lastResultS.fifo} s):`,
    s.atGraders.fifo,
  );
  if (r.replay) {
    const rp = r.replay.result;
    console.log(
      `\n  replay through the real queue (submit verb, pg-boss, fair fetch, worker loop; grading = sleep of the drawn time ÷ ${rp.compress}) on ${rp.cores} slots, ${rp.wallS} s:`,
    );
    table(
      `replay (latencies × ${rp.compress}; max ${Math.round(rp.maxLatencyS * 10) / 10} s; ${rp.refused} refused by the verb; ${rp.trainingOverlaps} overlapping training gradings of one student):`,
      Object.fromEntries(
        Object.entries(rp.labs).map(([lab, l]) => [
          lab,
          {
            ...l,
            graded: l.latenciesS.length,
            p50S: p(l.latenciesS, 50),
            p95S: p(l.latenciesS, 95),
            maxS: p(l.latenciesS, 100),
            firstP95S: NaN,
            meanCoreS: NaN,
          },
        ]),
      ),
    );
    table(`the simulation of the same arrivals (max ${r.replay.simulatedMaxS} s):`, r.replay.simulated);
  }
  if (r.before) {
    const b = r.before;
    console.log(
      `\n  side by side in this run: --before ${b.ref} (commit ${b.commit.slice(0, 12)}, its own graders and course, measured first, ${b.wallS} s) and this checkout`,
    );
    for (const [lab, x] of Object.entries(b.ratios)) {
      const was = b.perLab[lab]!;
      const now = r.measured.perLab[lab]!;
      console.log(
        `    ${lab.padEnd(20)} reference: ${was.trainsCoreS.mean} → ${now.trainsCoreS.mean} core-s (${x.trains ?? "n/a"}× fewer; warm ${x.warm ?? "n/a"}×)  starter: ${was.failsCoreS.mean} → ${now.failsCoreS.mean} core-s (${x.fails ?? "n/a"}×)  scored ${was.trainsScores.join(", ")} → ${now.trainsScores.join(", ")}`,
      );
    }
    console.log(
      `    grader cores for every result within ${r.config.targetS} s: fair queue ${b.coresNeeded.fair ?? "> 4096"} → ${r.simulation.coresNeeded.fair ?? "> 4096"}, first come first served ${b.coresNeeded.fifo ?? "> 4096"} → ${r.simulation.coresNeeded.fifo ?? "> 4096"}`,
    );
  }
  console.log(`\n  total ${r.wallS} s`);
}

function p(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((q / 100) * s.length) - 1))]! * 10) / 10;
}

export const rushBench: CliCommand = {
  name: "rush",
  summary:
    "Deadline rush: measured lab costs, simulated rush (fair queue vs FIFO), cores needed for results within 10 min",
  usage:
    "rush [--students 300] [--labs augmentation,overfitting-10pct,ssl-pretext] [--window 3600] [--graders 2] [--samples 2]\n" +
    "     [--target 600] [--seed 1] [--compress 30 (0: no replay)] [--baseline hello-tensor] [--database-url URL] [--json FILE]\n" +
    "     [--measured FILE (reuse the gradings measured by an earlier run's --json)] [--p-train P (share of submissions that train)]\n" +
    '     [--before REF (also measure the graders of git commit REF, "today\'s code", in the same run, and compare)]\n' +
    "  --graders: real grader processes for the measurement, and the core count of the 'as is' rows\n" +
    "  --database-url (else DATABASE_URL, else TEST_DATABASE_URL): a PostgreSQL server where fresh databases are made and dropped",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, {
      strings: [
        "students",
        "labs",
        "window",
        "graders",
        "samples",
        "target",
        "seed",
        "compress",
        "baseline",
        "database-url",
        "json",
        "measure-timeout",
        "measured",
        "p-train",
        "before",
      ],
      booleans: [],
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const adminUrl =
      (flags["database-url"] as string | undefined) ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!adminUrl)
      throw new UsageError(
        "the rush bench needs PostgreSQL: pass --database-url or set DATABASE_URL or TEST_DATABASE_URL",
      );
    const labs = String(flags.labs ?? "augmentation,overfitting-10pct,ssl-pretext")
      .split(",")
      .map((l) => l.trim())
      .filter(Boolean);
    const baseline = (flags.baseline as string | undefined) ?? "hello-tensor";
    for (const lab of [...labs, baseline]) {
      if (!fs.existsSync(path.join("content", "assignments", lab, "assignment.yaml")))
        throw new UsageError(`there is no assignment '${lab}' in content/assignments`);
    }
    const pTrainRaw = flags["p-train"];
    const pTrain = pTrainRaw === undefined ? null : Number(pTrainRaw);
    if (pTrain !== null && !(pTrain >= 0 && pTrain <= 1))
      throw new UsageError("--p-train must be a number from 0 to 1");
    let measured: RushReport["measured"] | undefined;
    if (typeof flags.measured === "string") {
      try {
        measured = (JSON.parse(fs.readFileSync(flags.measured, "utf8")) as RushReport).measured;
      } catch (err) {
        throw new UsageError(`--measured ${flags.measured}: not a rush report (${(err as Error).message})`);
      }
      if (!Array.isArray(measured?.samples))
        throw new UsageError(`--measured ${flags.measured}: no measured samples in it`);
    }
    const report = await runRush({
      adminUrl,
      students: intFlag(flags, "students", 300, 1, 100_000),
      labs,
      windowS: intFlag(flags, "window", 3600, 60, 7 * 86_400),
      graders: intFlag(flags, "graders", 2, 1, 64),
      samples: intFlag(flags, "samples", 2, 1, 50),
      baseline,
      targetS: intFlag(flags, "target", 600, 1, 86_400),
      seed: intFlag(flags, "seed", 1, 0, 2 ** 31),
      compress: intFlag(flags, "compress", 30, 0, 10_000),
      measureTimeoutS: intFlag(flags, "measure-timeout", 3600, 10, 86_400),
      behaviour: pTrain === null ? undefined : { ...DEFAULT_BEHAVIOUR, pTrainFirst: pTrain, pTrainAgain: pTrain },
      ...(typeof flags.before === "string" ? { before: flags.before } : {}),
      measured: measured && {
        samples: measured.samples,
        training: measured.training,
        graders: measured.graders,
        wallS: measured.wallS,
      },
      log: (m) => console.log(m),
    });
    printRushReport(report);
    if (typeof flags.json === "string") {
      fs.mkdirSync(path.dirname(path.resolve(flags.json)), { recursive: true });
      fs.writeFileSync(flags.json, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`  figures written to ${flags.json}`);
    }
    return 0;
  },
};
