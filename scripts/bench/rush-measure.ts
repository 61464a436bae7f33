/**
 * The rush bench's measurement (issue #20): real gradings of each lab by real grader processes (`scripts/grader.ts`,
 * one job at a time each, so the grading_run row's cpu_ms holds the grader's and its sandbox children's CPU time)
 * on a fresh PostgreSQL database. Per lab: `samples` reference solutions (they pass the prerequisites and run the
 * experiment) and one starter (it fails a cheap check first, as a wrong submission does).
 */
import fs from "node:fs";
import path from "node:path";
import { openCount } from "./load-database";
import { createLoadDatabase, seedStudents } from "./load-database";
import { startGrader, type Child } from "./load-processes";
import { enqueueGrading, getQueue, stopQueue } from "../../lib/grading/queue";
import { submit } from "../../lib/submissions/submit";
import type { Actor } from "../../lib/context";

export interface Sample {
  lab: string;
  kind: "trains" | "fails";
  status: string;
  score: number | null;
  maxScore: number | null;
  errorKind: string | null;
  /** Wall-clock seconds of the grading job on this (shared) machine. */
  wallS: number;
  /** CPU seconds of the grader process and its sandbox: what the job costs a dedicated core. */
  coreS: number | null;
  /** The grader process that graded it, and when it started (ms since the epoch): the first grading of a lab on a
   * process pays for what later ones reuse (the judge model, a seed bank's clean arms). */
  grader: string | null;
  startedAt: number;
}

export interface Measurement {
  samples: Sample[];
  /** The assignments the graders class as training (lib/grading/cost.ts), from their registry rows. */
  training: string[];
  graders: number;
  wallS: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function labSources(lab: string, root: string = process.cwd()): { trains: string; fails: string } {
  const solution = path.join(root, "content", "assignments", lab, "hidden", "solution.ts");
  const starter = path.join(root, "content", "assignments", lab, "starter.ts");
  for (const f of [solution, starter]) if (!fs.existsSync(f)) throw new Error(`lab '${lab}' has no ${f}`);
  return { trains: fs.readFileSync(solution, "utf8"), fails: fs.readFileSync(starter, "utf8") };
}

/**
 * `root`: the checkout whose graders grade and whose reference solutions and starters are submitted (default this
 * one; `rush --before REF` measures a worktree of REF the same way, on the same kind of fresh database).
 */
export async function measureLabs(opts: { adminUrl: string; labs: string[]; samples: number; graders: number; timeoutS: number; root?: string; log(m: string): void }): Promise<Measurement> {
  const t0 = Date.now();
  const db = await createLoadDatabase(opts.adminUrl);
  const children: Child[] = [];
  try {
    const plan = opts.labs.flatMap((lab) => [...Array.from({ length: opts.samples }, () => ({ lab, kind: "trains" as const })), { lab, kind: "fails" as const }]);
    // One student per submission: no superseding, quota or cooldown between the samples.
    const emails = await seedStudents(db.handle, plan.length);
    const { rows: users } = await db.handle.executeSql("select id, email, name, role::text as role from \"user\" where role = 'student'");
    const byEmail = new Map(users.map((u) => [u.email as string, u as unknown as Actor]));
    // Publishing at the grader's start is not what is measured: the references are not graded then.
    for (let i = 0; i < opts.graders; i++) children.push(await startGrader(i, db.url, 1, { UNLABELED_PUBLISH_GRADING: "none" }, opts.root));
    opts.log(`[rush] measuring: ${plan.length} real gradings (${opts.samples} reference solution(s) and 1 starter per lab) on ${opts.graders} grader process(es)`);
    const boss = await getQueue(db.handle);
    const kinds = new Map<string, { lab: string; kind: "trains" | "fails" }>();
    for (const [i, p] of plan.entries()) {
      const source = labSources(p.lab, opts.root)[p.kind];
      const sub = await submit({ ctx: { db: db.handle.db, actor: byEmail.get(emails[i]!)!, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId) }, input: { assignment: p.lab, source } });
      kinds.set(sub.id, p);
    }
    let lastLog = Date.now();
    while ((await openCount(db.handle)) > 0) {
      if (Date.now() - t0 > opts.timeoutS * 1000) throw new Error(`the sample gradings did not finish in ${opts.timeoutS} s`);
      if (children.some((c) => !c.alive())) throw new Error(`a grader exited:\n${children.map((c) => c.log()).join("\n")}`);
      if (Date.now() - lastLog > 30_000) {
        opts.log(`[rush] ${await openCount(db.handle)} sample grading(s) still queued or running`);
        lastLog = Date.now();
      }
      await sleep(1000);
    }
    const { rows } = await db.handle.executeSql(
      `select r.submission_id, r.duration_ms, r.cpu_ms, r.grader_id, r.started_at, s.status::text as status, s.score, s.max_score, s.error_kind
         from grading_run r join submission s on s.id = r.submission_id where r.outcome = 'graded'`,
    );
    const samples: Sample[] = rows.map((r) => {
      const k = kinds.get(r.submission_id as string)!;
      return {
        ...k,
        status: r.status as string,
        score: r.score === null ? null : Number(r.score),
        maxScore: r.max_score === null ? null : Number(r.max_score),
        errorKind: (r.error_kind as string | null) ?? null,
        wallS: Number(r.duration_ms) / 1000,
        coreS: r.cpu_ms === null ? null : Number(r.cpu_ms) / 1000,
        grader: (r.grader_id as string | null) ?? null,
        startedAt: new Date(r.started_at as string | Date).getTime(),
      };
    });
    // Each grader classes the labs in the background after it starts (loading every assignment's checks through
    // its course-check host: seconds); wait until every one has published its list.
    let reg: Record<string, unknown>[] = [];
    for (;;) {
      reg = (await db.handle.executeSql("select training from grader")).rows;
      if (reg.length >= opts.graders && reg.every((g) => (g.training as string[]).length > 0)) break;
      if (Date.now() - t0 > opts.timeoutS * 1000) throw new Error(`the graders did not class the labs in ${opts.timeoutS} s`);
      await sleep(250);
    }
    const training = [...new Set(reg.flatMap((g) => g.training as string[]))].sort();
    return { samples, training, graders: opts.graders, wallS: Math.round((Date.now() - t0) / 100) / 10 };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await stopQueue();
    await db.drop();
  }
}
