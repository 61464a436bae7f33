/**
 * Before/after timing of the course-check host: grades hello-tensor and a training lab (residual-block) with two
 * checkouts of the platform in one process, alternating, and prints the medians and their ratio. A benchmark, not a
 * test:
 *
 *   npx tsx --conditions=react-server scripts/bench/course-host-grading.ts <baseline-checkout> [runs]
 *
 * The baseline is any checkout (e.g. `git archive <commit> | tar -x -C /tmp/base`, with node_modules linked).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

type Grade = (opts: { slug: string; source: string; seed?: number }) => Promise<{ score: number; max_score: number }>;

async function engineAt(root: string): Promise<Grade> {
  const mod = (await import(path.join(root, "graders/engine/grade.ts"))) as { gradeSubmission: Grade };
  return mod.gradeSubmission;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const [baseline, runsArg] = process.argv.slice(2);
  if (!baseline) throw new Error("usage: course-host-grading.ts <baseline-checkout> [runs]");
  const runs = Number(runsArg ?? 3);
  const roots = { before: path.resolve(baseline), after: process.cwd() };
  const engines = { before: await engineAt(roots.before), after: await engineAt(roots.after) };
  const labs = [
    { slug: "hello-tensor", runs },
    { slug: "residual-block", runs: Math.max(1, Math.ceil(runs / 2)) },
  ];
  const rows = [];
  for (const lab of labs) {
    const times: Record<"before" | "after", number[]> = { before: [], after: [] };
    for (let i = -1; i < lab.runs; i++) {
      for (const side of ["before", "after"] as const) {
        process.chdir(roots[side]);
        const source = readFileSync(
          path.join(roots[side], "content/assignments", lab.slug, "hidden/solution.ts"),
          "utf8",
        );
        const started = performance.now();
        const r = await engines[side]({ slug: lab.slug, source, seed: 7 });
        const ms = performance.now() - started;
        if (r.score !== r.max_score)
          throw new Error(`${side} ${lab.slug}: the reference scored ${r.score}/${r.max_score}`);
        if (i >= 0) times[side].push(ms); // i = -1 warms bundles and caches
      }
    }
    const before = median(times.before);
    const after = median(times.after);
    rows.push({
      slug: lab.slug,
      runs: lab.runs,
      beforeMs: Math.round(before),
      afterMs: Math.round(after),
      deltaMs: Math.round(after - before),
      ratio: Number((after / before).toFixed(3)),
      samples: times,
    });
  }
  console.log(JSON.stringify(rows, null, 1));
  process.exit(0);
}

await main();
