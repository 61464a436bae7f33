/** Runs `npm run course -- …` as a process (tsx, the react-server condition), as instructors do. */
import { spawnSync } from "node:child_process";
import path from "node:path";

const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");

export function course(args: string[], env: Record<string, string | undefined> = {}, timeout = 240_000) {
  const base: NodeJS.ProcessEnv = { ...process.env, TSX_DISABLE_CACHE: "1", ...env };
  delete base.COURSE_DIR;
  delete base.UNLABELED_COURSE_STATE;
  if (env.COURSE_DIR) base.COURSE_DIR = env.COURSE_DIR;
  const r = spawnSync(process.execPath, [tsx, "--no-cache", "--conditions=react-server", "scripts/course.ts", ...args], { env: base, encoding: "utf8", timeout });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}${r.stderr}` };
}
