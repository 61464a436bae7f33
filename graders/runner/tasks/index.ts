/**
 * The built-in tasks every course may name: `call`, `call-inspect`, `value-and-grads` and `public-tests`. An
 * assignment that needs other untrusted work (training a model built from the student's code, say) defines it in its
 * own task.ts with defineTask() from @unlabeled/sdk/task; the runner bundle registers those (main.ts startRunner).
 */
import { callTask } from "./call";
import { callInspectTask } from "./call-inspect";
import { publicTestsTask } from "./public-tests";
import { valueAndGradsTask } from "./value-and-grads";
import type { Task } from "./types";

export const BUILT_IN_TASKS: Record<string, Task> = {
  call: callTask,
  "call-inspect": callInspectTask,
  "public-tests": publicTestsTask,
  "value-and-grads": valueAndGradsTask,
};
