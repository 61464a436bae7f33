import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/** The production build these tests run against (scripts/test.ts builds it and sets NEXT_DIST_DIR), or why not. */
export function builtDistDir(): { dir: string } | { skip: string } {
  const dir = process.env.NEXT_DIST_DIR;
  if (!dir) return { skip: "NEXT_DIST_DIR is unset: served tests run after `next build` (npm test sets it)" };
  if (!fs.existsSync(path.resolve(dir, "BUILD_ID"))) return { skip: `no production build in ${dir} (run next build with NEXT_DIST_DIR=${dir})` };
  return { dir };
}

/** A port in [from, to] that nothing listens on now (servers of other test runs may hold some). */
export async function freePortIn(from: number, to: number): Promise<number> {
  for (let port = from + Math.floor(Math.random() * (to - from)), i = 0; i <= to - from; i++, port = port >= to ? from : port + 1) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once("error", () => resolve(false));
      srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from} to ${to}`);
}

export interface EmbeddedServer {
  pid: number;
  baseUrl: string;
  log(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9 of the whole server: its process group, all at once, with no chance to clean up. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `next start` (one process, no npx wrapper) in embedded mode on `pgliteDir`: the server owns PGlite and grades in
 * process. Resolves once the grading workers poll, i.e. the database is open and migrated.
 */
type ServerOptions = { distDir: string; port: number; pgliteDir: string; env?: Record<string, string> };

export async function startEmbeddedServer(opts: ServerOptions): Promise<EmbeddedServer> {
  const server = spawnServer(opts);
  const started = Date.now();
  while (!/worker\(s\) polling the grading queue/.test(server.log())) {
    if (server.done()) throw new Error(`the server exited while starting:\n${server.log()}`);
    if (Date.now() - started > 90_000) {
      await server.kill9();
      throw new Error(`the server did not start in 90 s:\n${server.log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

function spawnServer(opts: ServerOptions): EmbeddedServer & { done(): boolean } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: opts.distDir,
    PGLITE_DIR: opts.pgliteDir,
    AUTH_SECRET: "embedded-kill-test-secret-0123456789abcdef",
    AUTH_TRUST_HOST: "true",
    ...opts.env,
  };
  for (const k of ["DATABASE_URL", "VITEST", "NODE_OPTIONS", "GRADER_IN_WEB"]) delete env[k];
  const child: ChildProcess = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(opts.port), "-H", "127.0.0.1"], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  const server: EmbeddedServer = {
    pid: child.pid!,
    baseUrl: `http://127.0.0.1:${opts.port}`,
    log: () => out,
    exited,
    async kill9() {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      await exited;
    },
    async stop() {
      if (done) return;
      process.kill(-child.pid!, "SIGTERM");
      const timer = setTimeout(() => void server.kill9(), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return { ...server, done: () => done };
}

/** Starts a server that must refuse to start: waits for it to exit (killing it after `timeoutMs`). */
export async function startExpectingFailure(opts: ServerOptions, timeoutMs = 60_000): Promise<{ exited: boolean; code: number | null; log: string }> {
  const server = spawnServer(opts);
  const timer = setTimeout(() => void server.kill9(), timeoutMs);
  const { code, signal } = await server.exited;
  clearTimeout(timer);
  return { exited: signal !== "SIGKILL", code, log: server.log() };
}

/** A signed-in student's cookies, through Auth.js's credentials endpoint (what the sign-in form posts). */
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
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: baseUrl }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return cookie();
}
