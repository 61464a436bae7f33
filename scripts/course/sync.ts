/**
 * `npm run course -- sync [--course DIR] [--json]`: publishes the course in DIR (COURSE_DIR, else ./content) as
 * the live version of this machine's data folder, if it validates; otherwise the live version stays and the
 * reasons are printed (and shown in the instructor console). Exit 0 when live or unchanged, 1 when refused.
 * `sync --status` prints the live version and the last attempt without publishing. `--package NAME` does the same
 * for another course package of the installation (UNLABELED_COURSES; its snapshots in <data>/packages/NAME): the
 * running site and graders serve and grade its new version within a second of it going live, without a restart.
 */
import { dataDir } from "../../db/config";
import { courseDataDir, courseSourceOf, DEFAULT_COURSE, extraCourses, isCourse } from "../../lib/content/course-registry";
import { courseSource } from "../../lib/content/course-root";
import { readCourseState, stateFile } from "../../lib/course/live-state";
import { publishCourse, PublishBusyError } from "../../lib/course/publish";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";
import { useCourse } from "./course-flag";

export const syncCommand: CliCommand = {
  name: "sync",
  summary: "Validate the course folder and publish it as the live version (the live one stays when it fails)",
  usage:
    "sync [--course DIR | --package NAME] [--json] [--status]   (course: COURSE_DIR, else ./content; snapshots in <data>/courses; --package: one of UNLABELED_COURSES, in <data>/packages/NAME)",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["course", "package"], booleans: ["json", "status"] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const pkg = typeof flags.package === "string" ? flags.package : DEFAULT_COURSE;
    if (pkg !== DEFAULT_COURSE && typeof flags.course === "string")
      throw new UsageError("--course and --package name two different courses: give one");
    if (!isCourse(pkg))
      throw new UsageError(`--package ${pkg}: not a course package of this installation (UNLABELED_COURSES names: ${extraCourses().map((c) => c.name).join(", ") || "none"})`);
    useCourse(flags);
    const data = courseDataDir(dataDir(), pkg);
    const source = pkg === DEFAULT_COURSE ? courseSource() : courseSourceOf(pkg);
    if (flags.status) {
      const state = readCourseState(stateFile(data));
      if (flags.json) console.log(JSON.stringify(state, null, 2));
      else {
        console.log(state.live ? `live: ${state.live.version} (since ${state.live.wentLiveAt}, from ${state.live.source})` : "live: nothing published yet");
        const a = state.lastAttempt;
        if (a) console.log(`last attempt: ${a.version ?? "?"} ${a.status} at ${a.at} by ${a.by}${a.problems.length ? `:\n${a.problems.map((p) => `  - ${p}`).join("\n")}` : ""}`);
      }
      return 0;
    }
    try {
      const outcome = await publishCourse({ source, dataDir: data, by: "sync", log: flags.json ? undefined : (line) => console.log(line) });
      if (flags.json) console.log(JSON.stringify(outcome, null, 2));
      else if (outcome.status === "refused") {
        console.error(`course sync: refused ${outcome.version ?? "the course"}:`);
        outcome.problems.forEach((p, i) => console.error(`${String(i + 1).padStart(3)}. ${p}`));
      }
      return outcome.status === "refused" ? 1 : 0;
    } catch (err) {
      if (err instanceof PublishBusyError) {
        console.error(`course sync: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};
