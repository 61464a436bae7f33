import "server-only";
import type { Db } from "@/db/client";
import { jobsAhead, runningJobs, type FetchPolicy } from "@/db/queries/grading-queue";
import { aliveGraders, recentDurations } from "@/db/queries/graders";
import { enginePhase } from "./phases";
import { GRADE_QUEUE } from "./queue";
import { AGING, isTrainingJob, type GradePhase } from "./schedule";
import { gradingTiming } from "./timing";
import { durationStats, estimateRemaining, estimateWait, type DurationStats, type WaitEstimate } from "./wait-estimate";

/** A queued or running submission's place in the grading queue, as the student sees it. */
export interface QueueStatus {
  /** Submissions that will be graded before this one (queued only; null while running or when its job is lost). */
  position: number | null;
  /** Grader slots alive now. */
  graders: number;
  /** Queued: seconds until the result; running: seconds left. Both null when unknown (then `unknownReason`). */
  lowSeconds: number | null;
  highSeconds: number | null;
  unknownReason: string | null;
  /** The measured gradings of this assignment the estimate rests on. */
  samples: number;
  medianSeconds: number | null;
}

interface Snapshot {
  at: number;
  policy: FetchPolicy;
  slots: number;
  running: Awaited<ReturnType<typeof runningJobs>>;
  stats: Map<string, Promise<DurationStats | null>>;
}

/** The queue-wide part (graders, running jobs, durations) is shared by every page for SNAPSHOT_MS. */
const SNAPSHOT_MS = 2000;
const snapshots = new WeakMap<Db, Snapshot>();

async function snapshot(db: Db, now: number, fresh: boolean): Promise<Snapshot> {
  const cached = snapshots.get(db);
  if (cached && !fresh && now - cached.at < SNAPSHOT_MS) return cached;
  const graders = await aliveGraders(db, new Date(now - gradingTiming().staleAfterMs));
  const policy: FetchPolicy = {
    queue: GRADE_QUEUE,
    training: [...new Set(graders.flatMap((g) => g.training))],
    splitsPhases: graders.some((g) => g.splitsPhases),
    aging: AGING,
  };
  const snap: Snapshot = {
    at: now,
    policy,
    slots: graders.reduce((n, g) => n + g.slots, 0),
    running: await runningJobs(db, policy),
    stats: new Map(),
  };
  snapshots.set(db, snap);
  return snap;
}

const keyOf = (assignment: string, phase: GradePhase) => `${assignment}|${phase}`;
const labelOf = (key: string) => {
  const [assignment, phase] = key.split("|");
  return phase === "all" ? assignment! : `${assignment} (${phase} phase)`;
};

function stats(db: Db, snap: Snapshot, key: string): Promise<DurationStats | null> {
  let p = snap.stats.get(key);
  if (!p) {
    const [assignment, phase] = key.split("|") as [string, string];
    p = recentDurations(db, assignment, phase).then(durationStats);
    snap.stats.set(key, p);
  }
  return p;
}

/** The phase the engine will run for a queued job of `phase` (for its duration key). */
function runPhase(phase: GradePhase, assignment: string, policy: FetchPolicy): GradePhase {
  return enginePhase(phase, {
    training: policy.training.includes(assignment),
    splitsPhases: policy.splitsPhases,
    hasPartial: phase === "expensive",
  });
}

function isMissingQueueTable(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "42P01";
}

/** Answers per submission for SNAPSHOT_MS too: every open progress stream asks twice a second. */
const answers = new WeakMap<Db, Map<string, { at: number; value: QueueStatus | null }>>();

/**
 * Position and wait estimate of one submission (queued or running), at most SNAPSHOT_MS old; `fresh` computes it
 * now (tests). The queue of a database where no grader ever started pg-boss has no job table yet: position unknown.
 */
export async function queueStatus(
  db: Db,
  sub: {
    id: string;
    userId: string;
    assignment: string;
    status: string;
    startedAt: Date | null;
    jobPhase?: GradePhase;
  },
  opts: { now?: number; fresh?: boolean } = {},
): Promise<QueueStatus | null> {
  const now = opts.now ?? Date.now();
  let cache = answers.get(db);
  if (!cache) {
    cache = new Map();
    answers.set(db, cache);
  }
  const key = `${sub.id}|${sub.status}|${sub.jobPhase ?? "all"}`;
  const hit = cache.get(key);
  if (hit && !opts.fresh && now - hit.at < SNAPSHOT_MS) return hit.value;
  const value = await computeQueueStatus(db, sub, { now, fresh: opts.fresh });
  if (cache.size > 5000) for (const [k, v] of cache) if (now - v.at >= SNAPSHOT_MS) cache.delete(k);
  cache.set(key, { at: now, value });
  return value;
}

async function computeQueueStatus(
  db: Db,
  sub: {
    id: string;
    userId: string;
    assignment: string;
    status: string;
    startedAt: Date | null;
    jobPhase?: GradePhase;
  },
  opts: { now?: number; fresh?: boolean } = {},
): Promise<QueueStatus | null> {
  if (sub.status !== "queued" && sub.status !== "running") return null;
  const now = opts.now ?? Date.now();
  let snap: Snapshot;
  try {
    snap = await snapshot(db, now, !!opts.fresh);
  } catch (err) {
    if (isMissingQueueTable(err))
      return {
        position: null,
        graders: 0,
        lowSeconds: null,
        highSeconds: null,
        unknownReason: "the grading queue has not started yet",
        samples: 0,
        medianSeconds: null,
      };
    throw err;
  }
  const { policy } = snap;
  if (sub.status === "running") {
    const me = snap.running.find((r) => r.submissionId === sub.id);
    const key = keyOf(sub.assignment, runPhase((me?.phase as GradePhase) ?? "all", sub.assignment, policy));
    const s = await stats(db, snap, key);
    const left = estimateRemaining(s, now - (sub.startedAt?.getTime() ?? now));
    const base = {
      position: null,
      graders: snap.slots,
      samples: s?.n ?? 0,
      medianSeconds: s ? Math.round(s.p50Ms / 100) / 10 : null,
    };
    if (!left)
      return {
        ...base,
        lowSeconds: null,
        highSeconds: null,
        unknownReason: `fewer than 3 gradings of ${labelOf(key)} have been measured so far`,
      };
    return { ...base, ...left, unknownReason: null };
  }
  const groups = await jobsAhead(db, policy, sub.id).catch((err: unknown) => {
    if (isMissingQueueTable(err)) return null;
    throw err;
  });
  if (!groups) {
    return {
      position: null,
      graders: snap.slots,
      lowSeconds: null,
      highSeconds: null,
      unknownReason: "its grading job is being re-sent (the sweeper does this within minutes)",
      samples: 0,
      medianSeconds: null,
    };
  }
  const phase = sub.jobPhase ?? "all";
  const ownTraining = isTrainingJob(
    { phase, assignment: sub.assignment },
    { training: new Set(policy.training), splitsPhases: policy.splitsPhases },
  );
  const ownKey = keyOf(sub.assignment, runPhase(phase, sub.assignment, policy));
  // Ahead jobs of a lab: non-training first (their band runs first), each keyed by the phase it will run.
  const ahead = groups
    .filter((g) => g.assignment !== null)
    .sort((a, b) => Number(a.training) - Number(b.training))
    .map((g) => ({
      key: keyOf(
        g.assignment!,
        runPhase(g.training && policy.splitsPhases ? "expensive" : "all", g.assignment!, policy),
      ),
      n: g.n,
    }));
  const running = snap.running.map((r) => ({
    key: keyOf(r.assignment, runPhase(r.phase as GradePhase, r.assignment, policy)),
    elapsedMs: now - r.startedAt.getTime(),
    sameStudentTraining: r.student === sub.userId && r.training,
  }));
  const keys = new Set([ownKey, ...ahead.map((a) => a.key), ...running.map((r) => r.key)]);
  const statMap = new Map<string, DurationStats | null>();
  for (const key of keys) statMap.set(key, await stats(db, snap, key));
  const estimate: WaitEstimate = estimateWait({
    slots: snap.slots,
    ahead,
    running,
    own: { key: ownKey, training: ownTraining },
    stats: statMap,
    label: labelOf,
  });
  return {
    position: groups.reduce((n, g) => n + g.n, 0),
    graders: estimate.graders,
    lowSeconds: estimate.lowSeconds,
    highSeconds: estimate.highSeconds,
    unknownReason: estimate.unknownReason,
    samples: estimate.samples,
    medianSeconds: estimate.medianSeconds,
  };
}
