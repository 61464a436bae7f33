/**
 * What `npm start` and `npm run grader` do with the course before they serve or grade: publish the source folder
 * (COURSE_DIR, else ./content) unless that version is live already. With a live version the process starts at
 * once and validates the new one in the background (it goes live when it passes); with none it waits for the
 * first validation, since there is nothing else to serve; that one grades the references on their quick checks
 * only. Plain Node.
 */
import { courseDataDir, extraCourses } from "../content/course-registry";
import { readCourseState, stateFile } from "./live-state";
import { publishCourse, PublishBusyError, publishGrading, type PublishOutcome } from "./publish";

export interface EnsureLiveResult {
  /** The state file to hand to the server or grader (UNLABELED_COURSE_STATE). */
  stateFile: string;
  /** A version is live now. */
  live: boolean;
  /** The first validation refused the course (nothing is live): the reasons. */
  problems: string[];
  /** The background validation, when one runs. */
  background: Promise<PublishOutcome | null> | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function ensureLiveCourse(opts: {
  source: string;
  dataDir: string;
  by: string;
  log: (line: string) => void;
  root?: string;
}): Promise<EnsureLiveResult> {
  const file = stateFile(opts.dataDir);
  const run = () =>
    publishCourse({
      source: opts.source,
      dataDir: opts.dataDir,
      by: opts.by,
      log: opts.log,
      root: opts.root,
      // At start the references are graded on their quick checks (seconds, not the minutes of every experiment):
      // `course check` and `course sync` run everything. UNLABELED_PUBLISH_GRADING overrides.
      grading: publishGrading("quick"),
    }).catch((err: unknown) => {
      if (err instanceof PublishBusyError) {
        opts.log(`course: ${err.message}`);
        return null;
      }
      throw err;
    });
  if (readCourseState(file).live) return { stateFile: file, live: true, problems: [], background: run() };
  opts.log("course: nothing is live yet; validating the course before serving it (later starts reuse the result)");
  let outcome = await run();
  // Another process (a grader, a second start) is publishing: wait for its verdict.
  for (let waited = 0; outcome === null && waited < 3600; waited += 2) {
    await sleep(2000);
    const state = readCourseState(file);
    if (state.live) return { stateFile: file, live: true, problems: [], background: null };
    if (state.lastAttempt && state.lastAttempt.status !== "validating")
      outcome = {
        status: state.lastAttempt.status,
        version: state.lastAttempt.version,
        problems: state.lastAttempt.problems,
        state,
      };
  }
  const live = readCourseState(file).live !== null;
  return {
    stateFile: file,
    live,
    problems: live ? [] : (outcome?.problems ?? ["no course version could be validated"]),
    background: null,
  };
}

/**
 * The same for every other course package the installation serves (UNLABELED_COURSES,
 * lib/content/course-registry.ts), each into `<data>/packages/<name>/`, one after the other, before the process
 * serves or grades. A package that does not validate and has no live version is reported, not fatal: the other
 * courses keep being served, and its offerings answer 503 with the reason until it validates.
 */
export async function ensureLiveExtraCourses(opts: {
  dataDir: string;
  by: string;
  log: (line: string) => void;
  root?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<Array<{ name: string; live: boolean; problems: string[] }>> {
  const out: Array<{ name: string; live: boolean; problems: string[] }> = [];
  for (const c of extraCourses(opts.env ?? process.env)) {
    const log = (line: string) => opts.log(`[${c.name}] ${line}`);
    const r = await ensureLiveCourse({
      source: c.source,
      dataDir: courseDataDir(opts.dataDir, c.name),
      by: opts.by,
      log,
      root: opts.root,
    });
    if (!r.live)
      log(
        `not served: it does not validate and no earlier version is live:\n${r.problems.map((p) => `  - ${p}`).join("\n")}`,
      );
    out.push({ name: c.name, live: r.live, problems: r.problems });
  }
  return out;
}
