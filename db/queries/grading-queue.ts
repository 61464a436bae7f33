/**
 * The fair fetch of grading jobs and the queue position, in SQL over pg-boss 10's job table (pgboss.job), so that
 * rules pg-boss cannot express (one training job per student, cheap jobs before expensive ones) hold at fetch time.
 * The order and the eligibility mirror lib/grading/schedule.ts exactly (tests/grading/fair-fetch.test.ts compares
 * them on random queues). Only the fetch is ours: pg-boss still sends, completes, fails, retries and expires jobs.
 *
 * The UPDATE is pg-boss 10.4's fetchNextJob (plans.js): state → active, started_on, retry_count on a retry. One
 * fetch runs at a time per database (an advisory lock held for the fetch's transaction), so two graders can never
 * both start a training job of the same student; a fetch takes a few milliseconds.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../client";

const FETCH_LOCK = 7_424_133_020;

export interface FetchPolicy {
  queue: string;
  training: readonly string[];
  splitsPhases: boolean;
  /** A job waiting `ms` or longer ranks with at least `priority` (schedule.ts effectivePriority). */
  aging: { ms: number; priority: number };
}

export interface FetchedJob {
  id: string;
  data: unknown;
  priority: number;
  retryCount: number;
  retryLimit: number;
}

type Rows<T> = { rows: T[] } | T[];
export const rowsOf = <T>(r: Rows<T>): T[] => (Array.isArray(r) ? r : r.rows);

/** The policy as a one-row CTE `p (training text[], split boolean)`. */
const params = (policy: Pick<FetchPolicy, "training" | "splitsPhases">): SQL =>
  sql`p as (select array(select jsonb_array_elements_text(${JSON.stringify(policy.training)}::jsonb)) as training, ${policy.splitsPhases}::boolean as split)`;

/** schedule.ts effectivePriority over the job alias `j`, at the transaction's now(). */
const effective = (j: string, aging: FetchPolicy["aging"]): SQL =>
  sql`(case when ${sql.raw(j)}.created_on <= now() - ${aging.ms / 1000}::float8 * interval '1 second' then greatest(${sql.raw(j)}.priority, ${aging.priority}::int) else ${sql.raw(j)}.priority end)`;

/** schedule.ts isTrainingJob over the job alias `j` and the CTE `p`. */
const isTraining = (j: string): SQL =>
  sql.raw(
    `(coalesce(${j}.data->>'phase', 'all') = 'expensive' or (coalesce(${j}.data->>'phase', 'all') = 'all' and not p.split and coalesce(${j}.data->>'assignment', '') = any(p.training)))`,
  );

/** Takes the next eligible job (schedule.ts pickNext) and marks it active; null when none may run now. */
export async function fetchNextJob(db: Db, policy: FetchPolicy): Promise<FetchedJob | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FETCH_LOCK})`);
    const result = await tx.execute(sql`
      with ${params(policy)},
      q as (
        select j.id, j.data, ${effective("j", policy.aging)} as priority, j.created_on, ${isTraining("j")} as training
        from pgboss.job j, p
        where j.name = ${policy.queue} and j.state < 'active' and j.start_after < now()
      ),
      busy as (
        select distinct a.data->>'student' as student
        from pgboss.job a, p
        where a.name = ${policy.queue} and a.state = 'active' and a.data->>'student' is not null and ${isTraining("a")}
      ),
      next as (
        select q.id from q
        where not (q.training and coalesce(q.data->>'student', '') in (select student from busy))
        order by q.training, q.priority desc, q.created_on, q.id
        limit 1
      )
      update pgboss.job j set
        state = 'active',
        started_on = now(),
        retry_count = case when j.started_on is not null then j.retry_count + 1 else j.retry_count end
      from next
      where j.name = ${policy.queue} and j.id = next.id
      returning j.id, j.data, j.priority, j.retry_count as "retryCount", j.retry_limit as "retryLimit"`);
    const [row] = rowsOf(result as Rows<FetchedJob>);
    return row
      ? {
          ...row,
          priority: Number(row.priority),
          retryCount: Number(row.retryCount),
          retryLimit: Number(row.retryLimit),
        }
      : null;
  });
}

/** Jobs that run before a queued submission's job, counted per assignment and band. */
export interface AheadGroup {
  assignment: string | null;
  training: boolean;
  n: number;
}

/**
 * What waits ahead of a queued submission: queued submissions whose current job (submission.job_id, still created
 * or retry in pg-boss) sorts before its own. Superseded submissions and lost jobs are not counted. null when its
 * own job is not waiting in pg-boss (lost: the sweeper re-sends it).
 */
export async function jobsAhead(db: Db | Tx, policy: FetchPolicy, submissionId: string): Promise<AheadGroup[] | null> {
  const result = await db.execute(sql`
    with ${params(policy)},
    q as (
      select s.id as submission_id, j.id, ${effective("j", policy.aging)} as priority, j.created_on, j.data->>'assignment' as assignment, ${isTraining("j")} as training
      from submission s
      join pgboss.job j on j.id = s.job_id and j.name = ${policy.queue} and j.state < 'active', p
      where s.status = 'queued'
    ),
    me as (select * from q where submission_id = ${submissionId})
    select q.assignment, q.training, count(q.id)::int as n
    from me left join q on q.submission_id <> me.submission_id
      and (q.training, -q.priority, q.created_on, q.id) < (me.training, -me.priority, me.created_on, me.id)
    group by q.assignment, q.training`);
  const rows = rowsOf(result as Rows<{ assignment: string | null; training: boolean | null; n: number }>);
  if (rows.length === 0) return null;
  return rows
    .filter((r) => r.training !== null)
    .map((r) => ({ assignment: r.assignment, training: !!r.training, n: Number(r.n) }));
}

/** A job being graded now, with its phase, for the estimate of what is left of it. */
export interface RunningJob {
  submissionId: string;
  assignment: string;
  student: string;
  phase: string;
  training: boolean;
  startedAt: Date;
}

export async function runningJobs(db: Db | Tx, policy: FetchPolicy): Promise<RunningJob[]> {
  const result = await db.execute(sql`
    with ${params(policy)}
    select s.id as "submissionId", s.assignment, s.user_id as student, coalesce(j.data->>'phase', 'all') as phase,
           coalesce(${isTraining("j")}, false) as training, s.started_at as "startedAt"
    from submission s
    left join pgboss.job j on j.id = s.job_id and j.name = ${policy.queue}, p
    where s.status = 'running'`);
  return rowsOf(result as Rows<RunningJob & { startedAt: Date | string | null }>).map((r) => ({
    ...r,
    training: !!r.training,
    startedAt: r.startedAt ? new Date(r.startedAt) : new Date(),
  }));
}
