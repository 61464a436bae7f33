// Isolation between courses (issue #17): a course's hidden checks are another instructor's code. A hostile course
// package, made in a temp folder next to a second (victim) course, tries from its checks to read the other course,
// the platform's repository, the grader's secrets, to reach a loopback "database", to write outside its folder and
// to start a process. It reports everything it saw in its feedback; the test asserts each attempt failed, nothing
// leaked, and the loopback server saw no connection. The victim course, well behaved, still grades to full marks.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseHostTestHooks } from "@/graders/engine/course-host";
import { getSandboxBundle } from "@/graders/engine/runner-bundle";
import { gradeSubmission } from "@/graders/engine/grade";
import type { GradeResult } from "@/graders/engine/result";
import { PLANTED, plantSecrets } from "./support";

const FIXTURE = path.resolve("tests/fixtures/courses/valid-minimal");
const REPO = process.cwd();
const VICTIM_SECRET = "unlabeled-hidden-victim-course-secret-7d41";
const PACKAGE_NAME = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).name as string;

/** The hostile checks: every probe's outcome, as text, goes into the visible check's feedback. */
function hostileChecks(paths: { victim: string; repo: string; port: number; outside: string; own: string; run: string }): string {
  return `
import fs from "node:fs";
import net from "node:net";
import child from "node:child_process";
import { defineCheck, type AnyCheck } from "@unlabeled/sdk";

export const CANARY = "unlabeled-hidden-hostile-course-checks";
const P = ${JSON.stringify(paths)};

function attempt(fn: () => unknown): string {
  try {
    const v = fn();
    return "GOT " + (typeof v === "string" ? v : (JSON.stringify(v) ?? "done")).slice(0, 4000);
  } catch (err) {
    return "DENIED " + String((err as { code?: string }).code ?? (err as Error).message).slice(0, 200);
  }
}

function connect(): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port: P.port });
    const timer = setTimeout(() => { socket.destroy(); resolve("DENIED timeout"); }, 3000);
    socket.on("connect", () => { clearTimeout(timer); socket.end("hello"); resolve("GOT connected"); });
    socket.on("error", (err) => { clearTimeout(timer); resolve("DENIED " + ((err as { code?: string }).code ?? err.message)); });
  });
}

async function probe(): Promise<Record<string, string>> {
  return {
    ownCourse: attempt(() => fs.readFileSync(P.own + "/assignment.yaml", "utf8").slice(0, 40)),
    otherCourseFile: attempt(() => fs.readFileSync(P.victim + "/assignments/add-one/hidden/secret.ts", "utf8")),
    otherCourseDir: attempt(() => fs.readdirSync(P.victim)),
    otherSubmissions: attempt(() => fs.readFileSync(P.victim + "/submissions.json", "utf8")),
    repoPackageJson: attempt(() => fs.readFileSync(P.repo + "/package.json", "utf8")),
    repoDb: attempt(() => fs.readdirSync(P.repo + "/db")),
    repoData: attempt(() => fs.readdirSync(P.repo + "/.data")),
    etcPasswd: attempt(() => fs.readFileSync("/etc/passwd", "utf8")),
    procEnviron: attempt(() => fs.readFileSync("/proc/1/environ", "utf8")),
    env: "ENV " + JSON.stringify(process.env),
    loopbackDb: await connect(),
    writeOutside: attempt(() => fs.writeFileSync(P.outside, "pwned")),
    writeOwnCourse: attempt(() => fs.writeFileSync(P.own + "/pwned.txt", "pwned")),
    writeRepo: attempt(() => fs.writeFileSync(P.repo + "/pwned-by-course.txt", "pwned")),
    spawn: attempt(() => child.execFileSync("/bin/sh", ["-c", "echo spawned"], { encoding: "utf8" })),
    spawnNode: attempt(() => {
      const r = child.spawnSync(process.execPath, ["-e", "process.stdout.write(require('fs').readFileSync(process.argv[1], 'utf8'))", P.victim + "/assignments/add-one/hidden/secret.ts"], { encoding: "utf8" });
      if (r.error) throw r.error;
      return { status: r.status, stdout: r.stdout, stderr: r.stderr.slice(-300) };
    }),
  };
}

const spy = defineCheck({
  id: "adds-one",
  title: "Adds one",
  visibility: "visible",
  task: "call",
  prepare: async () => ({ input: { export: "addOne", calls: [{ args: [1] }] }, hidden: await probe() }),
  score: (_output, seen) => ({ fraction: 1, feedback: JSON.stringify(seen) }),
});

const keepsInput = defineCheck({
  id: "keeps-input",
  title: "Returns a number",
  visibility: "hidden",
  task: "call",
  prepare: () => ({ input: { export: "addOne", calls: [{ args: [7] }] }, hidden: null }),
  score: () => ({ fraction: 1, feedback: "ok" }),
});

export const checks: AnyCheck[] = [spy, keepsInput];
`;
}

let tmp = "";
let hostile = "";
let victim = "";
let outside = "";
let server: net.Server;
let connections = 0;
let restoreEnv: () => void = () => undefined;

function makeCourse(dir: string): void {
  fs.cpSync(FIXTURE, dir, { recursive: true });
}

async function grade(course: string): Promise<GradeResult> {
  process.env.COURSE_DIR = course;
  try {
    const source = fs.readFileSync(path.join(course, "assignments/add-one/hidden/solution.ts"), "utf8");
    return await gradeSubmission({ slug: "add-one", source, seed: 3 });
  } finally {
    delete process.env.COURSE_DIR;
  }
}

const runs = new Map<"walls" | "bubblewrap-only", { result: GradeResult; seen: Record<string, string> }>();

describe("a hostile course's checks run walled off from other courses and the platform", { timeout: 120_000 }, () => {

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-isolation-"));
    // The sandbox runs under a uid of its own when the tests run as root: the course folders must be open to it.
    fs.chmodSync(tmp, 0o755);
    hostile = path.join(tmp, "course-hostile");
    victim = path.join(tmp, "course-victim");
    // Into the other course (a /tmp path would land in the sandbox's own private tmpfs).
    outside = path.join(tmp, "course-victim", "written-by-hostile-course.txt");
    makeCourse(hostile);
    makeCourse(victim);
    fs.writeFileSync(path.join(victim, "assignments/add-one/hidden/secret.ts"), `export const CANARY = "${VICTIM_SECRET}";\n`);
    fs.writeFileSync(path.join(victim, "submissions.json"), JSON.stringify({ secret: VICTIM_SECRET }));
    server = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const own = path.join(hostile, "assignments/add-one");
    restoreEnv = plantSecrets();
    for (const run of ["walls", "bubblewrap-only"] as const) {
      // The second run drops Node's permission model in the host: bubblewrap's walls must hold on their own.
      courseHostTestHooks.permissionModel = run === "walls";
      fs.writeFileSync(path.join(own, "hidden/checks.ts"), hostileChecks({ victim, repo: REPO, port, outside, own, run }));
      try {
        const r = await grade(hostile);
        const s = JSON.parse(r.tests.find((t) => t.check === "adds-one")!.output) as Record<string, string>;
        if (process.env.ISOLATION_DEBUG) console.log(run, JSON.stringify(s, null, 1));
        runs.set(run, { result: r, seen: s });
      } finally {
        courseHostTestHooks.permissionModel = true;
      }
    }
  });

  afterAll(async () => {
    restoreEnv();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const RUNS = ["walls", "bubblewrap-only"] as const;
  const of = (run: (typeof RUNS)[number]) => runs.get(run)!;

  it.each(RUNS)("%s: grades, and the checks could read their own course folder (the probes really ran)", (run) => {
    expect(of(run).result.error).toBeNull();
    expect(of(run).seen.ownCourse).toMatch(/^GOT title: Add one/);
  });

  it.each(RUNS)("%s: cannot read another course's hidden files, folder or submissions", (run) => {
    for (const key of ["otherCourseFile", "otherCourseDir", "otherSubmissions"]) expect(of(run).seen[key], key).toMatch(/^DENIED /);
  });

  it.each(RUNS)("%s: cannot read the platform's repository, its database files, .data, or the host's system files", (run) => {
    for (const key of ["repoPackageJson", "repoDb", "repoData", "etcPasswd", "procEnviron"]) expect(of(run).seen[key], key).toMatch(/^DENIED /);
  });

  it.each(RUNS)("%s: sees none of the grader's secrets in its environment", (run) => {
    const env = JSON.parse(of(run).seen.env!.slice(4)) as Record<string, string>;
    expect(Object.keys(env).sort()).toEqual(["HOME", "LANG", "NODE_ENV", "PATH", "PWD", "TMPDIR", "TZ"]);
  });

  it.each(RUNS)("%s: cannot open a TCP connection to a loopback server (a fake Postgres): the server saw none", (run) => {
    expect(of(run).seen.loopbackDb).toMatch(/^DENIED /);
    expect(connections).toBe(0);
  });

  it.each(RUNS)("%s: cannot write anywhere (outside its folder, in its folder, in the repository) nor run a shell", (run) => {
    for (const key of ["writeOutside", "writeOwnCourse", "writeRepo", "spawn"]) expect(of(run).seen[key], key).toMatch(/^DENIED /);
    expect(fs.existsSync(outside)).toBe(false);
    expect(fs.existsSync(path.join(hostile, "assignments/add-one/pwned.txt"))).toBe(false);
    expect(fs.existsSync(path.join(REPO, "pwned-by-course.txt"))).toBe(false);
  });

  it("walls: the permission model refuses to start any process", () => {
    expect(of("walls").seen.spawnNode).toMatch(/^DENIED /);
  });

  it("bubblewrap-only: a process it starts is inside the same walls and reads nothing of the other course", () => {
    // Without the permission model node may start node (the one program in the sandbox): it sees what the host sees.
    expect(of("bubblewrap-only").seen.spawnNode).not.toContain(VICTIM_SECRET);
    expect(of("bubblewrap-only").seen.spawnNode).toMatch(/^DENIED |ENOENT/);
  });

  it.each(RUNS)("%s: leaks nothing of the victim, the platform or the secrets into the result", (run) => {
    const text = JSON.stringify(of(run).result);
    expect(text).not.toContain(VICTIM_SECRET);
    for (const value of Object.values(PLANTED)) expect(text).not.toContain(value);
    expect(text).not.toContain(`"name": "${PACKAGE_NAME}"`);
    expect(text).not.toContain("root:x:0:0");
  });

  it("the well-behaved victim course still grades to full marks", async () => {
    const r = await grade(victim);
    expect(r.error).toBeNull();
    expect(r.score).toBe(r.max_score);
  });

  it("the course-host bundle is platform code only: no course file, nothing hidden, only TF.js and mnist outside it (bound read-only)", async () => {
    const bundle = await getSandboxBundle("course-host");
    expect(bundle.inputs.filter((f) => f.includes("/content/") || f.includes("/hidden/"))).toEqual([]);
    // The host looks for canaries by their prefix, so the prefix itself is there; no canary of a course is.
    expect(bundle.code).not.toMatch(/unlabeled-hidden-[a-z0-9]/);
    expect(bundle.packages).toEqual(["@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm", "mnist"]);
  });
});
