/**
 * Fair scheduling of grading jobs (issue #20, "the deadline rush"): pure rules shared by the queue worker's fetch
 * (db/queries/grading-queue.ts mirrors them in SQL), the queue position and wait estimate, and the rush bench's
 * simulation. The rules, in the order the fetch applies them:
 *
 * 1. **Band: cheap before expensive.** A job is *training* when it runs an expensive experiment: its phase is
 *    `expensive`, or it is a whole grading (`all`) of a training assignment (lib/grading/cost.ts) on an engine that
 *    cannot split phases. Every non-training job in the queue runs before any training job.
 * 2. **One training job per student.** A training job whose student already has a training job running is skipped
 *    (it keeps its place); the next eligible job runs instead.
 * 3. **Priority** (pg-boss's `priority`, set at submit from `fairPriority`): students without a result for the
 *    assignment first, more so near their deadline. A job that has waited AGING_MS ranks as the top priority, so
 *    a resubmission waits behind first submissions for at most that long (no starvation in a long rush).
 * 4. Then first come, first served (pg-boss's created_on, then id).
 *
 * Superseding (a newer submission replaces a queued older one) happens at submit: lib/submissions/supersede.ts.
 */

/** A grading job's phase. `all` is one job for the whole grading (today's engine); see lib/grading/phases.ts. */
export type GradePhase = "cheap" | "expensive" | "all";
export const gradePhases = ["cheap", "expensive", "all"] as const;

/** "Near the deadline": from this long before the student's deadline (extension included) on, late work included. */
export const NEAR_DEADLINE_MS = 3 * 60 * 60 * 1000;

/** pg-boss priorities (higher runs first within a band). */
export const PRIORITY = {
  /** No result yet for the assignment, and the deadline is near. */
  firstNearDeadline: 3,
  /** No result yet. */
  first: 2,
  /** A result exists, but the deadline is near. */
  nearDeadline: 1,
  other: 0,
} as const;

/**
 * The priority of a new submission. `hasResult`: the student already has a graded submission of this assignment,
 * or one being graded (a result is on its way), so this one is a resubmission.
 */
export function fairPriority(args: { hasResult: boolean; deadline: Date; now: Date }): number {
  const near = args.now.getTime() >= args.deadline.getTime() - NEAR_DEADLINE_MS;
  if (!args.hasResult) return near ? PRIORITY.firstNearDeadline : PRIORITY.first;
  return near ? PRIORITY.nearDeadline : PRIORITY.other;
}

/** After this long in the queue a job ranks as PRIORITY.firstNearDeadline (rule 3). */
export const AGING_MS = 5 * 60 * 1000;

/** Rule 3's aging, as db/queries/grading-queue.ts takes it. */
export const AGING = { ms: AGING_MS, priority: PRIORITY.firstNearDeadline } as const;

/** Rule 3's priority at `nowMs`. */
export function effectivePriority(job: Pick<SchedJob, "priority" | "createdOn">, nowMs: number): number {
  return nowMs - job.createdOn >= AGING.ms ? Math.max(job.priority, AGING.priority) : job.priority;
}

/** What the scheduler knows of a job. */
export interface SchedJob {
  id: string;
  priority: number;
  /** pg-boss created_on, ms since the epoch (fractions allowed: PostgreSQL keeps microseconds). */
  createdOn: number;
  phase: GradePhase;
  /** null for payloads from before issue #20 (never held back, never training). */
  assignment: string | null;
  student: string | null;
}

export interface SchedPolicy {
  /** Assignments whose checks are expensive (lib/grading/cost.ts). */
  training: ReadonlySet<string>;
  /** Whether the engine grades a training assignment in two jobs (cheap, then expensive). */
  splitsPhases: boolean;
}

/** Rule 1: whether a job runs an expensive experiment. */
export function isTrainingJob(job: Pick<SchedJob, "phase" | "assignment">, policy: SchedPolicy): boolean {
  if (job.phase === "expensive") return true;
  return job.phase === "all" && !policy.splitsPhases && job.assignment !== null && policy.training.has(job.assignment);
}

/** Rules 1, 3 and 4 as a sort order at `nowMs`: negative when `a` runs before `b`. */
export function compareJobs(a: SchedJob, b: SchedJob, policy: SchedPolicy, nowMs: number): number {
  const band = Number(isTrainingJob(a, policy)) - Number(isTrainingJob(b, policy));
  if (band) return band;
  const pa = effectivePriority(a, nowMs);
  const pb = effectivePriority(b, nowMs);
  if (pa !== pb) return pb - pa;
  if (a.createdOn !== b.createdOn) return a.createdOn - b.createdOn;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Rule 2 on top of the order: the job a free grader takes next at `nowMs`, or null. */
export function pickNext<J extends SchedJob>(
  queued: readonly J[],
  running: readonly SchedJob[],
  policy: SchedPolicy,
  nowMs: number,
): J | null {
  const busy = new Set(running.filter((j) => j.student !== null && isTrainingJob(j, policy)).map((j) => j.student));
  let best: J | null = null;
  for (const job of queued) {
    if (job.student !== null && busy.has(job.student) && isTrainingJob(job, policy)) continue;
    if (!best || compareJobs(job, best, policy, nowMs) < 0) best = job;
  }
  return best;
}
