import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGradingPrerequisites, installCommand, webServerGrades } from "@/lib/system/grading-prerequisites";
import { ensureGradingPrerequisites } from "@/lib/system/install-prerequisites";

const hasBwrap = spawnSync("sh", ["-c", "command -v bwrap"]).status === 0 || fs.existsSync("/usr/bin/bwrap");
let dir: string;

/** A script standing in for a program: records its arguments (one call per line) and exits with `code`. */
function fakeProgram(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "grading-prereq-"));
  fs.chmodSync(dir, 0o755); // the trial runs as an unprivileged uid when we are root: it must reach a fake bwrap
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("grading prerequisites", () => {
  it.skipIf(!hasBwrap)("passes where bubblewrap and prlimit are installed and the trial sandbox starts", async () => {
    const started = Date.now();
    const r = await checkGradingPrerequisites({ env: { ...process.env, GRADER_BWRAP: "", GRADER_SANDBOX: "" } });
    expect(r).toMatchObject({ ok: true, mode: "bwrap", missingPackages: [], fix: null });
    expect(r.message).toMatch(/^the grading sandbox works \(.*bwrap under .*prlimit\)$/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports a missing bwrap (GRADER_BWRAP=/nonexistent) with the package and the command", async () => {
    const asUser = await checkGradingPrerequisites({ env: { ...process.env, GRADER_BWRAP: "/nonexistent" }, asRoot: false });
    expect(asUser).toMatchObject({ ok: false, missingPackages: ["bubblewrap"], fix: "sudo apt-get install -y bubblewrap" });
    expect(asUser.message).toBe(
      "grading is unavailable: bubblewrap (bwrap) is not installed (GRADER_BWRAP=/nonexistent does not exist); run `sudo apt-get install -y bubblewrap`",
    );
    const asRoot = await checkGradingPrerequisites({ env: { ...process.env, GRADER_BWRAP: "/nonexistent" }, asRoot: true });
    expect(asRoot.fix).toBe("apt-get install -y bubblewrap");
  });

  it("names prlimit's package when prlimit is missing", async () => {
    // An empty PATH leaves only /usr/bin, /bin and /usr/local/bin, so this can only run where prlimit is absent there.
    const present = ["/usr/bin/prlimit", "/bin/prlimit", "/usr/local/bin/prlimit"].some((f) => fs.existsSync(f));
    const r = await checkGradingPrerequisites({ env: { PATH: dir, GRADER_BWRAP: "/nonexistent" }, asRoot: false });
    expect(r.missingPackages).toEqual(present ? ["bubblewrap"] : ["bubblewrap", "util-linux"]);
    expect(r.fix).toBe(installCommand(r.missingPackages, false));
  });

  it("explains disabled unprivileged user namespaces from bwrap's own words", async () => {
    const bwrap = fakeProgram(
      "bwrap-no-userns",
      "echo 'bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces. See <https://deb.li/bubblewrap>.' >&2; exit 1",
    );
    const r = await checkGradingPrerequisites({ env: { ...process.env, GRADER_BWRAP: bwrap } });
    expect(r).toMatchObject({ ok: false, missingPackages: [] });
    expect(r.message).toMatch(/^grading is unavailable: unprivileged user namespaces are disabled on this host, so bubblewrap cannot create the grading sandbox \(bwrap said: No permissions to create new namespace/);
  });

  it("says a bwrap too old for the engine's flags is too old", async () => {
    const bwrap = fakeProgram("bwrap-old", "echo 'bwrap: Unknown option --disable-userns' >&2; exit 1");
    const r = await checkGradingPrerequisites({ env: { ...process.env, GRADER_BWRAP: bwrap } });
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/too old for the grading sandbox.*bubblewrap 0\.8 or newer/);
  });

  it("gives up on a trial sandbox that hangs, after the timeout", async () => {
    const bwrap = fakeProgram("bwrap-hangs", "exec sleep 30");
    const started = Date.now();
    const r = await checkGradingPrerequisites({ env: { ...process.env, GRADER_BWRAP: bwrap }, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.message).toBe(`grading is unavailable: a trial sandbox (${bwrap}) did not finish within 300 ms`);
  });

  it("needs nothing with GRADER_SANDBOX=none and refuses an unknown GRADER_SANDBOX", async () => {
    const none = await checkGradingPrerequisites({ env: { GRADER_SANDBOX: "none", GRADER_BWRAP: "/nonexistent" } });
    expect(none).toMatchObject({ ok: true, mode: "none", missingPackages: [] });
    const bad = await checkGradingPrerequisites({ env: { GRADER_SANDBOX: "docker" } });
    expect(bad).toMatchObject({ ok: false, missingPackages: [] });
    expect(bad.message).toMatch(/GRADER_SANDBOX='docker' is not understood/);
  });

  it("knows when the web server grades", () => {
    expect(webServerGrades({}, "pglite")).toBe(true);
    expect(webServerGrades({}, "postgres")).toBe(false);
    expect(webServerGrades({ GRADER_IN_WEB: "1" }, "postgres")).toBe(true);
    expect(webServerGrades({ GRADER_IN_WEB: "0" }, "pglite")).toBe(false);
  });
});

describe("npm start's install step", () => {
  it("as root runs UNLABELED_APT_GET update, then install -y -qq bubblewrap, non-interactively", async () => {
    const record = path.join(dir, "apt-calls.txt");
    const apt = fakeProgram("fake-apt-get", `echo "$DEBIAN_FRONTEND $*" >> '${record}'`);
    const lines: string[] = [];
    const r = await ensureGradingPrerequisites({
      env: { ...process.env, GRADER_BWRAP: "/nonexistent", UNLABELED_APT_GET: apt },
      asRoot: true,
      log: (l) => lines.push(l),
      warn: (l) => lines.push(l),
    });
    expect(fs.readFileSync(record, "utf8").trim().split("\n")).toEqual(["noninteractive update -qq", "noninteractive install -y -qq bubblewrap"]);
    // The fake installed nothing, so the check still fails and says so.
    expect(r.ok).toBe(false);
    expect(lines).toEqual([
      `[unlabeled] installing bubblewrap with ${apt} (grading needs it)`,
      `[unlabeled] grading is unavailable: bubblewrap (bwrap) is not installed (GRADER_BWRAP=/nonexistent does not exist); run \`apt-get install -y bubblewrap\` (${apt} install succeeded, yet the check still fails)`,
    ]);
  });

  it("as root reports a failing apt-get in the same line", async () => {
    const apt = fakeProgram("failing-apt-get", "exit 100");
    const lines: string[] = [];
    await ensureGradingPrerequisites({ env: { ...process.env, GRADER_BWRAP: "/nonexistent", UNLABELED_APT_GET: apt }, asRoot: true, log: () => undefined, warn: (l) => lines.push(l) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\(.*failing-apt-get update failed: exit 100\)$/);
  });

  it("not as root prints one line with the sudo command and installs nothing", async () => {
    const record = path.join(dir, "apt-calls-user.txt");
    const apt = fakeProgram("fake-apt-get-user", `echo "$*" >> '${record}'`);
    const lines: string[] = [];
    const r = await ensureGradingPrerequisites({
      env: { ...process.env, GRADER_BWRAP: "/nonexistent", UNLABELED_APT_GET: apt },
      asRoot: false,
      log: (l) => lines.push(l),
      warn: (l) => lines.push(l),
    });
    expect(r.ok).toBe(false);
    expect(fs.existsSync(record)).toBe(false);
    expect(lines).toEqual(["[unlabeled] grading is unavailable: bubblewrap (bwrap) is not installed (GRADER_BWRAP=/nonexistent does not exist); run `sudo apt-get install -y bubblewrap`"]);
  });

  it.skipIf(!hasBwrap)("does nothing and prints nothing when grading works", async () => {
    const lines: string[] = [];
    const r = await ensureGradingPrerequisites({ env: { ...process.env, GRADER_BWRAP: "", UNLABELED_APT_GET: "/nonexistent" }, log: (l) => lines.push(l), warn: (l) => lines.push(l) });
    expect(r.ok).toBe(true);
    expect(lines).toEqual([]);
  });
});
