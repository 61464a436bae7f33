/**
 * What grading needs on this machine, checked the way the engine will use it (graders/engine/sandbox.ts): bubblewrap
 * (`bwrap`, or GRADER_BWRAP), prlimit, and a sandbox that actually starts: prlimit around bwrap with the engine's
 * namespace flags, run as an unprivileged uid when we are root (the engine gives each runner a uid of its own).
 * GRADER_SANDBOX=none (development only) needs none of them.
 *
 * No `import "server-only"`: `npm start` (scripts/start.ts, plain tsx without the react-server condition) checks
 * and installs these before the server starts, like lib/auth/secret.ts. Nothing here reaches a browser.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

type Env = Record<string, string | undefined>;

export interface GradingPrerequisites {
  /** True when this machine can grade: the sandbox started (or GRADER_SANDBOX=none). */
  ok: boolean;
  mode: "bwrap" | "none";
  /** Debian packages whose absence is the problem (`bubblewrap`, `util-linux`); empty when a package is not the cause. */
  missingPackages: string[];
  /** One line: what is wrong and how to fix it, or what was verified. Safe to show to instructors. */
  message: string;
  /** The command that fixes it (e.g. `sudo apt-get install -y bubblewrap`), or null when no single command does. */
  fix: string | null;
  checkedAt: string;
  durationMs: number;
}

const TRIAL_TIMEOUT_MS = 5_000;
/** The engine's namespace flags for the runner (graders/engine/sandbox.ts bwrapLaunch), around a no-op. */
const TRIAL_BWRAP_FLAGS = [
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
  "--ro-bind",
  "/",
  "/",
  "--",
  "true",
];
/** A uid in the engine's per-runner range (200000 + up to 60000), so a root server tests what its runners will do. */
const TRIAL_UID = 259_999;

function isRootProcess(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** Same search as the engine's findExecutable: PATH, then the usual folders. */
function findExecutable(name: string, env: Env): string | null {
  for (const dir of [...(env.PATH ?? "").split(":"), "/usr/bin", "/bin", "/usr/local/bin"]) {
    // Host paths, not project files: nothing for the build's file tracer to follow.
    if (dir && fs.existsSync(/* turbopackIgnore: true */ path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** Whether a web server grades in-process: always on the embedded database, on PostgreSQL only with GRADER_IN_WEB=1. */
export function webServerGrades(env: Env, database: "pglite" | "postgres"): boolean {
  return (env.GRADER_IN_WEB ?? (database === "pglite" ? "1" : "0")) === "1";
}

/** The apt-get line that installs `packages` (prefixed with sudo unless we are root). */
export function installCommand(packages: readonly string[], asRoot = isRootProcess()): string {
  return `${asRoot ? "" : "sudo "}apt-get install -y ${packages.join(" ")}`;
}

function run(
  file: string,
  args: string[],
  opts: { uid?: number; timeoutMs: number },
): Promise<{ code: number | null; stderr: string; timedOut: boolean; spawnError?: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      {
        timeout: opts.timeoutMs,
        killSignal: "SIGKILL",
        uid: opts.uid,
        gid: opts.uid,
        env: { NODE_ENV: "production", PATH: "/usr/bin:/bin" },
        encoding: "utf8",
      },
      (err, _stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: unknown }) | null;
        if (e && typeof e.code === "string")
          resolve({ code: null, stderr, timedOut: false, spawnError: `${e.code}: ${e.message}` });
        else
          resolve({
            code: e ? (typeof e.code === "number" ? e.code : null) : 0,
            stderr,
            timedOut: Boolean(e?.killed),
            spawnError: undefined,
          });
      },
    );
    child.stdin?.end();
  });
}

/** Why bwrap could not start a sandbox, as one sentence with the fix when the cause is known. */
function sandboxFailure(stderr: string, bwrap: string): { message: string; fix: string | null } {
  const said =
    stderr
      .trim()
      .split("\n")
      .filter(Boolean)
      .at(-1)
      ?.replace(/^bwrap:\s*/, "") ?? "no message";
  if (/unrecognized option|unknown option/i.test(stderr)) {
    return {
      message: `${bwrap} is too old for the grading sandbox (${said}); bubblewrap 0.8 or newer is needed (Debian 12)`,
      fix: null,
    };
  }
  const userns =
    /No permissions to create(?:ing)? new namespace|setting up uid map|Creating new namespace failed|Operation not permitted|user namespace/i.test(
      stderr,
    );
  if (!userns) return { message: `bubblewrap (${bwrap}) could not start a sandbox: ${said}`, fix: null };
  const sysctl = userNamespaceSysctl();
  const how = sysctl
    ? `enable them with \`sudo sysctl -w ${sysctl}\` (persist it in /etc/sysctl.d/)`
    : "allow them for this user (in a container: --security-opt seccomp=unconfined --security-opt apparmor=unconfined, as docker-compose.yml gives the grader)";
  return {
    message: `unprivileged user namespaces are disabled on this host, so bubblewrap cannot create the grading sandbox (bwrap said: ${said}); ${how}`,
    fix: sysctl ? `sudo sysctl -w ${sysctl}` : null,
  };
}

/** The sysctl setting that turns unprivileged user namespaces off here, as `name=value-that-enables`, if any. */
function userNamespaceSysctl(): string | null {
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, "utf8").trim();
    } catch {
      return null;
    }
  };
  if (read("/proc/sys/kernel/unprivileged_userns_clone") === "0") return "kernel.unprivileged_userns_clone=1";
  if (read("/proc/sys/user/max_user_namespaces") === "0") return "user.max_user_namespaces=15000";
  if (read("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") === "1")
    return "kernel.apparmor_restrict_unprivileged_userns=0";
  return null;
}

/**
 * Checks bubblewrap, prlimit and a trial sandbox (a few milliseconds when all is well; at most TRIAL_TIMEOUT_MS).
 * Never throws: every problem is a result with its one-line message.
 */
export async function checkGradingPrerequisites(
  opts: { env?: Env; timeoutMs?: number; asRoot?: boolean } = {},
): Promise<GradingPrerequisites> {
  const env = opts.env ?? process.env;
  const asRoot = opts.asRoot ?? isRootProcess();
  const started = Date.now();
  const done = (r: Omit<GradingPrerequisites, "checkedAt" | "durationMs">): GradingPrerequisites => ({
    ...r,
    checkedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
  });
  const sandbox = env.GRADER_SANDBOX?.trim() ?? "";
  if (sandbox === "none") {
    return done({
      ok: true,
      mode: "none",
      missingPackages: [],
      fix: null,
      message: "GRADER_SANDBOX=none: student code runs without bubblewrap (development only)",
    });
  }
  if (sandbox !== "" && sandbox !== "bwrap") {
    return done({
      ok: false,
      mode: "bwrap",
      missingPackages: [],
      fix: "unset GRADER_SANDBOX",
      message: `grading is unavailable: GRADER_SANDBOX='${sandbox}' is not understood: leave it unset (bubblewrap) or set 'none' (development only)`,
    });
  }
  const override = env.GRADER_BWRAP?.trim() ?? "";
  const bwrap = override
    ? fs.existsSync(/* turbopackIgnore: true */ override)
      ? override
      : null
    : findExecutable("bwrap", env);
  const prlimit = findExecutable("prlimit", env);
  const missing = [...(bwrap ? [] : ["bubblewrap"]), ...(prlimit ? [] : ["util-linux"])];
  if (missing.length) {
    const what = [
      ...(bwrap
        ? []
        : [`bubblewrap (bwrap) is not installed${override ? ` (GRADER_BWRAP=${override} does not exist)` : ""}`]),
      ...(prlimit ? [] : ["prlimit (util-linux) is not installed"]),
    ].join(" and ");
    const fix = installCommand(missing, asRoot);
    return done({
      ok: false,
      mode: "bwrap",
      missingPackages: missing,
      fix,
      message: `grading is unavailable: ${what}; run \`${fix}\``,
    });
  }
  const trial = await run(prlimit!, ["--nofile=256", "--", bwrap!, ...TRIAL_BWRAP_FLAGS], {
    uid: asRoot ? TRIAL_UID : undefined,
    timeoutMs: opts.timeoutMs ?? TRIAL_TIMEOUT_MS,
  });
  if (trial.code === 0) {
    return done({
      ok: true,
      mode: "bwrap",
      missingPackages: [],
      fix: null,
      message: `the grading sandbox works (${bwrap} under ${prlimit})`,
    });
  }
  if (trial.spawnError || trial.timedOut) {
    const why = trial.timedOut
      ? `did not finish within ${opts.timeoutMs ?? TRIAL_TIMEOUT_MS} ms`
      : `could not be started (${trial.spawnError})`;
    return done({
      ok: false,
      mode: "bwrap",
      missingPackages: [],
      fix: null,
      message: `grading is unavailable: a trial sandbox (${bwrap}) ${why}`,
    });
  }
  const failure = sandboxFailure(trial.stderr, bwrap!);
  return done({
    ok: false,
    mode: "bwrap",
    missingPackages: [],
    fix: failure.fix,
    message: `grading is unavailable: ${failure.message}`,
  });
}
