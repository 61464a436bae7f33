/**
 * One load run (issue #11): a fresh PostgreSQL database, the production server and N grader processes, signed-in
 * students submitting over HTTP on a schedule while a prober reads lesson pages; then every accepted submission
 * must end graded exactly once. Used by `npm run bench -- load` and by tests/served/load.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import {
  createLoadDatabase,
  openCount,
  seedStudents,
  storedSubmissions,
  STUDENT_PASSWORD,
  type LoadDatabase,
  type StoredSubmission,
} from "./load-database";
import { checkBuild, signIn, startGrader, startWebServer, type Child } from "./load-processes";
import { busyShare, cpuTicks, sampleLoadAverage, spread, type Spread } from "./load-stats";
import { fireSubmissions, httpStatuses, probeIdle, startProber, type Probe, type SubmitOutcome } from "./load-traffic";

export interface LoadOptions {
  submissions: number;
  withinS: number;
  students: number;
  graders: number;
  /** Workers per grader process. */
  graderConcurrency: number;
  assignment: string;
  /** A PostgreSQL URL whose user may create and drop databases. */
  adminUrl: string;
  distDir: string;
  port: number;
  /** How long to wait, after the last submission, for every accepted one to be graded. */
  gradeTimeoutS: number;
  probePaths: string[];
  log(message: string): void;
}

/** Lesson pages (pre-rendered), the assignment pages, and one page rendered per request from the database. */
export const DEFAULT_PROBE_PATHS = [
  "/lessons/getting-started",
  "/lessons/self-supervised-learning",
  "/lessons/encoders",
  "/assignments",
  "/assignments/hello-tensor",
  "/assignments/hello-tensor/history",
];

export interface LoadReport {
  config: Omit<LoadOptions, "log" | "adminUrl">;
  ok: boolean;
  problems: string[];
  submitted: number;
  accepted: number;
  refused: number;
  /** What the assignment's daily quota and cooldown allow of this schedule (null when a cooldown makes it timing-dependent). */
  quota: { daily: number; cooldownS: number; expectedAccepted: number | null };
  refusedBy: Record<string, number>;
  errors: number;
  errorExamples: string[];
  lost: number;
  /** Accepted, then replaced by a newer one of the same student before grading started (issue #20). */
  superseded: number;
  gradedTwice: number;
  failed: number;
  wrongScores: number;
  firedInS: number;
  submitHttp: Spread;
  submitToGraded: Spread;
  lessonsBaseline: Spread;
  lessonsUnderLoad: Spread & { failures: number };
  lessonP95Ratio: number;
  /** Per page: p95 idle and under load. */
  byPath: Record<string, { idleP95Ms: number; loadP95Ms: number; loadMaxMs: number }>;
  gradingWallS: number;
  gradedPerMinute: number;
  machine: { cores: number; meanLoad1: number; maxLoad1: number; busyShare: number | null };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until no accepted submission is queued or running (and all are stored), or the timeout passes. */
async function waitForGrading(
  db: LoadDatabase,
  accepted: number,
  timeoutMs: number,
  log: (m: string) => void,
): Promise<boolean> {
  const started = Date.now();
  let lastLog = 0;
  for (;;) {
    const open = await openCount(db.handle);
    const stored = (await storedSubmissions(db.handle)).length;
    if (open === 0 && stored >= accepted) return true;
    if (Date.now() - started > timeoutMs) return false;
    if (Date.now() - lastLog > 15_000) {
      log(`[load] ${open} of ${accepted} submissions still queued or running`);
      lastLog = Date.now();
    }
    await sleep(500);
  }
}

/** The assignment's quota, read from its assignment.yaml (the run never changes it). */
export function readQuota(assignment: string): { daily: number; cooldownS: number } {
  const file = path.join("content", "assignments", assignment, "assignment.yaml");
  const doc = YAML.parse(fs.readFileSync(file, "utf8")) as { quota?: { daily?: unknown; cooldown_seconds?: unknown } };
  const daily = Number(doc.quota?.daily);
  const cooldownS = Number(doc.quota?.cooldown_seconds ?? 0);
  if (!Number.isInteger(daily) || daily < 1) throw new Error(`${file} has no quota.daily`);
  return { daily, cooldownS };
}

/**
 * Per student, min(sent, daily + superseded) are accepted when there is no cooldown: a superseded submission gives
 * its quota back to the one that replaced it, so only graded ones (at most `daily`) use the quota.
 */
export function expectedAccepted(
  outcomes: SubmitOutcome[],
  quota: { daily: number; cooldownS: number },
  superseded: Map<number, number> = new Map(),
): number | null {
  if (quota.cooldownS > 0) return null;
  const sent = new Map<number, number>();
  for (const o of outcomes) sent.set(o.student, (sent.get(o.student) ?? 0) + 1);
  return [...sent].reduce((a, [student, n]) => a + Math.min(n, quota.daily + (superseded.get(student) ?? 0)), 0);
}

function refusalKey(message: string): string {
  return message.replace(/\d+(\.\d+)?/g, "N");
}

export function judge(outcomes: SubmitOutcome[], stored: StoredSubmission[], seen: Map<string, string>) {
  const accepted = outcomes.filter((o): o is Extract<SubmitOutcome, { kind: "accepted" }> => o.kind === "accepted");
  const byId = new Map(stored.map((s) => [s.id, s]));
  let lost = 0;
  let superseded = 0;
  const supersededByStudent = new Map<number, number>();
  let gradedTwice = 0;
  let failed = 0;
  let wrongScores = 0;
  let notSeenGraded = 0;
  for (const a of accepted) {
    const s = byId.get(a.id);
    // Superseded: never graded by design, but only for a newer submission of the same student that was graded.
    const replacedBy = s?.status === "superseded" && s.supersededBy ? byId.get(s.supersededBy) : undefined;
    if (s?.status === "superseded" && replacedBy && replacedBy.status !== "failed") {
      superseded++;
      supersededByStudent.set(a.student, (supersededByStudent.get(a.student) ?? 0) + 1);
      if (s.results > 0) gradedTwice++;
      if (seen.get(a.id) !== "superseded") notSeenGraded++;
      continue;
    }
    if (s?.status !== "graded" || s.results === 0) lost++;
    if (s && s.results > 1) gradedTwice++;
    if (s?.status === "failed") failed++;
    if (s?.status === "graded") {
      const full = s.score !== null && s.maxScore !== null && s.score === s.maxScore;
      if (full !== a.correct) wrongScores++;
    }
    if (seen.get(a.id) !== "graded") notSeenGraded++;
  }
  // Rows nobody was told about: a request that failed after storing its submission.
  const acceptedIds = new Set(accepted.map((a) => a.id));
  const unreported = stored.filter((s) => !acceptedIds.has(s.id)).length;
  return {
    accepted,
    lost,
    superseded,
    supersededByStudent,
    gradedTwice,
    failed,
    wrongScores,
    notSeenGraded,
    unreported,
  };
}

export async function runLoad(opts: LoadOptions): Promise<LoadReport> {
  const missing = checkBuild(opts.distDir);
  if (missing) throw new Error(missing);
  const { log } = opts;
  const quota = readQuota(opts.assignment);
  const db = await createLoadDatabase(opts.adminUrl);
  const children: Child[] = [];
  let prober: ReturnType<typeof startProber> | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await prober?.stop();
      await Promise.all(children.map((c) => c.stop()));
      await db.drop().catch((err: unknown) => log(`[load] could not drop database ${db.name}: ${String(err)}`));
    })());
  // Interrupted (Ctrl-C, a CI timeout): stop the server and graders and drop the database before leaving.
  const onSignal = (signal: NodeJS.Signals) => {
    log(`[load] ${signal}: stopping the server and graders, dropping ${db.name}`);
    void cleanup().finally(() => process.exit(130));
  };
  const onExit = () => children.forEach((c) => c.killNow());
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  process.once("exit", onExit);
  try {
    log(`[load] database ${db.name}; creating ${opts.students} students`);
    const emails = await seedStudents(db.handle, opts.students);
    const web = await startWebServer({ distDir: opts.distDir, port: opts.port, databaseUrl: db.url });
    children.push(web);
    for (let i = 0; i < opts.graders; i++) children.push(await startGrader(i, db.url, opts.graderConcurrency));
    log(
      `[load] server on ${web.baseUrl}, ${opts.graders} grader process(es) × ${opts.graderConcurrency} worker(s); signing in`,
    );
    const cookies: string[] = [];
    for (const email of emails) cookies.push(await signIn(web.baseUrl, email, STUDENT_PASSWORD));

    await probeIdle(web.baseUrl, opts.probePaths, cookies[0]!, 2); // warm-up: first renders, caches
    const baseline = await probeIdle(web.baseUrl, opts.probePaths, cookies[0]!, 8);

    log(`[load] firing ${opts.submissions} submissions within ${opts.withinS} s`);
    const loadAvg = sampleLoadAverage();
    const ticks0 = cpuTicks();
    prober = startProber(web.baseUrl, opts.probePaths, cookies[0]!, 200);
    const fired = await fireSubmissions({
      baseUrl: web.baseUrl,
      cookies,
      n: opts.submissions,
      withinMs: opts.withinS * 1000,
      assignment: opts.assignment,
    });
    const acceptedN = fired.outcomes.filter((o) => o.kind === "accepted").length;
    log(`[load] ${acceptedN} accepted; waiting for grading`);
    const finished = await waitForGrading(db, acceptedN, opts.gradeTimeoutS * 1000, log);
    const underLoad: Probe[] = await prober.stop();
    prober = null;
    const ticks1 = cpuTicks();
    const machine = { ...loadAvg.stop(), busyShare: busyShare(ticks0, ticks1) };

    const stored = await storedSubmissions(db.handle);
    const seen = await httpStatuses(
      web.baseUrl,
      cookies,
      fired.outcomes.flatMap((o) => (o.kind === "accepted" ? [{ id: o.id, student: o.student }] : [])),
    );
    const verdict = judge(fired.outcomes, stored, seen);
    const crashed = children.filter((c) => !c.alive()).map((c) => c.name);

    const refusedBy: Record<string, number> = {};
    const errorExamples: string[] = [];
    for (const o of fired.outcomes) {
      if (o.kind === "refused") refusedBy[refusalKey(o.message)] = (refusedBy[refusalKey(o.message)] ?? 0) + 1;
      if (o.kind === "error" && errorExamples.length < 5) errorExamples.push(`HTTP ${o.status ?? "-"}: ${o.message}`);
    }
    const errors = fired.outcomes.filter((o) => o.kind === "error").length;
    const graded = stored.filter((s) => s.status === "graded" && s.gradedAt);
    const firstCreated = Math.min(...stored.map((s) => s.createdAt.getTime()));
    const lastGraded = Math.max(...graded.map((s) => s.gradedAt!.getTime()));
    const gradingWallS = graded.length ? (lastGraded - firstCreated) / 1000 : NaN;
    // The lesson figures are over /lessons/ pages; a failure of any probed page counts.
    const isLesson = (p: Probe) => p.url.startsWith("/lessons/");
    const lessonsBaseline = spread(baseline.filter(isLesson).map((p) => p.ms));
    const lessonsUnderLoad = {
      ...spread(underLoad.filter(isLesson).map((p) => p.ms)),
      failures: underLoad.filter((p) => p.status === null || p.status >= 300).length,
    };

    const expected = expectedAccepted(fired.outcomes, quota, verdict.supersededByStudent);
    const problems: string[] = [];
    if (expected !== null && errors === 0 && verdict.accepted.length !== expected) {
      problems.push(
        `${verdict.accepted.length} accepted, but the daily quota of ${quota.daily} allows exactly ${expected} of this schedule`,
      );
    }
    if (!finished) problems.push(`grading did not finish within ${opts.gradeTimeoutS} s of the last submission`);
    if (verdict.lost) problems.push(`${verdict.lost} accepted submission(s) lost (not graded)`);
    if (verdict.gradedTwice) problems.push(`${verdict.gradedTwice} submission(s) graded more than once`);
    if (verdict.failed) problems.push(`${verdict.failed} submission(s) failed in the platform`);
    if (verdict.wrongScores)
      problems.push(`${verdict.wrongScores} submission(s) got a score that does not match their source`);
    if (verdict.notSeenGraded)
      problems.push(`${verdict.notSeenGraded} submission(s) not shown as graded by GET /api/submissions/<id>`);
    if (verdict.unreported) problems.push(`${verdict.unreported} stored submission(s) whose POST did not answer 201`);
    if (errors) problems.push(`${errors} submit request(s) answered neither 201 nor a clear quota refusal`);
    if (lessonsUnderLoad.failures) problems.push(`${lessonsUnderLoad.failures} page request(s) failed under load`);
    const idleFailures = baseline.filter((p) => p.status === null || p.status >= 300).length;
    if (idleFailures)
      problems.push(`${idleFailures} page request(s) failed before the load (is every probed path right?)`);
    if (crashed.length) problems.push(`process(es) exited during the run: ${crashed.join(", ")}`);

    const {
      submissions,
      withinS,
      students,
      graders,
      graderConcurrency,
      assignment,
      distDir,
      port,
      gradeTimeoutS,
      probePaths,
    } = opts;
    return {
      config: {
        submissions,
        withinS,
        students,
        graders,
        graderConcurrency,
        assignment,
        distDir,
        port,
        gradeTimeoutS,
        probePaths,
      },
      ok: problems.length === 0,
      problems,
      submitted: fired.outcomes.length,
      accepted: verdict.accepted.length,
      refused: fired.outcomes.filter((o) => o.kind === "refused").length,
      quota: { ...quota, expectedAccepted: expected },
      refusedBy,
      errors,
      errorExamples,
      lost: verdict.lost,
      superseded: verdict.superseded,
      gradedTwice: verdict.gradedTwice,
      failed: verdict.failed,
      wrongScores: verdict.wrongScores,
      firedInS: Math.round(fired.firedMs / 100) / 10,
      submitHttp: spread(fired.outcomes.map((o) => o.ms)),
      submitToGraded: spread(graded.map((s) => s.gradedAt!.getTime() - s.createdAt.getTime())),
      lessonsBaseline,
      lessonsUnderLoad,
      byPath: Object.fromEntries(
        opts.probePaths.map((u) => {
          const idle = spread(baseline.filter((p) => p.url === u).map((p) => p.ms));
          const busy = spread(underLoad.filter((p) => p.url === u).map((p) => p.ms));
          return [u, { idleP95Ms: idle.p95Ms, loadP95Ms: busy.p95Ms, loadMaxMs: busy.maxMs }];
        }),
      ),
      lessonP95Ratio: Math.round((lessonsUnderLoad.p95Ms / lessonsBaseline.p95Ms) * 100) / 100,
      gradingWallS: Math.round(gradingWallS * 10) / 10,
      gradedPerMinute: Math.round((graded.length / (gradingWallS / 60)) * 10) / 10,
      machine,
    };
  } finally {
    await cleanup();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", onExit);
  }
}
