/** The tasks a check may name. A new kind of untrusted work (e.g. training a model) adds a file and a line here. */
import { callTask } from "./call";
import { publicTestsTask } from "./public-tests";
import type { Task } from "./types";

export const TASKS: Record<string, Task> = {
  call: callTask,
  "public-tests": publicTestsTask,
};
