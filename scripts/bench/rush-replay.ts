/**
 * The rush bench's check of its own simulation (issue #20): a time-compressed replay of a rush's arrivals through
 * the real queue code on PostgreSQL: the submit verb (superseding, quota, cooldown, priority), pg-boss, the fair
 * fetch and the worker loop with `cores` slots. Only the grading itself is replaced: it sleeps the job's drawn
 * service time divided by `compress`. Every duration (arrivals, cooldowns, service times, aging) is divided by
 * `compress` and the latencies multiplied back; the queue's own overheads (polling, transactions) are therefore
 * magnified `compress` times in the figures, which makes the replay pessimistic.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { users } from "../../db/schema";
import type { Actor } from "../../lib/context";
import { cancelGrading, enqueueGrading, getQueue, stopQueue } from "../../lib/grading/queue";
import { AGING } from "../../lib/grading/schedule";
import type { GraderDeps } from "../../lib/grading/worker";
import { startGradingWorkers } from "../../lib/grading/worker";
import { submit } from "../../lib/submissions/submit";
import { createLoadDatabase, openCount } from "./load-database";
import type { Arrival } from "./rush-model";

export interface ReplayResult {
  compress: number;
  cores: number;
  labs: Record<string, { latenciesS: number[]; submitted: number; superseded: number; refused: number }>;
  maxLatencyS: number;
  /** Submissions the verb refused (a cooldown met a few milliseconds early, a quota). */
  refused: number;
  /** Pairs of one student's training gradings that overlapped in time (the fair queue allows none). */
  trainingOverlaps: number;
  wallS: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A content folder with the labs' assignment.yaml, due at `due`, cooldowns divided by `compress`. */
function compressedContent(labs: string[], due: Date, compress: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-rush-"));
  const lessons = new Set<string>();
  const bundled = YAML.parse(fs.readFileSync(path.join("content", "course.yaml"), "utf8")) as { assignments: Record<string, string> };
  for (const lab of labs) {
    const doc = YAML.parse(fs.readFileSync(path.join("content", "assignments", lab, "assignment.yaml"), "utf8")) as Record<string, unknown> & { quota: { cooldown_seconds?: number } };
    doc.due = due.toISOString();
    // One second less than the compressed cooldown: the arrivals kept the real one, and a timer may fire early.
    doc.quota = { ...doc.quota, cooldown_seconds: Math.max(0, Math.floor((doc.quota.cooldown_seconds ?? 0) / compress) - 1) };
    lessons.add(bundled.assignments[lab]!);
    fs.mkdirSync(path.join(dir, "assignments", lab), { recursive: true });
    fs.writeFileSync(path.join(dir, "assignments", lab, "assignment.yaml"), YAML.stringify(doc));
  }
  const course = { title: "Rush replay", units: [{ title: "Rush", lessons: [...lessons] }], assignments: Object.fromEntries(labs.map((l) => [l, bundled.assignments[l]!])) };
  fs.writeFileSync(path.join(dir, "course.yaml"), YAML.stringify(course));
  return dir;
}

/** The grading, replaced: the service time drawn for the submission (in its source), compressed. */
function sleepingEngine(compress: number, training: string[]): GraderDeps {
  return {
    async graderVersion() {
      return "rush-replay";
    },
    async trainingAssignments() {
      return training;
    },
    async grade({ source }) {
      const m = /service=([\d.]+)/.exec(source);
      await sleep((Number(m?.[1] ?? 0) * 1000) / compress);
      return { score: 1, max_score: 1, passed: true, backend: "replay", error: null, tests: [] };
    },
  };
}

export async function replayRush(opts: {
  adminUrl: string;
  labs: string[];
  training: string[];
  arrivals: Arrival[];
  students: number;
  windowS: number;
  cores: number;
  compress: number;
  log(m: string): void;
}): Promise<ReplayResult> {
  const t0 = Date.now();
  const db = await createLoadDatabase(opts.adminUrl);
  const leadMs = 3000;
  const start = Date.now() + leadMs + opts.students * 5;
  const content = compressedContent(opts.labs, new Date(start + (opts.windowS * 1000) / opts.compress), opts.compress);
  let workers: Awaited<ReturnType<typeof startGradingWorkers>> | null = null;
  try {
    // Students without passwords (nobody signs in): argon2 for hundreds of accounts would take minutes.
    const rows = await db.handle.db
      .insert(users)
      .values(Array.from({ length: opts.students }, (_, i) => ({ email: `rush-${i}@example.org`, name: `rush ${i}`, role: "student" as const })))
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    const actors: Actor[] = rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role }));
    const boss = await getQueue(db.handle);
    workers = await startGradingWorkers(db.handle, sleepingEngine(opts.compress, opts.training), {
      concurrency: opts.cores,
      pollMs: 100,
      aging: { ms: AGING.ms / opts.compress, priority: AGING.priority },
    });
    const labs: ReplayResult["labs"] = Object.fromEntries(opts.labs.map((l) => [l, { latenciesS: [], submitted: 0, superseded: 0, refused: 0 }]));
    let refused = 0;
    const pending: Promise<void>[] = [];
    await sleep(Math.max(0, start - Date.now()));
    for (const a of [...opts.arrivals].sort((x, y) => x.atS - y.atS)) {
      const due = start + (a.atS * 1000) / opts.compress;
      if (due > Date.now()) await sleep(due - Date.now());
      const source = `// rush lab=${a.lab} kind=${a.kind} service=${a.serviceS}\nexport const x = ${pending.length};\n`;
      pending.push(
        submit({
          ctx: { db: db.handle.db, actor: actors[a.student]!, contentDir: content, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId), cancel: (ids) => cancelGrading(boss, ids) },
          input: { assignment: a.lab, source },
        }).then(
          () => void labs[a.lab]!.submitted++,
          (err: unknown) => {
            refused++;
            labs[a.lab]!.refused++;
            if (refused <= 3) opts.log(`[rush] replay: a submission was refused: ${(err as Error).message}`);
          },
        ),
      );
    }
    await Promise.all(pending);
    for (let waited = 0; (await openCount(db.handle)) > 0; waited += 250) {
      if (waited > 1_800_000) throw new Error("the replay did not drain in 30 minutes");
      await sleep(250);
    }
    const { rows: subs } = await db.handle.executeSql(
      "select assignment, status::text as status, extract(epoch from graded_at - created_at)::float8 as s from submission",
    );
    for (const s of subs) {
      const lab = labs[s.assignment as string]!;
      if (s.status === "superseded") lab.superseded++;
      if (s.status === "graded") lab.latenciesS.push(Number(s.s) * opts.compress);
    }
    const { rows: overlaps } = await db.handle.executeSql(
      `select count(*)::int as n from grading_run a
         join submission sa on sa.id = a.submission_id
         join grading_run b on b.id <> a.id and b.started_at >= a.started_at and b.started_at < a.finished_at
         join submission sb on sb.id = b.submission_id and sb.user_id = sa.user_id
        where a.assignment = any($1::text[]) and b.assignment = any($1::text[])`,
      [opts.training],
    );
    const maxLatencyS = Math.max(0, ...Object.values(labs).flatMap((l) => l.latenciesS));
    const trainingOverlaps = Number(overlaps[0]?.n ?? 0);
    return { compress: opts.compress, cores: opts.cores, labs, maxLatencyS, refused, trainingOverlaps, wallS: Math.round((Date.now() - t0) / 100) / 10 };
  } finally {
    await workers?.stop();
    await stopQueue();
    await db.drop();
    fs.rmSync(content, { recursive: true, force: true });
  }
}
