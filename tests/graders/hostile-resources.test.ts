// Hostile submissions that attack resources: each ends as a clear failed result, and grading goes on.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { exportSecrets, expectFailure, grade, gradeFixture, gradeFixtureWithHost, NOT_AVAILABLE, ranTests, solutionSource, TEST_CAPS } from "./helpers";

exportSecrets();

describe("hostile submissions: resources", () => {
  test("an infinite loop times out in each check it reaches; dependent checks are skipped", async () => {
    const result = await gradeFixture("infinite-loop");
    expectFailure(result, "timeout", /ran longer than 3 s/);
    expect(ranTests(result).map((t) => t.error?.kind)).toEqual(["timeout", "timeout", "timeout"]);
    expect(result.tests.filter((t) => t.output.startsWith("Skipped:")).map((t) => t.check)).toEqual(["random-inputs", "no-leaks"]);
  });

  test("a module body that never finishes fails every check with one load timeout", async () => {
    const result = await gradeFixture("loop-at-load");
    expectFailure(result, "timeout", /loading the submission/);
    expect(ranTests(result).every((t) => t.error?.kind === "timeout")).toBe(true);
    expect(result.execution_time).toBeLessThan(2 * TEST_CAPS.wallSeconds);
  });

  test("a heap memory bomb ends as a memory failure", async () => {
    const result = await gradeFixture("memory-bomb");
    expectFailure(result, "memory", /ran out of memory .*limit 256 MB/);
  });

  test("an array-buffer memory bomb ends as a memory failure", async () => {
    const result = await gradeFixture("buffer-bomb");
    expectFailure(result, "memory", /out of memory/);
  });

  test("tensors never disposed (wasm heap, outside the V8 limit) are stopped by the memory watchdog", async () => {
    // A generous wall clock, so the watchdog (not the timer) must end it even on a busy machine.
    const source = readFileSync(path.join(process.cwd(), "tests", "fixtures", "hostile", "tensor-leak.ts"), "utf8");
    const result = await grade(source, { limitCaps: { ...TEST_CAPS, wallSeconds: 30, cpuSeconds: 60 } });
    expectFailure(result, "memory", /ran out of memory: the sandbox held \d+ MB, more than the 1536 MB allowed for a limit of 256 MB/);
  }, 120_000);

  test("a fork bomb has no process to fork from, and is refused by the sandbox", async () => {
    expectFailure(await gradeFixture("fork-bomb"), "runtime", NOT_AVAILABLE("process"));
    expectFailure(await gradeFixtureWithHost("fork-bomb"), "sandbox", /the sandbox denied access/);
  });

  test("50 MB of console output is cut off at 1 MiB", async () => {
    const result = await gradeFixture("big-output");
    expectFailure(result, "output", /printed more than 1\.0 MiB/);
    expect(JSON.stringify(result).length).toBeLessThan(100_000);
  });

  test("while hostile submissions run, a normal submission next to them grades fine", async () => {
    const [bomb, fork, normal] = await Promise.all([gradeFixture("memory-bomb"), gradeFixture("fork-bomb"), grade(solutionSource())]);
    expect(bomb.score).toBe(0);
    expect(fork.score).toBe(0);
    expect(normal.score).toBe(10);
    expect(normal.error).toBeNull();
  });
});
