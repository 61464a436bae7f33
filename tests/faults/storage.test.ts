/**
 * Fault injection (issue #11): the embedded database (PGlite) on a full disk and in a read-only `.data/`. Each case
 * runs on a tmpfs of its own. A write that cannot be stored must fail with a clear message to the user (HTTP 503
 * JSON) and to the log, and nothing committed before may be lost or damaged.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { submissions, users } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { enqueueGrading, getQueue, stopQueue } from "@/lib/grading/queue";
import { errorResponse } from "@/lib/http";
import { submit } from "@/lib/submissions/submit";
import { recordFaultFigures } from "./support/summary";
import { makeStudents, solution } from "./support/submissions";
import { mountTmpfs, tmpfsUnavailable, type Tmpfs } from "./support/tmpfs";

const skipReason = tmpfsUnavailable();
if (skipReason) console.warn(`[faults] storage skipped: ${skipReason}`);

/** A source that does not compress (random base64 in a comment), so each submission needs fresh disk pages. */
const bulky = () => `${solution}\n// ${crypto.randomBytes(100_000).toString("base64")}\n`;
const sha = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

async function sourcesById(handle: DbHandle): Promise<Map<string, string>> {
  const rows = await handle.db.select({ id: submissions.id, source: submissions.source }).from(submissions);
  return new Map(rows.map((r) => [r.id, sha(r.source)]));
}

describe.skipIf(!!skipReason)(`embedded database storage faults${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  const mounts: Tmpfs[] = [];
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await stopQueue().catch(() => undefined);
    for (const m of mounts) m.unmount();
  });

  it("refuses a submission on a full disk with a clear 503 and keeps every committed row", async () => {
    const disk = mountTmpfs(160);
    mounts.push(disk);
    const dir = path.join(disk.dir, "pglite");
    let handle = await openDb({ kind: "pglite", dir });
    const students = await makeStudents(handle.db, 10, "disk");
    const boss = await getQueue(handle);
    const committed = new Map<string, string>();
    let n = 0;
    const submitOne = (actor: Actor, source: string) =>
      submit({ ctx: { db: handle.db, actor, supersede: false, enqueue: (job, jobId) => enqueueGrading(boss, job, jobId) }, input: { assignment: "hello-tensor", source } });
    for (; n < 3; n++) {
      const source = bulky();
      committed.set((await submitOne(students[n % 10]!, source)).id, sha(source));
    }

    const filler = disk.fill();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    let refusal: { status: number; body: { error: { code: string; message: string } } } | null = null;
    let acceptedAfterFull = 0;
    for (let i = 0; i < 150 && !refusal; i++, n++) {
      const source = bulky();
      try {
        const sub = await submitOne(students[n % 10]!, source);
        committed.set(sub.id, sha(source));
        acceptedAfterFull++;
      } catch (err) {
        const res = errorResponse(err);
        refusal = { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
      }
    }
    expect(refusal, "the full disk never refused a write").not.toBeNull();
    expect(refusal!.status).toBe(503);
    expect(refusal!.body.error).toEqual({ code: "unavailable", message: expect.stringMatching(/disk is full.*nothing was changed/) });
    const logLines = logged.mock.calls.map((c) => c.join(" "));
    expect(logLines.some((l) => /\[http\] database disk-full: .*(No space left on device|could not extend)/i.test(l)), logLines.join("\n")).toBe(true);
    logged.mockRestore();

    // Reads still work on the full disk; a fresh start is refused with one sentence naming the folder and the cause.
    expect((await handle.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n).toBe(11);
    await stopQueue();
    await handle.close();
    await expect(openDb({ kind: "pglite", dir })).rejects.toThrow(`The embedded database folder ${dir} is on a full disk`);

    // Space freed: the same folder opens, every committed submission is there byte for byte, and writes work again.
    fs.rmSync(filler);
    handle = await openDb({ kind: "pglite", dir });
    const stored = await sourcesById(handle);
    expect(stored).toEqual(committed);
    await handle.db.update(submissions).set({ phase: "checked" }).where(eq(submissions.status, "queued"));
    const { rows } = await handle.executeSql("select count(*)::int as n from pgboss.job where name = 'grade-submission'");
    expect(rows[0]!.n).toBe(committed.size);
    await handle.close();
    recordFaultFigures("fullDisk", {
      tmpfsMb: 160,
      committedBeforeFull: 3,
      acceptedWhileFilling: acceptedAfterFull,
      refusalStatus: refusal!.status,
      rowsAfterReopen: stored.size,
      lost: [...committed.keys()].filter((id) => !stored.has(id)).length,
      corrupted: [...committed].filter(([id, h]) => stored.has(id) && stored.get(id) !== h).length,
    });
  }, 120_000);

  it("names a read-only .data/ and its cause, both in openDb and in npm start, and loses nothing", async () => {
    const data = mountTmpfs(96);
    mounts.push(data);
    const dir = path.join(data.dir, "pglite");
    let handle = await openDb({ kind: "pglite", dir });
    await makeStudents(handle.db, 2, "ro");
    await handle.close();
    data.remount("ro");

    await expect(openDb({ kind: "pglite", dir })).rejects.toThrow(
      `The embedded database folder ${dir} is on a read-only file system. Make it writable, or point PGLITE_DIR (or UNLABELED_DATA_DIR) at another folder.`,
    );
    // `npm start` with .data/ read-only: exits at once with that sentence, before any build or server start.
    const env: NodeJS.ProcessEnv = { ...process.env, UNLABELED_DATA_DIR: data.dir, PORT: "3249" };
    for (const k of ["PGLITE_DIR", "DATABASE_URL", "AUTH_SECRET", "VITEST", "NODE_OPTIONS"]) delete env[k];
    const started = Date.now();
    const out = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
      let text = "";
      child.stdout.on("data", (c: Buffer) => (text += c.toString()));
      child.stderr.on("data", (c: Buffer) => (text += c.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      child.on("exit", (code) => {
        clearTimeout(timer);
        resolve({ code, text });
      });
    });
    expect(out.code).toBe(1);
    expect(out.text.trim()).toBe(
      `Cannot start: The embedded database folder ${dir} is on a read-only file system. Make it writable, or point PGLITE_DIR (or UNLABELED_DATA_DIR) at another folder.`,
    );
    expect(out.text).not.toMatch(/\n\s+at /);
    const startExitMs = Date.now() - started;

    data.remount("rw");
    handle = await openDb({ kind: "pglite", dir });
    expect((await handle.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n).toBe(3);
    await handle.close();
    recordFaultFigures("readOnlyData", { startExitCode: out.code, startExitMs, rowsAfterRemount: 3 });
  }, 120_000);
});
