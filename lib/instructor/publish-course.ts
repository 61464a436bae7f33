import "server-only";
import path from "node:path";
import { dataDir } from "@/db/config";
import { insertAudit } from "@/db/queries/instructor-audit";
import { courseSource } from "@/lib/content/course-root";
import { isPreview } from "@/lib/content/preview";
import { publishCourse, publishInProgress } from "@/lib/course/publish";
import { AppError } from "../errors";
import { requireInstallationInstructor } from "../context";
import { defineVerb } from "../verb";

/**
 * The console's Publish button: validates the course folder as a new version in the background (course check in a
 * child process) and makes it live only when it passes; the live version serves on meanwhile. Audited. The page
 * follows the attempt through getCourseStatus.
 */
export const publishCourseNow = defineVerb({
  role: "instructor",
  transaction: true,
  prepare: async (ctx) => {
    // The course package is the installation's, shared by every offering.
    requireInstallationInstructor(ctx.actor);
    if (isPreview())
      throw new AppError(
        "conflict",
        "This is a preview: it serves the course folder itself, so there is nothing to publish.",
      );
    const data = process.env.UNLABELED_COURSE_STATE
      ? path.dirname(path.dirname(process.env.UNLABELED_COURSE_STATE))
      : dataDir();
    if (publishInProgress(data))
      throw new AppError("conflict", "A course version is being validated already; wait for its verdict.");
    return { source: courseSource(), data };
  },
  run: async (ctx, _input, tx, { source }) => {
    await insertAudit(tx, {
      actorId: ctx.actor.id,
      action: "course.publish",
      assignment: null,
      subjectUserId: null,
      details: { source },
    });
    return { source };
  },
  afterCommit: async (ctx, _input, committed, { data }) => {
    // Not awaited: validation grades every reference solution and may take minutes.
    void publishCourse({ source: committed.source, dataDir: data, by: ctx.actor.email }).catch((err: unknown) => {
      console.error(`[course] publishing failed: ${err instanceof Error ? err.message : String(err)}`);
    });
    return { started: true, source: committed.source };
  },
});
