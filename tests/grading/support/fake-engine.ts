import path from "node:path";
import type { Actor } from "@/lib/context";
import type { StoredResult } from "@/lib/grading/record-result";
import type { GradePhase } from "@/lib/grading/schedule";
import type { GraderDeps } from "@/lib/grading/worker";
import { createUser } from "@/lib/users/create-user";
import type { TestDb } from "../../support/test-db";

export const rushContent = path.resolve("tests/fixtures/rush-course/content");
export const TRAINING = ["train-lab", "train-lab-b"];

export interface Call {
  source: string;
  slug: string;
  phase: GradePhase;
  prior: StoredResult | null;
  start: number;
  end: number;
}

/**
 * A stand-in for the engine behind the real worker: each grading sleeps `ms(slug, phase)` and scores 10 when the
 * source says "correct". With `splitsPhases`, the cheap phase of a training lab asks for the expensive one.
 */
export function fakeEngine(opts: {
  ms: (slug: string, phase: GradePhase) => number;
  splitsPhases?: boolean;
  calls: Call[];
  /** Awaited before a grading finishes (a test holds one open while it submits more). */
  gate?: (source: string) => Promise<void>;
}): GraderDeps {
  return {
    async graderVersion() {
      return "fake-grader";
    },
    async trainingAssignments() {
      return TRAINING;
    },
    splitsPhases: opts.splitsPhases ?? false,
    async grade({ slug, source, phase, prior, onProgress }) {
      const call: Call = { source, slug, phase, prior, start: Date.now(), end: 0 };
      opts.calls.push(call);
      onProgress({ phase: "running" });
      await new Promise((r) => setTimeout(r, opts.ms(slug, phase)));
      await opts.gate?.(source);
      call.end = Date.now();
      const score = source.includes("correct") ? 10 : 0;
      const pending = phase === "cheap" && TRAINING.includes(slug) && score > 0;
      return { score, max_score: 10, passed: score === 10, backend: "fake", error: null, tests: [], ...(pending ? { pending_expensive: true } : {}) } satisfies StoredResult;
    },
  };
}

export async function makeActors(t: TestDb, names: string[]): Promise<Record<string, Actor>> {
  const prof = await createUser(t.handle.db, { email: "prof@example.org", password: "instructor-pass-1" });
  const out: Record<string, Actor> = { prof: { id: prof.id, email: prof.email, name: prof.name, role: prof.role } };
  for (const name of names) {
    const u = await createUser(t.handle.db, { email: `${name}@example.org`, password: "student-pass-12" });
    out[name] = { id: u.id, email: u.email, name: u.name, role: u.role };
  }
  return out;
}

/** A promise and the function that resolves it. */
export function latch(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
