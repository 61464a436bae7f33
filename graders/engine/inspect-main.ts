/**
 * Child process of `inspectCourse()` (inspect-course.ts): loads a course's code with the engine's one loader
 * (loadAssignment: assignment.yaml, hidden/checks.ts, task.ts, rubric ↔ check ids) and reports each assignment as
 * one JSON line on stdout. A module that never returns stalls only this process, which the parent kills.
 *
 *   COURSE_DIR=<course> tsx --conditions=react-server graders/engine/inspect-main.ts <slug>...
 *
 * Lines: {"type":"loading","slug"} before each assignment (slug null: the task files), then {"type":"assignment","slug","ok":true,"checks"}
 * or {"type":"assignment","slug","ok":false,"problem"}; first {"type":"tasks",...} for the course's task.ts files.
 */
import { courseTasks, loadAssignment } from "./assignments";

function say(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function main(): Promise<void> {
  say({ type: "loading", slug: null });
  try {
    const tasks = await courseTasks();
    say({ type: "tasks", ok: true, names: tasks.map((t) => t.name) });
  } catch (err) {
    say({ type: "tasks", ok: false, problem: message(err) });
  }
  for (const slug of process.argv.slice(2)) {
    say({ type: "loading", slug });
    try {
      const a = await loadAssignment(slug);
      await a.host.close();
      const checks = a.checks.map((c) => ({ id: c.id, points: c.points, visibility: c.visibility, experiment: c.experiment, task: typeof c.definition.task === "string" ? c.definition.task : c.definition.task.name }));
      say({ type: "assignment", slug, ok: true, points: a.config.points, checks });
    } catch (err) {
      say({ type: "assignment", slug, ok: false, problem: message(err) });
    }
  }
}

await main();
// Timers a course module left behind must not keep the inspection alive.
process.exit(0);
