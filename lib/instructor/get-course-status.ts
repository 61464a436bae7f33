import "server-only";
import { dataDir } from "@/db/config";
import { courseRoot, courseSource } from "@/lib/content/course-root";
import { isPreview } from "@/lib/content/preview";
import { courseStateFileOf, extraCourses } from "@/lib/content/course-registry";
import { readCourseState, stateFile, type CourseState } from "@/lib/course/live-state";
import { requireInstallationInstructor } from "../context";
import { defineVerb } from "../verb";

export interface CourseStatus extends CourseState {
  /** The folder new versions are published from (COURSE_DIR, else ./content). */
  source: string;
  /** The folder this server serves now. */
  serving: string;
  /** Served straight from the folder (preview, or a server started without publishing): no live snapshot. */
  unpublished: boolean;
  /** The installation's other course packages (UNLABELED_COURSES) and their live versions on this machine. */
  packages: Array<CourseState & { name: string; source: string }>;
}

/** The live course version, when it went live, and how the last attempt to publish went (instructors only). */
export const getCourseStatus = defineVerb({
  role: "instructor",
  run: async (ctx): Promise<CourseStatus> => {
    requireInstallationInstructor(ctx.actor);
    const file = process.env.UNLABELED_COURSE_STATE ?? stateFile(dataDir());
    const state = readCourseState(file);
    return {
      ...state,
      source: courseSource(),
      serving: courseRoot(),
      unpublished: isPreview() || !process.env.UNLABELED_COURSE_STATE,
      packages: extraCourses().map((c) => {
        const other = courseStateFileOf(c.name);
        return {
          name: c.name,
          source: c.source,
          ...(other ? readCourseState(other) : { live: null, lastAttempt: null }),
        };
      }),
    };
  },
});
