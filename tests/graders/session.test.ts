// Which checks share a runner process: consecutive ones with the same memory limit; an isolated check gets its own.
import { describe, expect, test } from "vitest";
import { loadAssignment, type LoadedCheck } from "@/graders/engine/assignments";
import { compileTypeScript } from "@/graders/engine/compile";
import { getRunnerBundle } from "@/graders/engine/runner-bundle";
import { RunnerSession } from "@/graders/engine/session";
import { solutionSource } from "./helpers";

describe("RunnerSession", () => {
  test("shares a runner between compatible checks and gives isolated or differently sized checks their own", async () => {
    const base = (await loadAssignment("hello-tensor")).checks[1]!;
    const check = (id: string, over: Partial<LoadedCheck> = {}): LoadedCheck => ({ ...base, id, ...over });
    const checks = [check("a"), check("b"), check("c", { isolate: true }), check("d"), check("e", { limits: { ...base.limits, memoryMb: 300 } })];
    const compiled = await compileTypeScript(solutionSource());
    if (!compiled.ok) throw new Error(compiled.message);
    const session = new RunnerSession(await getRunnerBundle(), compiled.module.code, checks);
    let starts = 0;
    const runners = [];
    for (let i = 0; i < checks.length; i++) runners.push(await session.runnerFor(i, () => starts++));
    expect(starts).toBe(4);
    expect(runners[1]).toBe(runners[0]);
    expect(new Set(runners).size).toBe(4);
    expect(runners[0]!.alive).toBe(false);
    expect(runners[4]!.alive).toBe(true);
    expect(session.backend).toBe(runners[0]!.backend.name);
    await session.release();
    expect(runners[4]!.alive).toBe(false);
  });

  test("a submission that cannot load fails once, for every remaining check", async () => {
    const checks = (await loadAssignment("hello-tensor")).checks;
    const compiled = await compileTypeScript(`throw new Error("broken module body");\nexport const x = 1;\n`);
    if (!compiled.ok) throw new Error(compiled.message);
    const session = new RunnerSession(await getRunnerBundle(), compiled.module.code, checks);
    let starts = 0;
    expect(await session.runnerFor(0, () => starts++)).toBeNull();
    expect(await session.runnerFor(1, () => starts++)).toBeNull();
    expect(starts).toBe(1);
    expect(session.loadFailure).toMatchObject({ kind: "runtime", message: expect.stringContaining("broken module body") as unknown as string });
  });
});
