// Hostile submissions that try to escape, leak, forge or confuse: each ends as a clear failed result.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { exportSecrets, expectFailure, grade, gradeFixture, gradeFixtureWithHost, NOT_AVAILABLE, SECRETS, solutionSource } from "./helpers";

exportSecrets();

const check = (result: Awaited<ReturnType<typeof grade>>, id: string) => result.tests.find((t) => t.check === id)!;

describe("hostile submissions: escapes and forgeries", () => {
  // Each attack first as a student submits it (the student scope has no process, fetch or fs), then with the
  // tests-only host access, which proves the OS walls (bubblewrap, the permission model) hold on their own.
  test("a network request fails: no fetch in the student scope, and no network in the sandbox", async () => {
    expectFailure(await gradeFixture("network"), "runtime", NOT_AVAILABLE("fetch"));
    expectFailure(await gradeFixtureWithHost("network"), "sandbox", /network access is not available/);
  });

  test("reading the hidden checks, .data/, system files or secrets is impossible, and denied by the walls", async () => {
    expectFailure(await gradeFixture("read-outside"), "runtime", NOT_AVAILABLE("process"));
    const result = await gradeFixtureWithHost("read-outside");
    expectFailure(result, "sandbox", /denied access to .*content\/assignments\/hello-tensor\/hidden\/checks\.ts/);
    const text = JSON.stringify(result);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    expect(text).not.toContain("leaked:");
  });

  test("writing outside /tmp is impossible, denied by the walls and leaves nothing behind", async () => {
    expectFailure(await gradeFixture("write-outside"), "runtime", NOT_AVAILABLE("process"));
    const result = await gradeFixtureWithHost("write-outside");
    if (process.cwd().startsWith("/tmp/")) {
      // Inside the sandbox /tmp is a fresh tmpfs, so a checkout under /tmp is simply absent there.
      expectFailure(result, "runtime", /no such file or directory.*\.data\/pwned\.txt/);
    } else {
      expectFailure(result, "sandbox", /denied access to .*\.data\/pwned\.txt/);
    }
    expect(existsSync(path.join(process.cwd(), ".data", "pwned.txt"))).toBe(false);
    expect(existsSync(path.join(process.cwd(), "pwned.txt"))).toBe(false);
  });

  test("process.exit(0) before the check finishes is a runtime failure", async () => {
    expectFailure(await gradeFixture("exit-early"), "runtime", NOT_AVAILABLE("process"));
    const result = await gradeFixtureWithHost("exit-early");
    expectFailure(result, "runtime", /exited before the check finished \(does the submission call process\.exit\(\)\?\)/);
  });

  test("messages imitating the protocol claim nothing: the channel only takes lines signed with the runner's key", async () => {
    expectFailure(await gradeFixture("forge-protocol"), "runtime", NOT_AVAILABLE("process"));
    const result = await gradeFixtureWithHost("forge-protocol");
    expectFailure(result, "output", /protocol channel received a line the runner did not write \(it failed authentication\)/);
    const scored = result.tests.filter((t) => t.max_score > 0);
    expect(scored.length).toBeGreaterThan(0);
    for (const t of scored) expect(t.status, t.check).toBe("failed");
  });

  test("a forged second result after the real one fails the check it lands in", async () => {
    expectFailure(await gradeFixture("forge-duplicate"), "runtime", NOT_AVAILABLE("process"));
    const result = await gradeFixtureWithHost("forge-duplicate");
    // Wherever the unsigned line lands (after same-shape's result or inside a later check), that check fails as an
    // output error and the submission does not pass.
    const forged = result.tests.filter((t) => t.error?.kind === "output");
    expect(forged.length, JSON.stringify(result.tests.map((t) => [t.check, t.status, t.error]))).toBeGreaterThan(0);
    for (const t of forged) {
      expect(t.score).toBe(0);
      expect(t.error?.message).toMatch(/failed authentication|wrote to the grader.s protocol channel after the check finished|sent more messages after the check finished/);
    }
    expect(result.passed).toBe(false);
  });

  test("polluting prototypes and JSON in the sandbox is refused: the intrinsics are frozen", async () => {
    const result = await gradeFixture("prototype-pollution");
    expectFailure(result, "runtime", /loading the submission threw: TypeError: Cannot (?:add property score, object is not extensible|assign to read only property)/);
  });

  test("NaN results fail with a message that says so", async () => {
    const result = await gradeFixture("returns-nan");
    expect(result.score).toBe(0);
    expect(result.error).toBeNull();
    expect(check(result, "same-shape").output).toMatch(/addTensors\(\[3\], \[3\]\) the result contains NaN \(at \[0\]\)/);
  });

  test("wrong shapes fail with the shapes named", async () => {
    const result = await gradeFixture("wrong-shape");
    expect(result.passed).toBe(false);
    expect(check(result, "same-shape").output).toContain("addTensors([3], [3]) returned shape [1, 3] instead of [3]");
    expect(check(result, "broadcasting").score).toBe(0);
  });

  test("throwing non-Error values (a number, a booby-trapped Proxy) is a readable runtime failure", async () => {
    const result = await gradeFixture("throws-non-error");
    expectFailure(result, "runtime", /a value that cannot be inspected/);
    expect(check(result, "broadcasting").error?.message).toMatch(/a non-Error value: 42/);
  });

  test("a syntax error is a compile failure with line and column", async () => {
    const result = await gradeFixture("bad-syntax");
    expectFailure(result, "compile", /^submission\.ts:5:21: Expected "\)" but found ";"/);
    expect(result.backend).toBeNull();
  });

  test("importing a Node module is a compile failure", async () => {
    const result = await gradeFixture("import-fs");
    expectFailure(result, "compile", /cannot import 'node:fs'/);
  });

  test("after all that, the reference solution still grades in full", async () => {
    const result = await grade(solutionSource());
    expect(result.score).toBe(10);
  });
});
