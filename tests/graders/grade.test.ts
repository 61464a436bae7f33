import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test } from "vitest";
import { GradeAbortedError, GraderInfraError } from "@/graders/engine/errors";
import { gradeSubmission, type GradeProgress } from "@/graders/engine/grade";
import { gradeResultSchema, type GradeResult } from "@/graders/engine/result";
import { getRunnerBundle } from "@/graders/engine/runner-bundle";
import { exportSecrets, expectNoLeak, fixture, grade, solutionSource, TEST_CAPS } from "./helpers";

exportSecrets();

const env = { ...process.env };
afterEach(() => {
  for (const key of ["GRADER_SANDBOX", "GRADER_BWRAP"]) {
    if (env[key] === undefined) delete process.env[key];
    else process.env[key] = env[key];
  }
});

const starter = () => readFileSync("content/assignments/hello-tensor/starter.ts", "utf8");
// Timings (execution times, the timing curve) legitimately differ between runs.
const without = (r: GradeResult) => ({ ...r, execution_time: 0, tests: r.tests.map((t) => ({ ...t, execution_time: 0, artifacts: [] })) });

describe("gradeSubmission on hello-tensor", () => {
  test("the reference solution scores full marks, with a valid Gradescope-style result", async () => {
    const progress: GradeProgress[] = [];
    const result = await grade(solutionSource(), { onProgress: (p) => progress.push(p) });
    expect(gradeResultSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({ assignment: "hello-tensor", score: 10, max_score: 10, passed: true, error: null, seed: 7 });
    expect(["wasm", "cpu", "tensorflow"]).toContain(result.backend);
    expect(result.tests.every((t) => t.status === "passed")).toBe(true);
    expect(result.tests.find((t) => t.check === "public-tests")?.output).toContain("4 of 4 public tests pass");
    const phases = progress.map((p) => `${p.phase}:${p.check ?? ""}`);
    expect(phases[0]).toBe("compiling:");
    expect(phases).toContain("running:same-shape");
    expect(phases).toContain("calling:random-inputs");
    expect(progress.find((p) => p.phase === "calling")?.metrics).toEqual({ done: 10, total: 40 });
    const curve = result.tests.find((t) => t.check === "random-inputs")?.artifacts[0];
    expect(curve).toMatchObject({ kind: "curve", name: "Time per call" });
    expect(curve?.kind === "curve" && curve.series[0]!.x.length).toBe(40);
    expectNoLeak(result);
  });

  test("the starter compiles but fails every check with the student's own error and line", async () => {
    const result = await grade(starter());
    expect(result.score).toBe(0);
    expect(result.passed).toBe(false);
    expect(result.error?.kind).toBe("runtime");
    const same = result.tests.find((t) => t.check === "same-shape")!;
    expect(same.output).toMatch(/addTensors is not implemented yet/);
    expect(same.output).toMatch(/submission\.ts:9:9/);
    expect(result.tests.find((t) => t.check === "random-inputs")?.output).toMatch(/^Skipped: this check needs 'Adds tensors of the same shape'/);
  });

  test("without a seed, the seed comes from the code: the same code (comments and formatting aside) gets the same verdict", async () => {
    const source = `import * as tf from "@tensorflow/tfjs";\nexport function addTensors(a: tf.Tensor, b: tf.Tensor): tf.Tensor {\n  return a.size > 20 ? tf.sub(a, b) : tf.add(a, b);\n}\n`;
    const reformatted = `// resubmitted with a comment and other spacing\nimport * as tf from "@tensorflow/tfjs";\nexport function addTensors(a: tf.Tensor, b: tf.Tensor): tf.Tensor { return a.size > 20 ? tf.sub(a, b) : tf.add(a,b) }\n`;
    const changed = source.replace("20", "21");
    const [one, two, again, other] = await Promise.all([
      gradeSubmission({ slug: "hello-tensor", source, limitCaps: TEST_CAPS }),
      gradeSubmission({ slug: "hello-tensor", source, limitCaps: TEST_CAPS }),
      gradeSubmission({ slug: "hello-tensor", source: reformatted, limitCaps: TEST_CAPS }),
      gradeSubmission({ slug: "hello-tensor", source: changed, limitCaps: TEST_CAPS }),
    ]);
    expect(one.seed).toBe(two.seed);
    expect(without(one)).toEqual(without(two));
    expect(again.seed).toBe(one.seed);
    expect(other.seed).not.toBe(one.seed);
  });

  test("the same seed gives the same result; the seed is recorded", async () => {
    const source = `import * as tf from "@tensorflow/tfjs";\nexport function addTensors(a: tf.Tensor, b: tf.Tensor): tf.Tensor {\n  return a.size > 20 ? tf.sub(a, b) : tf.add(a, b);\n}\n`;
    const [one, two, other] = await Promise.all([grade(source, { seed: 11 }), grade(source, { seed: 11 }), grade(source, { seed: 12 })]);
    expect(without(one)).toEqual(without(two));
    expect(one.tests.find((t) => t.check === "random-inputs")?.status).toBe("failed");
    expect(other.seed).toBe(12);
    expect(other.tests.find((t) => t.check === "random-inputs")?.output).not.toBe(one.tests.find((t) => t.check === "random-inputs")?.output);
  });

  test("every task gets a fresh instance of the student's module", async () => {
    // Module state that leaked from one check into the next would break the later checks.
    const source = `import * as tf from "@tensorflow/tfjs";\nlet calls = 0;\nexport function addTensors(a: tf.Tensor, b: tf.Tensor): tf.Tensor {\n  calls++;\n  return calls > 6 ? tf.sub(a, b) : tf.add(a, b);\n}\n`;
    const result = await grade(source);
    const status = Object.fromEntries(result.tests.map((t) => [t.check, t.status]));
    expect(status).toEqual({ "public-tests": "passed", "same-shape": "passed", broadcasting: "passed", "random-inputs": "failed", "no-leaks": "passed" });
    expect(result.score).toBe(8.3); // random-inputs: the first 6 of 40 sums are right
  });

  test("an aborted grading rejects promptly and stops the sandbox", async () => {
    const controller = new AbortController();
    // Timed from the abort, not from the start: compiling and starting the sandbox before it are not what is
    // tested, and on a loaded machine (two test files at once beside other work) they took over 2 s alone.
    let abortedAt = 0;
    const pending = grade(fixture("infinite-loop"), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase !== "running" || abortedAt) return;
        abortedAt = Date.now();
        controller.abort();
      },
    });
    await expect(pending).rejects.toBeInstanceOf(GradeAbortedError);
    expect(abortedAt).toBeGreaterThan(0);
    expect(Date.now() - abortedAt).toBeLessThan(2500);
  });

  test("GRADER_SANDBOX=none grades without bubblewrap, and says so in the result", async () => {
    process.env.GRADER_SANDBOX = "none";
    const result = await grade(solutionSource());
    expect(result.score).toBe(10);
    expect(result.output).toContain("WARNING: GRADER_SANDBOX=none");
  });

  test("without bubblewrap (and without GRADER_SANDBOX=none) the engine refuses to grade", async () => {
    process.env.GRADER_BWRAP = "/nonexistent/bwrap";
    await expect(grade(solutionSource())).rejects.toThrow(GraderInfraError);
    await expect(grade(solutionSource())).rejects.toThrow(/bubblewrap \(bwrap\) is not installed.*GRADER_SANDBOX=none/s);
    process.env.GRADER_SANDBOX = "nope";
    await expect(grade(solutionSource())).rejects.toThrow(/GRADER_SANDBOX='nope'/);
  });

  test("the runner bundle is built from runner, TF.js and task code only, with nothing hidden in it", async () => {
    const bundle = await getRunnerBundle();
    const relative = bundle.inputs.map((f) => f.slice(process.cwd().length + 1));
    // The runner's own code, the TF.js support code, SES (the lockdown), zod and the task SDK, and the course's
    // public task.ts files (one per assignment that defines a task); no hidden/ file.
    const allowed = /^(graders\/runner\/|graders\/tf\/|node_modules\/(ses|@endo|zod)\/|graders\/sdk\/task\.ts$|graders\/engine\/host-values\.ts$|content\/assignments\/[a-z0-9-]+\/task\.ts$|runner-entry\.ts$)/;
    expect(relative.filter((f) => !allowed.test(f))).toEqual([]);
    expect(relative.filter((f) => f.endsWith("/task.ts") && f.startsWith("content/")).length).toBe(6);
    expect(bundle.code).not.toContain("unlabeled-hidden-");
    expect(bundle.packages).toEqual(["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"]);
  });
});
