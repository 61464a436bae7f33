import type { Db } from "@/db/client";
import type { Role } from "@/db/schema";
import type { GradeJob } from "@/lib/grading/queue";
import type { GradingPrerequisites } from "@/lib/system/grading-prerequisites";
import { AppError } from "./errors";

/**
 * Who is acting. Routes build it from the session (lib/auth/current-user.ts getActor); the CLI acts as a trusted
 * operator. `role` is the actor's role in `offering`, the request's active offering (lib/offerings/active-offering.ts):
 * a TA enrolled in offering A is a TA there and nowhere else. `globalRole` is `users.role` (an installation
 * instructor is staff of every offering and may create offerings); absent, it equals `role`.
 */
export interface Actor {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  globalRole?: Role;
  /** The active offering's slug; absent: the default offering. */
  offering?: string;
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
  /** The offering the verb works in (docs/offerings.md); absent: the actor's active offering, else "default". */
  offering?: string;
  /**
   * The content folder (tests point it at a fixture course); default: the folder of the course package the
   * offering runs (lib/offerings/offering-course.ts; COURSE_DIR or ./content for the default package).
   */
  contentDir?: string;
  /** The default package's folder as the caller gave it (set by defineVerb; lib/offerings/offering-course.ts contentDirFor). */
  defaultContentDir?: string;
  /** The clock (tests fix it); default now. */
  now?: Date;
  /** The client's address (lib/auth/client-ip.ts), for per-IP limits; absent outside a web request. */
  clientIp?: string;
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

/** The offering a verb scopes by: the context's, else the actor's active one, else the default offering. */
export function offeringOf(ctx: { offering?: string; actor: Actor | null }): string {
  return ctx.offering ?? ctx.actor?.offering ?? "default";
}

/** Whether the actor is an instructor of the whole installation (users.role), whatever the active offering. */
export function isInstallationInstructor(actor: Actor | null): boolean {
  return (actor?.globalRole ?? actor?.role) === "instructor";
}

/** Whether the actor is staff for a row of `offering`: staff of the active offering it belongs to, or an installation instructor. */
export function staffFor(ctx: { offering?: string; actor: Actor | null }, offering: string): boolean {
  return isInstallationInstructor(ctx.actor) || (isStaff(ctx.actor) && offering === offeringOf(ctx));
}

/**
 * For installation-wide actions (course versions, LTI platforms, creating offerings): an instructor of one offering
 * only (an enrolment, not users.role) is refused, with the same message as any non-instructor.
 */
export function requireInstallationInstructor(actor: Actor): Actor {
  if (!isInstallationInstructor(actor)) throw new AppError("forbidden", "This is for instructors only.");
  return actor;
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
