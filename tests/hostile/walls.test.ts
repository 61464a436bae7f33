// The OS walls on their own. Through the real path (hostile-queue.test.ts) most attacks now stop at the student
// scope: there is no `process`, `fetch` or `WebSocket` to reach for. Here every such case is graded again with the
// tests-only host access (the real host objects inside the sandbox) and must still end in its `wall` outcome:
// bubblewrap, the rlimits, the permission model, the memory watchdog and the signed protocol channel hold by
// themselves. A summary goes to test-reports/hostile-walls-summary.json for SECURITY.md.
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gradeSubmission } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";
import { acceptedKinds, HOST_PATHS_NEVER_CREATED, HOSTILE_CASES, type HostileCase } from "./cases";
import { caseSource, createdPaths, findLeaks, hostSnapshot, leftoverSandboxes, plantSecrets } from "./support";

const CAPS = { wallSeconds: 3, cpuSeconds: 6, memoryMb: 256 };
const WALL_CASES = HOSTILE_CASES.filter((c): c is HostileCase & { wall: NonNullable<HostileCase["wall"]> } => c.wall !== undefined);
const results = new Map<string, { result: GradeResult; leaks: string[] }>();
let restoreEnv: () => void = () => undefined;
let hostBefore: Record<string, string> = {};

async function gradeAll(concurrency: number): Promise<void> {
  const queue = [...WALL_CASES];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const source = caseSource(c);
        const result = await gradeSubmission({ slug: "hello-tensor", source, seed: 11, limitCaps: CAPS, unsafeHostAccessForTests: true });
        results.set(c.name, { result, leaks: findLeaks(JSON.stringify(result), source) });
      }
    }),
  );
}

describe("the OS walls hold with the host's objects in reach (tests-only host access)", () => {
  beforeAll(async () => {
    restoreEnv = plantSecrets();
    hostBefore = hostSnapshot();
    const started = Date.now();
    await gradeAll(2);
    const rows = WALL_CASES.map((c) => {
      const r = results.get(c.name)!.result;
      return { case: c.name, score: r.score, error_kind: r.error?.kind ?? null, message: (r.error?.message ?? r.tests.find((t) => t.status === "failed")?.output ?? "").slice(0, 300) };
    });
    mkdirSync("test-reports", { recursive: true });
    const summary = { suite: "tests/hostile/walls.test.ts", cases: rows.length, duration_seconds: Math.round((Date.now() - started) / 100) / 10, results: rows };
    writeFileSync("test-reports/hostile-walls-summary.json", `${JSON.stringify(summary, null, 2)}\n`);
  }, 400_000);
  afterAll(() => restoreEnv());

  it.each(WALL_CASES.map((c) => [c.name, c] as const))("%s is stopped by the walls", (_name, c) => {
    const { result, leaks } = results.get(c.name)!;
    const summary = JSON.stringify({ score: result.score, error: result.error, tests: result.tests.map((t) => [t.check, t.status, t.error?.message.slice(0, 200)]) });
    expect(result.score, summary).toBe(0);
    expect(result.passed, summary).toBe(false);
    if (c.wall.kind === null) {
      expect(result.error, summary).toBeNull();
      const scored = result.tests.filter((x) => x.max_score > 0 && !x.output.startsWith("Skipped:"));
      expect(scored.length).toBeGreaterThan(0);
      for (const test of scored) expect(test.output, summary).toMatch(c.wall.message);
    } else {
      expect(acceptedKinds(c.wall), summary).toContain(result.error?.kind);
      expect(result.error?.message, summary).toMatch(c.wall.message);
    }
    expect(leaks).toEqual([]);
  });

  it("the environment the sandbox saw holds only its own variables", () => {
    const message = results.get("env-secrets")?.result.error?.message ?? "";
    const env = JSON.parse(/environment: (\{.*?\})/.exec(message)?.[1] ?? "null") as Record<string, string> | null;
    expect(env).not.toBeNull();
    const allowed = ["NODE_ENV", "PATH", "HOME", "TMPDIR", "LANG", "TZ", "PWD", "GRADER_TF_BACKEND", "GRADER_TF_SELF_TEST"];
    expect(Object.keys(env!).filter((k) => !allowed.includes(k))).toEqual([]);
  });

  it("nothing inherited beyond the protocol socket and node's own pipes (the key descriptor is closed)", () => {
    const message = results.get("inherited-fds")?.result.error?.message ?? "";
    expect(message).not.toMatch(/file\(/);
    expect(message).not.toMatch(/\b5:/);
  });

  it("left the host untouched and no sandbox running", () => {
    expect(hostSnapshot()).toEqual(hostBefore);
    expect(createdPaths(HOST_PATHS_NEVER_CREATED)).toEqual([]);
    expect(leftoverSandboxes()).toEqual([]);
  });
});
