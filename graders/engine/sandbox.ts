/**
 * How the runner is launched. Normally: prlimit (CPU, address space, processes, file size, no core files) around
 * bubblewrap (every namespace unshared, so no network; uid 65534; all capabilities dropped; a new session; dies
 * with its parent) around node with the permission model as a second wall. The sandbox sees only the node binary
 * and its libraries, the packages the runner requires (read-only), the runner bundle and an empty tmpfs /tmp.
 * GRADER_SANDBOX=none runs the runner as a plain child process, for development only.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { courseSource } from "./course-mirror";
import { GraderInfraError } from "./errors";
import type { RunnerBundle } from "./runner-bundle";

export type SandboxMode = "bwrap" | "none";

/** Limits of one runner process (shared by the checks that run in it). */
export interface ProcessLimits {
  cpuSeconds: number;
  /** V8 heap (--max-old-space-size) and the headroom for array buffers in the address-space limit. */
  memoryMb: number;
}

export interface Launch {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  uid?: number;
  gid?: number;
  /** fd (in the child) that bwrap reads the runner bundle from; the caller writes the bundle there. */
  bundleFd: number | null;
  /** Run when the child exits (or fails to start): removes a private copy of the course folder. */
  cleanup?: () => void;
}

const SANDBOX_DIR = "/sandbox";
const BUNDLE_FD = 4;
const PROCESSES = 64;
const FILE_BYTES = 16 * 1024 * 1024;
const TMP_BYTES = 64 * 1024 * 1024;
const OPEN_FILES = 256;
/** WebAssembly memories reserve ~10 GiB of address space (guard regions) on 64-bit V8; node itself ~1.2 GiB. */
const RESERVED_ADDRESS_SPACE_MB = 12 * 1024;
const SANDBOX_UID_BASE = 200_000;
const SANDBOX_UID_RANGE = 60_000;

export function sandboxMode(): SandboxMode {
  const value = process.env.GRADER_SANDBOX?.trim() ?? "";
  if (value === "" || value === "bwrap") return "bwrap";
  if (value === "none") return "none";
  throw new GraderInfraError(`GRADER_SANDBOX='${value}' is not understood: leave it unset (bubblewrap) or set 'none' (development only)`);
}

function findExecutable(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(":"), "/usr/bin", "/bin", "/usr/local/bin"];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Shared libraries of the node binary (ldd), or the usual library folders when ldd is unavailable. */
function nodeLibraries(nodePath: string): string[] {
  try {
    const out = execFileSync("ldd", [nodePath], { encoding: "utf8", timeout: 10_000 });
    const libs = [...out.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map((m) => m[1]!);
    if (libs.length) return [...new Set(libs)];
  } catch {
    // fall through: a static binary or no ldd
  }
  return ["/lib", "/lib64", "/usr/lib", "/usr/lib64"].filter(existsSync);
}

function resolvePackageDir(name: string, from: string, root: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return null;
  }
}

/** Top-level node_modules folders holding `names` and everything they depend on (types-only packages excluded). */
function packageClosure(root: string, names: readonly string[]): Array<{ name: string; dir: string }> {
  const seen = new Set<string>();
  const top: Array<{ name: string; dir: string }> = [];
  const queue = names.map((name) => ({ name, from: root }));
  while (queue.length) {
    const { name, from } = queue.pop()!;
    const dir = resolvePackageDir(name, from, root);
    if (!dir || seen.has(dir)) continue;
    seen.add(dir);
    if (path.dirname(dir) === path.join(root, "node_modules") || path.dirname(path.dirname(dir)) === path.join(root, "node_modules")) {
      top.push({ name, dir });
    }
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      if (!dep.startsWith("@types/")) queue.push({ name: dep, from: dir });
    }
  }
  return top.sort((a, b) => a.name.localeCompare(b.name));
}

function permissionFlags(read: string[], write: string[]): string[] {
  const flags = process.allowedNodeEnvironmentFlags;
  const flag = flags.has("--permission") ? "--permission" : "--experimental-permission";
  const quiet = flags.has("--disable-warning") ? ["--disable-warning=ExperimentalWarning"] : [];
  return [flag, ...read.map((p) => `--allow-fs-read=${p}`), ...write.map((p) => `--allow-fs-write=${p}`), ...quiet];
}

function compilerEnv(): NodeJS.ProcessEnv {
  return { NODE_ENV: "production", PATH: "/usr/bin:/bin", HOME: "/tmp", TMPDIR: "/tmp", LANG: "C.UTF-8", TZ: "UTC" };
}

function runnerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NODE_ENV: "production", PATH: "/usr/bin:/bin", HOME: "/tmp", TMPDIR: "/tmp", LANG: "C.UTF-8", TZ: "UTC" };
  for (const name of ["GRADER_TF_BACKEND", "GRADER_TF_SELF_TEST"]) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}

interface HostFacts {
  nodePath: string;
  libraries: string[];
  bwrap: string;
  prlimit: string;
}

let facts: { key: string; value: HostFacts } | null = null;

function hostFacts(): HostFacts {
  // GRADER_BWRAP points at a bubblewrap outside PATH (or, in tests, at nothing).
  const override = process.env.GRADER_BWRAP?.trim() ?? "";
  if (facts?.key === override) return facts.value;
  const bwrap = override ? (existsSync(/* turbopackIgnore: true */ override) ? override : null) : findExecutable("bwrap");
  if (!bwrap) {
    throw new GraderInfraError(
      "bubblewrap (bwrap) is not installed, so the grader refuses to run student code. Install it " +
        "(apt-get install bubblewrap) or, for development only, set GRADER_SANDBOX=none.",
    );
  }
  const prlimit = findExecutable("prlimit");
  if (!prlimit) throw new GraderInfraError("prlimit (util-linux) is not installed; the sandbox needs it for resource limits");
  facts = { key: override, value: { nodePath: process.execPath, libraries: nodeLibraries(process.execPath), bwrap, prlimit } };
  return facts.value;
}

/** Fails fast (GraderInfraError) when the configured sandbox cannot be used on this machine. */
export function assertSandboxAvailable(): SandboxMode {
  const mode = sandboxMode();
  if (mode === "bwrap") hostFacts();
  return mode;
}

/** What differs between the sandboxed programs: node flags inside the sandbox and the permission model's grants. */
interface ProgramFlags {
  nodeFlags: string[];
  /** Node permission-model flags (reads, writes, child processes); null drops the permission model. */
  permission: string[] | null;
  env: NodeJS.ProcessEnv;
}

function programFlags(bundle: RunnerBundle, limits: ProcessLimits, permission: boolean, dir: string, program: string, course?: string): ProgramFlags {
  if (bundle.name === "course-host") {
    // A course author's code: it reads its own course folder and nothing else, writes nothing, starts nothing.
    if (!course) throw new GraderInfraError("the course-check host needs its course folder");
    const reads = [program, `${dir}/node_modules/*`, `${course}/*`];
    return { nodeFlags: [`--max-old-space-size=${limits.memoryMb}`], permission: permission ? permissionFlags(reads, []) : null, env: compilerEnv() };
  }
  if (bundle.name === "compiler") {
    // The compiler runs no student code; esbuild's service is a child process of it, so child processes are allowed.
    const grants = ["--allow-child-process"];
    return { nodeFlags: [`--max-old-space-size=${limits.memoryMb}`], permission: permission ? [...permissionFlags([program, `${dir}/node_modules/*`], []), ...grants] : null, env: compilerEnv() };
  }
  return { nodeFlags: [`--max-old-space-size=${limits.memoryMb}`], permission: permission ? permissionFlags([program, `${dir}/node_modules/*`], ["/tmp/*"]) : null, env: runnerEnv() };
}


function bwrapLaunch(root: string, bundle: RunnerBundle, limits: ProcessLimits, permission: boolean, course?: string): Launch {
  const { nodePath, libraries, bwrap, prlimit } = hostFacts();
  const runner = `${SANDBOX_DIR}/${bundle.name}.cjs`;
  const flags = programFlags(bundle, limits, permission, SANDBOX_DIR, runner, course);
  const asRoot = process.getuid?.() === 0;
  const sandboxUid = asRoot ? SANDBOX_UID_BASE + Math.floor(Math.random() * SANDBOX_UID_RANGE) : undefined;
  // The course host's one folder of the host's file system, read-only, at its own path (after the tmpfs /tmp, which
  // would otherwise hide a course kept under /tmp); a private copy when its uid could not reach it (course-mirror.ts).
  const courseFrom = course ? courseSource(course, sandboxUid) : null;
  const courseBind = course && courseFrom ? ["--ro-bind", courseFrom.source, course] : [];
  const env = flags.env;
  const binds: string[] = ["--ro-bind", realpathSync(nodePath), nodePath];
  for (const lib of libraries) binds.push("--ro-bind", realpathSync(lib), lib);
  for (const pkg of packageClosure(root, bundle.packages)) {
    binds.push("--ro-bind", realpathSync(pkg.dir), `${SANDBOX_DIR}/node_modules/${pkg.name}`);
  }
  const memoryBytes = (RESERVED_ADDRESS_SPACE_MB + limits.memoryMb) * 1024 * 1024;
  const cpu = Math.ceil(limits.cpuSeconds);
  const rlimits = [`--cpu=${cpu}:${cpu + 1}`, `--as=${memoryBytes}`, `--fsize=${FILE_BYTES}`, "--core=0", `--nofile=${OPEN_FILES}`];
  // RLIMIT_NPROC counts every process of the real uid: only meaningful with a uid of the sandbox's own.
  if (asRoot) rlimits.push(`--nproc=${PROCESSES}`);
  const args = [
    ...rlimits,
    "--",
    bwrap,
    "--unshare-all",
    "--unshare-user",
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
    "--cap-drop",
    "ALL",
    "--uid",
    "65534",
    "--gid",
    "65534",
    "--hostname",
    "sandbox",
    "--clearenv",
    ...Object.entries(env).flatMap(([k, v]) => ["--setenv", k, v ?? ""]),
    ...binds,
    "--perms",
    "0444",
    "--ro-bind-data",
    String(BUNDLE_FD),
    runner,
    "--dev",
    "/dev",
    "--size",
    String(TMP_BYTES),
    "--tmpfs",
    "/tmp",
    ...courseBind,
    "--remount-ro",
    "/",
    "--chdir",
    SANDBOX_DIR,
    "--",
    nodePath,
    ...flags.nodeFlags,
    ...(flags.permission ?? []),
    runner,
  ];
  return { file: prlimit, args, env, cwd: "/", uid: sandboxUid, gid: sandboxUid, bundleFd: BUNDLE_FD, cleanup: courseFrom?.cleanup };
}

function bareLaunch(root: string, bundle: RunnerBundle, limits: ProcessLimits, permission: boolean, course?: string): Launch {
  // Inside node_modules, so the bundle's requires resolve to the project's packages.
  const dir = path.join(root, "node_modules", ".cache", "unlabeled-runner");
  const file = path.join(dir, `${bundle.name}-${bundle.hash}.cjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, bundle.code);
    renameSync(`${file}.${process.pid}.tmp`, file);
  }
  // The permission model checks real paths: node_modules may be a link (a git worktree sharing another's).
  const modules = path.dirname(realpathSync(path.join(root, "node_modules")));
  const flags = programFlags(bundle, limits, permission, modules, realpathSync(file), course && realpathSync(course));
  return {
    file: process.execPath,
    args: [...flags.nodeFlags, ...(flags.permission ?? []), realpathSync(file)],
    env: flags.env,
    cwd: root,
    bundleFd: null,
  };
}

export interface LaunchOptions {
  /** Benchmarks only: a plain `node runner.cjs`, without any wall. */
  bare?: boolean;
  /** Tests only: false drops Node's permission model, to prove the bubblewrap walls hold on their own. */
  permissionModel?: boolean;
  /**
   * Tests only: student code also sees the real `process`, so hostile fixtures can prove that the OS walls
   * (bubblewrap, rlimits, the permission model) hold on their own. The worker and the CLI never set it.
   */
  hostAccess?: boolean;
  /** The course-check host only: the course folder it may read (absolute). */
  courseDir?: string;
}

/**
 * The command that starts one runner. GRADER_SANDBOX=none keeps the permission model but drops bubblewrap and
 * the rlimits.
 */
export function runnerLaunch(bundle: RunnerBundle, limits: ProcessLimits, opts: LaunchOptions = {}): Launch {
  const root = process.cwd();
  const permission = opts.permissionModel ?? true;
  const course = opts.courseDir;
  const launch = opts.bare
    ? bareLaunch(root, bundle, limits, false, course)
    : sandboxMode() === "none"
      ? bareLaunch(root, bundle, limits, permission, course)
      : bwrapLaunch(root, bundle, limits, permission, course);
  if (opts.hostAccess && bundle.name === "runner") launch.args.push("--host-access");
  return launch;
}
