import "server-only";
import type { Db, Tx } from "@/db/client";
import { findOfferingCourse } from "@/db/queries/offerings";
import { CourseNotLiveError, courseDirOf, DEFAULT_COURSE, UnknownCourseError } from "../content/course-registry";
import { AppError } from "../errors";

const TTL_MS = 5_000;
const seen = new Map<string, { course: string; at: number }>();

/** The course package an offering runs (offering.course), cached for 5 seconds; "default" for an unknown slug. */
export async function offeringCourse(db: Db | Tx, offering: string): Promise<string> {
  if (offering === "default") return DEFAULT_COURSE;
  const hit = seen.get(offering);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.course;
  const course = (await findOfferingCourse(db, offering)) ?? DEFAULT_COURSE;
  seen.set(offering, { course, at: Date.now() });
  return course;
}

/**
 * The folder of the course package an offering runs, or undefined for the default package (whose folder callers
 * take from their context or COURSE_DIR, as before several packages). A package that is not served (any more), or
 * has no validated version yet, is a 503 with the reason.
 */
export async function offeringContentDir(db: Db | Tx, offering: string): Promise<string | undefined> {
  const course = await offeringCourse(db, offering);
  if (course === DEFAULT_COURSE) return undefined;
  try {
    return courseDirOf(course);
  } catch (err) {
    if (err instanceof UnknownCourseError || err instanceof CourseNotLiveError)
      throw new AppError("unavailable", err.message);
    throw err;
  }
}

/**
 * The content folder for work in `offering` when the context's own folder is of another offering's package: the
 * context's `defaultContentDir` (a test's fixture, else COURSE_DIR) for the default package, else that package's.
 */
export async function contentDirFor(
  ctx: { db: Db | Tx; defaultContentDir?: string },
  offering: string,
): Promise<string | undefined> {
  return (await offeringContentDir(ctx.db, offering)) ?? ctx.defaultContentDir;
}
