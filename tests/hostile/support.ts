/** Helpers of the hostile-submission suite: sources, planted secrets, leak scans, host snapshots, leftover processes. */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { HostileCase } from "./cases";

const root = process.cwd();

/** Secrets planted in the grader's own environment: the sandbox must never see them. */
export const PLANTED = {
  AUTH_SECRET: "unlabeled-hidden-planted-auth-secret",
  DATABASE_URL: "postgres://unlabeled-hidden-planted-user:pw@127.0.0.1:5432/planted",
  UNLABELED_PLANTED_TOKEN: "planted-token-6f1d2c9a",
};

/** Plants the secrets; returns a function that restores the previous values. */
export function plantSecrets(): () => void {
  const before = Object.fromEntries(Object.keys(PLANTED).map((k) => [k, process.env[k]]));
  Object.assign(process.env, PLANTED);
  return () => {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

export function caseSource(c: HostileCase): string {
  const file = path.join(root, "tests", "fixtures", "hostile", `${c.fixture ?? c.name}.ts`);
  return readFileSync(file, "utf8").replaceAll("__ROOT__", root) + (c.append?.() ?? "");
}

/** Distinctive lines of the hidden files of hello-tensor (checks, solution, helpers): none may reach a result. */
function hiddenLines(): string[] {
  const dir = path.join(root, "content", "assignments", "hello-tensor", "hidden");
  const lines = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    for (const line of readFileSync(path.join(dir, file), "utf8").split("\n")) {
      const t = line.trim();
      if (t.length >= 40 && !t.startsWith("import ") && !t.startsWith("//") && !t.startsWith("*")) lines.add(t);
    }
  }
  return [...lines];
}

/** Every leak found in `text` (empty when clean). `source` is the case's own source, which may echo host paths. */
export function findLeaks(text: string, source: string): string[] {
  const leaks: string[] = [];
  if (text.includes("unlabeled-hidden-")) leaks.push("an unlabeled-hidden- canary");
  for (const [name, value] of Object.entries(PLANTED)) if (text.includes(value)) leaks.push(`the planted ${name}`);
  for (const line of hiddenLines()) if (text.includes(line)) leaks.push(`hidden text: ${line.slice(0, 60)}`);
  // Host paths may appear only where the submission itself wrote them (e.g. "denied access to <path>").
  if (!source.includes(root) && text.includes(root)) leaks.push(`the host path ${root}`);
  return leaks;
}

/** Hashes of host files a submission must never change. */
export function hostSnapshot(): Record<string, string> {
  const files = ["package.json", ...readdirSync(path.join(root, "content", "assignments", "hello-tensor", "hidden")).map((f) => `content/assignments/hello-tensor/hidden/${f}`)];
  return Object.fromEntries(files.map((f) => [f, createHash("sha256").update(readFileSync(path.join(root, f))).digest("hex")]));
}

export function createdPaths(paths: readonly string[]): string[] {
  return paths.filter((p) => existsSync(p));
}

/**
 * Sandbox processes (bwrap, prlimit, the runner) still running below this process. An assignment's course-check
 * host (course-host.cjs) is meant to outlive a grading (it serves the assignment's next ones) and is not counted.
 */
export function leftoverSandboxes(): string[] {
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" });
  const rows = out
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) if (!mine.has(r.pid) && mine.has(r.ppid)) (mine.add(r.pid), (grew = true));
  }
  return rows
    .filter((r) => mine.has(r.pid) && /bwrap|prlimit|runner\.cjs/.test(r.args) && !r.args.includes("course-host.cjs"))
    .map((r) => `${r.pid} ${r.args.slice(0, 120)}`);
}
