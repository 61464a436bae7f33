import type { Db } from "@/db/client";
import type { Role } from "@/db/schema";
import type { GradeJob } from "@/lib/grading/queue";
import type { GradingPrerequisites } from "@/lib/system/grading-prerequisites";
import { AppError } from "./errors";

/** Who is acting. Routes build it from the session; the CLI acts as a trusted operator. */
export interface Actor {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/** What a verb hands to the grading queue: a new submission (with its scheduling fields) or a regrade. */
export type EnqueueJob = (GradeJob & { reason: "submit" }) | { submissionId: string; reason: "regrade" };

/**
 * The one context every service verb receives (lib/verb.ts). Routes pass `db` and `actor`; the optional fields are
 * capabilities and settings that some verbs use, injected by the server (`enqueue`, `cancel`, `grading`) or by tests
 * (`contentDir`, `now`, `freshQueue`, `prerequisites`). A verb that cannot work without one declares it (`needs`
 * in defineVerb), so a caller that forgets it fails to type-check.
 */
export interface ServiceContext {
  db: Db;
  actor: Actor | null;
  /** The content folder (tests point it at a fixture course); default COURSE_DIR or ./content. */
  contentDir?: string;
  /** The clock (tests fix it); default now. */
  now?: Date;
  /**
   * Hands a stored submission to the grading queue under the given job id (lib/grading/runtime.ts serverEnqueue).
   * Method syntax on purpose: a test may pass a function that takes only the regrade (or only the submit) job.
   */
  enqueue?(job: EnqueueJob, jobId: string): Promise<unknown>;
  /** Hands a similarity report to the `similarity` queue (lib/similarity/runtime.ts); the job id is the report's. */
  enqueueSimilarity?(reportId: string): Promise<unknown>;
  /** Cancels the queued jobs of superseded submissions (best effort: a worker also skips them). */
  cancel?(jobIds: string[]): Promise<unknown>;
  /**
   * false: keep the student's queued submissions instead of superseding them (suites that prove every stored
   * submission is graded exactly once). Default true, as in the web server.
   */
  supersede?: boolean;
  /** Whether this server can grade (lib/system/grading-status.ts); null or absent: not known here, accept. */
  grading?: () => Promise<{ ok: boolean; message: string } | null>;
  /** Compute the queue status without the shared 2-second snapshot (tests). */
  freshQueue?: boolean;
  /** The grading prerequisite state (tests inject one); default this server's (lib/system/grading-status.ts). */
  prerequisites?: (opts: { recheck: boolean }) => Promise<GradingPrerequisites | null>;
}

/** Course staff: instructors and teaching assistants (docs/architecture.md, "Roles"). */
const ROLE_RANK: Record<Role, number> = { student: 0, ta: 1, instructor: 2 };

/** Whether `a` carries more rights than `b` (student < ta < instructor): role changes from outside only raise. */
export function outranks(a: Role, b: Role): boolean {
  return ROLE_RANK[a] > ROLE_RANK[b];
}

export function isStaff(actor: Pick<Actor, "role"> | null | undefined): boolean {
  return actor?.role === "instructor" || actor?.role === "ta";
}

/**
 * The first line of every protected verb: refuses anonymous callers and, if given, the wrong role. "instructor":
 * instructors only; "staff": instructors and teaching assistants.
 */
export function authorize(actor: Actor | null, role?: "instructor" | "staff" | Role): Actor {
  if (!actor) throw new AppError("unauthenticated", "Sign in to continue.");
  if (role === "instructor" && actor.role !== "instructor") {
    throw new AppError("forbidden", "This is for instructors only.");
  }
  if (role === "staff" && !isStaff(actor)) {
    throw new AppError("forbidden", "This is for course staff only.");
  }
  return actor;
}
