import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A throwaway PostgreSQL 15 cluster that a test may stop and start at will (never the shared one on 5432):
 * initdb + pg_ctl as the `postgres` OS user, in a temp folder, on a free port, trust auth on 127.0.0.1 only.
 */
const BIN = "/usr/lib/postgresql/15/bin";

/** Why a private server cannot run here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!fs.existsSync(path.join(BIN, "initdb")) || !fs.existsSync(path.join(BIN, "pg_ctl"))) return `PostgreSQL 15 binaries not found in ${BIN}`;
  if (process.getuid?.() !== 0) return "a private PostgreSQL is started as the postgres OS user, which needs root";
  try {
    execFileSync("id", ["postgres"], { stdio: "ignore" });
  } catch {
    return "there is no postgres OS user";
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  port: number;
  url(database: string): string;
  stop(mode: "fast" | "immediate"): void;
  start(): void;
  destroy(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-pg-"));
  fs.chmodSync(root, 0o755);
  const data = path.join(root, "data");
  const sock = path.join(root, "sock");
  fs.mkdirSync(sock);
  execFileSync("chown", ["-R", "postgres:postgres", root]);
  const port = await freePort();
  const as = (bin: string, args: string[]) =>
    execFileSync("runuser", ["-u", "postgres", "--", path.join(BIN, bin), ...args], { stdio: "pipe", timeout: 60_000 });
  as("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const opts = `-p ${port} -k ${sock} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const pg: PrivatePostgres = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => void as("pg_ctl", ["-D", data, "-l", path.join(root, "log"), "-o", opts, "-w", "-t", "30", "start"]),
    stop: (mode) => void as("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "30", "stop"]),
    destroy: () => {
      try {
        as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  pg.start();
  return pg;
}
