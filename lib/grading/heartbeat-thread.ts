import "server-only";
import { Worker } from "node:worker_threads";

/**
 * Heartbeats from a worker thread with its own PostgreSQL connection. An experiment whose trusted part trains on the
 * grader's main thread (ssl-pretext's and augmentation's run there for minutes) starves the main thread's timers:
 * without this its running submission looked dead after GRADER_STALE_AFTER_MS, and another grader graded it again
 * (measured in the rush bench: 3 of 12 sample gradings). The thread renews the heartbeat of the submissions this
 * process is grading and of its registry row; it dies with the process, so a dead grader still goes silent.
 * PostgreSQL only: PGlite lives in the main thread, where the sweeper waits for the same timers anyway.
 */
const THREAD = `
const { parentPort, workerData } = require("node:worker_threads");
const { Client } = require("pg");
const jobs = new Map();
let client = null;
let busy = false;
async function beat() {
  if (busy) return;
  busy = true;
  try {
    if (!client) {
      const c = new Client({ connectionString: workerData.url });
      c.on("error", () => { client = null; });
      await c.connect();
      client = c;
    }
    for (const [id, attempt] of jobs) {
      await client.query("update submission set heartbeat_at = now() where id = $1 and attempts = $2 and status = 'running'", [id, attempt]);
    }
    await client.query("update grader set heartbeat_at = now() where id = $1", [workerData.graderId]);
  } catch {
    const c = client;
    client = null;
    if (c) c.end().catch(() => {});
  } finally {
    busy = false;
  }
}
const timer = setInterval(beat, workerData.everyMs);
parentPort.on("message", (m) => {
  if (m.type === "start") jobs.set(m.id, m.attempt);
  else if (m.type === "end") jobs.delete(m.id);
  else if (m.type === "stop") {
    clearInterval(timer);
    Promise.resolve(client && client.end()).catch(() => {}).finally(() => parentPort.close());
  }
});
`;

export interface HeartbeatThread {
  start(submissionId: string, attempt: number): void;
  end(submissionId: string): void;
  stop(): Promise<void>;
}

export function startHeartbeatThread(opts: { url: string; everyMs: number; graderId: string }): HeartbeatThread {
  const worker = new Worker(THREAD, { eval: true, workerData: opts });
  worker.on("error", (err) => console.error(`[grader] heartbeat thread failed: ${err.message}`));
  worker.unref();
  return {
    start: (id, attempt) => worker.postMessage({ type: "start", id, attempt }),
    end: (id) => worker.postMessage({ type: "end", id }),
    async stop() {
      worker.postMessage({ type: "stop" });
      await Promise.race([new Promise((r) => worker.once("exit", r)), new Promise((r) => setTimeout(r, 2000))]);
      await worker.terminate();
    },
  };
}
