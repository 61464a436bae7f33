/**
 * The version of the course this process grades with, recorded in every result: the live published version when
 * the process serves a published snapshot (UNLABELED_COURSE_STATE, or another package's state file beside it), else `folder:<hash>` of the folder it reads
 * (COURSE_DIR or ./content: tests, `course grade`, preview), re-hashed at most every 10 seconds. Plain Node.
 */
import { courseStateFileOf, extraCourses } from "../content/course-registry";
import { readCourseState } from "./live-state";
import { contentHash } from "./version-id";

let cached: { key: string; at: number; version: string } | null = null;

export function currentCourseVersion(courseDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const stateFile = env.UNLABELED_COURSE_STATE;
  const key = `${stateFile ?? ""}\0${courseDir}`;
  if (cached && cached.key === key && Date.now() - cached.at < 10_000) return cached.version;
  let version: string | null = null;
  if (stateFile) {
    // The default package's state file, then each other package's (lib/content/course-registry.ts).
    const files = [stateFile];
    try {
      for (const c of extraCourses(env)) files.push(courseStateFileOf(c.name, env)!);
    } catch {
      // a malformed UNLABELED_COURSES is reported where it is used; here it only means no other package
    }
    for (const file of files) {
      try {
        const live = readCourseState(file).live;
        if (live && live.dir === courseDir) {
          version = live.version;
          break;
        }
      } catch {
        // an unreadable state file: try the next
      }
    }
  }
  version ??= `folder:${contentHash(courseDir)}`;
  cached = { key, at: Date.now(), version };
  return version;
}
