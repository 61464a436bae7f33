import path from "node:path";
import { childEnv, spawnChild, type Child } from "../../scripts/bench/load-processes";

export interface EmbeddedServer {
  pid: number;
  baseUrl: string;
  log(): string;
  exited: Child["exited"];
  /** kill -9 of the whole server: its process group, all at once, with no chance to clean up. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

type ServerOptions = { distDir: string; port: number; pgliteDir: string; env?: Record<string, string> };

/**
 * `next start` (one process, no npx wrapper) in embedded mode on `pgliteDir`: the server owns PGlite and grades in
 * process. Resolves once the grading workers poll, i.e. the database is open and migrated.
 */
export async function startEmbeddedServer(opts: ServerOptions): Promise<EmbeddedServer> {
  const { server, child } = spawnServer(opts);
  const started = Date.now();
  while (!/worker\(s\) polling the grading queue/.test(server.log())) {
    if (!child.alive()) throw new Error(`the server exited while starting:\n${server.log()}`);
    if (Date.now() - started > 90_000) {
      await server.kill9();
      throw new Error(`the server did not start in 90 s:\n${server.log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return server;
}

function spawnServer(opts: ServerOptions): { server: EmbeddedServer; child: Child } {
  // childEnv drops DATABASE_URL's companions; the embedded server must not see DATABASE_URL itself either.
  const env = childEnv({
    NODE_ENV: "production",
    NEXT_DIST_DIR: opts.distDir,
    PGLITE_DIR: opts.pgliteDir,
    AUTH_SECRET: "embedded-kill-test-secret-0123456789abcdef",
    AUTH_TRUST_HOST: "true",
    ...opts.env,
  });
  delete env.DATABASE_URL;
  const next = path.resolve("node_modules/next/dist/bin/next");
  const child = spawnChild("embedded", [next, "start", "-p", String(opts.port), "-H", "127.0.0.1"], env);
  const server: EmbeddedServer = {
    pid: child.pid,
    baseUrl: `http://127.0.0.1:${opts.port}`,
    log: child.log,
    exited: child.exited,
    async kill9() {
      child.killNow();
      await child.exited;
    },
    stop: () => child.stop(15_000),
  };
  return { server, child };
}

/** Starts a server that must refuse to start: waits for it to exit (killing it after `timeoutMs`). */
export async function startExpectingFailure(opts: ServerOptions, timeoutMs = 60_000): Promise<{ exited: boolean; code: number | null; log: string }> {
  const { server } = spawnServer(opts);
  const timer = setTimeout(() => void server.kill9(), timeoutMs);
  const { code, signal } = await server.exited;
  clearTimeout(timer);
  return { exited: signal !== "SIGKILL", code, log: server.log() };
}
