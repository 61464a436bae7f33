/**
 * `npm run course -- preview [--course DIR] [--port P]`: serves the course folder for its author with the platform's
 * production build (built first if needed): every page is rendered from the folder as it is now, reloads when a
 * file changes, and shows a broken file's problems (file:line and the reason) instead of the page. It keeps its own
 * data folder (.data-preview), so it runs next to `npm start` without touching the live site's database.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { courseSource } from "../../lib/content/course-root";
import { parseArgs, UsageError, type CliCommand } from "../cli-types";
import { useCourse } from "./course-flag";

export const previewCommand: CliCommand = {
  name: "preview",
  summary: "Serve the course folder for its author, reloading pages when files change",
  usage: "preview [--course DIR] [--port P]   (course: COURSE_DIR, else ./content; port 3100; data in .data-preview)",
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { strings: ["course", "port"] });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    useCourse(flags);
    const port = typeof flags.port === "string" ? flags.port : "3100";
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new UsageError(`--port must be a port number, got '${port}'`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      COURSE_DIR: courseSource(),
      UNLABELED_PREVIEW: "1",
      PORT: port,
      UNLABELED_DATA_DIR: process.env.UNLABELED_PREVIEW_DATA_DIR ?? path.resolve(".data-preview"),
    };
    delete env.UNLABELED_COURSE_STATE;
    delete env.DATABASE_URL;
    const tsx = path.join("node_modules", "tsx", "dist", "cli.mjs");
    const child = spawn(process.execPath, [tsx, "--no-cache", path.join("scripts", "start.ts")], { stdio: "inherit", env });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
    return new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
  },
};
