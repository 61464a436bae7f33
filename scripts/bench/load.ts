/**
 * `npm run bench -- load`: 500 submissions within a minute over HTTP by signed-in students, on PostgreSQL with
 * several grader processes, while lesson pages are probed (issue #11). Prints every figure; exits 1 if any
 * submission was lost or graded twice, or a request failed without a clear quota message.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";
import { checkBuild, freePortIn } from "./load-processes";
import { DEFAULT_PROBE_PATHS, runLoad, type LoadReport } from "./load-run";

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

const fmt = (s: { n: number; p50Ms: number; p95Ms: number; maxMs: number }) =>
  `p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, max ${s.maxMs} ms (n=${s.n})`;

export function printLoadReport(r: LoadReport): void {
  const c = r.config;
  console.log(
    `\nload: ${c.submissions} submissions of ${c.assignment} within ${c.withinS} s by ${c.students} students; ${c.graders} grader process(es) × ${c.graderConcurrency}`,
  );
  console.log(
    `  submitted ${r.submitted} (fired in ${r.firedInS} s): accepted ${r.accepted}, refused ${r.refused}, errors ${r.errors}`,
  );
  console.log(
    `  quota: ${r.quota.daily}/day per student, cooldown ${r.quota.cooldownS} s; allows ${r.quota.expectedAccepted ?? "n/a"} of this schedule`,
  );
  for (const [message, n] of Object.entries(r.refusedBy)) console.log(`    refused ${n}×: ${message}`);
  for (const e of r.errorExamples) console.log(`    error: ${e}`);
  console.log(
    `  lost ${r.lost}, superseded by a newer one of the same student ${r.superseded}, graded twice ${r.gradedTwice}, failed ${r.failed}, score not matching source ${r.wrongScores}`,
  );
  console.log(`  submit HTTP: ${fmt(r.submitHttp)}`);
  console.log(`  submit → graded: ${fmt(r.submitToGraded)}`);
  console.log(`  grading: ${r.gradingWallS} s from first submit to last result, ${r.gradedPerMinute} graded/min`);
  console.log(`  lesson pages idle: ${fmt(r.lessonsBaseline)}`);
  console.log(
    `  lesson pages under load: ${fmt(r.lessonsUnderLoad)}, ${r.lessonsUnderLoad.failures} probed page(s) failed; p95 ratio ${r.lessonP95Ratio}× idle`,
  );
  for (const [u, p] of Object.entries(r.byPath))
    console.log(`    ${u}: p95 idle ${p.idleP95Ms} ms, under load ${p.loadP95Ms} ms (max ${p.loadMaxMs} ms)`);
  console.log(
    `  machine: ${r.machine.cores} cores, load avg (1 min) mean ${r.machine.meanLoad1}, max ${r.machine.maxLoad1}, CPU busy ${r.machine.busyShare === null ? "n/a" : `${Math.round(r.machine.busyShare * 100)}%`} (all processes)`,
  );
  console.log(r.ok ? "  OK: nothing lost" : `  FAILED:\n${r.problems.map((p) => `    - ${p}`).join("\n")}`);
}

export const loadBench: CliCommand = {
  name: "load",
  summary: "Submissions over HTTP with several graders on PostgreSQL; lost, latencies, lesson p95 under load",
  usage:
    "load [--submissions 500] [--within 60] [--students 50] [--graders 3] [--concurrency 1] [--assignment hello-tensor]\n" +
    "     [--database-url URL] [--dist-dir .next-load] [--port N] [--grade-timeout 1800] [--build] [--json FILE]\n" +
    "  --database-url (else DATABASE_URL, else TEST_DATABASE_URL): a PostgreSQL server where a fresh database is made and dropped",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, {
      strings: [
        "submissions",
        "within",
        "students",
        "graders",
        "concurrency",
        "assignment",
        "database-url",
        "dist-dir",
        "port",
        "grade-timeout",
        "json",
      ],
      booleans: ["build"],
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const adminUrl =
      (flags["database-url"] as string | undefined) ?? process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!adminUrl)
      throw new UsageError(
        "the load bench needs PostgreSQL: pass --database-url or set DATABASE_URL or TEST_DATABASE_URL",
      );
    const distDir = (flags["dist-dir"] as string | undefined) ?? process.env.NEXT_DIST_DIR ?? ".next-load";
    const assignment = (flags.assignment as string | undefined) ?? "hello-tensor";
    if (!fs.existsSync(path.join("content", "assignments", assignment)))
      throw new UsageError(`there is no assignment '${assignment}' in content/assignments`);
    if (checkBuild(distDir)) {
      if (!flags.build) throw new UsageError(`${checkBuild(distDir)}`);
      console.log(`[load] building into ${distDir}`);
      const { spawnSync } = await import("node:child_process");
      const built = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
        stdio: "inherit",
        env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
      });
      if (built.status !== 0) throw new Error("next build failed");
    }
    const port = flags.port === undefined ? await freePortIn(3260, 3279) : intFlag(flags, "port", 0, 1024, 65535);
    const report = await runLoad({
      submissions: intFlag(flags, "submissions", 500, 1, 100_000),
      withinS: intFlag(flags, "within", 60, 1, 3600),
      students: intFlag(flags, "students", 50, 1, 10_000),
      graders: intFlag(flags, "graders", 3, 1, 32),
      graderConcurrency: intFlag(flags, "concurrency", 1, 1, 16),
      gradeTimeoutS: intFlag(flags, "grade-timeout", 1800, 10, 86_400),
      assignment,
      adminUrl,
      distDir,
      port,
      probePaths: DEFAULT_PROBE_PATHS,
      log: (m) => console.log(m),
    });
    printLoadReport(report);
    if (typeof flags.json === "string") {
      fs.mkdirSync(path.dirname(path.resolve(flags.json)), { recursive: true });
      fs.writeFileSync(flags.json, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`  figures written to ${flags.json}`);
    }
    return report.ok ? 0 : 1;
  },
};
