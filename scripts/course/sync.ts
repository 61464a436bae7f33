/**
 * `npm run course -- sync [--course DIR] [--json]`: publishes the course in DIR (COURSE_DIR, else ./content) as
 * the live version of this machine's data folder, if it validates; otherwise the live version stays and the
 * reasons are printed (and shown in the instructor console). Exit 0 when live or unchanged, 1 when refused.
 * `sync --status` prints the live version and the last attempt without publishing.
 */
import { dataDir } from "../../db/config";
import { courseSource } from "../../lib/content/course-root";
import { readCourseState, stateFile } from "../../lib/course/live-state";
import { publishCourse, PublishBusyError } from "../../lib/course/publish";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";
import { useCourse } from "./course-flag";

export const syncCommand: CliCommand = {
  name: "sync",
  summary: "Validate the course folder and publish it as the live version (the live one stays when it fails)",
  usage: "sync [--course DIR] [--json] [--status]   (course: COURSE_DIR, else ./content; snapshots in <data>/courses)",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["course"], booleans: ["json", "status"] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    useCourse(flags);
    const data = dataDir();
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
      const outcome = await publishCourse({ source: courseSource(), dataDir: data, by: "sync", log: flags.json ? undefined : (line) => console.log(line) });
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
