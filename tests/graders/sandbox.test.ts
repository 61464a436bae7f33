// The bubblewrap walls on their own (Node's permission model switched off), and the kill of a whole sandbox.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { compileTypeScript } from "@/graders/engine/compile";
import { hostToWire } from "@/graders/engine/host-values";
import { getRunnerBundle } from "@/graders/engine/runner-bundle";
import { RunnerProcess } from "@/graders/engine/runner-process";
import { exportSecrets } from "./helpers";

exportSecrets();

const PROBE = `
type Fs = typeof import("node:fs");
type Cp = typeof import("node:child_process");
const attempt = (f: () => unknown): string => {
  try { f(); return "ok"; } catch (e) { return String((e as { code?: string }).code ?? e); }
};
export async function probe(root: string) {
  const fs = process.getBuiltinModule("node:fs") as Fs;
  const cp = process.getBuiltinModule("node:child_process") as Cp;
  const netModule = process.getBuiltinModule("node:net") as typeof import("node:net");
  const net = await new Promise<string>((resolve) => {
    const socket = netModule.connect({ host: "93.184.215.14", port: 80 }, () => resolve("connected"));
    socket.on("error", (e: { code?: string }) => resolve(String(e.code)));
  });
  let started = 0;
  const failures: string[] = [];
  for (let i = 0; i < 40; i++) {
    try {
      const child = cp.spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
      child.on("spawn", () => started++);
      child.on("error", (e: { code?: string }) => failures.push(String(e.code)));
    } catch (e) { failures.push(String((e as { code?: string }).code)); }
  }
  await new Promise((r) => setTimeout(r, 1500));
  return {
    uid: process.getuid!(),
    gid: process.getgid!(),
    env: Object.keys(process.env).sort(),
    readHidden: attempt(() => fs.readFileSync(root + "/content/assignments/hello-tensor/hidden/checks.ts")),
    readData: attempt(() => fs.readdirSync(root + "/.data")),
    root: fs.readdirSync("/").sort(),
    writeRoot: attempt(() => fs.writeFileSync("/pwned", "x")),
    writeSandbox: attempt(() => fs.writeFileSync("/sandbox/pwned", "x")),
    writeTmp: attempt(() => fs.writeFileSync("/tmp/scratch", "x")),
    net,
    started,
    failures: [...new Set(failures)],
  };
}
`;

/** Running or sleeping: not gone and not a zombie waiting for the host's init to reap it. */
function isAlive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** Host pids of a process and all its descendants. */
function descendants(pid: number): number[] {
  const out = [pid];
  for (const tid of existsSync(`/proc/${pid}/task`) ? readdirSync(`/proc/${pid}/task`) : []) {
    const children = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
    for (const child of children ? children.split(/\s+/).map(Number) : []) out.push(...descendants(child));
  }
  return out;
}

describe("the bubblewrap sandbox without Node's permission model", () => {
  test("holds on its own: no network, no repository, read-only outside /tmp, no secrets, uid 65534", async () => {
    const compiled = await compileTypeScript(PROBE);
    if (!compiled.ok) throw new Error(compiled.message);
    const bundle = await getRunnerBundle();
    const runner = await RunnerProcess.start(bundle, { cpuSeconds: 60, memoryMb: 512 }, { permissionModel: false, hostAccess: true });
    const limits = { wallMs: 20_000, outputBytes: 1 << 20, logBytes: 1 << 20 };
    const loaded = await runner.load(compiled.module.code, limits);
    expect(loaded.ok).toBe(true);
    const input = hostToWire({ export: "probe", calls: [{ args: [process.cwd()] }] });
    const { outcome } = await runner.runTask("probe", { name: "call", input, seed: 1 }, limits, () => undefined);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const inside = descendants(runner.pid!);
    const found = JSON.parse(JSON.stringify(outcome.value)) as { fields: { calls: { items: Array<{ fields: { value: { fields: Record<string, unknown> } } }> } } };
    const raw = found.fields.calls.items[0]!.fields.value.fields;
    const value = (key: string) => {
      const v = raw[key] as { t?: string; items?: unknown[] } | string | number;
      return typeof v === "object" && v?.t === "array" ? v.items : v;
    };
    expect([value("uid"), value("gid")]).toEqual([65534, 65534]);
    expect(value("env")).toEqual(expect.arrayContaining(["HOME", "PATH"]));
    for (const key of value("env") as string[]) expect(["GRADER_TF_BACKEND", "GRADER_TF_SELF_TEST", "HOME", "LANG", "NODE_ENV", "PATH", "PWD", "TMPDIR", "TZ"]).toContain(key);
    expect(value("readHidden")).toBe("ENOENT");
    expect(value("readData")).toBe("ENOENT");
    const top = process.cwd().split("/")[1]!;
    // A checkout under /tmp shares its top folder with the sandbox's own tmpfs /tmp; readHidden above covers it.
    if (top !== "tmp") expect(value("root")).not.toContain(top);
    expect(value("root")).not.toContain("etc");
    expect(value("writeRoot")).toBe("EROFS");
    expect(value("writeSandbox")).toBe("EROFS");
    expect(value("writeTmp")).toBe("ok");
    expect(value("net")).toBe("ENETUNREACH");
    if (process.getuid?.() === 0) {
      // Run as root, the engine gives the sandbox its own uid with RLIMIT_NPROC = 64: the fork bomb hits it.
      expect(value("started")).toBeGreaterThan(0);
      expect(value("started")).toBeLessThan(40);
      expect(value("failures")).toEqual(["EAGAIN"]);
    }
    expect(inside.length).toBeGreaterThan(2);
    await runner.close();
    await new Promise((r) => setTimeout(r, 500));
    expect(inside.filter(isAlive)).toEqual([]);
  }, 60_000);
});

describe("the wall-clock limit", () => {
  test("kills the whole sandbox, not just the process the engine started", async () => {
    const compiled = await compileTypeScript(`export function spin(): number {\n  for (;;) {}\n}\n`);
    if (!compiled.ok) throw new Error(compiled.message);
    const runner = await RunnerProcess.start(await getRunnerBundle(), { cpuSeconds: 60, memoryMb: 256 });
    const loaded = await runner.load(compiled.module.code, { wallMs: 5000, outputBytes: 1 << 20, logBytes: 1 << 20 });
    expect(loaded.ok).toBe(true);
    const input = hostToWire({ export: "spin", calls: [{ args: [] }] });
    const pending = runner.runTask("spin", { name: "call", input, seed: 1 }, { wallMs: 1000, outputBytes: 1 << 20, logBytes: 1 << 20 }, () => undefined);
    await new Promise((r) => setTimeout(r, 400));
    const inside = descendants(runner.pid!);
    expect(inside.filter(isAlive).length).toBeGreaterThan(2);
    const { outcome } = await pending;
    expect(outcome).toMatchObject({ ok: false, error: { kind: "timeout" } });
    expect(runner.alive).toBe(false);
    await runner.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(inside.filter(isAlive)).toEqual([]);
  });
});
