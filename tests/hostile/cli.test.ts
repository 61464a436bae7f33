// `npm run course -- grade` over the hostile fixtures, as an instructor would run it: one JSON result per file,
// never a crash or a platform error, every fixture a graded zero with a student-caused failure. Also: running the CLI
// leaves no transpiled hidden file in tsx's cache under the shared /tmp.
// Every fixture runs through the queue in hostile-queue.test.ts and, for the other assignments, integrity.test.ts,
// with their full assertions. What this file adds is the CLI's path, so CI takes one case of each outcome (error
// kind, wall kind and message) plus every compile-time and oversized case, and the function-kind assignments'
// fixtures; UNLABELED_FULL=1 runs every fixture of every assignment here too.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { GradeResult } from "@/graders/engine/result";
import { acceptedKinds, HOSTILE_CASES } from "./cases";
import { caseSource } from "./support";

const FULL = process.env.UNLABELED_FULL === "1";
/** The assignments whose fixtures CI grades through the CLI here (no training: seconds, not minutes). */
const CI_SLUGS = new Set(["hello-tensor", "mlm-masking", "nsp-pairs", "causal-attention"]);

/** One case per distinct outcome, and every compile-time and oversized case (CI); every case with UNLABELED_FULL=1. */
function casesToRun() {
  if (FULL) return HOSTILE_CASES;
  const seen = new Set<string>();
  return HOSTILE_CASES.filter((c) => {
    if (c.kind === "compile" || c.direct) return true;
    const outcome = JSON.stringify([c.kind, c.wall?.kind ?? null, c.message.source.slice(0, 25)]);
    if (seen.has(outcome)) return false;
    seen.add(outcome);
    return true;
  });
}

type Row = { file: string; result?: GradeResult; error?: { kind: string; message: string } };
const dir = mkdtempSync(path.join(tmpdir(), "unlabeled-hostile-cli-"));
const started = Date.now();

function course(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", "course", "--", ...args], { env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function gradeFiles(slug: string, files: string[], halves = 2): Promise<Row[]> {
  const size = Math.ceil(files.length / halves);
  const parts = Array.from({ length: halves }, (_, i) => files.slice(i * size, (i + 1) * size)).filter((p) => p.length);
  const runs = await Promise.all(parts.map((part) => course(["grade", slug, ...part, "--json", "--seed", "5", "--max-seconds", "3"])));
  return runs.flatMap((run, i) => {
    expect(run.stderr, `the CLI wrote to stderr for ${slug}`).not.toMatch(/Error:|at .*\.ts:\d+/);
    const parsed = JSON.parse(run.stdout) as Row[] | GradeResult;
    // One file prints its result object; several print an array of { file, result }.
    const rows = Array.isArray(parsed) ? parsed : [{ file: parts[i]![0]!, result: parsed }];
    expect(rows.map((r) => r.file)).toEqual(parts[i]);
    return rows;
  });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("course grade over every hostile fixture", { timeout: 600_000 }, () => {
  test("hello-tensor: each queue-suite case run gets a graded JSON result, a zero with a student-caused failure", async () => {
    const cases = casesToRun();
    expect(cases.length).toBeGreaterThanOrEqual(FULL ? HOSTILE_CASES.length : 40);
    const files = cases.map((c) => {
      const file = path.join(dir, `${c.name}.ts`);
      writeFileSync(file, caseSource(c));
      return file;
    });
    const rows = await gradeFiles("hello-tensor", files);
    for (const [i, c] of cases.entries()) {
      const row = rows[i]!;
      expect(row.error, `${c.name}: ${row.error?.message}`).toBeUndefined();
      const r = row.result!;
      expect(r.score, c.name).toBe(0);
      // The CLI grades with the real memory limits (the queue suite caps them), so a bomb may end another way;
      // what matters here is a student-caused kind, never a platform failure.
      expect(["compile", "runtime", "timeout", "memory", "sandbox", "output", undefined], c.name).toContain(r.error?.kind);
      if (c.kind === "compile") expect(acceptedKinds(c)).toContain(r.error?.kind);
      expect(JSON.stringify(r)).not.toContain("unlabeled-hidden-");
      expect(JSON.stringify(r)).not.toMatch(/\u001b/);
    }
  });

  test("the other assignments' hostile fixtures: a graded JSON result each, no platform error", async () => {
    const root = path.join("tests", "fixtures", "hostile-assignments");
    for (const slug of readdirSync(root).filter((s) => FULL || CI_SLUGS.has(s))) {
      const files = readdirSync(path.join(root, slug)).map((f) => path.join(root, slug, f));
      const rows = await gradeFiles(slug, files, 1);
      for (const row of rows) {
        expect(row.error, `${row.file}: ${row.error?.message}`).toBeUndefined();
        expect(row.result!.tests.length, row.file).toBeGreaterThan(0);
        expect(JSON.stringify(row.result)).not.toContain("unlabeled-hidden-");
      }
    }
  });

  test("no transpiled hidden file is left in tsx's cache under the shared temporary folder", () => {
    const cache = path.join(tmpdir(), `tsx-${process.geteuid?.() ?? userInfo().username}`);
    let fresh: string[] = [];
    try {
      fresh = readdirSync(cache).filter((f) => statSync(path.join(cache, f)).mtimeMs >= started);
    } catch {
      fresh = [];
    }
    const leaking = fresh.filter((f) => {
      try {
        return readFileSync(path.join(cache, f), "utf8").includes("unlabeled-hidden-");
      } catch {
        return false;
      }
    });
    expect(leaking).toEqual([]);
  });
});
