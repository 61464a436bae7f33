/**
 * Child processes of the load run: one production `next start` on PostgreSQL and N standalone graders. Each is
 * started as one node process (no npm/npx/tsx wrapper), in its own process group, so stopping it leaves nothing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface Child {
  name: string;
  pid: number;
  log(): string;
  alive(): boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM to the process group, SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the process group, synchronously (for process exit). */
  killNow(): void;
}

const KEEP_LOG = 200_000;

/** One node process in its own process group, its output kept in memory (the tail of long logs). */
export function spawnChild(name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Child {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (c: Buffer) => {
    out += c.toString();
    if (out.length > KEEP_LOG * 2) out = out.slice(-KEEP_LOG);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  return {
    name,
    pid: child.pid!,
    log: () => out,
    alive: () => !done,
    exited,
    killNow: () => {
      if (!done) signal("SIGKILL");
    },
    async stop(graceMs = 15_000) {
      if (done) return;
      signal("SIGTERM");
      const timer = setTimeout(() => signal("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The environment of a child: this process's, without anything that would point it at another database. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // TSX_DISABLE_CACHE: tsx would otherwise leave transpiled hidden graders, world-readable, in /tmp/tsx-<uid>.
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TSX_DISABLE_CACHE: "1", ...extra };
  for (const k of ["PGLITE_DIR", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "NODE_OPTIONS", "GRADER_IN_WEB"])
    delete env[k];
  return { ...env, ...extra };
}

/** A production build in `distDir`, or a clear reason why not. */
export function checkBuild(distDir: string): string | null {
  if (!fs.existsSync(path.resolve(distDir, "BUILD_ID"))) {
    return `no production build in ${distDir}: run \`NEXT_DIST_DIR=${distDir} npx next build\` first (or pass --build)`;
  }
  return null;
}

/** A port in [from, to] that nothing listens on now, scanning from a random start (other runs may hold some). */
export async function freePortIn(from: number, to: number): Promise<number> {
  for (
    let port = from + Math.floor(Math.random() * (to - from)), i = 0;
    i <= to - from;
    i++, port = port >= to ? from : port + 1
  ) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from} to ${to}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `next start` on PostgreSQL (it serves, graders grade); resolves once /api/health answers 200 from the database. */
export async function startWebServer(opts: {
  distDir: string;
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<Child & { baseUrl: string }> {
  const env = childEnv({
    NODE_ENV: "production",
    NEXT_DIST_DIR: opts.distDir,
    DATABASE_URL: opts.databaseUrl,
    GRADER_IN_WEB: "0",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "load-bench-secret-0123456789abcdef0123",
    AUTH_TRUST_HOST: "true",
    ...opts.env,
  });
  const next = path.resolve("node_modules/next/dist/bin/next");
  const child = spawnChild("web", [next, "start", "-p", String(opts.port), "-H", "127.0.0.1"], env);
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const started = Date.now();
  for (;;) {
    if (!child.alive()) throw new Error(`the web server exited while starting:\n${child.log()}`);
    if (Date.now() - started > 120_000) {
      await child.stop(1000);
      throw new Error(`the web server did not answer /api/health in 120 s:\n${child.log()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  return { ...child, baseUrl };
}

/** One `npm run grader` process (node + tsx loader); resolves once its workers poll the queue. */
export async function startGrader(
  i: number,
  databaseUrl: string,
  concurrency: number,
  env: Record<string, string> = {},
  /** The checkout whose scripts/grader.ts runs (another commit's worktree: rush --before). */
  cwd: string = process.cwd(),
): Promise<Child> {
  const child = spawnChild(
    `grader-${i}`,
    ["--import", "tsx", "--conditions=react-server", "scripts/grader.ts", "--concurrency", String(concurrency)],
    childEnv({ DATABASE_URL: databaseUrl, ...env }),
    cwd,
  );
  const started = Date.now();
  while (!/worker\(s\) polling the grading queue/.test(child.log())) {
    if (!child.alive()) throw new Error(`grader ${i} exited while starting:\n${child.log()}`);
    if (Date.now() - started > 120_000) {
      await child.stop(1000);
      throw new Error(`grader ${i} did not start polling in 120 s:\n${child.log()}`);
    }
    await sleep(100);
  }
  return child;
}

/** A user's session cookies after a real sign-in through Auth.js's credentials endpoint (what the form posts). */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), origin: baseUrl },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: baseUrl }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token")))
    throw new Error(`sign-in of ${email} failed: HTTP ${res.status}`);
  const me = await fetch(`${baseUrl}/api/me`, { headers: { cookie: cookie() } });
  const body = me.ok ? ((await me.json()) as { user: { email: string } | null }) : null;
  if (body?.user?.email !== email)
    throw new Error(`${email} got a session cookie but /api/me does not know them (HTTP ${me.status})`);
  return cookie();
}
