/**
 * `public-tests`: runs an assignment's public.test.ts (compiled by the engine) against the submission, with
 * "./starter" resolving to a fresh instance of the student's module, exactly as the browser worker does.
 */
import { createTestApi } from "../test-api";
import { RunnerBug } from "../errors";
import type { Task } from "./types";

export const publicTestsTask: Task = async (input, ctx) => {
  const code = (input as { code?: unknown })?.code;
  if (typeof code !== "string") throw new RunnerBug("public-tests: the input needs { code }");
  const { api, run } = createTestApi();
  ctx.evaluate(code, "public.test.js", { "@tensorflow/tfjs": ctx.studentTf, "unlabeled:test": api, "./starter": ctx.exports });
  const tests = await run((done, total) => ctx.progress({ phase: "public tests", metrics: { done, total } }));
  return { tests };
};
