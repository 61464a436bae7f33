/**
 * The version of the course this process grades with, recorded in every result: the live published version when
 * the process serves a published snapshot (UNLABELED_COURSE_STATE), else `folder:<hash>` of the folder it reads
 * (COURSE_DIR or ./content: tests, `course grade`, preview), re-hashed at most every 10 seconds. Plain Node.
 */
import { readCourseState } from "./live-state";
import { contentHash } from "./version-id";

let cached: { key: string; at: number; version: string } | null = null;

export function currentCourseVersion(courseDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const stateFile = env.UNLABELED_COURSE_STATE;
  const key = `${stateFile ?? ""}\0${courseDir}`;
  if (cached && cached.key === key && Date.now() - cached.at < 10_000) return cached.version;
  let version: string | null = null;
  if (stateFile) {
    try {
      const live = readCourseState(stateFile).live;
      if (live && live.dir === courseDir) version = live.version;
    } catch {
      version = null;
    }
  }
  version ??= `folder:${contentHash(courseDir)}`;
  cached = { key, at: Date.now(), version };
  return version;
}
