/**
 * What PGlite does after kill -9 (issue #11): a child process commits rows as fast as it can and is killed at a
 * random moment, five times on one folder. Every commit it acknowledged must be there after each reopen, with no
 * gaps, and the folder must open without help.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { recordFaultFigures } from "./support/summary";

const ROUNDS = 5;

describe("PGlite under kill -9", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "unlabeled-pglite-kill-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged commit through ${ROUNDS} kills of its process`, async () => {
    const rounds: { acked: number; found: number; reopenMs: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const child = spawn(process.execPath, [path.resolve("tests/faults/support/pglite-writer.mjs"), dir], { stdio: ["ignore", "pipe", "pipe"] });
      let acked = -1;
      let first = -1;
      let buf = "";
      let err = "";
      child.stderr.on("data", (c: Buffer) => (err += c.toString()));
      child.stdout.on("data", (c: Buffer) => {
        buf += c.toString();
        const lines = buf.split("\n");
        buf = lines.pop()!;
        for (const line of lines) {
          const [kind, n] = line.split(" ");
          if (kind === "start") first = Number(n);
          else acked = Number(n);
        }
      });
      const target = 30 + Math.floor(Math.random() * 200);
      const exited = new Promise((resolve) => child.on("exit", resolve));
      const deadline = Date.now() + 30_000;
      while (!(first >= 0 && acked >= first + target)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the writer did not get going: ${err.slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      child.kill("SIGKILL");
      await exited;
      const t = Date.now();
      const db = new PGlite(dir);
      await db.waitReady;
      const reopenMs = Date.now() - t;
      const { rows } = await db.query<{ n: number; m: number }>("select count(*)::int as n, max(i)::int as m from t");
      await db.close();
      rounds.push({ acked, found: rows[0]!.m, reopenMs });
      // No gaps, nothing acknowledged missing; at most the one commit whose "ok" line the kill cut off is extra.
      expect(rows[0]!.n).toBe(rows[0]!.m);
      expect(rows[0]!.m).toBeGreaterThanOrEqual(acked);
      expect(rows[0]!.m).toBeLessThanOrEqual(acked + 1);
    }
    recordFaultFigures("pgliteKill", {
      kills: ROUNDS,
      ackedCommitsLost: rounds.filter((r) => r.found < r.acked).length,
      rounds,
    });
  }, 120_000);
});
